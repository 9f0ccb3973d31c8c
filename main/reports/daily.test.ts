import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '@yichuang/domain/catalog';
import type { CaseDraft, Decision } from '@yichuang/domain/cases';
import { emptyDraft, emptyItemState } from '@yichuang/domain/cases';
import type { DocumentKind, PrintJobState } from '../../preload/contract/documents';
import type { StoredFile } from '../../preload/contract/materials';
import { dailyReportSchema, dueListLimit, type DailyReport } from '../../preload/contract/reports';
import type { Actor } from '../cases/model';
import { caseDecisions, printJobs } from '../db/schema';
import { companyCode, liSiId, zhangSanId } from '@yichuang/domain/testing/ids';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { makePng } from '@yichuang/domain/testing/images';
import { appErrorOf } from '../testing/wait';
import { createReportService, type ReportService } from './daily';
import { dailyReportPdf } from './daily-pdf';
import { loadDocumentFont } from '../documents/font';
import { fontPath } from '../documents/testing/fixtures';
import { prng } from '../testing/prng';
import { addClerk, createFakeClock, createTestWorkstation, repoRoot, resourcesDir } from '../testing/workstation';
import { compact, glyphInk, pdfPages } from '../documents/testing/pdf-check';

/** The workstation's services on a migrated SQLite file in a temp directory; the clock moves by hand. */
async function openHarness(start: string) {
  const ws = await createTestWorkstation({ clock: createFakeClock(start) });
  return {
    clock: ws.clock,
    sqlite: ws.workstation.sqlite,
    services: ws.workstation.services,
    dispose: () => ws.dispose(),
  };
}
type Harness = Awaited<ReturnType<typeof openHarness>>;

let t: Harness;
let reports: ReportService;
let png: StoredFile;

/** The test catalog plus a third matter: 居住证换领, promised in 3 working days. */
function reportCatalog(): Catalog {
  const catalog = testCatalog();
  const residence = catalog.matters[0]!;
  return {
    ...catalog,
    matters: [...catalog.matters, { ...residence, code: 'TEST-JZZ-002', name: '居住证换领', promisedDays: 3 }],
  };
}

function makeClerk(username: string, displayName: string): Promise<Actor> {
  return addClerk(t.services.staff, { username, displayName, windowNumber: 5 });
}

function companyDraft(file: StoredFile): CaseDraft {
  const draft = emptyDraft('TEST-GSSL-001');
  draft.enterprise = {
    name: '淄博一窗科技有限公司',
    creditCode: companyCode,
    legalRepresentative: '张三',
    address: '张店区人民西路 1 号',
    phone: '13800138000',
  };
  draft.form = { capital: '100' };
  const page = {
    sha256: file.sha256,
    mime: file.mime,
    pages: file.pages,
    rotation: 0 as const,
    name: 'scan.png',
    via: 'import' as const,
    addedAt: '2026-11-26T00:00:00.000Z',
  };
  for (const id of ['application', 'articles', 'premises']) {
    draft.items[id] = { ...emptyItemState(), files: [page], originalChecked: true };
  }
  return draft;
}

type Matter = 'TEST-JZZ-001' | 'TEST-JZZ-002' | 'TEST-GSSL-001';

function draftFor(matter: Matter, applicant: 'zhang' | 'li' = 'zhang'): CaseDraft {
  if (matter === 'TEST-GSSL-001') return companyDraft(png);
  const draft = completeResidenceDraft(png);
  draft.matterCode = matter;
  if (applicant === 'li') draft.person = { ...draft.person, name: '李四', idNumber: liSiId };
  return draft;
}

const decisions: Record<Decision['kind'], (matter: Matter) => Decision> = {
  accept: () => ({ kind: 'accept' }),
  supplement: (m) => ({
    kind: 'supplement',
    items: [{ itemId: m === 'TEST-GSSL-001' ? 'articles' : 'residence-proof', reason: '材料不全' }],
    note: '',
  }),
  reject: (m) => ({
    kind: 'reject',
    reasonCode: m === 'TEST-GSSL-001' ? 'name-conflict' : 'not-eligible',
    text: '',
  }),
};

/** Sets the window the next actions are recorded at. */
function atWindow(windowNumber: number): void {
  t.services.settings.update({ windowNumber });
}

/** Starts a case at `createdAt`, saves a complete draft, and (when `kind`) decides it at `decidedAt`. */
function caseAt(
  clerk: Actor,
  matter: Matter,
  createdAt: string,
  decision?: { kind: Decision['kind']; at: string },
  applicant: 'zhang' | 'li' = 'zhang',
): { id: string; revision: number } {
  const { cases } = t.services;
  t.clock.set(createdAt);
  const created = cases.create(clerk, matter);
  const saved = cases.saveDraft(clerk, created.id, created.revision, draftFor(matter, applicant));
  if (!decision) return { id: created.id, revision: saved.revision };
  t.clock.set(decision.at);
  const decided = cases.decide(clerk, created.id, saved.revision, decisions[decision.kind](matter));
  return { id: decided.id, revision: decided.revision };
}

