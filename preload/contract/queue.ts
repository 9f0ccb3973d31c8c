import { z } from 'zod';
import {
  boardSchema,
  bookingCodeSchema,
  issuedTicketSchema,
  queueLetterSchema,
  queueNowSchema,
  ticketIdSchema,
  ticketNumberSchema,
  ticketPrinterStates,
  ticketSchema,
  windowNowSchema,
  windowNumberSchema,
} from '@yichuang/domain/hall-protocol';
import { errorCodeSchema, errorParamsSchema } from './errors';

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
  /** This workstation's ticket printer in the hall's words (what the kiosk tells the citizen); null while not known. */
  printer: z.enum(ticketPrinterStates).nullable(),
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
/** A skipped ticket's number as the citizen shows it on the slip (a001 reads as A001). */
export const rejoinInputSchema = z
  .object({ number: z.string().trim().toUpperCase().pipe(ticketNumberSchema) })
  .strict();

/** What a queue command answers: the ticket it concerned (called, recalled…) and the window now. */
export const queueCommandResultSchema = z.object({
  ticket: ticketSchema.nullable(),
  status: queueStatusSchema,
});
export type QueueCommandResult = z.infer<typeof queueCommandResultSchema>;

/**
 * A ticket asked for at the kiosk (or the counter). `tapKey` is made when the citizen picks the
 * queue: a double tap sends it twice and gets one ticket. `readId` is the card read on the kiosk's
 * reader (main looks the number up; the screen never holds it): one live ticket per person and queue.
 */
export const issueInputSchema = z
  .object({
    queue: queueLetterSchema,
    readId: z.string().uuid().optional(),
    priority: z.boolean().default(false),
    tapKey: z.string().uuid(),
  })
  .strict();

/** 预约取号: the booking code typed on the kiosk, or the card on its reader. */
export const checkInInputSchema = z
  .object({
    code: bookingCodeSchema.optional(),
    readId: z.string().uuid().optional(),
  })
  .strict()
  .refine((value) => (value.code === undefined) !== (value.readId === undefined), '请输入预约码，或读取身份证');

/**
 * A ticket given out: what the hall said, the sentence the citizen reads (您已领取A005号，前方等待3人),
 * and whether the slip came out of the ticket printer; if not, why (paper out, cover open, no
 * printer), so the screen can say it and the browser host can print the slip on the platform printer.
 */
export const issueResultSchema = z.object({
  issued: issuedTicketSchema,
  prompt: z.string(),
  /** The address the slip's QR code opens (the hall's follow page). */
  followUrl: z.string(),
  printed: z.boolean(),
  printProblem: z.object({ code: errorCodeSchema, params: errorParamsSchema.optional() }).nullable(),
});
export type IssueResult = z.infer<typeof issueResultSchema>;

export const windowQueuesInputSchema = z
  .object({ window: windowNumberSchema, queues: z.array(queueLetterSchema).max(26) })
  .strict();
export const closeQueueInputSchema = z.object({ letter: queueLetterSchema, closed: z.boolean() }).strict();

export { boardSchema, queueNowSchema };
