import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyReportSchema, type DailyReport, type DueCase } from '../../preload/contract/reports';
import { csvCell, csvRecords, csvSections, dailyReportCsv, type CsvValue } from './csv';

/** A small RFC 4180 reader: records of fields; quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      // A bare CR or LF outside quotes is not a record end in RFC 4180: the writer must not make one.
      if (ch === '\r' || ch === '\n') throw new Error(`bare line break at ${i}`);
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The records of each section, split at the blank lines. */
function sectionsOf(csv: string): string[][][] {
  const out: string[][][] = [[]];
  for (const record of parseCsv(csv.slice(1))) {
    if (record.length === 1 && record[0] === '') out.push([]);
    else out.at(-1)!.push(record);
  }
  return out;
}

const due = (overrides: Partial<DueCase>): DueCase => ({
  caseId: '7f3c2a4e-0000-4000-8000-000000000001',
  number: '370303-20261126-005-0001',
  matterName: '居住证申领',
  applicantName: '张三',
  applicantIdMasked: '370303********1234',
  clerkName: '王芳',
  windowNumber: 5,
  promisedDate: '2026-11-27',
  daysLeft: 0,
  ...overrides,
});

const zero = { accepted: 0, supplement: 0, rejected: 0, total: 0 };

/** A report with text that needs quoting and text that would run as a formula. */
const report: DailyReport = dailyReportSchema.parse({
  from: '2026-11-26',
  to: '2026-11-27',
  asOf: '2026-11-27',
  generatedAt: '2026-11-27T09:00:00.000Z',
  hallName: '淄博市"一窗"中心, 张店',
  totals: { started: 10, decided: 8, accepted: 5, supplement: 2, rejected: 1, openDrafts: 2, supplementRate: 0.25 },
  handling: { averageMinutes: 20.5, medianMinutes: 16, count: 8 },
  byMatter: [
    { matterCode: 'TEST-JZZ-001', matterName: '居住证申领', accepted: 3, supplement: 2, rejected: 0, total: 5 },
    { matterCode: 'TEST-GSSL-001', matterName: '公司设立\n登记', accepted: 1, supplement: 0, rejected: 1, total: 2 },
    { matterCode: '@TEST', matterName: '+换领', accepted: 1, supplement: 0, rejected: 0, total: 1 },
  ],
  byClerk: [
    {
      windowNumber: 5,
      clerkId: 2,
      clerkName: '李明',
      accepted: 1,
      supplement: 2,
      rejected: 0,
      total: 3,
      averageMinutes: 8,
    },
    {
      windowNumber: 5,
      clerkId: 1,
      clerkName: '=王芳',
      accepted: 2,
      supplement: 0,
      rejected: 1,
      total: 3,
      averageMinutes: 26.7,
    },
    {
      windowNumber: 8,
      clerkId: 3,
      clerkName: '赵强',
      accepted: 2,
      supplement: 0,
      rejected: 0,
      total: 2,
      averageMinutes: null,
    },
  ],
  byHour: Array.from({ length: 24 }, (_, hour) =>
    hour === 9 ? { hour, accepted: 1, supplement: 1, rejected: 0, total: 2 } : { hour, ...zero },
  ),
  byDay: [
    { day: '2026-11-26', accepted: 3, supplement: 1, rejected: 1, total: 5 },
    { day: '2026-11-27', accepted: 2, supplement: 1, rejected: 0, total: 3 },
  ],
  due: {
    within3: [due({}), due({ applicantName: '=HYPERLINK("http://evil.example","点我")', daysLeft: 3 })],
    overdue: [due({ applicantName: '-李四', daysLeft: -2, promisedDate: '2026-11-24' })],
    within3Total: 2,
    overdueTotal: 1,
  },
  printing: {
    jobs: 6,
    succeeded: 4,
    failed: 1,
    pending: 1,
    originals: 3,
    copies: 3,
    byKind: [
      { kind: 'receipt', jobs: 2, succeeded: 2, failed: 0 },
      { kind: 'supplement_notice', jobs: 2, succeeded: 1, failed: 1 },
      { kind: 'rejection_notice', jobs: 1, succeeded: 0, failed: 0 },
      { kind: 'daily_report', jobs: 1, succeeded: 1, failed: 0 },
    ],
  },
});

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('一\r\n二')).toBe('"一\r\n二"');
    expect(csvCell('一\n二')).toBe('"一\n二"');
    expect(csvCell('普通')).toBe('普通');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('defuses formulas but leaves numbers, negative ones too, as numbers', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-李四')).toBe("'-李四");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('-2')).toBe('-2');
    expect(csvCell('-2.5')).toBe('-2.5');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(26.7)).toBe('26.7');
    expect(csvCell('-2-1')).toBe("'-2-1");
    expect(csvCell('1+1')).toBe('1+1');
  });

  it('reads back as written, whatever the text (property)', () => {
    const special = fc.constantFrom('a', '中', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' ', '1', '.', "'");
    const text = fc.oneof(fc.string({ unit: special }), fc.string(), fc.string({ unit: 'binary' }));
    const value: fc.Arbitrary<CsvValue> = fc.oneof(
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (rows) => {
        const expected = rows.map((row) =>
          row.map((v) => {
            if (v === null) return '';
            if (typeof v === 'number') return String(v);
            return /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
          }),
        );
        expect(parseCsv(csvRecords(rows))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dailyReportCsv', () => {
  const csv = dailyReportCsv(report);

  it('is UTF-8 with a byte-order mark, and every record ends in CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Outside quoted fields every line break is CRLF (the parser throws on a bare one).
    expect(() => parseCsv(csv.slice(1))).not.toThrow();
    expect(csv.replace(/"(?:[^"]|"")*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
  });

  it('has its sections in order, a blank line between them', () => {
    const sections = sectionsOf(csv);
    expect(sections.map((s) => s[0])).toEqual(csvSections.map((name) => [name]));
    expect(csv.split('\r\n\r\n')).toHaveLength(csvSections.length);
  });

  it('reads back to the numbers of the report', () => {
    const [summary, byMatter, byClerk, byHour, byDay, within3, overdue, printing] = sectionsOf(csv).map((s) =>
      s.slice(1),
    );
    expect(summary).toEqual([
      ['项目', '数值'],
      ['大厅', '淄博市"一窗"中心, 张店'],
      ['统计期间', '2026-11-26 至 2026-11-27'],
      ['到期计算日期', '2026-11-27'],
      ['生成时间', '2026-11-27 17:00:00'],
      ['开始办件数', '10'],
      ['作出决定数', '8'],
      ['受理', '5'],
      ['补正', '2'],
      ['不予受理', '1'],
      ['未完成草稿', '2'],
      ['补正率', '25.0%'],
      ['平均办理时长（分钟）', '20.5'],
      ['办理时长中位数（分钟）', '16'],
      ['计入时长的决定数', '8'],
    ]);
    expect(byMatter).toEqual([
      ['事项编码', '事项名称', '受理', '补正', '不予受理', '合计'],
      ['TEST-JZZ-001', '居住证申领', '3', '2', '0', '5'],
      ['TEST-GSSL-001', '公司设立\n登记', '1', '0', '1', '2'],
      ["'@TEST", "'+换领", '1', '0', '0', '1'],
    ]);
    expect(byClerk).toEqual([
      ['窗口', '经办人', '受理', '补正', '不予受理', '合计', '平均办理时长（分钟）'],
      ['5', '李明', '1', '2', '0', '3', '8'],
      ['5', "'=王芳", '2', '0', '1', '3', '26.7'],
      ['8', '赵强', '2', '0', '0', '2', ''],
    ]);
    expect(byHour).toHaveLength(25);
    expect(byHour![0]).toEqual(['时段', '受理', '补正', '不予受理', '合计']);
    expect(byHour![1]).toEqual(['00:00-01:00', '0', '0', '0', '0']);
    expect(byHour![10]).toEqual(['09:00-10:00', '1', '1', '0', '2']);
    expect(byHour![24]).toEqual(['23:00-24:00', '0', '0', '0', '0']);
    expect(byHour!.slice(1).map((r) => Number(r[4]))).toEqual(report.byHour.map((h) => h.total));
    expect(byDay).toEqual([
      ['日期', '受理', '补正', '不予受理', '合计'],
      ['2026-11-26', '3', '1', '1', '5'],
      ['2026-11-27', '2', '1', '0', '3'],
    ]);
    const dueHeader = ['办件编号', '事项', '申请人', '证件号码', '经办人', '窗口', '承诺办结日期', '剩余工作日'];
    expect(within3).toEqual([
      dueHeader,
      ['370303-20261126-005-0001', '居住证申领', '张三', '370303********1234', '王芳', '5', '2026-11-27', '0'],
      [
        '370303-20261126-005-0001',
        '居住证申领',
        `'=HYPERLINK("http://evil.example","点我")`,
        '370303********1234',
        '王芳',
        '5',
        '2026-11-27',
        '3',
      ],
    ]);
    expect(overdue).toEqual([
      dueHeader,
      ['370303-20261126-005-0001', '居住证申领', "'-李四", '370303********1234', '王芳', '5', '2026-11-24', '-2'],
    ]);
    expect(printing).toEqual([
      ['项目', '数值'],
      ['打印任务', '6'],
      ['成功', '4'],
      ['失败', '1'],
      ['未完成', '1'],
      ['正本', '3'],
      ['副本', '3'],
      ['文书类型', '任务数', '成功', '失败'],
      ['受理回执', '2', '2', '0'],
      ['一次性补正告知书', '2', '1', '1'],
      ['不予受理通知书', '1', '0', '0'],
      ['业务日报', '1', '1', '0'],
    ]);
  });

  it('no cell of the whole file starts a formula, except plain negative numbers', () => {
    for (const record of parseCsv(csv.slice(1))) {
      for (const cell of record) {
        if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-\d+(\.\d+)?$/);
      }
    }
  });

  it('an empty report still has every section and its headers', () => {
    const empty = dailyReportSchema.parse({
      ...report,
      totals: { started: 0, decided: 0, accepted: 0, supplement: 0, rejected: 0, openDrafts: 0, supplementRate: 0 },
      handling: { averageMinutes: null, medianMinutes: null, count: 0 },
      byMatter: [],
      byClerk: [],
      due: { within3: [], overdue: [], within3Total: 0, overdueTotal: 0 },
      printing: { jobs: 0, succeeded: 0, failed: 0, pending: 0, originals: 0, copies: 0, byKind: [] },
    });
    const sections = sectionsOf(dailyReportCsv(empty));
    expect(sections.map((s) => s.length)).toEqual([16, 2, 2, 26, 4, 2, 2, 9]);
    expect(sections[0]).toContainEqual(['平均办理时长（分钟）', '']);
  });
});
