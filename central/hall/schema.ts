import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { printerStations, ticketPrinterStates } from '@yichuang/domain/hall-protocol';
import { ticketKinds, ticketStates, ticketActions } from '@yichuang/domain/queue';
import { at } from '../db/columns';

/**
 * The hall's queue: its own tables, written only by the hall module (central/hall/). Statistics
 * are read from `hall_ticket_events`; the ticket row is where the ticket stands now, for calling.
 */

/** The hall's settings (display token, priority cap, rejoin rule, the key that hashes ID numbers). */
export const hallSettings = pgTable('hall_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Queues: a letter, a name, the matters they group, opening hours and a daily cap. */
export const hallQueues = pgTable('hall_queues', {
  letter: text('letter').primaryKey(),
  name: text('name').notNull(),
  pinyin: text('pinyin').notNull(),
  icon: text('icon').notNull(),
  matters: jsonb('matters').$type<string[]>().notNull(),
  opens: text('opens').notNull(),
  closes: text('closes').notNull(),
  dailyCap: integer('daily_cap').notNull(),
  /** The hall day a supervisor closed the queue for (no more tickets that day); null when open. */
  closedOn: text('closed_on'),
  sort: integer('sort').notNull(),
});

/** Which window serves which queues: set by the supervisor, changeable during the day. */
export const hallWindowQueues = pgTable(
  'hall_window_queues',
  {
    window: integer('window').notNull(),
    queue: text('queue')
      .notNull()
      .references(() => hallQueues.letter),
  },
  (t) => [primaryKey({ columns: [t.window, t.queue] })],
);

/** A window as the hall sees it now: who is signed in there (set when the workstation opens it). */
export const hallWindows = pgTable('hall_windows', {
  window: integer('window').primaryKey(),
  workstationId: uuid('workstation_id'),
  clerk: text('clerk'),
  clerkName: text('clerk_name'),
  openSince: at('open_since'),
});

/** The last sequence given in a queue on a hall day: numbers restart each day (A001). */
export const hallSequences = pgTable(
  'hall_sequences',
  {
    hallDate: text('hall_date').notNull(),
    queue: text('queue').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hallDate, t.queue] })],
);

export const hallTickets = pgTable(
  'hall_tickets',
  {
    id: uuid('id').primaryKey(),
    hallDate: text('hall_date').notNull(),
    queue: text('queue')
      .notNull()
      .references(() => hallQueues.letter),
    /** Null for a walk-in served without a ticket. */
    sequence: integer('sequence'),
    number: text('number'),
    kind: text('kind', { enum: ticketKinds }).notNull(),
    state: text('state', { enum: ticketStates }).notNull(),
    issuedAt: at('issued_at').notNull(),
    /** Where it stands in line: the issue time, kept through a transfer; moved by a rejoin. */
    orderAt: at('order_at').notNull(),
    /** Arrival order, for tickets of the same millisecond. */
    arrival: bigserial('arrival', { mode: 'number' }).notNull(),
    /** An appointment's slot start: called first once it is due. */
    dueAt: at('due_at'),
    /** The window that has it, or the one it was transferred to. */
    window: integer('window'),
    calledAt: at('called_at'),
    /** HMAC of the ID number read at the kiosk (never the number): one live ticket per person and queue. */
    personKey: text('person_key'),
    /** The kiosk's idempotency key: a double tap gives one ticket. */
    requestKey: text('request_key'),
    rejoined: integer('rejoined').notNull().default(0),
    caseNumber: text('case_number'),
    matterCode: text('matter_code'),
  },
  (t) => [
    uniqueIndex('hall_tickets_number').on(t.hallDate, t.number),
    uniqueIndex('hall_tickets_request').on(t.requestKey),
    uniqueIndex('hall_tickets_person_live')
      .on(t.hallDate, t.queue, t.personKey)
      .where(sql`person_key is not null and state in ('issued', 'transferred', 'called', 'serving', 'held')`),
    index('hall_tickets_waiting').on(t.hallDate, t.state, t.queue, t.orderAt),
    /** The line in order, for call next: only tickets that wait. */
    index('hall_tickets_line')
      .on(t.hallDate, t.orderAt, t.arrival)
      .where(sql`state in ('issued', 'transferred')`),
    index('hall_tickets_window').on(t.window, t.state),
    /** Waiting tickets of one kind in order: whether an appointment or a 绿色通道 ticket waits is one probe. */
    index('hall_tickets_kind_line')
      .on(t.hallDate, t.kind, t.orderAt, t.arrival)
      .where(sql`state in ('issued', 'transferred')`),
  ],
);

/** Every change of every ticket, with time, window and clerk: the statistics come from here. */
export const hallTicketEvents = pgTable(
  'hall_ticket_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    hallDate: text('hall_date').notNull(),
    action: text('action', { enum: ticketActions }).notNull(),
    state: text('state', { enum: ticketStates }).notNull(),
    at: at('at').notNull(),
    queue: text('queue').notNull(),
    window: integer('window'),
    clerk: text('clerk'),
    /** Whether the call was of a priority ticket (the cap reads it). */
    priority: boolean('priority').notNull().default(false),
    detail: jsonb('detail').$type<Record<string, string | number | null>>(),
  },
  (t) => [
    index('hall_ticket_events_ticket').on(t.ticketId, t.seq),
    index('hall_ticket_events_day').on(t.hallDate, t.action, t.priority, t.queue, t.seq),
  ],
);

/** Appointments (预约) from the booking system: checked in at the kiosk by code or ID card. */
export const hallAppointments = pgTable(
  'hall_appointments',
  {
    code: text('code').primaryKey(),
    queue: text('queue')
      .notNull()
      .references(() => hallQueues.letter),
    hallDate: text('hall_date').notNull(),
    slotStart: at('slot_start').notNull(),
    slotEnd: at('slot_end').notNull(),
    personKey: text('person_key'),
    ticketId: uuid('ticket_id'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('hall_appointments_person').on(t.hallDate, t.personKey)],
);

/** Each workstation's ticket printer as it last reported it: the supervisor's board shows the faults. */
export const hallPrinters = pgTable('hall_printers', {
  workstationId: uuid('workstation_id').primaryKey(),
  window: integer('window').notNull(),
  station: text('station', { enum: printerStations }).notNull(),
  state: text('state', { enum: ticketPrinterStates }).notNull(),
  /** Since when it has been in this state (a report of the same state keeps it). */
  since: at('since').notNull(),
  reportedAt: at('reported_at').notNull(),
});
