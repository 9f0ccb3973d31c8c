import { describe, expect, it } from 'vitest';
import {
  addHallDays,
  hallDate,
  hallDatesOf,
  hallDateTime,
  hallDateTimeSeconds,
  hallDayBounds,
  hallDayStart,
  hallDaysBetween,
  hallLocaleFormat,
  hallMonthStart,
  hallOffsetMs,
  hallRangeBounds,
  hallRangeLocator,
  hallShown,
  hallTime,
  hallTimeShort,
  hallTimeZone,
  hallToday,
  hallWallTime,
  hallWeekday,
  hallWeekStart,
  instantMs,
  isHallDate,
} from './hall-time';

const la = 'America/Los_Angeles';
const iso = (d: Date) => d.toISOString();

describe('the test process', () => {
  it('runs in the time zone TZ names, so a suite run under several zones really tries them', () => {
    const tz = process.env.TZ;
    if (tz) {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(tz);
      // Date's local fields follow it too (what `getHours()` and dayjs() would have used).
      const local = new Date(2026, 0, 1, 12);
      expect(local.getTimezoneOffset() * -60_000 + 0).toBe(hallOffsetMs(local, tz));
    }
    // And the result of this module does not depend on it.
    expect(hallDate(new Date('2026-11-26T16:00:00.000Z'))).toBe('2026-11-27');
  });
});

describe('hallDate', () => {
  it('is Asia/Shanghai by default', () => {
    expect(hallTimeZone).toBe('Asia/Shanghai');
  });

  it('turns the day at Beijing midnight, 16:00 UTC the day before', () => {
    expect(hallDate(new Date('2026-11-26T15:59:59.999Z'))).toBe('2026-11-26');
    expect(hallDate(new Date('2026-11-26T16:00:00.000Z'))).toBe('2026-11-27');
    expect(hallDate('2026-11-26T23:59:59.999+08:00')).toBe('2026-11-26');
    expect(hallDate(Date.parse('2026-11-27T00:00:00+08:00'))).toBe('2026-11-27');
  });

  it('crosses the year in Beijing eight hours before London', () => {
    expect(hallDate('2025-12-31T15:59:59.999Z')).toBe('2025-12-31');
    expect(hallDate('2025-12-31T16:00:00.000Z')).toBe('2026-01-01');
    expect(hallDate('2024-02-28T16:00:00Z')).toBe('2024-02-29');
    expect(hallDate('2024-02-29T16:00:00Z')).toBe('2024-03-01');
  });

  it('answers in another zone when asked', () => {
    expect(hallDate('2026-11-26T16:00:00.000Z', 'UTC')).toBe('2026-11-26');
    expect(hallDate('2026-01-01T07:59:59Z', la)).toBe('2025-12-31');
    expect(hallDate('2026-01-01T08:00:00Z', la)).toBe('2026-01-01');
  });

  it('reads every hour of a day the same whatever the PC zone', () => {
    const start = Date.parse('2026-06-30T16:00:00Z');
    for (let h = 0; h < 24; h++) expect(hallDate(start + h * 3_600_000)).toBe('2026-07-01');
    expect(hallDate(start - 1)).toBe('2026-06-30');
    expect(hallDate(start + 24 * 3_600_000)).toBe('2026-07-02');
  });
});

describe('formatting for people', () => {
  const at = new Date('2026-03-04T01:05:42.900Z'); // 09:05:42 in Beijing

  it('writes YYYY-MM-DD HH:mm, with seconds, and the time alone, in 24 hours', () => {
    expect(hallDateTime(at)).toBe('2026-03-04 09:05');
    expect(hallDateTimeSeconds(at)).toBe('2026-03-04 09:05:42');
    expect(hallTime(at)).toBe('09:05:42');
    expect(hallTimeShort(at)).toBe('09:05');
    expect(hallDateTime('2025-12-31T16:00:00Z')).toBe('2026-01-01 00:00');
    expect(hallTime('2026-03-04T15:59:59Z')).toBe('23:59:59');
    expect(hallTime('2026-03-04T16:00:00Z')).toBe('00:00:00');
  });

  it('gives the wall clock with the ISO weekday', () => {
    expect(hallWallTime('2026-11-27T16:30:00Z')).toEqual({
      year: 2026,
      month: 11,
      day: 28,
      hour: 0,
      minute: 30,
      second: 0,
      weekday: 6,
    });
    expect(hallWallTime('2026-11-29T04:00:00Z').weekday).toBe(7);
  });

  it('writes the way the UI language does, in the hall zone', () => {
    expect(hallLocaleFormat(at, 'zh-CN', 'dateTime')).toBe('2026/3/4 09:05:42');
    expect(hallLocaleFormat(at, 'en', 'dateTime')).toBe('3/4/2026, 09:05:42');
    // Midnight is 00, never 24 (as hour12: false used to write it in English).
    expect(hallLocaleFormat('2026-03-04T16:00:00Z', 'en', 'dateTime')).toBe('3/5/2026, 00:00:00');
    expect(hallLocaleFormat('2026-11-26T16:00:00Z', 'zh-CN', 'longDate')).toBe('2026年11月27日星期五');
    expect(hallLocaleFormat('2026-11-26T16:00:00Z', 'en', 'longDate')).toBe('Friday, November 27, 2026');
  });

  it('agrees with the tz database over a year, every third hour', () => {
    const reference = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let ms = Date.parse('2026-01-01T00:17:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 3 * 3_600_000) {
      expect(hallDateTime(ms)).toBe(reference.format(ms).replace(', ', ' '));
    }
  });
});

