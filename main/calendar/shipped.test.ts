import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holidayCalendarSchema } from '@yichuang/domain/calendar';
import { calendarFromChineseDays, readInstalledChineseDays } from './from-chinese-days';

// Not from main/testing/workstation: these pure tests need no workstation.
const resourcesDir = resolve(__dirname, '..', '..', 'resources');

const shippedFile = join(resourcesDir, 'calendar', 'holidays.json');
const shipped = holidayCalendarSchema.parse(JSON.parse(readFileSync(shippedFile, 'utf8')));

describe('the shipped holiday calendar (resources/calendar/holidays.json)', () => {
  it('is what scripts/update-calendar.ts builds from the installed chinese-days: regenerate it after an update', () => {
    const installed = readInstalledChineseDays();
    expect(shipped.source).toBe(`chinese-days ${installed.version}`);
    expect(shipped).toEqual(
      calendarFromChineseDays(installed.data, installed.version, shipped.version, shipped.publishedAt),
    );
  });

  it('covers 2004 to 2026, every year', () => {
    const years = Object.keys(shipped.years).map(Number);
    expect(years).toEqual(Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i));
    expect(shipped.version).toBe(2026112701);
  });

  it('has 2026 as the State Council published it (国务院办公厅关于2026年部分节假日安排的通知)', () => {
    const range = (month: string, first: number, last: number) =>
      Array.from({ length: last - first + 1 }, (_, i) => `2026-${month}-${String(first + i).padStart(2, '0')}`);
    expect(shipped.years['2026']).toEqual({
      holidays: [
        ...range('01', 1, 3), // 元旦 1月1日–3日
        ...range('02', 15, 23), // 春节 2月15日–23日，共9天
        ...range('04', 4, 6), // 清明 4月4日–6日
        ...range('05', 1, 5), // 劳动节 5月1日–5日
        ...range('06', 19, 21), // 端午 6月19日–21日
        ...range('09', 25, 27), // 中秋 9月25日–27日
        ...range('10', 1, 7), // 国庆 10月1日–7日
      ],
      // 1月4日（周日）；2月14日（周六）、2月28日（周六）；5月9日（周六）；9月20日（周日）、10月10日（周六）上班
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    });
  });

  it('lists make-up working days only on weekends, and never a day both off and working', () => {
    for (const [year, data] of Object.entries(shipped.years)) {
      for (const day of data.workdays) {
        expect([0, 6], `${year}: ${day}`).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
        expect(data.holidays, `${year}: ${day}`).not.toContain(day);
      }
    }
  });
});
