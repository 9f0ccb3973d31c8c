import type { HolidayCalendar, WorkingDate } from '@yichuang/domain/calendar';
import { AppError } from '../../preload/contract/errors';

/** Working-day arithmetic over one holiday calendar. Dates are `YYYY-MM-DD`, counted in UTC days. */
export interface WorkingDays {
  /** Years with official data, ascending. */
  readonly years: readonly number[];
  /** Mon–Fri unless an official holiday, or a make-up Saturday/Sunday; provisional in a year not loaded. */
  isWorkingDay(date: string): { working: boolean; provisional: boolean };
  /**
   * The date `n` working days after `from` (from itself not counted; n = 0 → from; n < 0 → before).
   * provisional if any day examined falls in a year not loaded.
   */
  addWorkingDays(from: string, n: number): WorkingDate;
  /** Working days in (from, to]: positive when to is after from, negative (days in (to, from], negated) when before, 0 when equal. */
  workingDaysBetween(from: string, to: string): { days: number; provisional: boolean };
}

const msPerDay = 86_400_000;
const maxWorkingDays = 100_000;
/** Day statuses in the table of loaded years. */
const notLoaded = 0;
const working = 1;
const off = 2;

/** Days since 1970-01-01 (UTC) of a `YYYY-MM-DD`; AppError('date_invalid') when it is not a real date. */
function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const at = new Date(0);
    // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
    at.setUTCFullYear(year, month - 1, day);
    if (at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day) {
      return at.getTime() / msPerDay;
    }
  }
  throw new AppError('date_invalid', { date });
}

function dateOf(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

function firstDayOfYear(year: number): number {
  return dayNumber(`${String(year).padStart(4, '0')}-01-01`);
}

/** 1970-01-01 was a Thursday: 0 = Sunday … 6 = Saturday. */
function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

export function createWorkingDays(calendar: HolidayCalendar): WorkingDays {
  const years = Object.keys(calendar.years)
    .map(Number)
    .sort((a, b) => a - b);
  // One status per day from 1 January of the first loaded year to 31 December of the last;
  // days outside, or in a year between that is not loaded, are `notLoaded`.
  const start = years.length > 0 ? firstDayOfYear(years[0]!) : 0;
  const end = years.length > 0 ? firstDayOfYear(years.at(-1)! + 1) : 0;
  const table = new Uint8Array(end - start);
  for (const year of years) {
    const data = calendar.years[String(year)]!;
    const from = firstDayOfYear(year);
    const to = firstDayOfYear(year + 1);
    for (let day = from; day < to; day++) table[day - start] = isWeekend(day) ? off : working;
    for (const date of data.holidays) table[dayNumber(date) - start] = off;
    for (const date of data.workdays) table[dayNumber(date) - start] = working;
  }

  /** working/off from the calendar, or notLoaded. */
  function status(day: number): number {
    return day >= start && day < end ? table[day - start]! : notLoaded;
  }

  /** Working days in (from, to], from ≤ to. */
  function countForward(from: number, to: number): { days: number; provisional: boolean } {
    let days = 0;
    let provisional = false;
    for (let day = from + 1; day <= to; day++) {
      const s = status(day);
      if (s === notLoaded) {
        provisional = true;
        if (!isWeekend(day)) days++;
      } else if (s === working) days++;
    }
    return { days, provisional };
  }

  return {
    years,
    isWorkingDay(date) {
      const day = dayNumber(date);
      const s = status(day);
      return s === notLoaded
        ? { working: !isWeekend(day), provisional: true }
        : { working: s === working, provisional: false };
    },
    addWorkingDays(from, n) {
      // The cap (about 380 years) only keeps a wild input from spinning the loop.
      if (!Number.isInteger(n) || Math.abs(n) > maxWorkingDays) {
        throw new AppError('working_days_out_of_range', { max: maxWorkingDays, count: n });
      }
      const step = n >= 0 ? 1 : -1;
      let day = dayNumber(from);
      let left = Math.abs(n);
      let provisional = false;
      while (left > 0) {
        day += step;
        const s = status(day);
        if (s === notLoaded) {
          provisional = true;
          if (!isWeekend(day)) left--;
        } else if (s === working) left--;
      }
      return { date: dateOf(day), provisional };
    },
    workingDaysBetween(from, to) {
      const [a, b] = [dayNumber(from), dayNumber(to)];
      if (b >= a) return countForward(a, b);
      const back = countForward(b, a);
      // Not `-back.days` alone: -0 when there is no working day in between.
      return { days: back.days === 0 ? 0 : -back.days, provisional: back.provisional };
    },
  };
}
