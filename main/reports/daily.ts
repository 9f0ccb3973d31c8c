import { and, asc, count, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Clock } from '../app/clock';
import type { CalendarService } from '../calendar/service';
import type { Db } from '../db/connection';
import { caseDecisions, cases, printJobs } from '../db/schema';
import type { SettingsService } from '../settings/service';
import { hallDate, hallRangeLocator } from '@yichuang/domain/hall-time';
import { documentKinds } from '../../preload/contract/documents';
import { AppError } from '../../preload/contract/errors';
import { openStates, type DecisionKind } from '@yichuang/domain/cases';
import {
  type DailyReport,
  type DecisionTally,
  type DueCase,
  type ReportQuery,
  dailyReportSchema,
  dueListLimit,
  dueWithinWorkingDays,
  reportQuerySchema,
} from '../../preload/contract/reports';

export interface ReportServiceDeps {
  db: Db;
  clock: Clock;
  calendar: CalendarService;
  settings: SettingsService;
}

function emptyTally(): DecisionTally {
  return { accepted: 0, supplement: 0, rejected: 0, total: 0 };
}

const tallyKey: Record<DecisionKind, 'accepted' | 'supplement' | 'rejected'> = {
  accept: 'accepted',
  supplement: 'supplement',
  reject: 'rejected',
};

function add(t: DecisionTally, kind: DecisionKind): void {
  t[tallyKey[kind]]++;
  t.total++;
}

/** One decimal of a minute. */
function roundMinutes(value: number): number {
  return Math.round(value * 10) / 10;
}

function average(sum: number, n: number): number | null {
  return n === 0 ? null : roundMinutes(sum / n);
}

function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  values.sort();
  const mid = values.length >> 1;
  return roundMinutes(values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2);
}

/**
 * When the version a decision closes began: version 1 at the case's creation; a later version at
 * its 'cases.resume' audit entry (the latest for that version not after the decision), else at the
 * previous version's decision. Point lookups by primary key and by the audit target index.
 */
const versionStart = sql<string | null>`case when ${caseDecisions.version} = 1 then ${cases.createdAt} else coalesce(
  (select a.at from audit_log a
    where a.target = ${caseDecisions.caseId} and a.action = 'cases.resume'
      and json_extract(a.detail, '$.version') = ${caseDecisions.version} and a.at <= ${caseDecisions.at}
    order by a.seq desc limit 1),
  (select p.at from case_decisions p where p.case_id = ${caseDecisions.caseId} and p.version = ${caseDecisions.version} - 1)
) end`;

/** kind, at, clerkId, clerkName, windowNumber, matterCode, matterName, startedAt: in the order selected. */
type DecisionRow = [DecisionKind, string, number, string, number, string | null, string | null, string | null];

/** caseId, number, matterName, applicantName, applicantIdMasked, clerkName, windowNumber, promisedDate. */
type DueRow = [string, string | null, string | null, string, string, string, number, string | null];

