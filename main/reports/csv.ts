import { hallDateTimeSeconds } from '@yichuang/domain/hall-time';
import { documentTitles } from '../../preload/contract/documents';
import type { DailyReport, DueCase } from '../../preload/contract/reports';

/**
 * The report as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese right),
 * CRLF line ends, RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
 */

export type CsvValue = string | number | null;

const bom = '\uFEFF';
const crlf = '\r\n';
/** What a spreadsheet takes as the start of a formula (= + - @, and tab / CR, which some also do). */
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;
const needsQuotes = /[",\r\n]/;

/**
 * One cell. Numbers are written as they are; text that would start a formula gets a leading
 * apostrophe (a plain negative number like -2 stays a number); text with a comma, quote or line
 * break is quoted, its quotes doubled.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV records, each ended by CRLF (no byte-order mark). */
export function csvRecords(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + crlf).join('');
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

const tallyHeader = ['受理', '补正', '不予受理', '合计'];

function tally(t: { accepted: number; supplement: number; rejected: number; total: number }): number[] {
  return [t.accepted, t.supplement, t.rejected, t.total];
}

const dueHeader = ['办件编号', '事项', '申请人', '证件号码', '经办人', '窗口', '承诺办结日期', '剩余工作日'];

function dueRow(r: DueCase): CsvValue[] {
  return [
    r.number,
    r.matterName,
    r.applicantName,
    r.applicantIdMasked,
    r.clerkName,
    r.windowNumber,
    r.promisedDate,
    r.daysLeft,
  ];
}

/** A last row when a due list was cut to the most urgent cases. */
function moreRow(total: number, listed: number): CsvValue[][] {
  return total > listed ? [[`另有 ${total - listed} 件未列出（共 ${total} 件）`]] : [];
}

function hourLabel(hour: number): string {
  const hh = (h: number) => String(h).padStart(2, '0');
  return `${hh(hour)}:00-${hh(hour + 1)}:00`;
}

/** The section headings, in order. */
export const csvSections = [
  '汇总',
  '按事项',
  '按窗口和人员',
  '按小时',
  '按日',
  '即将到期（3个工作日内）',
  '已逾期',
  '打印记录',
] as const;

/** The whole report: each section a heading row, a header row and its rows; a blank line between sections. */
export function dailyReportCsv(report: DailyReport): string {
  const { totals, handling, printing } = report;
  const sections: CsvValue[][][] = [
    [
      ['项目', '数值'],
      ['大厅', report.hallName],
      ['统计期间', `${report.from} 至 ${report.to}`],
      ['到期计算日期', report.asOf],
      ['生成时间', hallDateTimeSeconds(report.generatedAt)],
      ['开始办件数', totals.started],
      ['作出决定数', totals.decided],
      ['受理', totals.accepted],
      ['补正', totals.supplement],
      ['不予受理', totals.rejected],
      ['未完成草稿', totals.openDrafts],
      ['补正率', percent(totals.supplementRate)],
      ['平均办理时长（分钟）', handling.averageMinutes],
      ['办理时长中位数（分钟）', handling.medianMinutes],
      ['计入时长的决定数', handling.count],
    ],
    [
      ['事项编码', '事项名称', ...tallyHeader],
      ...report.byMatter.map((m) => [m.matterCode, m.matterName, ...tally(m)]),
    ],
    [
      ['窗口', '经办人', ...tallyHeader, '平均办理时长（分钟）'],
      ...report.byClerk.map((c) => [c.windowNumber, c.clerkName, ...tally(c), c.averageMinutes]),
    ],
    [['时段', ...tallyHeader], ...report.byHour.map((h) => [hourLabel(h.hour), ...tally(h)])],
    [['日期', ...tallyHeader], ...report.byDay.map((d) => [d.day, ...tally(d)])],
    [dueHeader, ...report.due.within3.map(dueRow), ...moreRow(report.due.within3Total, report.due.within3.length)],
    [dueHeader, ...report.due.overdue.map(dueRow), ...moreRow(report.due.overdueTotal, report.due.overdue.length)],
    [
      ['项目', '数值'],
      ['打印任务', printing.jobs],
      ['成功', printing.succeeded],
      ['失败', printing.failed],
      ['未完成', printing.pending],
      ['正本', printing.originals],
      ['副本', printing.copies],
      ['文书类型', '任务数', '成功', '失败'],
      ...printing.byKind.map((k) => [documentTitles[k.kind], k.jobs, k.succeeded, k.failed]),
    ],
  ];
  return bom + sections.map((rows, i) => csvRecords([[csvSections[i]!], ...rows])).join(crlf);
}
