import type { EventName, EventPayload } from '../../preload/contract/events';
import type { Session } from './session';

/**
 * Every open UI (Electron windows, browser-host connections) registers its session here, so
 * services can push events without knowing which host carries them. Events carry personal
 * data (a card read), so only signed-in, unlocked sessions receive them.
 */
export function createSessionHub() {
  const sessions = new Set<Session>();
  const leaveListeners: ((session: Session) => void)[] = [];
  return {
    add(session: Session): () => void {
      sessions.add(session);
      return () => {
        if (!sessions.delete(session)) return;
        for (const listener of leaveListeners) listener(session);
      };
    },
    /** Called when a session's window or connection is gone (the citizen screen lets its pairing go). */
    onLeave(listener: (session: Session) => void): void {
      leaveListeners.push(listener);
    },
    get size(): number {
      return sessions.size;
    },
    /** Every open session, signed in or not, locked or not (the idle lock looks at each). */
    sessions(): Session[] {
      return [...sessions];
    },
    broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const session of sessions) {
        if (session.userId !== null && !session.locked) session.emit(event, payload);
      }
    },
  };
}

export type SessionHub = ReturnType<typeof createSessionHub>;
