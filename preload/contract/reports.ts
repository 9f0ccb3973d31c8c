import { z } from 'zod';
import { documentKindSchema } from './documents';

/**
 * The supervisor's report over a range of hall dates (Beijing), computed from the local database
 * so it works offline. The screen and the PDF are both drawn from one `DailyReport`.
 */

/** The longest range one report covers (a leap year, both ends counted). */
export const maxReportDays = 366;
/** Each due list carries at most this many cases (the most urgent first); its total counts them all. */
export const dueListLimit = 500;

/** Accepted cases due within this many working days are listed as at risk. */
export const dueWithinWorkingDays = 3;

const msPerDay = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date; null when it is not one. */
export function dayNumberOf(date: string): number | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return at.getTime() / msPerDay;
}

function dateOfDayNumber(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included (empty when `to` is before `from` or either is invalid). */
export function daysOfRange(from: string, to: string): string[] {
  const a = dayNumberOf(from);
  const b = dayNumberOf(to);
  if (a === null || b === null) return [];
  const days: string[] = [];
  for (let d = a; d <= b; d++) days.push(dateOfDayNumber(d));
  return days;
}

const hallDay = z
  .string()
  .regex(datePattern, '日期格式为 YYYY-MM-DD')
  .refine((s) => dayNumberOf(s) !== null, '日期格式为 YYYY-MM-DD');

/** Days from `from` to `to`, both counted (0 or less when `to` is earlier); null unless both are real dates. */
function spanOf(q: { from: string; to: string }): number | null {
  const a = dayNumberOf(q.from);
  const b = dayNumberOf(q.to);
  return a === null || b === null ? null : b - a + 1;
}

export const reportQuerySchema = z
  .object({
    /** First hall date (Beijing) counted. */
    from: hallDay,
    /** Last hall date counted (included). */
    to: hallDay,
  })
  .strict()
  // Each only when both dates are real (the field messages say what is wrong otherwise).
  .refine((q) => (spanOf(q) ?? 1) >= 1, {
    message: '结束日期不能早于开始日期',
    path: ['to'],
  })
  .refine((q) => (spanOf(q) ?? 0) <= maxReportDays, {
    message: `一次最多统计 ${maxReportDays} 天`,
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

const count = z.number().int().nonnegative();
const minutes = z.number().nonnegative().nullable();

/** Decisions by kind: 受理, 补正, 不予受理, and all three. */
const tally = {
  accepted: count,
  supplement: count,
  rejected: count,
  total: count,
};

export const dueCaseSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  matterName: z.string(),
  applicantName: z.string(),
  applicantIdMasked: z.string(),
  clerkName: z.string(),
  windowNumber: z.number().int(),
  /** 承诺办结日期. */
  promisedDate: z.string(),
  /** Working days from the report's `asOf` day to the promised date; negative when overdue. */
  daysLeft: z.number().int(),
});
export type DueCase = z.infer<typeof dueCaseSchema>;

export const dailyReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The hall date the due lists are counted from: today when the report was made. */
  asOf: z.string(),
  generatedAt: z.iso.datetime(),
  hallName: z.string(),
  totals: z.object({
    /** Cases started (created) on a day of the range, drafts included. */
    started: count,
    /** Decisions made in the range (a resumed case decided again counts again). */
    decided: count,
    accepted: count,
    supplement: count,
    rejected: count,
    /** Cases started in the range that are drafts now. */
    openDrafts: count,
    /** supplement / decided; 0 when nothing was decided. */
    supplementRate: z.number().min(0).max(1),
  }),
  /**
   * Minutes from the start of a case version (the case created, or resumed after a supplement)
   * to its decision; 0.1-minute precision. `count` is the decisions measured.
   */
  handling: z.object({ averageMinutes: minutes, medianMinutes: minutes, count }),
  /** Total descending, then matter code. */
  byMatter: z.array(z.object({ matterCode: z.string(), matterName: z.string(), ...tally })),
  /** Window, then clerk name: who made the decision, at which window. */
  byClerk: z.array(
    z.object({
      windowNumber: z.number().int(),
      clerkId: z.number().int(),
      clerkName: z.string(),
      ...tally,
      averageMinutes: minutes,
    }),
  ),
  /** 24 entries, hour 0 … 23 of the Beijing clock. */
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), ...tally })).length(24),
  /** One entry per day of the range, in order. */
  byDay: z.array(z.object({ day: z.string(), ...tally })),
  /**
   * Every accepted case at risk, whenever it was accepted: due within 3 working days of `asOf`
   * (today included), or whose promised date has passed. Promised date, then number.
   */
  due: z.object({
    /** The most urgent `dueListLimit` cases of each list; the totals count every one. */
    within3: z.array(dueCaseSchema),
    overdue: z.array(dueCaseSchema),
    within3Total: count,
    overdueTotal: count,
  }),
  /** Print jobs started in the range. Originals and copies count sets actually printed (succeeded jobs). */
  printing: z.object({
    jobs: count,
    succeeded: count,
    failed: count,
    pending: count,
    /** 正本 printed. */
    originals: count,
    /** Sets printed as 副本. */
    copies: count,
    /** Kinds that had jobs, in the order of `documentKinds`. */
    byKind: z.array(z.object({ kind: documentKindSchema, jobs: count, succeeded: count, failed: count })),
  }),
});
export type DailyReport = z.infer<typeof dailyReportSchema>;
/** The hours the charts show: the hall's day (8 to 18, Beijing) and any other hour that had decisions. */
export function shownHours<T extends { hour: number; total: number }>(byHour: readonly T[]): T[] {
  return byHour.filter((h) => (h.hour >= 8 && h.hour <= 18) || h.total > 0);
}

export type DecisionTally = Pick<DailyReport['byDay'][number], 'accepted' | 'supplement' | 'rejected' | 'total'>;
