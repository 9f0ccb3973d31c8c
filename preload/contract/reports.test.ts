import { describe, expect, it } from 'vitest';
import { dailyReportSchema, dayNumberOf, daysOfRange, maxReportDays, reportQuerySchema } from './reports';

function issues(input: unknown): Record<string, string> {
  const parsed = reportQuerySchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('reportQuerySchema', () => {
  it('takes one day, or a range up to 366 days with both ends counted', () => {
    expect(reportQuerySchema.parse({ from: '2026-11-27', to: '2026-11-27' })).toEqual({
      from: '2026-11-27',
      to: '2026-11-27',
    });
    expect(reportQuerySchema.safeParse({ from: '2028-01-01', to: '2028-12-31' }).success).toBe(true); // 366 days
    expect(reportQuerySchema.safeParse({ from: '2026-01-01', to: '2027-01-01' }).success).toBe(true); // 366 days
  });

  it('refuses a 367th day', () => {
    expect(issues({ from: '2026-01-01', to: '2027-01-02' })).toEqual({ to: '一次最多统计 366 天' });
    expect(maxReportDays).toBe(366);
  });

  it('refuses an end before the start', () => {
    expect(issues({ from: '2026-11-27', to: '2026-11-26' })).toEqual({ to: '结束日期不能早于开始日期' });
  });

  it('refuses dates not written YYYY-MM-DD, and dates that do not exist', () => {
    expect(issues({ from: '2026/11/27', to: '2026-11-27' })).toEqual({ from: '日期格式为 YYYY-MM-DD' });
    expect(issues({ from: '2026-11-27', to: '2026-11-7' })).toEqual({ to: '日期格式为 YYYY-MM-DD' });
    expect(issues({ from: '2026-02-29', to: '2026-03-01' })).toEqual({ from: '日期格式为 YYYY-MM-DD' });
    expect(issues({ from: '2028-02-29', to: '2028-03-01' })).toEqual({});
  });

  it('is strict: no other keys, both dates required', () => {
    expect(reportQuerySchema.safeParse({ from: '2026-11-27', to: '2026-11-27', clerkId: 1 }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: '2026-11-27' }).success).toBe(false);
  });
});

describe('day helpers', () => {
  it('count days across months, leap days and years', () => {
    expect(daysOfRange('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysOfRange('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(daysOfRange('2026-11-27', '2026-11-26')).toEqual([]);
    expect(daysOfRange('2026-01-01', '2026-12-31')).toHaveLength(365);
    expect(dayNumberOf('1970-01-02')).toBe(1);
    expect(dayNumberOf('2026-13-01')).toBeNull();
  });
});

describe('dailyReportSchema', () => {
  it('wants exactly 24 hours', () => {
    const hour = (h: number) => ({ hour: h, accepted: 0, supplement: 0, rejected: 0, total: 0 });
    const base = {
      from: '2026-11-27',
      to: '2026-11-27',
      asOf: '2026-11-27',
      generatedAt: '2026-11-27T09:00:00.000Z',
      hallName: '张店区市民中心',
      totals: { started: 0, decided: 0, accepted: 0, supplement: 0, rejected: 0, openDrafts: 0, supplementRate: 0 },
      handling: { averageMinutes: null, medianMinutes: null, count: 0 },
      byMatter: [],
      byClerk: [],
      byHour: Array.from({ length: 24 }, (_, h) => hour(h)),
      byDay: [{ day: '2026-11-27', accepted: 0, supplement: 0, rejected: 0, total: 0 }],
      due: { within3: [], overdue: [], within3Total: 0, overdueTotal: 0 },
      printing: { jobs: 0, succeeded: 0, failed: 0, pending: 0, originals: 0, copies: 0, byKind: [] },
    };
    expect(dailyReportSchema.safeParse(base).success).toBe(true);
    expect(dailyReportSchema.safeParse({ ...base, byHour: base.byHour.slice(1) }).success).toBe(false);
    expect(dailyReportSchema.safeParse({ ...base, generatedAt: '2026-11-27 17:00' }).success).toBe(false);
  });
});
