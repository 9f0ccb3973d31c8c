import { z } from 'zod';
import {
  boardSchema,
  queueLetterSchema,
  ticketIdSchema,
  ticketSchema,
  windowNowSchema,
  windowNumberSchema,
} from '@yichuang/domain/hall-protocol';

/**
 * The hall's queue as this window sees it: the hall service (central, or `--only hall` in the hall)
 * is the one authority; the workstation only asks it and shows what it answered. When the hall
 * service cannot be reached the window says so and keeps working without tickets: nothing is
 * queued up to be called later.
 */

/**
 * - `unconfigured`: not enrolled at central (the hall needs the enrolment's credential);
 * - `connecting`: the push channel is being opened (at start, or again after it dropped);
 * - `online`: the hall answers and pushes;
 * - `offline`: it cannot be reached; the window works without tickets and tries again by itself.
 */
export const hallConnections = ['unconfigured', 'connecting', 'online', 'offline'] as const;
export type HallConnection = (typeof hallConnections)[number];

export const queueStatusSchema = z.object({
  connection: z.enum(hallConnections),
  /** The hall service's address ('' when not enrolled). */
  hallUrl: z.string(),
  /** Why the last contact failed, in plain Chinese. */
  lastError: z.string().nullable(),
  /** This window's side of the queue, as the hall last said (null before the first answer). */
  window: windowNowSchema.nullable(),
  /** The hall's queues (names for the bar, targets of a transfer), as the hall last said. */
  queues: z.array(
    z.object({ letter: queueLetterSchema, name: z.string(), waiting: z.number().int(), open: z.boolean() }),
  ),
  /** The case the ticket at the counter became, once decided here. */
  currentCase: z.string().nullable(),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const ticketActions = ['serve', 'finish', 'skip', 'hold', 'resume'] as const;
export type TicketAction = (typeof ticketActions)[number];

export const ticketActInputSchema = z.object({ ticketId: ticketIdSchema, action: z.enum(ticketActions) }).strict();
export const ticketInputSchema = z.object({ ticketId: ticketIdSchema }).strict();
export const transferInputSchema = z
  .object({
    ticketId: ticketIdSchema,
    toQueue: queueLetterSchema.optional(),
    toWindow: windowNumberSchema.optional(),
  })
  .strict()
  .refine((value) => value.toQueue !== undefined || value.toWindow !== undefined, '请选择转到的队列或窗口');
export const walkInInputSchema = z.object({ queue: queueLetterSchema.optional() }).strict();

/** What a queue command answers: the ticket it concerned (called, recalled…) and the window now. */
export const queueCommandResultSchema = z.object({
  ticket: ticketSchema.nullable(),
  status: queueStatusSchema,
});
export type QueueCommandResult = z.infer<typeof queueCommandResultSchema>;

export { boardSchema };
