import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holidayCalendarSchema, type HolidayCalendar } from '@yichuang/domain/calendar';
import { AppError } from '../../preload/contract/errors';
import { createWorkingDays } from './working-days';

// Not from main/testing/workstation: these pure tests need no workstation.
const resourcesDir = resolve(__dirname, '..', '..', 'resources');

// The shipped calendar: 2004–2026 official, 2027 not yet published.
const shipped = holidayCalendarSchema.parse(
  JSON.parse(readFileSync(join(resourcesDir, 'calendar', 'holidays.json'), 'utf8')),
);
const wd = createWorkingDays(shipped);

/** Expected results below are counted by hand from the 2026 notice; 2026-01-01 is a Thursday. */
describe('addWorkingDays over the 2026 official calendar', () => {
  it('Spring Festival: Fri 02-13 + 5 → 02-27', () => {
    // Feb 14 (Sat, make-up) 1; Feb 15–23 off; Feb 24 (Tue) 2, 25 3, 26 4, 27 (Fri) 5
    expect(wd.addWorkingDays('2026-02-13', 5)).toEqual({ date: '2026-02-27', provisional: false });
    // Feb 28 (Sat, make-up) 6
    expect(wd.addWorkingDays('2026-02-13', 6)).toEqual({ date: '2026-02-28', provisional: false });
    // Mar 1 Sun off; Mar 2 (Mon) 7
    expect(wd.addWorkingDays('2026-02-13', 7)).toEqual({ date: '2026-03-02', provisional: false });
  });

  it('Spring Festival from the make-up Saturday: Sat 02-14 + 1 → Tue 02-24', () => {
    // Feb 15–23 off; Feb 24 (Tue) 1
    expect(wd.addWorkingDays('2026-02-14', 1)).toEqual({ date: '2026-02-24', provisional: false });
  });

  it('National Day: Wed 09-30 + 3 → Sat 10-10 (make-up)', () => {
    // Oct 1–7 off; Oct 8 (Thu) 1, Oct 9 (Fri) 2, Oct 10 (Sat, make-up) 3
    expect(wd.addWorkingDays('2026-09-30', 3)).toEqual({ date: '2026-10-10', provisional: false });
    // Oct 11 Sun off; Oct 12 (Mon) 4
    expect(wd.addWorkingDays('2026-09-30', 4)).toEqual({ date: '2026-10-12', provisional: false });
  });

  it('Mid-Autumn and the make-up Sunday before National Day', () => {
    // Sep 19 Sat off; Sep 20 (Sun, make-up) 1
    expect(wd.addWorkingDays('2026-09-18', 1)).toEqual({ date: '2026-09-20', provisional: false });
    // Sep 25 (Fri)–27 off; Sep 28 (Mon) 1
    expect(wd.addWorkingDays('2026-09-24', 1)).toEqual({ date: '2026-09-28', provisional: false });
  });

  it('New Year 2026: Tue 2025-12-30 + 3 → Mon 2026-01-05', () => {
    // Dec 31 (Wed) 1; Jan 1–3 off; Jan 4 (Sun, make-up) 2; Jan 5 (Mon) 3
    expect(wd.addWorkingDays('2025-12-30', 3)).toEqual({ date: '2026-01-05', provisional: false });
    // from Dec 31: Jan 1–3 off; Jan 4 (Sun, make-up) 1
    expect(wd.addWorkingDays('2025-12-31', 1)).toEqual({ date: '2026-01-04', provisional: false });
  });

  it('Labour Day: Thu 04-30 + 4 → Sat 05-09 (make-up)', () => {
    // May 1 (Fri)–5 (Tue) off; May 6 (Wed) 1, 7 2, 8 (Fri) 3, May 9 (Sat, make-up) 4
    expect(wd.addWorkingDays('2026-04-30', 2)).toEqual({ date: '2026-05-07', provisional: false });
    expect(wd.addWorkingDays('2026-04-30', 4)).toEqual({ date: '2026-05-09', provisional: false });
  });

  it('Qingming and Dragon Boat', () => {
    // Apr 4 (Sat)–6 (Mon) off; Apr 7 (Tue) 1
    expect(wd.addWorkingDays('2026-04-03', 1)).toEqual({ date: '2026-04-07', provisional: false });
    // Jun 19 (Fri)–21 off; Jun 22 (Mon) 1
    expect(wd.addWorkingDays('2026-06-18', 1)).toEqual({ date: '2026-06-22', provisional: false });
  });

  it('an ordinary weekend: Fri 03-06 + 1 → Mon 03-09', () => {
    expect(wd.addWorkingDays('2026-03-06', 1)).toEqual({ date: '2026-03-09', provisional: false });
    // Sat 03-07 + 1: Sun off; Mon 03-09 1
    expect(wd.addWorkingDays('2026-03-07', 1)).toEqual({ date: '2026-03-09', provisional: false });
    // Mon 03-09 + 5 → Mon 03-16
    expect(wd.addWorkingDays('2026-03-09', 5)).toEqual({ date: '2026-03-16', provisional: false });
  });

  it('n = 0 is the date itself, even on a holiday or weekend', () => {
    expect(wd.addWorkingDays('2026-10-01', 0)).toEqual({ date: '2026-10-01', provisional: false });
    expect(wd.addWorkingDays('2026-03-07', 0)).toEqual({ date: '2026-03-07', provisional: false });
  });

  it('negative n counts back: Fri 02-27 − 5 → Fri 02-13', () => {
    // Feb 26 1, 25 2, 24 3; Feb 23–15 off; Feb 14 (Sat, make-up) 4; Feb 13 (Fri) 5
    expect(wd.addWorkingDays('2026-02-27', -5)).toEqual({ date: '2026-02-13', provisional: false });
  });

  it('into 2027 (not loaded): weekends only, provisional', () => {
    // Dec 31 (Thu) 1; Jan 1 2027 (Fri, not loaded: counted as working) 2; Jan 2–3 weekend; Jan 4 3, 5 4, 6 5
    expect(wd.addWorkingDays('2026-12-30', 5)).toEqual({ date: '2027-01-06', provisional: true });
    // Stops on Dec 31 before reaching 2027: not provisional
    expect(wd.addWorkingDays('2026-12-30', 1)).toEqual({ date: '2026-12-31', provisional: false });
  });

  it('before 2004 (not loaded): provisional; from 2003 into loaded 2004 only 2004 is examined', () => {
    // Oct 1 2003 (Wed) was National Day, but 2003 is not loaded: counted as working
    expect(wd.addWorkingDays('2003-09-30', 1)).toEqual({ date: '2003-10-01', provisional: true });
    // Wed 2003-12-31 + 1: Jan 1 2004 (Thu) holiday; Jan 2 (Fri) 1
    expect(wd.addWorkingDays('2003-12-31', 1)).toEqual({ date: '2004-01-02', provisional: false });
  });

  it('refuses bad dates and non-integer counts', () => {
    for (const date of ['2026-02-30', '2026/02/01', '26-02-01', '2026-13-01', '']) {
      expect(() => wd.addWorkingDays(date, 1), date).toThrow(AppError);
    }
    expect(() => wd.addWorkingDays('2026-02-13', 1.5)).toThrow(/整数/);
    expect(() => wd.addWorkingDays('2026-02-13', Number.NaN)).toThrow(AppError);
    expect(() => wd.addWorkingDays('2026-02-13', 1e9)).toThrow(AppError);
  });

  it('is fast: 10 000 × 365 working days well under a second', () => {
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) wd.addWorkingDays('2026-01-01', 365);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('isWorkingDay', () => {
  it('make-up weekends work, holidays and ordinary weekends do not', () => {
    for (const date of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(wd.isWorkingDay(date), date).toEqual({ working: true, provisional: false });
    }
    // Mon Feb 16 (春节), Thu Oct 1, Fri Jan 2, Mon Apr 6, Sat Mar 7, Sun Mar 8
    for (const date of ['2026-02-16', '2026-10-01', '2026-01-02', '2026-04-06', '2026-03-07', '2026-03-08']) {
      expect(wd.isWorkingDay(date), date).toEqual({ working: false, provisional: false });
    }
    expect(wd.isWorkingDay('2026-03-09')).toEqual({ working: true, provisional: false });
  });

  it('outside the loaded years: weekdays work, weekends not, provisional', () => {
    expect(wd.isWorkingDay('2003-10-01')).toEqual({ working: true, provisional: true }); // Wed
    expect(wd.isWorkingDay('2003-10-04')).toEqual({ working: false, provisional: true }); // Sat
    expect(wd.isWorkingDay('2027-01-01')).toEqual({ working: true, provisional: true }); // Fri
    expect(wd.isWorkingDay('2027-01-03')).toEqual({ working: false, provisional: true }); // Sun
  });

  it('lists the loaded years', () => {
    expect(wd.years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to] forwards and negates backwards', () => {
    expect(wd.workingDaysBetween('2026-02-13', '2026-02-27')).toEqual({ days: 5, provisional: false });
    expect(wd.workingDaysBetween('2026-02-27', '2026-02-13')).toEqual({ days: -5, provisional: false });
    expect(wd.workingDaysBetween('2026-09-30', '2026-10-10')).toEqual({ days: 3, provisional: false });
    expect(wd.workingDaysBetween('2026-10-10', '2026-09-30')).toEqual({ days: -3, provisional: false });
    // Backwards counts (to, from], not [to, from): (Feb 13, Feb 16] holds only Feb 14 (Sat, make-up)
    expect(wd.workingDaysBetween('2026-02-16', '2026-02-13')).toEqual({ days: -1, provisional: false });
  });

  it('is 0 on the same day and over days off (never -0)', () => {
    expect(wd.workingDaysBetween('2026-05-01', '2026-05-01')).toEqual({ days: 0, provisional: false });
    // (Feb 14, Feb 23]: all off
    expect(wd.workingDaysBetween('2026-02-14', '2026-02-23')).toEqual({ days: 0, provisional: false });
    expect(wd.workingDaysBetween('2026-02-23', '2026-02-14')).toEqual({ days: 0, provisional: false });
    expect(Object.is(wd.workingDaysBetween('2026-03-08', '2026-03-07').days, 0)).toBe(true);
  });

  it('2026 has 248 working days', () => {
    // 365 days from a Thursday: 52 full weeks (260 weekdays) + Thu Dec 31 = 261 weekdays.
    // Holidays on weekdays: 元旦 2 (Jan 1–2), 春节 6 (Feb 16–20, 23), 清明 1 (Apr 6), 劳动节 3 (May 1, 4, 5),
    // 端午 1 (Jun 19), 中秋 1 (Sep 25), 国庆 5 (Oct 1, 2, 5, 6, 7) = 19; make-up weekend days 6.
    // 261 − 19 + 6 = 248 (= 365 − 104 weekend days − 13 statutory holidays).
    expect(wd.workingDaysBetween('2025-12-31', '2026-12-31')).toEqual({ days: 248, provisional: false });
    expect(wd.workingDaysBetween('2026-12-31', '2025-12-31')).toEqual({ days: -248, provisional: false });
  });

  it('is provisional when the span reaches a year not loaded', () => {
    // Dec 31 (Thu), Jan 1 2027 (Fri, counted), Jan 4 (Mon)
    expect(wd.workingDaysBetween('2026-12-30', '2027-01-04')).toEqual({ days: 3, provisional: true });
    expect(wd.workingDaysBetween('2027-01-04', '2026-12-30')).toEqual({ days: -3, provisional: true });
  });

  it('agrees with addWorkingDays', () => {
    for (const from of ['2025-12-20', '2026-02-13', '2026-09-19', '2026-12-01']) {
      for (let n = 0; n <= 60; n++) {
        const to = wd.addWorkingDays(from, n);
        expect(wd.workingDaysBetween(from, to.date), `${from} + ${n}`).toEqual({
          days: n,
          provisional: to.provisional,
        });
      }
    }
  });
});

describe('a calendar with a gap', () => {
  const calendar: HolidayCalendar = {
    version: 1,
    publishedAt: '2026-01-01',
    source: 'test',
    years: {
      '2020': { holidays: ['2020-01-01'], workdays: [] },
      '2022': { holidays: ['2022-01-03'], workdays: ['2022-01-29'] },
    },
  };
  const gap = createWorkingDays(calendar);

  it('treats the missing year as not loaded', () => {
    expect(gap.years).toEqual([2020, 2022]);
    expect(gap.isWorkingDay('2020-01-01')).toEqual({ working: false, provisional: false });
    expect(gap.isWorkingDay('2021-01-01')).toEqual({ working: true, provisional: true }); // Fri
    expect(gap.isWorkingDay('2022-01-03')).toEqual({ working: false, provisional: false }); // Mon, holiday
    expect(gap.isWorkingDay('2022-01-29')).toEqual({ working: true, provisional: false }); // Sat, make-up
  });

  it('an empty calendar counts weekends only', () => {
    const none = createWorkingDays({ version: 1, publishedAt: '2026-01-01', source: 'test', years: {} });
    expect(none.years).toEqual([]);
    // Fri 2026-02-13: Feb 16 (Mon) 1, Feb 17 2
    expect(none.addWorkingDays('2026-02-13', 2)).toEqual({ date: '2026-02-17', provisional: true });
  });
});
