import { hallDate } from '@yichuang/domain/hall-time';
import { formatShanghai } from '../devices/printer/ticket';

/** How dates, times and money read on the paper: Beijing dates the Chinese way. */

/** `2026-12-08` → `2026年12月8日` */
export function chineseDate(ymd: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${ymd}`);
  const [, y, m, d] = match;
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function instant(at: string | Date): Date {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(at)}`);
  return date;
}

/** The Beijing date of an instant: `2026年11月27日`. */
export function chineseDateOf(at: string | Date): string {
  return chineseDate(hallDate(instant(at)));
}

/** The Beijing date and time of an instant: `2026年11月27日 10:05`. */
export function chineseDateTime(at: string | Date): string {
  const [date = '', time = ''] = formatShanghai(instant(at)).split(' ');
  return `${chineseDate(date)} ${time}`;
}

/** The fee line: 0 is 不收费, otherwise yuan with two decimals. */
export function feeText(fee: number): string {
  return fee > 0 ? `${fee.toFixed(2)} 元` : '不收费';
}
