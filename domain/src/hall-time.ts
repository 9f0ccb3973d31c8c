/**
 * Hall time: the one home of "which hall day is this instant" and of how times read for people.
 * Long on purpose: every hall-time rule lives here, so that no caller keeps a copy of its own.
 *
 * A hall date is a calendar date (`YYYY-MM-DD`) on the hall's wall clock, in the hall's time zone
 * (Asia/Shanghai unless configured). The PC's own time zone never decides a date or a time shown:
 * every function here works in an explicit IANA zone through `Intl.DateTimeFormat`, which Node and
 * Chromium both carry with the tz database. Nothing assumes a fixed UTC offset — China keeps UTC+8
 * all year, but a configured zone may have daylight saving, so a hall day may last 23 or 25 hours.
 *
 * Pure: no Node built-ins, no DOM; shared by main, the renderer and central.
 */

/** The hall's time zone: dates on cards, notices and reports are Beijing dates, whatever the PC is set to. */
export const hallTimeZone = 'Asia/Shanghai';

/** An instant: a Date, epoch milliseconds, or an ISO 8601 timestamp that says its offset (`…Z`, `…+08:00`). */
export type Instant = Date | number | string;

/** Anything that tells the time: main's `Clock`, central's clock, `Date` itself (`Date.now()`), or an instant. */
export type ClockSource = { now(): Date | number } | Date | number;

/** The wall clock of an instant in a zone. */
export interface HallWallTime {
  year: number;
  /** 1 … 12 */
  month: number;
  /** 1 … 31 */
  day: number;
  /** 0 … 23 */
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday (ISO 8601, as the hall's week runs). */
  weekday: number;
}

const msPerHour = 3_600_000;
const msPerDay = 86_400_000;
/** UTC offsets in use range from −12:00 to +14:00: a wall time is never further than this from UTC. */
const maxOffsetMs = 15 * msPerHour;
/** Instants this module formats: years 0001 … 9999 on any zone's wall clock. */
const earliestMs = new Date(0).setUTCFullYear(1, 0, 2);
const latestMs = Date.UTC(9999, 11, 30);

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date and time (`T` or a space between) with its UTC offset (`Z`, `+08:00`, `+0800`). */
const timestampPattern = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
/** The same without the offset, which `Date.parse` would read in the PC's zone. */
const timeWithoutOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

// --- instants and calendar dates --------------------------------------------------------------

/**
 * The epoch milliseconds of an instant; RangeError when it is not one (or outside years 1 … 9999).
 * A string must be an ISO 8601 timestamp with its offset: anything else `Date.parse` would read in
 * the PC's zone (`2026-11-27T09:00`, `2026/11/27 09:00`, `13`) or is a calendar date, not an instant.
 */
export function instantMs(at: Instant): number {
  let ms: number;
  if (at instanceof Date) ms = at.getTime();
  else if (typeof at === 'number') ms = at;
  else if (typeof at === 'string') {
    const text = at.trim();
    if (datePattern.test(text)) throw new RangeError(`a calendar date, not an instant: ${at}`);
    if (timeWithoutOffset.test(text)) throw new RangeError(`a time without a UTC offset: ${at}`);
    ms = timestampPattern.test(text) ? Date.parse(text) : Number.NaN;
  } else ms = Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  if (ms < earliestMs || ms > latestMs) throw new RangeError(`instant out of range: ${String(at)}`);
  return ms;
}

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date; null when it is not one. */
function dayNumberOrNull(date: string): number | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return null;
  const at = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  at.setUTCFullYear(year, month - 1, day);
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return at.getTime() / msPerDay;
}

function dayNumber(date: string): number {
  const n = typeof date === 'string' ? dayNumberOrNull(date) : null;
  if (n === null) throw new RangeError(`not a YYYY-MM-DD date: ${String(date)}`);
  return n;
}

function dateOfDayNumber(day: number): string {
  const at = new Date(day * msPerDay);
  const year = at.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError('date out of range (years 0001 … 9999)');
  return `${pad4(year)}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())}`;
}

