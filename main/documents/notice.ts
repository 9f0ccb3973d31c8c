import type { DocumentFont } from './font';
import { chineseDate, chineseDateOf, chineseDateTime } from './format';
import { A4Document, type KeyValueRow, type MakeOptions } from './layout/document';
import type { HallInfo, NoticeBase, PrintedParty } from './types';

/** What the three notices share: the frame, the QR code, the parties, the hall's contacts. */

/** Printed when a date counts working days on weekends only: next year's holidays are not published yet. */
export const provisionalNote = '（暂按周末计算，以国家公布的节假日安排为准）';

export const progressCaption = '扫码查询办理进度';

/** The body text size of the notices. */
export const bodySize = 10.5;

/**
 * A notice's document: the hall and case number in the header, dated by the decision, stamped
 * when a copy, with the progress QR code at the top right and the centred title.
 */
export function startNotice(data: NoticeBase, title: string, font: DocumentFont, make: MakeOptions = {}): A4Document {
  const doc = new A4Document(font, {
    ...make,
    title: `${title} ${data.caseNumber}`,
    subject: `${data.matterName}（${data.matterCode}）`,
    keywords: [data.caseNumber, data.matterCode, title],
    createdAt: data.decidedAt,
    header: { left: data.hall.name, right: `办件编号 ${data.caseNumber}` },
    copyNumber: data.copy.copyNumber,
  });
  doc.qr(data.progressUrl, { size: 84, caption: progressCaption });
  doc.space(6);
  doc.heading(title, { size: 20 });
  return doc;
}

const kindLabels: Record<PrintedParty['kind'], string> = { person: '个人', enterprise: '企业' };

/** The applicant's rows (and the agent's when there is one, under the matter's word for the agent). */
export function partyRows(applicant: PrintedParty, agent: PrintedParty | null, agentTerm: string): KeyValueRow[] {
  const rows: KeyValueRow[] = [{ label: '申请人', value: `${applicant.name}（${kindLabels[applicant.kind]}）` }];
  rows.push({ label: applicant.idLabel, value: applicant.idShown });
  if (applicant.legalRepresentative) rows.push({ label: '法定代表人', value: applicant.legalRepresentative });
  if (applicant.phoneMasked) rows.push({ label: '联系电话', value: applicant.phoneMasked });
  if (agent) {
    const parts = [`${agent.idLabel} ${agent.idShown}`];
    if (agent.phoneMasked) parts.push(`联系电话 ${agent.phoneMasked}`);
    rows.push({ label: agentTerm, value: `${agent.name}（${parts.join('，')}）` });
  }
  return rows;
}

/** The matter's rows. */
export function matterRows(data: NoticeBase): KeyValueRow[] {
  return [
    { label: '申请事项', value: `${data.matterName}（事项编码 ${data.matterCode}）` },
    { label: '受理部门', value: data.department },
  ];
}

/** One label column for every row of a notice: its longest label, at most 8 characters and the colon (统一社会信用代码). */
export function labelColumn(doc: A4Document, rows: KeyValueRow[], size = bodySize): number {
  const widest = Math.max(...rows.map((r) => doc.measure(`${r.label}：`, size)));
  return Math.min(widest, size * 9) + size * 0.3;
}

/**
 * How a notice ends: the matter, the parties and the window (with the decision's time under
 * `timeLabel`) as one label column, the seal line, and the hall's contacts.
 */
export function closeNotice(doc: A4Document, data: NoticeBase, timeLabel: string): void {
  const rows: KeyValueRow[] = [
    ...matterRows(data),
    ...partyRows(data.applicant, data.agent, data.agentTerm),
    {
      label: '经办窗口',
      value: `${data.hall.windowNumber} 号窗口\u3000经办人：${data.clerkName}\u3000${timeLabel}：${chineseDateTime(data.decidedAt)}`,
    },
  ];
  doc.keyValues(rows, { size: bodySize, lineHeight: 1.5, labelWidth: labelColumn(doc, rows), spaceBefore: 4 });
  sealBlock(doc, data);
  hallContacts(doc, data.hall, data.rating);
}

/** ✓ or — in a table cell. */
export const mark = (yes: boolean): string => (yes ? '✓' : '—');

/** The hall's seal line and the date, at the right. */
export function sealBlock(doc: A4Document, data: NoticeBase): void {
  doc.signature([`${data.hall.name}（受理专用章）`, chineseDateOf(data.decidedAt)], {
    size: bodySize,
    spaceBefore: 14,
  });
}

export const ratingCaption = '扫码评价';

/**
 * The hall's address and phone under a thin rule, small; beside them, when the window offers it,
 * 好差评 later (网上评价): the QR code of central's rating page with the 评价码 and the last day —
 * in the footer's own height, so a full one-page notice stays one page.
 */
export function hallContacts(doc: A4Document, hall: HallInfo, rating: NoticeBase['rating'] = null): void {
  doc.ensureSpace(rating ? 64 : 40);
  doc.rule({ spaceAround: 5 });
  if (rating) doc.qr(rating.url, { size: 50, caption: ratingCaption, captionSize: 7 });
  const rows = [
    { label: '大厅地址', value: hall.address },
    { label: '咨询电话', value: hall.phone },
  ];
  if (rating) {
    rows.push({
      label: '好差评',
      value: `请您对本次服务进行评价：可在窗口群众屏上当场评价，或扫描右侧二维码、输入评价码 ${rating.code}，于 ${chineseDate(rating.until)}前评价（每次办理评价一次）`,
    });
  }
  doc.keyValues(rows, { size: 9, lineHeight: 1.5 });
  doc.clearFloats();
}
