import type { z } from 'zod';
import { sessionStateSchema } from './schemas';

/** Push events from main to the UI, declared like channels: a name and a payload schema. */
export const events = {
  /** The session changed on the main side (locked by the OS lock screen, account disabled…). */
  'session.changed': sessionStateSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