/** Whether `date` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isHallDate(date: string): boolean {
  return typeof date === 'string' && dayNumberOrNull(date) !== null;
}

/**
 * `date` plus `days` calendar days (negative: before). A hall date is a calendar date, so no time zone
 * is involved: 2026-12-31 + 1 is 2027-01-01 wherever the hall is.
 */
export function addHallDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function hallDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Every date from `from` to `to`, both included (empty when `to` is before `from`). */
export function hallDatesOf(from: string, to: string): string[] {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const out: string[] = [];
  for (let d = a; d <= b; d++) out.push(dateOfDayNumber(d));
  return out;
}

/** The weekday of a hall date: 1 = Monday … 7 = Sunday. */
export function hallWeekday(date: string): number {
  return weekdayOfDayNumber(dayNumber(date));
}

/** The Monday of the week `date` is in: the hall's week (本周) runs Monday to Sunday. */
export function hallWeekStart(date: string): string {
  return addHallDays(date, 1 - hallWeekday(date));
}

/** The first day of the month `date` is in. */
export function hallMonthStart(date: string): string {
  dayNumber(date);
  return `${date.slice(0, 8)}01`;
}

// --- the wall clock of an instant -------------------------------------------------------------

type WallField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';
const wallFields = new Set<string>(['year', 'month', 'day', 'hour', 'minute', 'second']);

/** A zone's formatter, and the order its numbers come in (learnt once from `formatToParts`). */
interface ZoneFormat {
  format: Intl.DateTimeFormat;
  order: WallField[];
}

const zoneFormats = new Map<string, ZoneFormat>();

/** One formatter per zone, cached (RangeError for a zone the tz database does not know). */
function zoneFormat(timeZone: string): ZoneFormat {
  let zone = zoneFormats.get(timeZone);
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
      hourCycle: 'h23',
    });
    const order = format
      .formatToParts(0)
      .map((p) => p.type)
      .filter((t): t is WallField => wallFields.has(t));
    zone = { format, order };
    zoneFormats.set(timeZone, zone);
  }
  return zone;
}

const digits = /\d+/g;

/**
 * The wall clock of epoch ms in a zone. `format` and the numbers in the order learnt: a third of
 * the cost of `formatToParts`, which is kept for anything unexpected (and for the era).
 */
function wallTimeOfMs(ms: number, timeZone: string): HallWallTime {
  const { format, order } = zoneFormat(timeZone);
  const text = format.format(ms);
  const numbers = text.match(digits);
  const out: HallWallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  if (numbers?.length === order.length && text.includes('AD')) {
    order.forEach((field, i) => (out[field] = Number(numbers[i])));
  } else {
    let beforeChrist = false;
    for (const part of format.formatToParts(ms)) {
      if (part.type === 'era') beforeChrist = part.value === 'BC';
      else if (wallFields.has(part.type)) out[part.type as WallField] = Number(part.value);
    }
    // 1 BC is year 0 (only the hours before 0001-01-01 in a zone east of UTC come here).
    if (beforeChrist) out.year = 1 - out.year;
  }
  // Some engines wrote midnight as 24 with hour12: false; h23 should not, but be sure.
  out.hour %= 24;
  out.weekday = weekdayOfDayNumber(dayNumberOfWall(out));
  return out;
}

function dayNumberOfWall(w: { year: number; month: number; day: number }): number {
  const at = new Date(0);
  at.setUTCFullYear(w.year, w.month - 1, w.day);
  return at.getTime() / msPerDay;
}

/** 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayOfDayNumber(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The wall clock of an instant in the hall's zone: year, month, day, hour, minute, second, weekday. */
export function hallWallTime(at: Instant, timeZone: string = hallTimeZone): HallWallTime {
  return wallTimeOfMs(instantMs(at), timeZone);
}

/** The wall clock read as if it were UTC, in epoch ms (whole seconds). */
function wallMs(w: HallWallTime): number {
  return dayNumberOfWall(w) * msPerDay + w.hour * msPerHour + w.minute * 60_000 + w.second * 1000;
}

