import { instantMs } from '@yichuang/domain/hall-time';
import type { Clock } from '../app/clock';

/** The switch that allows `--clock-start`: end-to-end tests and development only, never a hall. */
export const testClockSwitch = 'YICHUANG_E2E';

/**
 * `--clock-start ISO`: the host's clock starts at that instant and runs on from there at real speed,
 * so an end-to-end test can stand at a moment of its choosing (a hall morning that is still the day
 * before in UTC). Refused unless `YICHUANG_E2E=1` is set, so that no hall can run on a made-up clock
 * by a flag slipped into a shortcut. The instant must carry its offset (`Z`, `+08:00`): a time without
 * one would be read in the PC's zone. Returns the clock, or a message for the person who started it.
 */
export interface TestClock extends Clock {
  /** Jumps ahead (an end-to-end test idles past the lock without waiting ten real minutes). */
  advance(ms: number): void;
}

/** What the host reads on its standard input while on a test clock: `advance-clock MS`. */
export const advanceClockCommand = /^advance-clock (\d{1,10})$/;

export function clockFromFlag(
  start: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  realNow: () => number = Date.now,
): { clock?: TestClock; error?: string } {
  if (start === undefined) return {};
  if (env[testClockSwitch] !== '1') {
    return { error: `--clock-start is for end-to-end tests only: set ${testClockSwitch}=1 to use it` };
  }
  let startMs: number;
  try {
    startMs = instantMs(start);
  } catch {
    return { error: `--clock-start needs an ISO time with its offset (2026-12-06T23:30:00Z), not "${start}"` };
  }
  let offsetMs = startMs - realNow();
  return {
    clock: {
      now: () => new Date(realNow() + offsetMs),
      advance(ms) {
        offsetMs += ms;
      },
    },
  };
}
