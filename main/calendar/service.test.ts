import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HolidayCalendar } from '@yichuang/domain/calendar';
import { AppError } from '../../preload/contract/errors';
import type { Db, Sqlite } from '../db/connection';
import { openTestDb } from '../testing/database';
import { createFakeClock, type FakeClock, makeTempDir, removeTempDir, resourcesDir } from '../testing/workstation';
import { createCalendarService, type CalendarService } from './service';

const shippedFile = join(resourcesDir, 'calendar', 'holidays.json');
const years2004to2026 = Array.from({ length: 23 }, (_, i) => 2004 + i);

/** A calendar from central adding 2027 (元旦 2027-01-01, a Friday; the rest made up for the test). */
const with2027: HolidayCalendar = {
  version: 2027010101,
  publishedAt: '2027-01-01',
  source: 'central',
  years: {
    '2026': {
      holidays: ['2026-01-01', '2026-01-02', '2026-01-03'],
      workdays: ['2026-01-04'],
    },
    '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
  },
};

let dir: string;
let sqlite: Sqlite;
let db: Db;
let clock: FakeClock;

beforeEach(async () => {
  dir = makeTempDir();
  ({ db, sqlite } = await openTestDb(dir));
  clock = createFakeClock('2026-11-27T02:00:00.000Z');
});
afterEach(() => {
  sqlite.close();
  removeTempDir(dir);
});

function service(file = shippedFile): CalendarService {
  return createCalendarService({ db, clock, shippedFile: file });
}

function rowCount(): number {
  return (sqlite.prepare('SELECT COUNT(*) AS n FROM holiday_calendars').get() as { n: number }).n;
}

describe('calendar service: seed', () => {
  it('stores the shipped calendar once, however often it is seeded', () => {
    const calendar = service();
    calendar.seed();
    calendar.seed();
    service().seed();
    expect(rowCount()).toBe(1);
    expect(calendar.info()).toEqual({
      version: 2026112701,
      source: 'chinese-days 1.5.7',
      publishedAt: '2026-11-27',
      years: years2004to2026,
      loadedAt: '2026-11-27T02:00:00.000Z',
    });
  });

  it('counts with the shipped calendar: Fri 2026-02-13 + 5 → 2026-02-27', () => {
    const calendar = service();
    calendar.seed();
    expect(calendar.current().addWorkingDays('2026-02-13', 5)).toEqual({ date: '2026-02-27', provisional: false });
  });

  it('throws an Error naming the file when the shipped calendar is invalid or missing', () => {
    const bad = join(dir, 'holidays.json');
    writeFileSync(bad, JSON.stringify({ version: 1, publishedAt: '2026-01-01', source: 'x', years: { '2026': {} } }));
    expect(() => service(bad).seed()).toThrow(`内置节假日日历 ${bad} 无效`);
    writeFileSync(bad, '{ not json');
    expect(() => service(bad).seed()).toThrow(`内置节假日日历 ${bad} 无法读取`);
    expect(() => service(join(dir, 'missing.json')).seed()).toThrow('missing.json');
    expect(rowCount()).toBe(0);
  });

  it('keeps a newer calendar from central in use when the older shipped one is seeded again', () => {
    const calendar = service();
    calendar.seed();
    calendar.load(with2027, 'central');
    service().seed();
    expect(service().info().version).toBe(2027010101);
  });
});

describe('calendar service: load', () => {
  it('a newer calendar with 2027 makes a provisional 2027 result official', () => {
    const calendar = service();
    calendar.seed();
    const before = calendar.current();
    // Thu 2026-12-31 + 1: Jan 1 2027 (Fri) not loaded, counted as working
    expect(before.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-01', provisional: true });

    clock.advanceMinutes(5);
    const info = calendar.load(with2027, 'central');
    expect(info).toEqual({
      version: 2027010101,
      source: 'central',
      publishedAt: '2027-01-01',
      years: [2026, 2027],
      loadedAt: '2026-11-27T02:05:00.000Z',
    });
    expect(calendar.info()).toEqual(info);
    // Jan 1–3 2027 off; Jan 4 (Mon) 1
    expect(calendar.current().addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: false });
    expect(calendar.current().isWorkingDay('2027-01-01')).toEqual({ working: false, provisional: false });
    // A new service on the same database (a restart) uses it too.
    expect(service().current().addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: false });
    expect(rowCount()).toBe(2);
  });

  it('caches the working days until a newer calendar loads', () => {
    const calendar = service();
    calendar.seed();
    const first = calendar.current();
    expect(calendar.current()).toBe(first);
    calendar.load(with2027, 'central');
    expect(calendar.current()).not.toBe(first);
  });

  it('refuses a version not higher than the one in use', () => {
    const calendar = service();
    calendar.seed();
    for (const version of [2026112701, 2025010101]) {
      const attempt = () => calendar.load({ ...with2027, version }, 'central');
      expect(attempt).toThrow(AppError);
      expect(attempt).toThrow(`日历版本 ${version} 不高于当前版本 2026112701：未更新`);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).code).toBe('calendar_not_newer');
      }
    }
    expect(rowCount()).toBe(1);
    expect(calendar.info().version).toBe(2026112701);
  });

  it('refuses an invalid calendar with invalid_input and a Chinese message', () => {
    const calendar = service();
    calendar.seed();
    const invalid: unknown[] = [
      null,
      'calendar',
      { ...with2027, version: 'new' },
      { ...with2027, years: { '2027': { holidays: ['2027-1-1'], workdays: [] } } },
      // a 2028 date filed under 2027
      { ...with2027, years: { '2027': { holidays: ['2028-01-01'], workdays: [] } } },
      { ...with2027, extra: true },
    ];
    for (const input of invalid) {
      let caught: unknown;
      try {
        calendar.load(input, 'central');
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('calendar_invalid');
      expect((caught as AppError).message).toMatch(/^节假日日历无效：/);
    }
    expect(rowCount()).toBe(1);
  });

  it('falls back to the calendar’s own source when none is given', () => {
    const calendar = service();
    calendar.seed();
    expect(calendar.load(with2027, '  ').source).toBe('central');
  });
});

describe('calendar service: before seeding', () => {
  it('says plainly that no calendar is loaded', () => {
    expect(() => service().current()).toThrow('节假日日历尚未载入');
  });
});
