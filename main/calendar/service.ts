import { readFileSync } from 'node:fs';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type CalendarInfo, type HolidayCalendar, holidayCalendarSchema } from '@yichuang/domain/calendar';
import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import type { Db } from '../db/connection';
import { holidayCalendars } from '../db/schema';
import { createWorkingDays, type WorkingDays } from './working-days';

export interface CalendarService {
  /** Stores the shipped calendar (resources/calendar/holidays.json) when its version is not stored yet; throws a clear Error naming the file if invalid. Call once at start. */
  seed(): void;
  info(): CalendarInfo;
  /** The working-day arithmetic of the calendar in use (highest stored version), cached until a newer one loads. */
  current(): WorkingDays;
  /** A newer calendar (e.g. with 2027) from central: validated (AppError('calendar_invalid')), refused when its version is not higher (AppError('calendar_not_newer')), stored, and used from now on. */
  load(calendar: unknown, source: string): CalendarInfo;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}：${issue.message}` : issue.message))
    .join('；');
}

/**
 * The official holiday calendar in use: the highest version stored in `holiday_calendars`. The
 * shipped one is seeded at start; a newer one (e.g. with next year) comes from central via load().
 */
export function createCalendarService(deps: { db: Db; clock: Clock; shippedFile: string }): CalendarService {
  const { db, clock, shippedFile } = deps;
  let cache: { info: CalendarInfo; workingDays: WorkingDays } | null = null;

  function highestVersion(): number | null {
    const row = db
      .select({ version: holidayCalendars.version })
      .from(holidayCalendars)
      .orderBy(desc(holidayCalendars.version))
      .limit(1)
      .get();
    return row?.version ?? null;
  }

  function inUse(): { info: CalendarInfo; workingDays: WorkingDays } {
    if (cache) return cache;
    const row = db.select().from(holidayCalendars).orderBy(desc(holidayCalendars.version)).limit(1).get();
    if (!row) throw new Error('节假日日历尚未载入：启动时须先调用 calendar.seed()');
    const calendar = holidayCalendarSchema.parse(JSON.parse(row.data));
    const workingDays = createWorkingDays(calendar);
    cache = {
      info: {
        version: row.version,
        source: row.source,
        publishedAt: row.publishedAt,
        years: [...workingDays.years],
        loadedAt: row.loadedAt,
      },
      workingDays,
    };
    return cache;
  }

  function info(): CalendarInfo {
    return { ...inUse().info, years: [...inUse().info.years] };
  }

  function store(calendar: HolidayCalendar, source: string): void {
    db.insert(holidayCalendars)
      .values({
        version: calendar.version,
        source,
        publishedAt: calendar.publishedAt,
        data: JSON.stringify(calendar),
        loadedAt: clock.now().toISOString(),
      })
      .run();
    cache = null;
  }

  return {
    seed() {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(shippedFile, 'utf8'));
      } catch (error) {
        throw new Error(`内置节假日日历 ${shippedFile} 无法读取：${(error as Error).message}`, { cause: error });
      }
      const parsed = holidayCalendarSchema.safeParse(raw);
      if (!parsed.success) {
        throw new Error(`内置节假日日历 ${shippedFile} 无效：${describeIssues(parsed.error)}`, { cause: parsed.error });
      }
      const calendar = parsed.data;
      const stored = db
        .select({ version: holidayCalendars.version })
        .from(holidayCalendars)
        .where(eq(holidayCalendars.version, calendar.version))
        .get();
      if (!stored) store(calendar, calendar.source);
    },

    info,

    current() {
      return inUse().workingDays;
    },

    load(input, source) {
      const parsed = holidayCalendarSchema.safeParse(input);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
        throw new AppError('calendar_invalid', { detail: describeIssues(parsed.error) }, fields);
      }
      const calendar = parsed.data;
      // better-sqlite3 is synchronous: nothing runs between this check and the insert.
      const current = highestVersion();
      if (current !== null && calendar.version <= current) {
        throw new AppError('calendar_not_newer', { version: calendar.version, current });
      }
      // info().source says where this calendar came from: the caller's `source`, else the calendar's own.
      store(calendar, source.trim().slice(0, 80) || calendar.source);
      return info();
    },
  };
}