function printJob(job: {
  kind: DocumentKind;
  state: PrintJobState;
  copyNumber: number;
  copies: number;
  createdAt: string;
  caseId?: string;
}): void {
  t.services.db
    .insert(printJobs)
    .values({
      documentKey: `${job.kind}:${job.caseId ?? 'range'}`,
      kind: job.kind,
      caseId: job.caseId ?? null,
      caseVersion: job.caseId ? 1 : null,
      caseNumber: null,
      copyNumber: job.copyNumber,
      copies: job.copies,
      backend: 'cups',
      printer: 'HP_LaserJet',
      state: job.state,
      error: job.state === 'failed' ? '打印机缺纸' : null,
      spoolId: null,
      bytes: 1000,
      clerkId: 1,
      clerkName: '王芳',
      windowNumber: 5,
      createdAt: job.createdAt,
      finishedAt: job.state === 'pending' ? null : job.createdAt,
    })
    .run();
}

function newReports(): ReportService {
  const { db, calendar, settings } = t.services;
  return createReportService({ db, clock: t.clock, calendar, settings });
}

async function open(): Promise<void> {
  t = await openHarness('2026-11-10T01:00:00.000Z');
  t.services.catalog.load(reportCatalog(), 'central');
  t.services.settings.update({ districtCode: '370303', windowNumber: 5, hallName: '淄博测试市民中心' });
  png = await t.services.materials.put(makePng(40, 30, 1), 'scan.png');
  reports = newReports();
}

beforeEach(open);
afterEach(async () => {
  await t.dispose();
});

