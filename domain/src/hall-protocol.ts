import { z } from 'zod';
import { isValidCitizenId } from './id-numbers';
import {
  clockTimePattern,
  queueLetterPattern,
  ticketKinds,
  ticketNumberPattern,
  ticketStates,
  type TicketState,
} from './queue';

/**
 * The hall service's API (central's `--only hall` or inside central): what windows, kiosks and the
 * supervisor send and get. The routes validate with these; the workstation's hall client parses
 * answers with them.
 */

export const hallPrefix = '/hall/v1';

/** Who acts at a window or kiosk. The workstation's router checked the role before it asked. */
export const hallRoles = ['clerk', 'advisor', 'supervisor', 'admin', 'kiosk'] as const;
export type HallRole = (typeof hallRoles)[number];
export const hallActorSchema = z
  .object({
    username: z.string().min(1).max(60),
    displayName: z.string().min(1).max(60),
    role: z.enum(hallRoles),
  })
  .strict();
export type HallActor = z.infer<typeof hallActorSchema>;

export const queueLetterSchema = z.string().regex(queueLetterPattern, '队列字母应为 A–Z 中的一个大写字母');
export const ticketNumberSchema = z.string().regex(ticketNumberPattern, '排队号应为字母加三位数字，如 A001');
export const ticketIdSchema = z.string().uuid('排队票标识无效');
export const windowNumberSchema = z.number().int().min(1).max(999);
const clockTime = z.string().regex(clockTimePattern, '时间应为 HH:mm');
const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCitizenId, '身份证号码校验位不正确，请重新读卡或核对');

/** A booking code (预约码) as the booking system gives it: 6–12 letters or digits. */
export const bookingCodeLength = { min: 6, max: 12 } as const;
export const bookingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{6,12}$/, '预约码应为 6–12 位字母或数字');

export const hallQueueSchema = z
  .object({
    letter: queueLetterSchema,
    name: z.string().min(1).max(40),
    /** Initials in pinyin, for the kiosk's search (户籍 → HJ). */
    pinyin: z.string().regex(/^[A-Z]{0,12}$/),
    /** A picture the kiosk shows (one of the kiosk's set). */
    icon: z.string().regex(/^[a-z-]{1,30}$/),
    /** Matter codes the queue groups. */
    matters: z.array(z.string().min(1).max(40)).max(200),
    opens: clockTime,
    closes: clockTime,
    dailyCap: z.number().int().min(1).max(9999),
  })
  .strict();
export type HallQueue = z.infer<typeof hallQueueSchema>;

/** A queue as the kiosk and windows see it now. */
export const queueNowSchema = hallQueueSchema.extend({
  waiting: z.number().int().nonnegative(),
  issuedToday: z.number().int().nonnegative(),
  /** Whether a ticket can be taken now, and if not, why (the citizen reads it). */
  open: z.boolean(),
  closedReason: z.string().nullable(),
});
export type QueueNow = z.infer<typeof queueNowSchema>;

