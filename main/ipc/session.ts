import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload } from '../../preload/contract/events';

/** One signed-in UI: an Electron window or a browser-host WebSocket connection. */
export interface Session {
  readonly id: string;
  userId: number | null;
  locked: boolean;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function createSession(emit: Session['emit']): Session {
  return { id: randomUUID(), userId: null, locked: false, emit };
}
