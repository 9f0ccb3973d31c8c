import dayjs, { type Dayjs } from 'dayjs';
import { hallDaysBetween, hallWallTime, isHallDate, type Instant } from '@yichuang/domain/hall-time';

/**
 * Hall dates in antd's date pickers. A picker holds a Dayjs on the PC's own calendar; here it only
 * carries a calendar date: a hall date goes in as that date's midnight on the picker's calendar and
 * comes out as the date the picker shows, so the PC's zone never moves a day. "Today" in the
 * picker's calendar is the hall's today (`hallNowForPicker`), not the PC's.
 */

/** Hall dates `from` … `to`, both included. */
export interface HallRange {
  from: string;
  to: string;
}

/** A hall date (`YYYY-MM-DD`) as a picker value; RangeError for anything else. */
export function pickerDay(date: string): Dayjs {
  if (!isHallDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return dayjs(date);
}

/** The hall date a picker value stands for: the calendar date it shows, typed or picked. */
export function hallDayOfPicker(value: Dayjs): string {
  return value.format('YYYY-MM-DD');
}

/**
 * An instant as a picker value showing the hall's wall clock (date and time): what the pickers take
 * for "now", so that the calendar marks the hall's today. At 07:30 in Beijing on 7 December a PC
 * set to UTC is still on the 6th; the picker says the 7th.
 */
export function hallNowForPicker(at: Instant): Dayjs {
  const w = hallWallTime(at);
  // The wall clock's fields on the PC's calendar. Where that hour does not exist on the PC (a
  // daylight-saving gap), Date moves it on by the gap; the date stays.
  return dayjs(new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** Both ends of a picker's range as hall dates, earlier first; null unless both are set. */
export function hallRangeOfPicker(values: readonly (Dayjs | null | undefined)[] | null | undefined): HallRange | null {
  const start = values?.[0];
  const end = values?.[1];
  if (!start?.isValid() || !end?.isValid()) return null;
  const a = hallDayOfPicker(start);
  const b = hallDayOfPicker(end);
  return hallDaysBetween(a, b) < 0 ? { from: b, to: a } : { from: a, to: b };
}

/** A range as the picker's value. */
export function pickerRange(range: HallRange): [Dayjs, Dayjs] {
  return [pickerDay(range.from), pickerDay(range.to)];
}

/** Whether two ranges are the same days (either may be null). */
export function sameHallRange(a: HallRange | null, b: HallRange | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);
}