export const ticketSchema = z.object({
  id: ticketIdSchema,
  /** Null for a walk-in served without a ticket. */
  number: z.string().nullable(),
  queue: queueLetterSchema,
  queueName: z.string(),
  kind: z.enum(ticketKinds),
  state: z.enum(ticketStates),
  hallDate: z.string(),
  issuedAt: z.string(),
  /** The window that has it (called, serving, held) or that it was sent to. */
  window: z.number().int().nullable(),
  calledAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  caseNumber: z.string().nullable(),
  rejoined: z.number().int().nonnegative(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const issueTicketSchema = z
  .object({
    queue: queueLetterSchema,
    /** Read from the ID card at the kiosk: one live ticket per person and queue. Never stored, only a keyed hash. */
    idNumber: idNumberSchema.optional(),
    priority: z.boolean().default(false),
    actor: hallActorSchema,
  })
  .strict();
export type IssueTicket = z.input<typeof issueTicketSchema>;

export const issuedTicketSchema = z.object({
  ticket: ticketSchema,
  /** People waiting before this ticket now. */
  ahead: z.number().int().nonnegative(),
  /** The person already held a live ticket in this queue: this is that one, not a new one. */
  existing: z.boolean(),
  hallName: z.string(),
  /** The page that follows this ticket (the QR on the slip). */
  followPath: z.string(),
});
export type IssuedTicket = z.infer<typeof issuedTicketSchema>;

export const checkInSchema = z
  .object({
    code: bookingCodeSchema.optional(),
    idNumber: idNumberSchema.optional(),
    actor: hallActorSchema,
  })
  .strict()
  .refine((value) => (value.code === undefined) !== (value.idNumber === undefined), '请输入预约码，或读取身份证');

export const appointmentSchema = z
  .object({
    code: bookingCodeSchema,
    queue: queueLetterSchema,
    idNumber: idNumberSchema.optional(),
    /** The booked slot (ISO instants); the hall day is the slot's. */
    slotStart: z.string().datetime({ offset: true }),
    slotEnd: z.string().datetime({ offset: true }),
    actor: hallActorSchema,
  })
  .strict();

export const actorOnlySchema = z.object({ actor: hallActorSchema }).strict();

export const transferSchema = z
  .object({
    toQueue: queueLetterSchema.optional(),
    toWindow: windowNumberSchema.optional(),
    actor: hallActorSchema,
  })
  .strict()
  .refine((value) => value.toQueue !== undefined || value.toWindow !== undefined, '请选择转到的队列或窗口');

export const rejoinSchema = z.object({ number: ticketNumberSchema, actor: hallActorSchema }).strict();

export const walkInSchema = z.object({ queue: queueLetterSchema.optional(), actor: hallActorSchema }).strict();

export const linkCaseSchema = z
  .object({
    caseNumber: z.string().regex(/^\d{6}-\d{8}-\d{3}-\d{4,}$/),
    matterCode: z.string().min(1).max(40),
    actor: hallActorSchema,
  })
  .strict();

/** A window's side of the queue: its queues, what it has in hand, how many wait for it. */
export const windowNowSchema = z.object({
  window: z.number().int(),
  queues: z.array(queueLetterSchema),
  current: ticketSchema.nullable(),
  held: z.array(ticketSchema),
  waiting: z.number().int().nonnegative(),
});
export type WindowNow = z.infer<typeof windowNowSchema>;

export const callResultSchema = z.object({
  /** The ticket now called; null when nobody waits for this window. */
  called: ticketSchema.nullable(),
  /** The ticket the window had at the counter, finished by this call. */
  finished: ticketSchema.nullable(),
  window: windowNowSchema,
});
export type CallResult = z.infer<typeof callResultSchema>;

/** One call as the board and the voice know it: no personal data. */
export const callSchema = z.object({
  number: z.string(),
  window: z.number().int(),
  at: z.string(),
  /** 1 for the first call, 2… for recalls. */
  times: z.number().int().positive(),
});
export type Call = z.infer<typeof callSchema>;

/** The hall now, for the display and the supervisor: no personal data. */
/**
 * A ticket printer's state as the hall's board shows it: what the citizen at a kiosk (or the clerk
 * at a counter) cannot fix alone. `none`: no ticket printer attached; `offline`: it stopped answering.
 */
export const ticketPrinterStates = ['ready', 'paper_out', 'cover_open', 'fault', 'offline', 'none'] as const;
export type TicketPrinterState = (typeof ticketPrinterStates)[number];
/** The states someone must go and fix (paper in, cover shut, the printer looked at or plugged back). */
export const ticketPrinterFaults = ['paper_out', 'cover_open', 'fault', 'offline'] as const;
export type TicketPrinterFault = (typeof ticketPrinterFaults)[number];
export function isTicketPrinterFault(state: TicketPrinterState | null): state is TicketPrinterFault {
  return (ticketPrinterFaults as readonly (TicketPrinterState | null)[]).includes(state);
}
/** Where the printer stands: the kiosk at the door or a window's counter printer. */
export const printerStations = ['kiosk', 'window'] as const;

/** A workstation tells the hall its ticket printer's state (when it changes and when it connects). */
export const printerReportSchema = z
  .object({ station: z.enum(printerStations), state: z.enum(ticketPrinterStates) })
  .strict();
export type PrinterReport = z.infer<typeof printerReportSchema>;

export const hallPrinterSchema = z.object({
  /** The reporting workstation's window number (a kiosk is enrolled with one too). */
  window: z.number().int(),
  station: z.enum(printerStations),
  state: z.enum(ticketPrinterStates),
  /** Since when it has been in this state. */
  since: z.string(),
});
export type HallPrinter = z.infer<typeof hallPrinterSchema>;

export const boardSchema = z.object({
  hallName: z.string(),
  hallDate: z.string(),
  serverTime: z.string(),
  queues: z.array(
    z.object({
      letter: queueLetterSchema,
      name: z.string(),
      waiting: z.number().int().nonnegative(),
      /** Seconds the longest-waiting ticket has waited; null when nobody waits. */
      longestWaitS: z.number().int().nullable(),
      open: z.boolean(),
      closedToday: z.boolean(),
    }),
  ),
  windows: z.array(
    z.object({
      window: z.number().int(),
      queues: z.array(queueLetterSchema),
      open: z.boolean(),
      /** The staff member signed in at it (the supervisor's board only; the display gets null). */
      clerk: z.string().nullable(),
      current: z.string().nullable(),
      currentState: z.enum(ticketStates).nullable(),
    }),
  ),
  /** The last calls, newest first (the display shows six). */
  calls: z.array(callSchema),
  /** The ticket printers as their workstations last reported them (the supervisor's board only). */
  printers: z.array(hallPrinterSchema),
});
export type Board = z.infer<typeof boardSchema>;

export const windowQueuesSchema = z
  .object({ queues: z.array(queueLetterSchema).max(26), actor: hallActorSchema })
  .strict();

export const statsQuerySchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

const figureSchema = z.object({
  key: z.string(),
  tickets: z.number().int(),
  called: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  transfers: z.number().int(),
  avgWaitS: z.number().nullable(),
  maxWaitS: z.number().nullable(),
  avgHandleS: z.number().nullable(),
});
export type QueueFigure = z.infer<typeof figureSchema>;

export const statsSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: figureSchema,
  byQueue: z.array(figureSchema),
  byWindow: z.array(figureSchema),
  byClerk: z.array(figureSchema),
  byMatter: z.array(figureSchema),
  byHour: z.array(figureSchema),
  /** Each served ticket with its case, for the hall-wide report to join on. */
  tickets: z.array(
    z.object({
      number: z.string().nullable(),
      queue: z.string(),
      kind: z.enum(ticketKinds),
      caseNumber: z.string().nullable(),
      matterCode: z.string().nullable(),
      waitS: z.number().nullable(),
      handleS: z.number().nullable(),
      window: z.number().int().nullable(),
      outcome: z.enum(ticketStates),
    }),
  ),
});
export type QueueStats = z.infer<typeof statsSchema>;

/** What the push channel sends (SSE `event:` names). */
export const hallPushEvents = ['board', 'call', 'window'] as const;
export type HallPushEvent = (typeof hallPushEvents)[number];

export type { TicketState };
