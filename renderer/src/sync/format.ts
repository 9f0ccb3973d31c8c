import dayjs from 'dayjs';

/** The clock skew in whole minutes, as the clerk is told it (never 0 when there is a warning). */
export function skewMinutes(skewMs: number | null): number {
  return Math.max(1, Math.round(Math.abs(skewMs ?? 0) / 60_000));
}

/** Bytes as megabytes with one decimal (what a clerk reads on a progress bar). */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** A time of the sync screen: only the time today, the date too otherwise. */
export function shortTime(at: string): string {
  const d = dayjs(at);
  return d.isSame(dayjs(), 'day') ? d.format('HH:mm:ss') : d.format('YYYY-MM-DD HH:mm');
}
