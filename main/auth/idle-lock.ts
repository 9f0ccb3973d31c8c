import type { Clock } from '../app/clock';
import type { Session } from '../ipc/session';

/**
 * How often main looks for sessions gone idle, so a screen nobody touches locks (and is told so)
 * at most this long after its minutes are up; a call finds the lock at once.
 */
export const idleSweepMs = 5_000;

/**
 * The idle lock, kept by main: each session's last activity, and whether it has been idle for the
 * workstation's `idleLockMinutes` (the one setting; the screens only report that the clerk is there).
 * What counts as activity is the router's to say (see `countsAsActivity` in router.ts).
 */
export interface IdleLock {
  /** The clerk did something now. */
  touch(session: Session): void;
  /** Idle for the set minutes or longer. A session never touched counts from the first time it is asked about. */
  expired(session: Session): boolean;
}

export function createIdleLock(deps: { clock: Clock; minutes: () => number }): IdleLock {
  const last = new WeakMap<Session, number>();
  const now = () => deps.clock.now().getTime();
  return {
    touch(session) {
      last.set(session, now());
    },
    expired(session) {
      const at = last.get(session);
      if (at === undefined) {
        last.set(session, now());
        return false;
      }
      return now() - at >= deps.minutes() * 60_000;
    },
  };
}
