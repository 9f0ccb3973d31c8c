/**
 * When the workstation asks central for an update: shortly after the start, then once a day. The
 * times are spread at random so that a hall's windows, switched on together at opening time, do
 * not all download the same installer from central in the same minute.
 */

export interface UpdateSchedule {
  /** The first check, this long after the start (the start itself is busy: migrations, devices, sync). */
  firstCheckMs: number;
  /** Then once every this long. */
  everyMs: number;
  /** After a failed check (central unreachable, refused), or while there is no feed (not enrolled yet). */
  retryMs: number;
  /** Each wait is lengthened by a random part of this. */
  spreadMs: number;
}

export const defaultUpdateSchedule: UpdateSchedule = {
  firstCheckMs: 60_000,
  everyMs: 24 * 60 * 60_000,
  retryMs: 60 * 60_000,
  spreadMs: 10 * 60_000,
};

export type CheckOutcome = 'start' | 'checked' | 'failed' | 'unavailable';

/** How long to wait before the next check, after `outcome`; `random` is in [0, 1). */
export function nextCheckDelay(outcome: CheckOutcome, schedule: UpdateSchedule, random: () => number): number {
  const base =
    outcome === 'start' ? schedule.firstCheckMs : outcome === 'checked' ? schedule.everyMs : schedule.retryMs;
  return base + Math.floor(random() * schedule.spreadMs);
}
