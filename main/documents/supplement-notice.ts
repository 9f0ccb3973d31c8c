import type { DocumentFont } from './font';
import { chineseDate, chineseDateOf } from './format';
import type { MakeOptions } from './layout/document';
import { bodySize, closeNotice, provisionalNote, startNotice } from './notice';
import type { SupplementNoticeData } from './types';

/** 一次性补正告知书: everything missing, told once and in full, with the deadline to bring it. */
export async function supplementNoticePdf(
  data: SupplementNoticeData,
  font: DocumentFont,
  make: MakeOptions = {},
): Promise<Uint8Array> {
  const doc = startNotice(data, '一次性补正告知书', font, make);
  doc.keyValues([{ label: '办件编号', value: data.caseNumber, size: 14, bold: true }], { size: bodySize });
  doc.paragraph(`${data.applicant.name}：`, { size: bodySize, indent: 0, spaceBefore: 4 });
  doc.paragraph(
    `您于 ${chineseDateOf(data.decidedAt)} 申请办理的「${data.matterName}」，经${data.reviewedBy ?? ''}审查，申请材料不齐全或者不符合法定形式。` +
      `根据${data.legalBasis}，现一次性告知您需要补正的全部内容如下：`,
    { size: bodySize },
  );
  doc.table({
    columns: [
      { header: '序号', width: 30, align: 'center' },
      { header: '材料名称', flex: 1 },
      { header: '需补正的内容', flex: 2 },
    ],
    rows: data.items.map((item, i) => [String(i + 1), item.name, item.reason]),
    size: 9.5,
  });
  if (data.note.trim() !== '') doc.paragraph(`其他说明：${data.note.trim()}`, { size: bodySize });
  const deadline = `${chineseDate(data.deadline)} 前${data.deadlineProvisional ? provisionalNote : ''}`;
  doc.paragraph(
    `请于 ${deadline}携带上述材料到${data.hall.name} ${data.hall.windowNumber} 号窗口补正。` +
      '补齐全部材料之日起重新计算承诺办理时限；逾期未补正的，视为放弃申请（可重新申请）。',
    { size: bodySize },
  );
  closeNotice(doc, data, '告知时间');
  return doc.toPdf();
}
