import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type HolidayCalendar, holidayCalendarSchema } from '@yichuang/domain/calendar';

/**
 * The shape of `chinese-days/dist/chinese-days.json`: date → "English,中文,n" for every day off
 * (`holidays`, weekend days inside a holiday period included), every make-up working day
 * (`workdays`, 调休上班) and the weekdays given in lieu (`inLieuDays`, a subset of `holidays`).
 */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

/**
 * Our holiday calendar from chinese-days' data: per year, its days off and its make-up working
 * days, sorted. Pure; throws (a ZodError) when the result is not a valid calendar.
 */
export function calendarFromChineseDays(
  data: ChineseDaysData,
  sourceVersion: string,
  version: number,
  publishedAt: string,
): HolidayCalendar {
  const years: Record<string, { holidays: string[]; workdays: string[] }> = {};
  const yearOf = (date: string) => (years[date.slice(0, 4)] ??= { holidays: [], workdays: [] });
  for (const date of Object.keys(data.holidays)) yearOf(date).holidays.push(date);
  for (const date of Object.keys(data.workdays)) yearOf(date).workdays.push(date);
  const sorted: HolidayCalendar['years'] = {};
  for (const year of Object.keys(years).sort()) {
    const entry = years[year]!;
    sorted[year] = { holidays: [...entry.holidays].sort(), workdays: [...entry.workdays].sort() };
  }
  return holidayCalendarSchema.parse({ version, publishedAt, source: `chinese-days ${sourceVersion}`, years: sorted });
}

/** The chinese-days package installed in node_modules: its data and its version. */
export function readInstalledChineseDays(): { data: ChineseDaysData; version: string } {
  const packageJson = createRequire(__filename).resolve('chinese-days/package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const data = JSON.parse(
    readFileSync(join(dirname(packageJson), 'dist', 'chinese-days.json'), 'utf8'),
  ) as ChineseDaysData;
  return { data, version };
}
