import { hallDate, hallTimeShort, instantMs } from '@yichuang/domain/hall-time';

/** How dates, times and money read on the paper: hall dates (Beijing) the Chinese way. */

/** `2026-12-08` → `2026年12月8日` */
export function chineseDate(ymd: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${ymd}`);
  const [, y, m, d] = match;
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** An ISO timestamp with its offset, or a Date (a time without its offset would be read in the PC's zone). */
function instant(at: string | Date): number {
  try {
    return instantMs(at);
  } catch (error) {
    throw new Error(`not a date: ${String(at)}`, { cause: error });
  }
}

/** The Beijing date of an instant: `2026年11月27日`. */
export function chineseDateOf(at: string | Date): string {
  return chineseDate(hallDate(instant(at)));
}

/** The Beijing date and time of an instant: `2026年11月27日 10:05`. */
export function chineseDateTime(at: string | Date): string {
  const date = instant(at);
  return `${chineseDate(hallDate(date))} ${hallTimeShort(date)}`;
}

/** The fee line: 0 is 不收费, otherwise yuan with two decimals. */
export function feeText(fee: number): string {
  return fee > 0 ? `${fee.toFixed(2)} 元` : '不收费';
}
