import type { DocumentFont } from '../documents/font';
import { chineseDate, chineseDateTime } from '../documents/format';
import { A4Document } from '../documents/layout/document';
import type { TableColumn } from '../documents/layout/table';
import { documentTitles } from '../../preload/contract/documents';
import { shownHours, type DailyReport, type DecisionTally, type DueCase } from '../../preload/contract/reports';

/** At most this many cases of each due list are printed; the rest are counted in a line under it. */
export const printedDueRows = 300;

const size = 9.5;

const tallyColumns: TableColumn[] = [
  { header: '受理', width: 44, align: 'right' },
  { header: '补正', width: 44, align: 'right' },
  { header: '不予受理', width: 56, align: 'right' },
  { header: '合计', width: 44, align: 'right' },
];

const tallyCells = (t: DecisionTally) => [t.accepted, t.supplement, t.rejected, t.total].map(String);

function sum<T extends DecisionTally>(rows: T[]): DecisionTally {
  return rows.reduce(
    (a, r) => ({
      accepted: a.accepted + r.accepted,
      supplement: a.supplement + r.supplement,
      rejected: a.rejected + r.rejected,
      total: a.total + r.total,
    }),
    { accepted: 0, supplement: 0, rejected: 0, total: 0 },
  );
}

const minutes = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} 分钟`);

function periodText(r: DailyReport): string {
  return r.from === r.to ? chineseDate(r.from) : `${chineseDate(r.from)} 至 ${chineseDate(r.to)}`;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Section headings numbered 一、二、… in the order they appear. */
function sections(doc: A4Document): (title: string) => void {
  let n = 0;
  return (title) => {
    doc.heading(`${numerals[n++] ?? n}、${title}`, { size: 12, align: 'left', spaceBefore: 10, spaceAfter: 4 });
  };
}

function dueTable(doc: A4Document, rows: DueCase[], total: number, empty: string): void {
  if (rows.length === 0) {
    doc.paragraph(empty, { size, indent: 0 });
    return;
  }
  // The case number identifies the case; the paper carries the applicant's name, not the ID.
  doc.table({
    size: 8.5,
    zebra: true,
    columns: [
      { header: '办件编号', width: 122 },
      { header: '事项', flex: 1.5 },
      { header: '申请人', flex: 1.5 },
      { header: '窗口·经办人', flex: 1 },
      { header: '承诺办结', width: 56 },
      { header: '剩余工作日', width: 58, align: 'right' },
    ],
    rows: rows
      .slice(0, printedDueRows)
      .map((c) => [
        c.number,
        c.matterName,
        c.applicantName,
        `${c.windowNumber}·${c.clerkName}`,
        c.promisedDate,
        String(c.daysLeft),
      ]),
  });
  const listed = Math.min(rows.length, printedDueRows);
  if (total > listed) {
    doc.paragraph(`另有 ${total - listed} 件未列出：请在「办件」中按到期筛选查看全部。`, {
      size,
      indent: 0,
    });
  }
}

/**
 * The supervisor's report on A4: the numbers, vector charts by hour and by matter, the tables by
 * matter, by window and clerk and by day (each with its 合计, which equals the decisions
 * counted), the cases at risk, and the print history summary. Long tables continue on the next
 * page under their header.
 */
export async function dailyReportPdf(report: DailyReport, font: DocumentFont, copyNumber = 0): Promise<Uint8Array> {
  const title = report.from === report.to ? documentTitles.daily_report : '业务报表';
  const doc = new A4Document(font, {
    title: `${title} ${report.from === report.to ? report.from : `${report.from}~${report.to}`}`,
    subject: report.hallName,
    createdAt: report.generatedAt,
    header: { left: report.hallName, right: `${title} · ${periodText(report)}` },
    copyNumber,
  });
  doc.heading(title, { size: 18 });
  doc.paragraph(
    `统计期间：${periodText(report)}\u3000生成时间：${chineseDateTime(report.generatedAt)}\u3000到期情况截至：${chineseDate(report.asOf)}`,
    { size: 9, align: 'center', indent: 0, spaceAfter: 6 },
  );

  const section = sections(doc);
  const t = report.totals;
  section('总体情况');
  doc.table({
    size,
    columns: [
      { header: '项目', flex: 1 },
      { header: '数量', width: 80, align: 'right' },
      { header: '项目', flex: 1 },
      { header: '数量', width: 80, align: 'right' },
    ],
    rows: [
      ['作出决定', String(t.decided), '新建办件', String(t.started)],
      ['受理', String(t.accepted), '未完成草稿', String(t.openDrafts)],
      ['一次性补正告知', String(t.supplement), '补正率', `${(t.supplementRate * 100).toFixed(1)}%`],
      ['不予受理', String(t.rejected), '平均办理时长', minutes(report.handling.averageMinutes)],
      ['3 个工作日内到期', String(report.due.within3.length), '办理时长中位数', minutes(report.handling.medianMinutes)],
      ['已超期', String(report.due.overdueTotal), '计入时长的决定', String(report.handling.count)],
    ],
  });

  section('按小时（决定数，北京时间）');
  const hours = shownHours(report.byHour);
  doc.barChart({
    orientation: 'vertical',
    height: 150,
    size: 8,
    counts: true,
    bars: hours.map((h) => ({ label: String(h.hour), value: h.total })),
  });

  if (report.byMatter.length > 0) {
    section('按事项');
    doc.barChart({
      orientation: 'horizontal',
      height: Math.min(10, report.byMatter.length) * 18 + 24,
      size: 8,
      counts: true,
      bars: report.byMatter.slice(0, 10).map((m) => ({ label: m.matterName, value: m.total })),
    });
    doc.table({
      size,
      zebra: true,
      columns: [{ header: '事项', flex: 3 }, { header: '事项编码', width: 96 }, ...tallyColumns],
      rows: report.byMatter.map((m) => [m.matterName, m.matterCode, ...tallyCells(m)]),
      totals: ['合计', '', ...tallyCells(sum(report.byMatter))],
    });
  }

  section('按窗口和人员');
  doc.table({
    size,
    zebra: true,
    columns: [
      { header: '窗口', width: 40, align: 'right' },
      { header: '经办人', flex: 1 },
      ...tallyColumns,
      { header: '平均时长', width: 70, align: 'right' },
    ],
    rows: report.byClerk.map((c) => [String(c.windowNumber), c.clerkName, ...tallyCells(c), minutes(c.averageMinutes)]),
    totals: ['合计', '', ...tallyCells(sum(report.byClerk)), minutes(report.handling.averageMinutes)],
  });

  if (report.byDay.length > 1) {
    section('按日');
    doc.table({
      size,
      zebra: true,
      columns: [{ header: '日期', flex: 1 }, ...tallyColumns],
      rows: report.byDay.map((d) => [d.day, ...tallyCells(d)]),
      totals: ['合计', ...tallyCells(sum(report.byDay))],
    });
  }

  section(`已超期（${report.due.overdueTotal} 件）`);
  dueTable(doc, report.due.overdue, report.due.overdueTotal, '没有超期的办件。');
  section(`3 个工作日内到期（${report.due.within3Total} 件）`);
  dueTable(doc, report.due.within3, report.due.within3Total, '没有 3 个工作日内到期的办件。');

  const p = report.printing;
  section('打印记录');
  doc.paragraph(
    `打印任务 ${p.jobs} 个：成功 ${p.succeeded}，失败 ${p.failed}，待确认 ${p.pending}；正本 ${p.originals} 份，副本 ${p.copies} 份。`,
    { size, indent: 0 },
  );
  if (p.byKind.length > 0) {
    doc.table({
      size,
      columns: [
        { header: '文书', flex: 1 },
        { header: '任务', width: 60, align: 'right' },
        { header: '成功', width: 60, align: 'right' },
        { header: '失败', width: 60, align: 'right' },
      ],
      rows: p.byKind.map((k) => [documentTitles[k.kind], String(k.jobs), String(k.succeeded), String(k.failed)]),
    });
  }
  doc.signature([`${report.hallName}`, `值班长（签字）：`], { size: 10, spaceBefore: 16 });
  return doc.toPdf();
}
