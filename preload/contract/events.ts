import type { z } from 'zod';
import { casesEvents } from './channels/cases';
import { devicesEvents } from './channels/devices';
import { documentScannersEvents } from './channels/document-scanners';
import { materialsEvents } from './channels/materials';
import { sessionEvents } from './channels/session';
import { syncEvents } from './channels/sync';
import { queueEvents } from './channels/queue';
import { citizenEvents } from './channels/citizen';

/** Push events from main to the UI, declared like channels (a name and a payload schema), feature by feature. */
export const events = {
  ...sessionEvents,
  ...devicesEvents,
  ...documentScannersEvents,
  ...materialsEvents,
  ...syncEvents,
  ...casesEvents,
  ...queueEvents,
  ...citizenEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
