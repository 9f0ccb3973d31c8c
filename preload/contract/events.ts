import { z } from 'zod';
import { cardReadSchema, deviceInfoSchema, scanSchema } from './devices';
import { hotFolderArrivalSchema } from './materials';
import { sessionStateSchema } from './schemas';
import { centralCaseEventSchema, syncStatusSchema } from './sync';

/** Push events from main to the UI, declared like channels: a name and a payload schema. */
export const events = {
  /** The session changed on the main side (locked by the OS lock screen, account disabled…). */
  'session.changed': sessionStateSchema,
  /** A device was plugged, unplugged, opened, or changed its status. */
  'devices.changed': z.array(deviceInfoSchema),
  /** A new card was read (ID number masked); the same card left on the reader is not sent again. */
  'idcard.read': cardReadSchema,
  /** A whole code from a HID POS scanner (wedge scans are captured in the renderer itself). */
  'scanner.scanned': scanSchema,
  /** A file arrived in the scanner's hot folder and was imported (or refused). */
  'materials.arrived': hotFolderArrivalSchema,
  /** The sync status changed: backlog, connection, upload progress, clock skew. */
  'sync.changed': syncStatusSchema,
  /** Central moved a case (approved, denied, asked for more…): the case page reloads, the clerk is told. */
  'sync.caseEvent': centralCaseEventSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
