import { hallDate, hallDateTime, hallShown, hallTime } from '@yichuang/domain/hall-time';

/** The clock skew in whole minutes, as the clerk is told it (never 0 when there is a warning). */
export function skewMinutes(skewMs: number | null): number {
  return Math.max(1, Math.round(Math.abs(skewMs ?? 0) / 60_000));
}

/** Bytes as megabytes with one decimal (what a clerk reads on a progress bar). */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * A time of the sync screen on the hall's clock: only the time when it is today's hall date (by `now`),
 * the date too otherwise.
 */
export function shortTime(at: string, now: Date | number = Date.now()): string {
  return hallShown((ms) => (hallDate(ms) === hallDate(now) ? hallTime(ms) : hallDateTime(ms)), at);
}