describe('today and calendar arithmetic', () => {
  it('takes today from a clock: a Clock, a Date, epoch ms, or Date itself', () => {
    const now = new Date('2026-11-26T16:00:00Z');
    expect(hallToday({ now: () => now })).toBe('2026-11-27');
    expect(hallToday(now)).toBe('2026-11-27');
    expect(hallToday(now.getTime(), la)).toBe('2026-11-26');
    expect(hallToday(Date)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('adds days across months, leap days and years', () => {
    expect(addHallDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addHallDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addHallDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addHallDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addHallDays('2026-03-08', 0)).toBe('2026-03-08');
    expect(addHallDays('2026-11-27', -13)).toBe('2026-11-14');
    expect(hallDaysBetween('2025-12-31', '2026-01-02')).toBe(2);
    expect(hallDatesOf('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(hallDatesOf('2026-01-02', '2026-01-01')).toEqual([]);
  });

  it('knows weeks (Monday first) and months', () => {
    expect(hallWeekday('2026-11-23')).toBe(1);
    expect(hallWeekday('2026-11-29')).toBe(7);
    expect(hallWeekStart('2026-11-29')).toBe('2026-11-23');
    expect(hallWeekStart('2026-11-23')).toBe('2026-11-23');
    expect(hallWeekStart('2027-01-01')).toBe('2026-12-28');
    expect(hallMonthStart('2026-11-29')).toBe('2026-11-01');
  });

  it('tells real dates from others', () => {
    expect(isHallDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '20261127', '', '2026-11-27T00:00']) {
      expect(isHallDate(bad)).toBe(false);
    }
  });
});

describe('where hall days start and end', () => {
  it('bounds a Beijing day by UTC instants: midnight is 16:00 UTC the day before', () => {
    const { start, end } = hallDayBounds('2026-11-27');
    expect(iso(start)).toBe('2026-11-26T16:00:00.000Z');
    expect(iso(end)).toBe('2026-11-27T16:00:00.000Z');
    expect(iso(hallDayStart('2026-01-01'))).toBe('2025-12-31T16:00:00.000Z');
  });

  it('bounds a range of days, both ends counted', () => {
    const r = hallRangeBounds('2026-11-26', '2026-11-27');
    expect([iso(r.start), iso(r.end)]).toEqual(['2026-11-25T16:00:00.000Z', '2026-11-27T16:00:00.000Z']);
    const y = hallRangeBounds('2025-12-31', '2026-01-01');
    expect([iso(y.start), iso(y.end)]).toEqual(['2025-12-30T16:00:00.000Z', '2026-01-01T16:00:00.000Z']);
    expect(() => hallRangeBounds('2026-11-27', '2026-11-26')).toThrow(RangeError);
  });

  it('follows daylight saving: a 23-hour day in March and a 25-hour day in November (Los Angeles)', () => {
    // 2026-03-08 02:00 PST → 03:00 PDT.
    const spring = hallDayBounds('2026-03-08', la);
    expect(iso(spring.start)).toBe('2026-03-08T08:00:00.000Z');
    expect(iso(spring.end)).toBe('2026-03-09T07:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    // 2026-11-01 02:00 PDT → 01:00 PST.
    const fall = hallDayBounds('2026-11-01', la);
    expect(iso(fall.start)).toBe('2026-11-01T07:00:00.000Z');
    expect(iso(fall.end)).toBe('2026-11-02T08:00:00.000Z');
    expect(fall.end.getTime() - fall.start.getTime()).toBe(25 * 3_600_000);
    expect(hallOffsetMs('2026-03-08T09:59:59Z', la)).toBe(-8 * 3_600_000);
    expect(hallOffsetMs('2026-03-08T10:00:00Z', la)).toBe(-7 * 3_600_000);
    expect(hallDate(new Date(fall.end.getTime() - 1), la)).toBe('2026-11-01');
    expect(hallDate(fall.end, la)).toBe('2026-11-02');
  });

  it('starts a day whose midnight does not exist at the change (Santiago skips 00:00 in September)', () => {
    const start = hallDayStart('2026-09-06', 'America/Santiago');
    expect(hallDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(hallDate(start.getTime() - 1, 'America/Santiago')).toBe('2026-09-05');
    expect(hallTime(start, 'America/Santiago')).toBe('01:00:00');
  });

  it('bounds the year ends in Beijing and in a DST zone', () => {
    expect(iso(hallDayStart('2027-01-01'))).toBe('2026-12-31T16:00:00.000Z');
    expect(iso(hallDayStart('2027-01-01', la))).toBe('2027-01-01T08:00:00.000Z');
    const year = hallRangeBounds('2026-01-01', '2026-12-31', la);
    expect(year.end.getTime() - year.start.getTime()).toBe(365 * 86_400_000);
  });

  it('places instants in a range by day and wall-clock hour, across DST too', () => {
    const beijing = hallRangeLocator('2026-11-26', '2026-11-27');
    expect(beijing.dates).toEqual(['2026-11-26', '2026-11-27']);
    expect(beijing.locate(Date.parse('2026-11-25T15:59:59.999Z'))).toBeNull();
    expect(beijing.locate(Date.parse('2026-11-25T16:00:00Z'))).toEqual({ day: 0, hour: 0 });
    expect(beijing.locate(Date.parse('2026-11-27T01:30:00Z'))).toEqual({ day: 1, hour: 9 });
    expect(beijing.locate(Date.parse('2026-11-27T15:59:59.999Z'))).toEqual({ day: 1, hour: 23 });
    expect(beijing.locate(Date.parse('2026-11-27T16:00:00Z'))).toBeNull();

    const spring = hallRangeLocator('2026-03-07', '2026-03-09', la);
    for (let ms = spring.start.getTime(); ms < spring.end.getTime(); ms += 15 * 60_000) {
      const w = hallWallTime(ms, la);
      expect(spring.locate(ms)).toEqual({ day: spring.dates.indexOf(hallDate(ms, la)), hour: w.hour });
    }
    const fall = hallRangeLocator('2026-10-31', '2026-11-02', la);
    for (let ms = fall.start.getTime(); ms < fall.end.getTime(); ms += 15 * 60_000) {
      const w = hallWallTime(ms, la);
      expect(fall.locate(ms)).toEqual({ day: fall.dates.indexOf(hallDate(ms, la)), hour: w.hour });
    }
  });
});

describe('invalid input', () => {
  it('refuses what is not an instant, with a RangeError', () => {
    expect(() => hallDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => hallDate('yesterday')).toThrow(RangeError);
    expect(() => hallDate('')).toThrow(RangeError);
    expect(() => hallDate(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => hallDateTime(8.64e15 + 1)).toThrow(RangeError);
  });

  it('refuses timestamps the PC zone would decide: no offset, or a calendar date', () => {
    expect(() => hallDate('2026-11-27T10:00:00')).toThrow(/offset/);
    expect(() => hallDate('2026-11-27 10:00')).toThrow(/offset/);
    expect(() => hallDate('2026-11-27')).toThrow(/calendar date/);
    // Other forms Date.parse would read in the PC's zone.
    expect(() => hallDate('2026/11/27 09:00')).toThrow(RangeError);
    expect(() => hallDate('13')).toThrow(RangeError);
    expect(() => hallDate('1')).toThrow(RangeError);
    expect(instantMs('2026-11-27T09:05:03+0800')).toBe(Date.parse('2026-11-27T01:05:03Z'));
    expect(instantMs('2026-11-27 01:05:03.123+00')).toBe(Date.parse('2026-11-27T01:05:03.123Z'));
  });

  it('shows a bad timestamp on a screen as it came, and none as a dash', () => {
    expect(hallShown(hallDateTime, '2026-11-26T16:00:00Z')).toBe('2026-11-27 00:00');
    expect(hallShown(hallTime, '13')).toBe('13');
    expect(hallShown(hallTime, '2026-11-27T09:00')).toBe('2026-11-27T09:00');
    expect(hallShown(hallTime, new Date(Number.NaN))).toBe('—');
    expect(hallShown(hallTime, null)).toBe('—');
    expect(hallShown(hallTime, undefined)).toBe('—');
    expect(hallShown(hallTime, '')).toBe('—');
    expect(hallShown(hallTime, '2026-11-26T16:00:00Z', la)).toBe('08:00:00');
    expect(() => hallShown(hallTime, '2026-11-26T16:00:00Z', 'Not/AZone')).toThrow(RangeError);
  });

  it('refuses dates that are not dates, and unknown zones', () => {
    expect(() => addHallDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addHallDays('2026-11-27', 1.5)).toThrow(RangeError);
    expect(() => hallDayStart('27/11/2026')).toThrow(RangeError);
    expect(() => hallDayBounds('2026-11-27', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => hallDate(new Date(), 'Not/AZone')).toThrow(RangeError);
    expect(() => hallWeekStart('x')).toThrow(RangeError);
    expect(() => hallMonthStart('2026-11-31')).toThrow(RangeError);
  });
});
