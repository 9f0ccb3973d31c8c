import type { DocumentFont } from './font';
import { chineseDateOf } from './format';
import type { MakeOptions } from './layout/document';
import { bodySize, closeNotice, startNotice } from './notice';
import type { RejectionNoticeData } from './types';

/** The remedies against a refusal and where the law gives them. */
export function remediesText(reconsiderationBody: string): string {
  return (
    `如不服本决定，可以自收到本通知书之日起六十日内向${reconsiderationBody}申请行政复议，` +
    '或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。'
  );
}

export const remediesBasis = '（依据《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）';

/** 不予受理通知书: the reason and its basis, the clerk's explanation, and the remedies. */
export async function rejectionNoticePdf(
  data: RejectionNoticeData,
  font: DocumentFont,
  make: MakeOptions = {},
): Promise<Uint8Array> {
  const doc = startNotice(data, '不予受理通知书', font, make);
  doc.keyValues([{ label: '办件编号', value: data.caseNumber, size: 14, bold: true }], { size: bodySize });
  doc.paragraph(`${data.applicant.name}：`, { size: bodySize, indent: 0, spaceBefore: 4 });
  doc.paragraph(
    `您于 ${chineseDateOf(data.decidedAt)} 申请办理的「${data.matterName}」（事项编码 ${data.matterCode}），` +
      `经审查，您的申请${data.reason}，根据${data.reasonBasis ?? data.matterBasis}，决定不予受理。`,
    { size: bodySize },
  );
  if (data.text.trim() !== '') doc.paragraph(`说明：${data.text.trim()}`, { size: bodySize });
  doc.paragraph(`${remediesText(data.reconsiderationBody)}${remediesBasis}`, { size: bodySize });
  closeNotice(doc, data, '决定时间');
  return doc.toPdf();
}