function offsetOfMs(ms: number, timeZone: string): number {
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return wallMs(wallTimeOfMs(ms, timeZone)) - wholeSecond;
}

/** The zone's UTC offset at an instant, in ms (Beijing: +28,800,000; Los Angeles: −28,800,000 or −25,200,000). */
export function hallOffsetMs(at: Instant, timeZone: string = hallTimeZone): number {
  return offsetOfMs(instantMs(at), timeZone);
}

// --- formatting for people --------------------------------------------------------------------

function dateText(w: HallWallTime): string {
  return `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)}`;
}

/** `YYYY-MM-DD`: the hall date of an instant. */
export function hallDate(at: Instant, timeZone: string = hallTimeZone): string {
  return dateText(hallWallTime(at, timeZone));
}

/** `YYYY-MM-DD HH:mm`: how a time reads in lists, on tickets and in the approver's pages. */
export function hallDateTime(at: Instant, timeZone: string = hallTimeZone): string {
  const w = hallWallTime(at, timeZone);
  return `${dateText(w)} ${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** `YYYY-MM-DD HH:mm:ss`: the clock in the status bar, exact times in exports. */
export function hallDateTimeSeconds(at: Instant, timeZone: string = hallTimeZone): string {
  const w = hallWallTime(at, timeZone);
  return `${dateText(w)} ${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`;
}

/** `HH:mm:ss`: the time only (已保存 10:05:03, the last scan). */
export function hallTime(at: Instant, timeZone: string = hallTimeZone): string {
  const w = hallWallTime(at, timeZone);
  return `${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`;
}

/** `HH:mm`: the time only, to the minute. */
export function hallTimeShort(at: Instant, timeZone: string = hallTimeZone): string {
  const w = hallWallTime(at, timeZone);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/**
 * What a screen or page shows for a timestamp that came with the data: `format(at)`, or, when `at` is
 * not a readable instant, the text as it came ('—' for none), so one bad value never takes a screen
 * down. An unknown zone still throws: that is a configuration error, not bad data.
 */
export function hallShown(
  format: (at: number, timeZone?: string) => string,
  at: Instant | null | undefined,
  timeZone: string = hallTimeZone,
): string {
  if (at === null || at === undefined || at === '') return '—';
  let ms: number;
  try {
    ms = instantMs(at);
  } catch {
    return typeof at === 'string' ? at : '—';
  }
  return format(ms, timeZone);
}

/** Formats for people that follow the UI language. */
export type HallLocaleStyle =
  /** zh-CN `2026/11/27 09:05:03`, en `11/27/2026, 09:05:03` */
  | 'dateTime'
  /** zh-CN `2026年11月27日星期五`, en `Friday, November 27, 2026` */
  | 'longDate';

const localeOptions: Record<HallLocaleStyle, Intl.DateTimeFormatOptions> = {
  dateTime: {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
  longDate: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
};

const localeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant in the hall's zone, written the way `locale` writes it (the screens' zh-CN / en). */
export function hallLocaleFormat(
  at: Instant,
  locale: string,
  style: HallLocaleStyle,
  timeZone: string = hallTimeZone,
): string {
  const key = `${timeZone}\u0000${locale}\u0000${style}`;
  let format = localeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...localeOptions[style], timeZone });
    localeFormats.set(key, format);
  }
  return format.format(instantMs(at));
}

// --- today, and where hall days begin and end -------------------------------------------------

/** Today's hall date by the given clock (the server-corrected clock, main's `Clock`, `Date`). */
export function hallToday(clock: ClockSource, timeZone: string = hallTimeZone): string {
  const now = typeof clock === 'number' || clock instanceof Date ? clock : clock.now();
  return hallDate(now, timeZone);
}

/**
 * The first instant of hall date `date`: its midnight on the hall's wall clock, or, where the zone
 * skips midnight (a daylight-saving change at 00:00), the first instant the wall clock shows that date.
 */
export function hallDayStart(date: string, timeZone: string = hallTimeZone): Date {
  const day = dayNumber(date);
  const midnight = day * msPerDay; // the wall clock's 00:00, read as UTC
  // The offset at a guess, then at the instant it gives: right unless midnight is in a change.
  let guess = midnight - offsetOfMs(midnight, timeZone);
  guess = midnight - offsetOfMs(guess, timeZone);
  if (isFirstOf(guess, date, timeZone)) return new Date(guess);
  // Midnight falls in a gap or a repeat: the first instant whose date is not before `date`.
  let lo = midnight - maxOffsetMs; // surely the day before
  let hi = midnight + maxOffsetMs; // surely not before
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dateText(wallTimeOfMs(mid, timeZone)) < date) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

function isFirstOf(ms: number, date: string, timeZone: string): boolean {
  return dateText(wallTimeOfMs(ms, timeZone)) === date && dateText(wallTimeOfMs(ms - 1, timeZone)) < date;
}

/** Hall date `date` as instants: [start, end), `end` being the next day's start (24 h, or 23 / 25 across DST). */
export function hallDayBounds(date: string, timeZone: string = hallTimeZone): { start: Date; end: Date } {
  return { start: hallDayStart(date, timeZone), end: hallDayStart(addHallDays(date, 1), timeZone) };
}

/**
 * Hall dates `from` … `to`, both included, as instants [start, end): `at >= start && at < end` is a
 * range on an index of instants. RangeError when `to` is before `from`.
 */
export function hallRangeBounds(from: string, to: string, timeZone: string = hallTimeZone): { start: Date; end: Date } {
  if (hallDaysBetween(from, to) < 0) throw new RangeError(`the range ends before it starts: ${from} … ${to}`);
  return { start: hallDayStart(from, timeZone), end: hallDayStart(addHallDays(to, 1), timeZone) };
}

/** Where an instant falls in a range of hall days: the day's index from the first, and the hour of the wall clock. */
export interface HallRangeSlot {
  /** 0 for `from`, 1 for the day after, … */
  day: number;
  /** 0 … 23 on the hall's wall clock. */
  hour: number;
}

/** Hall dates `from` … `to` laid out once, to place many instants quickly (a report's 100,000 decisions). */
export interface HallRangeLocator {
  readonly dates: readonly string[];
  readonly start: Date;
  readonly end: Date;
  /** The day and hour of an instant (epoch ms), or null outside [start, end). */
  locate(atMs: number): HallRangeSlot | null;
}

/**
 * Lays out hall dates `from` … `to`: the start of each day once, then each instant is placed by
 * arithmetic, except on a day with a change of offset, where its wall clock is read.
 */
export function hallRangeLocator(from: string, to: string, timeZone: string = hallTimeZone): HallRangeLocator {
  if (hallDaysBetween(from, to) < 0) throw new RangeError(`the range ends before it starts: ${from} … ${to}`);
  const dates = hallDatesOf(from, to);
  const starts = [...dates, addHallDays(to, 1)].map((d) => hallDayStart(d, timeZone).getTime());
  // A plain day: 24 hours long with one offset throughout, so its hours are its start plus n hours.
  // Any other day (a DST change, a change at its very end) is read from the wall clock instead.
  // Two changes cancelling out inside one day would pass: no zone has them.
  const offsets = starts.map((ms) => offsetOfMs(ms, timeZone));
  const plain = dates.map((_, i) => starts[i + 1]! - starts[i]! === msPerDay && offsets[i] === offsets[i + 1]);
  const first = starts[0]!;
  const last = starts[dates.length]!;
  return {
    dates,
    start: new Date(first),
    end: new Date(last),
    locate(atMs) {
      if (!(atMs >= first && atMs < last)) return null;
      // The last start not after atMs.
      let lo = 0;
      let hi = dates.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= atMs) lo = mid;
        else hi = mid - 1;
      }
      const hour = plain[lo] ? Math.floor((atMs - starts[lo]!) / msPerHour) : wallTimeOfMs(atMs, timeZone).hour;
      return { day: lo, hour };
    },
  };
}
