import { ratingLevelNames, ratingLevels } from '@yichuang/domain/ratings';
import type { DocumentFont } from './font';
import { chineseDate, chineseDateTime, feeText } from './format';
import type { KeyValueRow, MakeOptions } from './layout/document';
import {
  bodySize,
  hallContacts,
  labelColumn,
  mark,
  matterRows,
  partyRows,
  provisionalNote,
  sealBlock,
  startNotice,
} from './notice';
import type { ReceiptData } from './types';

/** The ratings the hall's evaluation (好差评) offers, best first. */
export const ratingOptions = ratingLevels.map((level) => ratingLevelNames[level]);

/** The promised-time sentence, with the provisional words when the calendar is not published yet. */
export function promiseText(
  data: Pick<ReceiptData, 'promisedDays' | 'statutoryDays' | 'promisedDate' | 'promisedProvisional'>,
): string {
  const text =
    `承诺时限 ${data.promisedDays} 个工作日（法定时限 ${data.statutoryDays} 个工作日），` +
    `承诺办结日期 ${chineseDate(data.promisedDate)}`;
  return data.promisedProvisional ? `${text}${provisionalNote}` : text;
}

/** 受理回执: one A4 page for a usual case; a long material list flows on with its header repeated. */
export async function receiptPdf(data: ReceiptData, font: DocumentFont, make: MakeOptions = {}): Promise<Uint8Array> {
  const doc = startNotice(data, '受理回执', font, make);
  const head: KeyValueRow[] = [
    { label: '办件编号', value: data.caseNumber, size: 14, bold: true },
    ...matterRows(data),
  ];
  const parties = partyRows(data.applicant, data.agent, data.agentTerm);
  const terms: KeyValueRow[] = [
    { label: '办理时限', value: promiseText(data) },
    { label: '收费标准', value: feeText(data.fee) },
    { label: '结果领取', value: data.collection },
    {
      label: '受理窗口',
      value: `${data.hall.windowNumber} 号窗口\u3000受理人：${data.clerkName}\u3000受理时间：${chineseDateTime(data.decidedAt)}`,
    },
  ];
  const column = { size: bodySize, lineHeight: 1.5, labelWidth: labelColumn(doc, [...head, ...parties, ...terms]) };
  doc.keyValues(head, column);
  doc.keyValues(parties, column);

  doc.paragraph('您提交的申请材料齐全、符合法定形式，本中心已予受理。收取的申请材料如下：', {
    size: bodySize,
    lineHeight: 1.5,
    spaceBefore: 2,
  });
  doc.table({
    columns: [
      { header: '序号', width: 30, align: 'center' },
      { header: '材料名称', flex: 1 },
      { header: '页数', width: 36, align: 'right' },
      { header: '原件核验', width: 52, align: 'center' },
      { header: '复印件份数', width: 60, align: 'right' },
      { header: '电子证照', width: 52, align: 'center' },
    ],
    rows: data.materials.map((m, i) => [
      String(i + 1),
      m.name,
      String(m.pages),
      mark(m.originalChecked),
      String(m.copies),
      mark(m.eLicence),
    ]),
    size: 9.5,
  });

  doc.keyValues(terms, column);
  doc.paragraph(
    // With a 评价码 the footer asks for the rating, beside its QR code; without, the citizen screen does.
    (data.rating ? '' : `请您对本次服务进行评价：${ratingOptions.join(' / ')}。可在窗口的群众屏上评价。`) +
      (data.byPost
        ? '请妥善保管本回执，办理结果将按上述地址邮寄送达，请注意查收。'
        : '请妥善保管本回执，凭本回执和有效身份证件领取办理结果。'),
    { size: 9.5, lineHeight: 1.5, spaceBefore: 2 },
  );
  sealBlock(doc, data);
  hallContacts(doc, data.hall, data.rating);
  return doc.toPdf();
}
