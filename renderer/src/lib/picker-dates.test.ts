import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  hallDayOfPicker,
  hallNowForPicker,
  hallRangeOfPicker,
  pickerDay,
  pickerRange,
  sameHallRange,
} from './picker-dates';

// Runs in the utc and los-angeles projects: neither PC zone may move a hall date.
describe('hall dates in the pickers', () => {
  it('go in and come out as the same calendar date, whatever the PC zone', () => {
    for (const date of ['2026-12-07', '2026-03-08', '2026-11-01', '2024-02-29', '2027-01-01']) {
      expect(hallDayOfPicker(pickerDay(date))).toBe(date);
    }
    expect(pickerRange({ from: '2026-12-06', to: '2026-12-07' }).map(hallDayOfPicker)).toEqual([
      '2026-12-06',
      '2026-12-07',
    ]);
  });

  it('refuse what is not a hall date', () => {
    expect(() => pickerDay('2026-02-30')).toThrow(RangeError);
    expect(() => pickerDay('2026-12-07T00:00:00Z')).toThrow(RangeError);
  });

  it("take the hall's wall clock for now: 07:30 on the 7th in Beijing is the 7th, though UTC is on the 6th", () => {
    const now = hallNowForPicker('2026-12-06T23:30:00.000Z');
    expect(now.format('YYYY-MM-DD HH:mm')).toBe('2026-12-07 07:30');
    // What antd's own "now" would say on this PC: the 6th in UTC and in Los Angeles.
    expect(dayjs('2026-12-06T23:30:00.000Z').format('YYYY-MM-DD')).toBe('2026-12-06');
  });

  it("keep the hall's date when the hall's hour does not exist on the PC's clock", () => {
    // 02:30 in Beijing on 8 March 2026: Los Angeles skips 02:00–03:00 that night.
    expect(hallNowForPicker('2026-03-07T18:30:00.000Z').format('YYYY-MM-DD')).toBe('2026-03-08');
    // Just before the hall's midnight and just after.
    expect(hallNowForPicker('2026-12-06T15:59:59.000Z').format('YYYY-MM-DD HH:mm:ss')).toBe('2026-12-06 23:59:59');
    expect(hallNowForPicker('2026-12-06T16:00:00.000Z').format('YYYY-MM-DD HH:mm:ss')).toBe('2026-12-07 00:00:00');
  });

  it('make a range of both ends, earlier first, or none', () => {
    expect(hallRangeOfPicker([pickerDay('2026-12-01'), pickerDay('2026-12-07')])).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(hallRangeOfPicker([pickerDay('2026-12-07'), pickerDay('2026-12-01')])).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(hallRangeOfPicker([pickerDay('2026-12-07'), null])).toBeNull();
    expect(hallRangeOfPicker([null, pickerDay('2026-12-07')])).toBeNull();
    expect(hallRangeOfPicker(null)).toBeNull();
    expect(hallRangeOfPicker([dayjs('not a date'), pickerDay('2026-12-07')])).toBeNull();
  });

  it('compare ranges by their days', () => {
    expect(sameHallRange({ from: '2026-12-01', to: '2026-12-07' }, { from: '2026-12-01', to: '2026-12-07' })).toBe(
      true,
    );
    expect(sameHallRange({ from: '2026-12-01', to: '2026-12-07' }, { from: '2026-12-01', to: '2026-12-06' })).toBe(
      false,
    );
    expect(sameHallRange(null, null)).toBe(true);
    expect(sameHallRange(null, { from: '2026-12-01', to: '2026-12-01' })).toBe(false);
  });
});