describe('the daily report, checked by hand', () => {
  let ids: Record<string, string>;
  let clerkIds: Record<string, number>;

  beforeEach(async () => {
    const { cases } = t.services;
    const wang = await makeClerk('wangfang', '王芳');
    const li = await makeClerk('liming', '李明');
    const zhao = await makeClerk('zhaoqiang', '赵强');
    ids = {};
    clerkIds = { wang: wang.id, li: li.id, zhao: zhao.id };
    atWindow(5);
    // Before the range: accepted long ago (promised 11-19), and at 23:59 the evening before (promised 11-26).
    ids.o1 = caseAt(wang, 'TEST-JZZ-001', '2026-11-10T02:00:00.000Z', {
      kind: 'accept',
      at: '2026-11-10T02:10:00.000Z',
    }).id;
    ids.o2 = caseAt(wang, 'TEST-GSSL-001', '2026-11-25T15:50:00.000Z', {
      kind: 'accept',
      at: '2026-11-25T15:59:00.000Z',
    }).id;
    // 11-26 (Thursday), Beijing 00:00 exactly: the range's first instant.
    ids.c1 = caseAt(wang, 'TEST-JZZ-001', '2026-11-25T16:00:00.000Z', {
      kind: 'accept',
      at: '2026-11-25T16:30:00.000Z',
    }).id;
    ids.c2 = caseAt(li, 'TEST-JZZ-001', '2026-11-26T01:00:00.000Z', {
      kind: 'supplement',
      at: '2026-11-26T01:12:00.000Z',
    }).id;
    ids.c3 = caseAt(wang, 'TEST-GSSL-001', '2026-11-26T02:00:00.000Z', {
      kind: 'reject',
      at: '2026-11-26T02:45:00.000Z',
    }).id;
    t.clock.set('2026-11-26T03:00:00.000Z');
    ids.d2 = cases.create(wang, null).id;
    ids.c4 = caseAt(wang, 'TEST-GSSL-001', '2026-11-26T06:00:00.000Z', {
      kind: 'accept',
      at: '2026-11-26T06:05:00.000Z',
    }).id;
    // 23:59 and 00:01 Beijing either side of midnight.
    ids.c5 = caseAt(
      li,
      'TEST-JZZ-001',
      '2026-11-26T15:50:00.000Z',
      { kind: 'accept', at: '2026-11-26T15:59:00.000Z' },
      'li',
    ).id;
    ids.c6 = caseAt(li, 'TEST-JZZ-001', '2026-11-26T15:58:00.000Z', {
      kind: 'supplement',
      at: '2026-11-26T16:01:00.000Z',
    }).id;
    // 11-27 (Friday) at window 8.
    atWindow(8);
    ids.c7 = caseAt(zhao, 'TEST-JZZ-002', '2026-11-27T01:00:00.000Z', {
      kind: 'accept',
      at: '2026-11-27T01:40:00.000Z',
    }).id;
    t.clock.set('2026-11-27T02:00:00.000Z');
    const resumed = cases.resume(zhao, ids.c2);
    t.clock.set('2026-11-27T02:20:00.000Z');
    cases.decide(zhao, ids.c2, resumed.revision, { kind: 'accept' });
    ids.d1 = caseAt(zhao, 'TEST-JZZ-002', '2026-11-27T03:00:00.000Z').id;
    const discarded = caseAt(wang, 'TEST-JZZ-001', '2026-11-27T04:00:00.000Z').id;
    cases.discard(wang, discarded);
    // Started on the last day, decided at 00:00 Beijing the day after: started, not decided.
    ids.c8 = caseAt(zhao, 'TEST-JZZ-001', '2026-11-27T15:50:00.000Z', {
      kind: 'accept',
      at: '2026-11-27T16:00:00.000Z',
    }).id;

    printJob({
      kind: 'receipt',
      caseId: ids.c1,
      state: 'succeeded',
      copyNumber: 0,
      copies: 1,
      createdAt: '2026-11-25T16:31:00.000Z',
    });
    printJob({
      kind: 'receipt',
      caseId: ids.c1,
      state: 'succeeded',
      copyNumber: 1,
      copies: 2,
      createdAt: '2026-11-26T01:00:00.000Z',
    });
    printJob({
      kind: 'supplement_notice',
      caseId: ids.c2,
      state: 'failed',
      copyNumber: 0,
      copies: 2,
      createdAt: '2026-11-26T01:13:00.000Z',
    });
    printJob({
      kind: 'supplement_notice',
      caseId: ids.c2,
      state: 'succeeded',
      copyNumber: 0,
      copies: 2,
      createdAt: '2026-11-26T01:14:00.000Z',
    });
    printJob({
      kind: 'rejection_notice',
      caseId: ids.c3,
      state: 'pending',
      copyNumber: 0,
      copies: 1,
      createdAt: '2026-11-26T02:46:00.000Z',
    });
    printJob({
      kind: 'daily_report',
      state: 'succeeded',
      copyNumber: 0,
      copies: 1,
      createdAt: '2026-11-27T15:59:59.999Z',
    });
    // Outside: the last millisecond before, and the first instant after.
    printJob({
      kind: 'receipt',
      caseId: ids.o2,
      state: 'succeeded',
      copyNumber: 0,
      copies: 1,
      createdAt: '2026-11-25T15:59:59.999Z',
    });
    printJob({
      kind: 'receipt',
      caseId: ids.c8,
      state: 'succeeded',
      copyNumber: 0,
      copies: 1,
      createdAt: '2026-11-27T16:00:00.000Z',
    });
  });

  const tally = (accepted: number, supplement: number, rejected: number) => ({
    accepted,
    supplement,
    rejected,
    total: accepted + supplement + rejected,
  });

  it('every field, as of Friday 17:00', () => {
    t.clock.set('2026-11-27T09:00:00.000Z');
    const report = reports.daily({ from: '2026-11-26', to: '2026-11-27' });
    expect(dailyReportSchema.parse(report)).toEqual(report);
    const due = (
      id: string,
      promisedDate: string,
      daysLeft: number,
      extra: Partial<DailyReport['due']['within3'][number]>,
    ) => ({
      caseId: id,
      number: t.services.cases.get(id).number,
      promisedDate,
      daysLeft,
      applicantName: '张三',
      applicantIdMasked: `${zhangSanId.slice(0, 6)}********${zhangSanId.slice(-4)}`,
      clerkName: '王芳',
      windowNumber: 5,
      matterName: '居住证申领',
      ...extra,
    });
    const company = {
      matterName: '公司设立登记',
      applicantName: '淄博一窗科技有限公司',
      applicantIdMasked: `${companyCode.slice(0, 6)}********${companyCode.slice(-4)}`,
    };
    expect(report).toEqual({
      from: '2026-11-26',
      to: '2026-11-27',
      asOf: '2026-11-27',
      generatedAt: '2026-11-27T09:00:00.000Z',
      hallName: '淄博测试市民中心',
      totals: {
        started: 10,
        decided: 8,
        accepted: 5,
        supplement: 2,
        rejected: 1,
        openDrafts: 2,
        supplementRate: 0.25,
      },
      // 30, 12, 45, 5, 9, 3, 40 and 20 (from the resume) minutes.
      handling: { averageMinutes: 20.5, medianMinutes: 16, count: 8 },
      byMatter: [
        { matterCode: 'TEST-JZZ-001', matterName: '居住证申领', ...tally(3, 2, 0) },
        { matterCode: 'TEST-GSSL-001', matterName: '公司设立登记', ...tally(1, 0, 1) },
        { matterCode: 'TEST-JZZ-002', matterName: '居住证换领', ...tally(1, 0, 0) },
      ],
      byClerk: [
        { windowNumber: 5, clerkId: clerkIds.li!, clerkName: '李明', ...tally(1, 2, 0), averageMinutes: 8 },
        { windowNumber: 5, clerkId: clerkIds.wang!, clerkName: '王芳', ...tally(2, 0, 1), averageMinutes: 26.7 },
        { windowNumber: 8, clerkId: clerkIds.zhao!, clerkName: '赵强', ...tally(2, 0, 0), averageMinutes: 30 },
      ],
      byHour: Array.from({ length: 24 }, (_, hour) => ({
        hour,
        ...({ 0: tally(1, 1, 0), 9: tally(1, 1, 0), 10: tally(1, 0, 1), 14: tally(1, 0, 0), 23: tally(1, 0, 0) }[
          hour
        ] ?? tally(0, 0, 0)),
      })),
      byDay: [
        { day: '2026-11-26', ...tally(3, 1, 1) },
        { day: '2026-11-27', ...tally(2, 1, 0) },
      ],
      due: {
        // C4 (公司, promised 11-27: due today) and C7 (居住证换领, 3 working days: Mon, Tue, Wed 12-02).
        within3: [
          due(ids.c4!, '2026-11-27', 0, company),
          due(ids.c7!, '2026-12-02', 3, { matterName: '居住证换领', clerkName: '赵强', windowNumber: 8 }),
        ],
        overdue: [due(ids.o1!, '2026-11-19', -6, {}), due(ids.o2!, '2026-11-26', -1, company)],
        within3Total: 2,
        overdueTotal: 2,
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
  });

  it('one day at a time adds up to the two days', () => {
    t.clock.set('2026-11-27T09:00:00.000Z');
    const both = reports.daily({ from: '2026-11-26', to: '2026-11-27' });
    const thu = reports.daily({ from: '2026-11-26', to: '2026-11-26' });
    const fri = reports.daily({ from: '2026-11-27', to: '2026-11-27' });
    expect(thu.totals).toMatchObject({
      started: 7,
      decided: 5,
      accepted: 3,
      supplement: 1,
      rejected: 1,
      openDrafts: 1,
    });
    expect(fri.totals).toMatchObject({
      started: 3,
      decided: 3,
      accepted: 2,
      supplement: 1,
      rejected: 0,
      openDrafts: 1,
    });
    expect(thu.byDay).toEqual([both.byDay[0]]);
    expect(fri.byDay).toEqual([both.byDay[1]]);
    expect(thu.printing.jobs + fri.printing.jobs).toBe(both.printing.jobs);
    // The decisions of 11-25 23:59 and 11-28 00:00 Beijing are in neither.
    expect(reports.daily({ from: '2026-11-25', to: '2026-11-25' }).totals.decided).toBe(1);
    expect(reports.daily({ from: '2026-11-28', to: '2026-11-28' }).totals.decided).toBe(1);
  });

  it('a later version without its resume entry is timed from the previous decision', () => {
    // As an import from an older program might leave it: version 2 decided, no 'cases.resume' entry.
    t.services.db
      .insert(caseDecisions)
      .values({
        caseId: ids.c6!,
        version: 2,
        kind: 'accept',
        at: '2026-11-27T03:00:00.000Z',
        clerkId: clerkIds.zhao!,
        clerkName: '赵强',
        windowNumber: 8,
        detail: '{}',
        contentHash: 'c'.repeat(64),
      })
      .run();
    t.clock.set('2026-11-27T09:00:00.000Z');
    const report = reports.daily({ from: '2026-11-27', to: '2026-11-27' });
    // 3 (C6 v1), 40 (C7), 20 (C2 v2 from its resume), 659 (C6 v2 from the v1 decision at 00:01).
    expect(report.handling).toEqual({ averageMinutes: 180.5, medianMinutes: 30, count: 4 });
    expect(report.byClerk.find((c) => c.clerkName === '赵强')).toMatchObject({ total: 3, averageMinutes: 239.7 });
  });

  it('after midnight on a Saturday a case promised for Friday is overdue, with 0 working days left', () => {
    t.clock.set('2026-11-27T16:30:00.000Z'); // Saturday 00:30 in Beijing
    const report = reports.daily({ from: '2026-11-27', to: '2026-11-27' });
    expect(report.asOf).toBe('2026-11-28');
    expect(report.due.overdue.map((r) => [r.caseId, r.daysLeft])).toEqual([
      [ids.o1, -6],
      [ids.o2, -1],
      [ids.c4, 0],
    ]);
    expect(report.due.within3.map((r) => [r.caseId, r.daysLeft])).toEqual([[ids.c7, 3]]);
  });

  it('lists the most overdue cases up to the limit and counts them all', () => {
    // Copies of the most overdue case (promised 11-19), each a day later, with numbers after it.
    const row = t.sqlite.prepare('select * from cases where id = ?').get(ids.o1) as Record<string, unknown>;
    const columns = Object.keys(row);
    const insert = t.sqlite.prepare(
      `insert into cases (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    const extra = dueListLimit + 20;
    t.sqlite.transaction(() => {
      for (let i = 1; i <= extra; i++) {
        insert.run({
          ...row,
          id: `${String(row.id).slice(0, 24)}${String(i).padStart(12, '0')}`,
          number: `${String(row.number)}-${String(i).padStart(4, '0')}`,
          promised_date: '2026-11-20',
        });
      }
    })();
    t.clock.set('2026-11-27T09:00:00.000Z');
    const report = reports.daily({ from: '2026-11-27', to: '2026-11-27' });
    expect(report.due.overdueTotal).toBe(extra + 2);
    expect(report.due.overdue).toHaveLength(dueListLimit);
    // The most overdue first: the original case (11-19) leads, the copies (11-20) follow.
    expect(report.due.overdue[0]!.caseId).toBe(ids.o1);
    expect(report.due.overdue.slice(1).every((r) => r.promisedDate === '2026-11-20')).toBe(true);
    expect(report.due.within3Total).toBe(report.due.within3.length);
  });
});

describe('an empty range', () => {
  it('has zeros, nulls, 24 hours and one row per day', () => {
    t.clock.set('2026-11-27T09:00:00.000Z');
    const report = reports.daily({ from: '2026-02-27', to: '2026-03-01' });
    expect(report.totals).toEqual({
      started: 0,
      decided: 0,
      accepted: 0,
      supplement: 0,
      rejected: 0,
      openDrafts: 0,
      supplementRate: 0,
    });
    expect(report.handling).toEqual({ averageMinutes: null, medianMinutes: null, count: 0 });
    expect(report.byMatter).toEqual([]);
    expect(report.byClerk).toEqual([]);
    expect(report.byHour).toHaveLength(24);
    expect(report.byDay.map((d) => d.day)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(report.printing).toEqual({
      jobs: 0,
      succeeded: 0,
      failed: 0,
      pending: 0,
      originals: 0,
      copies: 0,
      byKind: [],
    });
  });

  it('a bad range is refused with the contract message', () => {
    const error = appErrorOf(() => reports.daily({ from: '2026-11-27', to: '2026-11-26' }));
    expect(error.code).toBe('report_query_invalid');
    expect(error.message).toBe('统计日期有误：结束日期不能早于开始日期');
    expect(error.fields).toEqual({ to: '结束日期不能早于开始日期' });
    expect(appErrorOf(() => reports.daily({ from: '2026-11-31', to: '2026-12-01' })).fields).toEqual({
      from: '日期格式为 YYYY-MM-DD',
    });
  });
});

describe('the queries', () => {
  it('read ranges of indexes: no table is scanned whole', () => {
    const { sqlite } = t;
    reports.daily({ from: '2026-11-01', to: '2026-11-30' }); // the calendar is read once, then cached
    const seen: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (source: string) => {
      seen.push(source);
      return prepare(source);
    };
    try {
      reports.daily({ from: '2026-11-01', to: '2026-11-30' });
    } finally {
      sqlite.prepare = prepare;
    }
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (const source of seen) {
      const params = (source.match(/\?/g) ?? []).map(() => '2026-11-01');
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as { detail: string }[]).map(
        (r) => r.detail,
      );
      expect(
        plan.filter((d) => /^SCAN /.test(d)),
        `${source}\n${plan.join('\n')}`,
      ).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2,000 cases over a week, decided at random through the real case service, against raw SQL.

interface Holidays {
  years: Record<string, { holidays: string[]; workdays: string[] }>;
}

/** Working days in (from, to], negated when to is before from: counted straight from the shipped JSON. */
function independentWorkingDays(from: string, to: string): number {
  const calendar = JSON.parse(readFileSync(join(resourcesDir, 'calendar', 'holidays.json'), 'utf8')) as Holidays;
  const off = new Set(Object.values(calendar.years).flatMap((y) => y.holidays));
  const on = new Set(Object.values(calendar.years).flatMap((y) => y.workdays));
  const working = (ms: number) => {
    const date = new Date(ms).toISOString().slice(0, 10);
    if (on.has(date)) return true;
    if (off.has(date)) return false;
    const weekday = new Date(ms).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  let n = 0;
  for (let d = Math.min(a, b) + 86_400_000; d <= Math.max(a, b); d += 86_400_000) if (working(d)) n++;
  return b >= a || n === 0 ? n : -n;
}

describe('2,000 cases over a week', () => {
  it('agree with the database counted independently', async () => {
    const { cases } = t.services;
    const sqlite = t.sqlite;
    const clerks = [
      await makeClerk('c1', '王芳'),
      await makeClerk('c2', '李明'),
      await makeClerk('c3', '赵强'),
      await makeClerk('c4', '陈静'),
    ];
    // Window of each clerk; 陈静 moves from window 9 to window 2 halfway through.
    const windowOf = (clerk: number, i: number) => (clerk === 3 ? (i < 1000 ? 9 : 2) : [5, 6, 7][clerk]!);
    const matters: Matter[] = ['TEST-JZZ-001', 'TEST-JZZ-002', 'TEST-GSSL-001'];
    const random = prng(20261127);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const waiting: { id: string; matter: Matter; since: number }[] = [];

    // Cases start one after another from Sunday 11-22 00:00 Beijing, round the clock, for about
    // six and a half days; each is decided up to 40 minutes after it started (windows overlap).
    let base = Date.parse('2026-11-21T16:00:00.000Z');
    const at = (ms: number) => t.clock.set(new Date(Math.round(ms)));
    // One fsync per transaction (synchronous = FULL) is most of the time seeding takes; it does not
    // change what is written, so the seeding runs without it (about 7 s instead of 18 s).
    sqlite.pragma('synchronous = NORMAL');
    const seedStart = performance.now();
    for (let i = 0; i < 2000; i++) {
      base += (0.5 + random() * 8.4) * 60_000;
      at(base);
      const c = Math.floor(random() * clerks.length);
      const clerk = clerks[c]!;
      atWindow(windowOf(c, i));
      const roll = random();
      const ready = waiting.filter((w) => w.since + 3_600_000 < base);
      if (roll < 0.08 && ready.length > 0) {
        // A citizen comes back with the missing materials.
        const back = ready[Math.floor(random() * ready.length)]!;
        waiting.splice(waiting.indexOf(back), 1);
        const resumed = cases.resume(clerk, back.id);
        at(base + random() * 20 * 60_000);
        const next = random();
        if (next < 0.15) {
          // Gave up again: back to waiting, resumed (once more) later.
          cases.discard(clerk, back.id);
          waiting.push(back);
        } else if (next >= 0.25) {
          const kind = next < 0.9 ? 'accept' : 'reject';
          cases.decide(clerk, back.id, resumed.revision, decisions[kind](back.matter));
        } // else left as a draft
        continue;
      }
      const matter = pick(matters);
      const created = cases.create(clerk, matter);
      if (roll < 0.12) continue; // left open
      if (roll < 0.15) {
        cases.discard(clerk, created.id);
        continue;
      }
      const saved = cases.saveDraft(
        clerk,
        created.id,
        created.revision,
        draftFor(matter, random() < 0.5 ? 'zhang' : 'li'),
      );
      const decidedAt = base + random() * 40 * 60_000;
      at(decidedAt);
      const kind = roll < 0.7 ? 'accept' : roll < 0.9 ? 'supplement' : 'reject';
      cases.decide(clerk, created.id, saved.revision, decisions[kind](matter));
      if (kind === 'supplement') waiting.push({ id: created.id, matter, since: decidedAt });
      if (random() < 0.3) {
        const state = pick(['succeeded', 'succeeded', 'failed', 'pending'] as const);
        printJob({
          kind: pick(['receipt', 'supplement_notice', 'rejection_notice', 'bundle', 'daily_report'] as const),
          caseId: created.id,
          state,
          copyNumber: random() < 0.6 ? 0 : 1 + Math.floor(random() * 3),
          copies: random() < 0.7 ? 1 : 2,
          createdAt: t.clock.now().toISOString(),
        });
      }
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    sqlite.pragma('synchronous = FULL');
    const lastDay = new Date(base + 8 * 3_600_000).toISOString().slice(0, 10);
    console.log(`seeded 2,000 cases through the case service in ${seedSeconds.toFixed(1)} s, up to ${lastDay}`);

    t.clock.set(new Date(base + 3_600_000));
    const from = '2026-11-23';
    const to = '2026-11-27';
    const timings: number[] = [];
    let report = reports.daily({ from, to });
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      report = reports.daily({ from, to });
      timings.push(performance.now() - start);
    }
    timings.sort((a, b) => a - b);
    const median = timings[3]!;
    console.log(`report over 2,000 cases: median ${median.toFixed(1)} ms`);
    expect(median).toBeLessThan(100);

    // -- independent counts: Beijing dates by SQLite's own date functions over whole tables --
    const inRange = `date(at, '+8 hours') between '${from}' and '${to}'`;
    const n = (query: string) => (sqlite.prepare(query).get() as { n: number }).n;
    const decided = n(`select count(*) as n from case_decisions where ${inRange}`);
    expect(decided).toBeGreaterThan(1000);
    expect(report.totals).toEqual({
      started: n(`select count(*) as n from cases where date(created_at, '+8 hours') between '${from}' and '${to}'`),
      decided,
      accepted: n(`select count(*) as n from case_decisions where kind = 'accept' and ${inRange}`),
      supplement: n(`select count(*) as n from case_decisions where kind = 'supplement' and ${inRange}`),
      rejected: n(`select count(*) as n from case_decisions where kind = 'reject' and ${inRange}`),
      openDrafts: n(
        `select count(*) as n from cases where state = 'draft' and date(created_at, '+8 hours') between '${from}' and '${to}'`,
      ),
      supplementRate: n(`select count(*) as n from case_decisions where kind = 'supplement' and ${inRange}`) / decided,
    });
    expect(n(`select count(*) as n from case_decisions`)).toBeGreaterThan(decided); // some fell outside
    const sum = (rows: { total: number }[]) => rows.reduce((s, r) => s + r.total, 0);
    expect(sum(report.byMatter)).toBe(decided);
    expect(sum(report.byClerk)).toBe(decided);
    expect(sum(report.byHour)).toBe(decided);
    expect(sum(report.byDay)).toBe(decided);
    for (const rows of [report.byMatter, report.byClerk, report.byHour, report.byDay]) {
      for (const r of rows) expect(r.accepted + r.supplement + r.rejected).toBe(r.total);
    }

    const grouped = (key: string, join = '') =>
      sqlite
        .prepare(
          `select ${key} as k, sum(kind = 'accept') as accepted, sum(kind = 'supplement') as supplement,
             sum(kind = 'reject') as rejected, count(*) as total
           from case_decisions d ${join} where date(d.at, '+8 hours') between '${from}' and '${to}' group by k order by k`,
        )
        .all() as { k: string | number; accepted: number; supplement: number; rejected: number; total: number }[];
    const strip = (rows: ReturnType<typeof grouped>) => rows.map(({ k, ...tally }) => [k, tally]);
    expect(
      report.byMatter
        .map((m) => [
          m.matterCode,
          { accepted: m.accepted, supplement: m.supplement, rejected: m.rejected, total: m.total },
        ])
        .sort(),
    ).toEqual(strip(grouped('c.matter_code', 'join cases c on c.id = d.case_id')).sort());
    expect(
      report.byClerk
        .map((c) => [
          `${c.windowNumber}/${c.clerkId}`,
          { accepted: c.accepted, supplement: c.supplement, rejected: c.rejected, total: c.total },
        ])
        .sort(),
    ).toEqual(strip(grouped(`d.window_number || '/' || d.clerk_id`)).sort());
    expect(report.byClerk.filter((c) => c.clerkName === '陈静').map((c) => c.windowNumber)).toEqual([2, 9]);
    const hours = new Map(grouped(`cast(strftime('%H', d.at, '+8 hours') as integer)`).map((r) => [r.k, r]));
    for (const h of report.byHour) {
      const raw = hours.get(h.hour);
      expect([h.accepted, h.supplement, h.rejected, h.total]).toEqual([
        raw?.accepted ?? 0,
        raw?.supplement ?? 0,
        raw?.rejected ?? 0,
        raw?.total ?? 0,
      ]);
    }
    expect(report.byHour.filter((h) => h.total > 0).length).toBe(24);
    const clerkOrder = report.byClerk.map((c) => [c.windowNumber, c.clerkName]);
    expect(clerkOrder).toEqual(
      [...clerkOrder].sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1]), 'zh-CN')),
    );
    const days = new Map(grouped(`date(d.at, '+8 hours')`).map((r) => [r.k, r]));
    expect(report.byDay.map((d) => d.day)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    for (const d of report.byDay) {
      const raw = days.get(d.day);
      expect([d.accepted, d.supplement, d.rejected, d.total]).toEqual([
        raw?.accepted ?? 0,
        raw?.supplement ?? 0,
        raw?.rejected ?? 0,
        raw?.total ?? 0,
      ]);
    }
    expect([...report.byMatter].sort((a, b) => b.total - a.total || a.matterCode.localeCompare(b.matterCode))).toEqual(
      report.byMatter,
    );

    // Handling times: each version from its creation or its resume (the latest one before the decision).
    const rows = sqlite
      .prepare(
        `select d.case_id, d.version, d.at, d.clerk_id, d.window_number, c.created_at from case_decisions d
         join cases c on c.id = d.case_id where date(d.at, '+8 hours') between '${from}' and '${to}'`,
      )
      .all() as {
      case_id: string;
      version: number;
      at: string;
      clerk_id: number;
      window_number: number;
      created_at: string;
    }[];
    const resumes = sqlite
      .prepare(`select target, at, detail from audit_log where action = 'cases.resume' order by seq`)
      .all() as { target: string; at: string; detail: string }[];
    const minutes: number[] = [];
    let resumedDecisions = 0;
    for (const r of rows) {
      let start = r.created_at;
      if (r.version > 1) {
        resumedDecisions++;
        const resume = resumes
          .filter(
            (a) =>
              a.target === r.case_id &&
              (JSON.parse(a.detail) as { version: number }).version === r.version &&
              a.at <= r.at,
          )
          .at(-1);
        start = resume!.at;
      }
      minutes.push((Date.parse(r.at) - Date.parse(start)) / 60_000);
    }
    expect(resumedDecisions).toBeGreaterThan(10);
    minutes.sort((a, b) => a - b);
    const mid = minutes.length / 2;
    const expectedMedian = minutes.length % 2 ? minutes[Math.floor(mid)]! : (minutes[mid - 1]! + minutes[mid]!) / 2;
    expect(report.handling.count).toBe(decided);
    expect(report.handling.averageMinutes).toBeCloseTo(minutes.reduce((s, m) => s + m, 0) / minutes.length, 1);
    expect(report.handling.medianMinutes).toBeCloseTo(expectedMedian, 1);

    // Due: every accepted case, its working days counted from the holiday file day by day.
    const asOf = report.asOf;
    const accepted = sqlite.prepare(`select id, promised_date from cases where state = 'accepted'`).all() as {
      id: string;
      promised_date: string;
    }[];
    const atRisk = accepted
      .map((r) => ({ id: r.id, promised: r.promised_date, left: independentWorkingDays(asOf, r.promised_date) }))
      .filter((r) => r.left <= 3);
    const byId = (list: { id: string; left: number }[]) => list.map((r) => [r.id, r.left]).sort();
    expect(byId(report.due.within3.map((r) => ({ id: r.caseId, left: r.daysLeft })))).toEqual(
      byId(atRisk.filter((r) => r.promised >= asOf)),
    );
    expect(byId(report.due.overdue.map((r) => ({ id: r.caseId, left: r.daysLeft })))).toEqual(
      byId(atRisk.filter((r) => r.promised < asOf)),
    );
    expect(report.due.within3.length + report.due.overdue.length).toBeGreaterThan(0);
    expect(report.due.within3Total).toBe(atRisk.filter((r) => r.promised >= asOf).length);
    expect(report.due.overdueTotal).toBe(atRisk.filter((r) => r.promised < asOf).length);
    expect(report.due.overdueTotal).toBeLessThanOrEqual(dueListLimit); // so the lists above are whole

    // Printing.
    const printed = `date(created_at, '+8 hours') between '${from}' and '${to}'`;
    expect(report.printing).toMatchObject({
      jobs: n(`select count(*) as n from print_jobs where ${printed}`),
      succeeded: n(`select count(*) as n from print_jobs where state = 'succeeded' and ${printed}`),
      failed: n(`select count(*) as n from print_jobs where state = 'failed' and ${printed}`),
      pending: n(`select count(*) as n from print_jobs where state = 'pending' and ${printed}`),
      originals: n(`select count(*) as n from print_jobs where state = 'succeeded' and copy_number = 0 and ${printed}`),
      copies:
        n(`select coalesce(sum(copies), 0) as n from print_jobs where state = 'succeeded' and ${printed}`) -
        n(`select count(*) as n from print_jobs where state = 'succeeded' and copy_number = 0 and ${printed}`),
    });
    expect(report.printing.byKind.reduce((s, k) => s + k.jobs, 0)).toBe(report.printing.jobs);

    // The printed report: many pages, each with the header and "第 x 页 共 y 页"; a table that
    // continues on a page repeats its header there; every 合计 equals the decisions counted above.
    const pdf = await dailyReportPdf(report, await loadDocumentFont(fontPath));
    const pages = await pdfPages(pdf);
    // Kept for a person to look at (rendered pages: pdftoppm -png -r 80).
    mkdirSync(join(repoRoot, 'test-results', 'documents'), { recursive: true });
    writeFileSync(join(repoRoot, 'test-results', 'documents', 'daily-report-2000.pdf'), pdf);
    console.log(`report PDF over 2,000 cases: ${pages.length} pages, ${(pdf.length / 1024).toFixed(0)} KB`);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, i) => {
      const text = compact(page);
      expect(text).toContain(compact(report.hallName));
      expect(text).toContain(compact(`第 ${i + 1} 页 共 ${pages.length} 页`));
      // A page with rows of a due list shows the list's column headers.
      if (/370303-\d{8}-\d{3}-\d{4}/.test(page)) {
        expect(text).toContain('办件编号');
        expect(text).toContain('承诺办结');
      }
    });
    const dueRows = pages.filter((page) => /370303-\d{8}-\d{3}-\d{4}/.test(page)).length;
    expect(dueRows).toBeGreaterThanOrEqual(2);
    const all = compact(pages.join('\n'));
    const decidedTally = `合计${report.totals.accepted}${report.totals.supplement}${report.totals.rejected}${decided}`;
    // By matter (with an empty code cell), by clerk and by day: three 合计 rows, all equal to the database.
    expect(all.split(decidedTally).length - 1).toBe(3);
    expect(all).toContain(compact(`作出决定 ${decided}`));
    expect(await glyphInk(pdf)).toEqual([]);
  }, 180_000);
});