/** The supervisor's report: decisions, handling times, cases at risk and printing over a range of hall dates. */
export function createReportService(deps: ReportServiceDeps) {
  const { db, clock, calendar, settings } = deps;

  /**
   * The decisions made in [start, end), one row each as a tuple (drizzle's `.values()`: no object
   * per row, which counts at 100,000 rows).
   */
  function decisions(start: string, end: string): DecisionRow[] {
    return (
      db
        .select({
          kind: caseDecisions.kind,
          at: caseDecisions.at,
          clerkId: caseDecisions.clerkId,
          clerkName: caseDecisions.clerkName,
          windowNumber: caseDecisions.windowNumber,
          matterCode: cases.matterCode,
          matterName: cases.matterName,
          startedAt: versionStart,
        })
        .from(caseDecisions)
        // CROSS JOIN keeps case_decisions the outer loop (SQLite never reorders it): the range on the
        // `at` index drives the query and each case is a primary-key lookup, never a scan of cases.
        .crossJoin(cases)
        .where(and(gte(caseDecisions.at, start), lt(caseDecisions.at, end), eq(cases.id, caseDecisions.caseId)))
        .values() as DecisionRow[]
    );
  }

  function started(from: string, to: string): { started: number; openDrafts: number } {
    const all = db
      .select({ n: count() })
      .from(cases)
      .where(and(gte(cases.createdDay, from), lte(cases.createdDay, to)))
      .get();
    const drafts = db
      .select({ n: count() })
      .from(cases)
      .where(and(eq(cases.state, 'draft'), gte(cases.createdDay, from), lte(cases.createdDay, to)))
      .get();
    return { started: all?.n ?? 0, openDrafts: drafts?.n ?? 0 };
  }

  function due(asOf: string): DailyReport['due'] {
    const workingDays = calendar.current();
    const limit = workingDays.addWorkingDays(asOf, dueWithinWorkingDays).date;
    const rows = db
      .select({
        caseId: cases.id,
        number: cases.number,
        matterName: cases.matterName,
        applicantName: cases.applicantName,
        applicantIdMasked: cases.applicantIdMasked,
        clerkName: cases.clerkName,
        windowNumber: cases.windowNumber,
        promisedDate: cases.promisedDate,
      })
      .from(cases)
      .where(and(inArray(cases.state, openStates), lte(cases.promisedDate, limit)))
      .orderBy(asc(cases.promisedDate), asc(cases.number))
      .values() as DueRow[];
    // Many cases share a promised date: count the working days once per date.
    const daysLeftOf = new Map<string, number>();
    const within3: DueCase[] = [];
    const overdue: DueCase[] = [];
    let within3Total = 0;
    let overdueTotal = 0;
    for (const [
      caseId,
      number,
      matterName,
      applicantName,
      applicantIdMasked,
      clerkName,
      windowNumber,
      promised,
    ] of rows) {
      const promisedDate = promised!;
      let daysLeft = daysLeftOf.get(promisedDate);
      if (daysLeft === undefined) {
        daysLeft = workingDays.workingDaysBetween(asOf, promisedDate).days;
        daysLeftOf.set(promisedDate, daysLeft);
      }
      const row: DueCase = {
        caseId,
        number: number ?? '',
        matterName: matterName ?? '',
        applicantName,
        applicantIdMasked,
        clerkName,
        windowNumber,
        promisedDate,
        daysLeft,
      };
      // Overdue once the promised date has passed, even when only a weekend lies between.
      const list = promisedDate < asOf ? overdue : within3;
      if (promisedDate < asOf) overdueTotal++;
      else within3Total++;
      if (list.length < dueListLimit) list.push(row);
    }
    return { within3, overdue, within3Total, overdueTotal };
  }

  function printing(start: string, end: string): DailyReport['printing'] {
    const succeeded = sql`${printJobs.state} = 'succeeded'`;
    const rows = db
      .select({
        kind: printJobs.kind,
        jobs: count(),
        succeeded: sql<number>`coalesce(sum(${succeeded}), 0)`,
        failed: sql<number>`coalesce(sum(${printJobs.state} = 'failed'), 0)`,
        pending: sql<number>`coalesce(sum(${printJobs.state} = 'pending'), 0)`,
        originals: sql<number>`coalesce(sum(${succeeded} and ${printJobs.copyNumber} = 0), 0)`,
        // A job prints `copies` sets stamped copyNumber …: all but the original (copyNumber 0) are 副本.
        copies: sql<number>`coalesce(sum(case when ${succeeded} then ${printJobs.copies} - (${printJobs.copyNumber} = 0) else 0 end), 0)`,
      })
      .from(printJobs)
      .where(and(gte(printJobs.createdAt, start), lt(printJobs.createdAt, end)))
      .groupBy(printJobs.kind)
      .all();
    const out: DailyReport['printing'] = {
      jobs: 0,
      succeeded: 0,
      failed: 0,
      pending: 0,
      originals: 0,
      copies: 0,
      byKind: [],
    };
    for (const kind of documentKinds) {
      const r = rows.find((x) => x.kind === kind);
      if (!r) continue;
      out.jobs += r.jobs;
      out.succeeded += r.succeeded;
      out.failed += r.failed;
      out.pending += r.pending;
      out.originals += r.originals;
      out.copies += r.copies;
      out.byKind.push({ kind, jobs: r.jobs, succeeded: r.succeeded, failed: r.failed });
    }
    return out;
  }

  return {
    /** The report for hall dates `query.from` … `query.to`; the due lists as of today. */
    daily(query: ReportQuery): DailyReport {
      const parsed = reportQuerySchema.safeParse(query);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
        throw new AppError(
          'report_query_invalid',
          { detail: parsed.error.issues[0]?.message ?? '统计日期无效' },
          fields,
        );
      }
      const { from, to } = parsed.data;
      const now = clock.now();
      const asOf = hallDate(now);
      // The hall days as instants, laid out once: each decision is placed by its day and hour.
      const range = hallRangeLocator(from, to);
      const start = range.start.toISOString();
      const end = range.end.toISOString();

      const totals = emptyTally();
      const matters = new Map<string, { matterCode: string; matterName: string } & DecisionTally>();
      const clerks = new Map<
        string,
        {
          windowNumber: number;
          clerkId: number;
          clerkName: string;
          lastAt: string;
          sum: number;
          n: number;
        } & DecisionTally
      >();
      const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, ...emptyTally() }));
      const byDay = range.dates.map((day) => ({ day, ...emptyTally() }));

      const rows = decisions(start, end);
      const handled = new Float64Array(rows.length);
      let handledCount = 0;
      let handledSum = 0;
      for (const [kind, at, clerkId, clerkName, windowNumber, matterCode, matterName, startedAt] of rows) {
        add(totals, kind);
        const atMs = Date.parse(at);
        // Its hall day and the hour of the hall's clock (the query kept it inside the range).
        const slot = range.locate(atMs);
        if (slot) {
          add(byHour[slot.hour]!, kind);
          add(byDay[slot.day]!, kind);
        }

        const code = matterCode ?? '';
        let matter = matters.get(code);
        if (!matter) {
          matter = { matterCode: code, matterName: matterName ?? '', ...emptyTally() };
          matters.set(code, matter);
        }
        add(matter, kind);

        const clerkKey = `${windowNumber}:${clerkId}`;
        let clerk = clerks.get(clerkKey);
        if (!clerk) {
          clerk = { windowNumber, clerkId, clerkName, lastAt: at, sum: 0, n: 0, ...emptyTally() };
          clerks.set(clerkKey, clerk);
        } else if (at > clerk.lastAt) {
          // A renamed clerk shows under the name of their latest decision.
          clerk.clerkName = clerkName;
          clerk.lastAt = at;
        }
        add(clerk, kind);

        if (startedAt !== null) {
          const minutes = (atMs - Date.parse(startedAt)) / 60_000;
          // A version that "began" after its decision means a clock set wrong: not a handling time.
          if (Number.isFinite(minutes) && minutes >= 0) {
            handled[handledCount++] = minutes;
            handledSum += minutes;
            clerk.sum += minutes;
            clerk.n++;
          }
        }
      }

      const { started: startedCount, openDrafts } = started(from, to);
      const report: DailyReport = {
        from,
        to,
        asOf,
        generatedAt: now.toISOString(),
        hallName: settings.get().hallName,
        totals: {
          started: startedCount,
          decided: totals.total,
          accepted: totals.accepted,
          supplement: totals.supplement,
          rejected: totals.rejected,
          openDrafts,
          supplementRate: totals.total === 0 ? 0 : totals.supplement / totals.total,
        },
        handling: {
          averageMinutes: average(handledSum, handledCount),
          medianMinutes: median(handled.subarray(0, handledCount)),
          count: handledCount,
        },
        byMatter: [...matters.values()].sort(
          (a, b) => b.total - a.total || (a.matterCode < b.matterCode ? -1 : a.matterCode > b.matterCode ? 1 : 0),
        ),
        byClerk: [...clerks.values()]
          .sort(
            (a, b) =>
              a.windowNumber - b.windowNumber ||
              a.clerkName.localeCompare(b.clerkName, 'zh-CN') ||
              a.clerkId - b.clerkId,
          )
          .map((c) => ({
            windowNumber: c.windowNumber,
            clerkId: c.clerkId,
            clerkName: c.clerkName,
            accepted: c.accepted,
            supplement: c.supplement,
            rejected: c.rejected,
            total: c.total,
            averageMinutes: average(c.sum, c.n),
          })),
        byHour,
        byDay,
        due: due(asOf),
        printing: printing(start, end),
      };
      return dailyReportSchema.parse(report);
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
