import { z } from 'zod';

/**
 * The official holiday calendar (国务院办公厅 每年公布): per year, the days off that are not
 * weekends-as-usual and the make-up working days (调休). Shipped from the chinese-days package,
 * replaceable by a newer version from central. Years not in the calendar are never guessed:
 * dates there are counted on weekends only and marked provisional.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

export const calendarYearSchema = z
  .object({
    /** Every day off for a public holiday, including the weekend days inside a holiday period. */
    holidays: z.array(isoDate).max(60),
    /** Saturdays and Sundays that are working days (调休上班). */
    workdays: z.array(isoDate).max(20),
  })
  .strict();
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export const holidayCalendarSchema = z
  .object({
    /** Increases with every publication; the highest loaded version is used. */
    version: z.number().int().positive(),
    publishedAt: isoDate,
    /** Where the data came from, e.g. `chinese-days 1.5.7` or `central`. */
    source: z.string().min(1).max(80),
    years: z.record(z.string().regex(/^\d{4}$/), calendarYearSchema),
  })
  .strict()
  .superRefine((cal, ctx) => {
    for (const [year, data] of Object.entries(cal.years)) {
      for (const day of [...data.holidays, ...data.workdays]) {
        if (!day.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', message: `${day} 不属于 ${year} 年` });
      }
    }
  });
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;

export const calendarInfoSchema = z.object({
  version: z.number().int(),
  source: z.string(),
  publishedAt: z.string(),
  /** The years whose official calendar is loaded, ascending. */
  years: z.array(z.number().int()),
  loadedAt: z.string(),
});
export type CalendarInfo = z.infer<typeof calendarInfoSchema>;

/** A date counted in working days: provisional when any day counted lies in a year not loaded. */
export const workingDateSchema = z.object({
  date: isoDate,
  /** 暂按周末计算: counted on weekends only because that year's official calendar is not loaded. */
  provisional: z.boolean(),
});
export type WorkingDate = z.infer<typeof workingDateSchema>;
