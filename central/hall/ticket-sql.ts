import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { HallActor } from '@yichuang/domain/hall-protocol';
import {
  ticketTransitions,
  waitingStates,
  type TicketAction,
  type TicketKind,
  type TicketState,
} from '@yichuang/domain/queue';
import { hallToday } from '@yichuang/domain/hall-time';
import { isoFromDriver, rowsOf } from '../db/columns';
import type { CentralDb } from '../db/connect';
import { CentralError } from '../service/errors';
import type { HallQueues, QueueRow } from './queues';
import type { HallSettings } from './settings';
import { hallSequences, hallTicketEvents, hallTickets } from './schema';

/**
 * The pieces every writer of tickets uses (issuing and the moves): the row type, reading raw rows,
 * writing a move's event, and the SQL of "waiting for this window".
 */

export type Tx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];
export type Db = CentralDb | Tx;
export type TicketRow = typeof hallTickets.$inferSelect;

/** What changed, for the push channel: a call (or recall) is announced; anything else refreshes boards. */
export type HallChange = { kind: 'call'; ticket: TicketRow; times: number } | { kind: 'changed'; windows: number[] };

/** What the writers of tickets (issuing.ts, tickets.ts) are made with. */
export interface TicketWriterDeps {
  db: CentralDb;
  now: () => Date;
  timeZone: string;
  queues: HallQueues;
  settings: HallSettings;
  changed: (change: HallChange) => void;
}

/** The hall day of an instant (now by default), in the hall's zone. */
export const hallDayOf =
  (deps: Pick<TicketWriterDeps, 'now' | 'timeZone'>) =>
  (at: Date = deps.now()): string =>
    hallToday(at, deps.timeZone);

export async function recordEvent(
  tx: Db,
  row: TicketRow,
  action: TicketAction,
  at: Date,
  actor: HallActor | null,
  detail: Record<string, string | number | null> | null = null,
): Promise<void> {
  await tx.insert(hallTicketEvents).values({
    ticketId: row.id,
    hallDate: row.hallDate,
    action,
    state: row.state,
    at: at.toISOString(),
    queue: row.queue,
    window: row.window,
    clerk: actor?.username ?? null,
    priority: row.kind === 'priority',
    detail,
  });
}

export async function ticketById(tx: Db, id: string, forUpdate = false): Promise<TicketRow> {
  const query = tx.select().from(hallTickets).where(eq(hallTickets.id, id));
  const row = (forUpdate ? await query.for('update') : await query)[0];
  if (!row) throw new CentralError(404, 'not_found', 'notFound.ticket');
  return row;
}

/** Waiting tickets of a hall day in these queues, or sent to this window. */
export function waitingFor(day: string, letters: string[], window: number | null) {
  const inQueues = and(isNull(hallTickets.window), inArray(hallTickets.queue, letters.length ? letters : ['-']));
  return and(
    eq(hallTickets.hallDate, day),
    inArray(hallTickets.state, [...waitingStates]),
    window === null ? inQueues : or(inQueues, eq(hallTickets.window, window)),
  );
}

export const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
/** Raw rows (`db.execute`) as the table's typed rows. */
export const ticketRows = (result: unknown): TicketRow[] =>
  rowsOf<Record<string, unknown>>(result).map((raw) => ({
    id: raw.id as string,
    hallDate: raw.hall_date as string,
    queue: raw.queue as string,
    sequence: raw.sequence as number | null,
    number: raw.number as string | null,
    kind: raw.kind as TicketKind,
    state: raw.state as TicketState,
    issuedAt: isoFromDriver(raw.issued_at as string | Date),
    orderAt: isoFromDriver(raw.order_at as string | Date),
    arrival: Number(raw.arrival),
    dueAt: raw.due_at === null ? null : isoFromDriver(raw.due_at as string | Date),
    window: raw.window as number | null,
    calledAt: raw.called_at === null ? null : isoFromDriver(raw.called_at as string | Date),
    personKey: raw.person_key as string | null,
    requestKey: raw.request_key as string | null,
    rejoined: raw.rejoined as number,
    caseNumber: raw.case_number as string | null,
    matterCode: raw.matter_code as string | null,
  }));
/** The event of a move made in SQL: the same columns `record` writes. */
export const eventOf = (action: TicketAction, at: string, actor: HallActor) => sql`
  insert into hall_ticket_events (ticket_id, hall_date, action, state, at, queue, "window", clerk, priority)
  select id, hall_date, ${action}, state, ${at}, queue, "window", ${actor.username}, kind = 'priority'`;

/** Waiting for this window: its queues (nobody's window yet), or sent to it — as SQL. */
export function waitingSql(day: string, window: number, letters: string[]) {
  return sql`hall_date = ${day} and state in (${list(ticketTransitions.call.from)})
    and (("window" is null and queue in (${list(letters)})) or "window" = ${window})`;
}

export const isUniqueViolation = (error: unknown): boolean => {
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
};

/**
 * The next number of a queue on a hall day (A001, A002 …): one row per queue and day, counted up in
 * the transaction that gives the number out. `capped`: past the queue's daily cap it is refused.
 */
export async function nextSequence(tx: Tx, day: string, queue: QueueRow, capped: boolean): Promise<number> {
  const [row] = await tx
    .insert(hallSequences)
    .values({ hallDate: day, queue: queue.letter, last: 1 })
    .onConflictDoUpdate({
      target: [hallSequences.hallDate, hallSequences.queue],
      set: { last: sql`${hallSequences.last} + 1` },
    })
    .returning();
  const sequence = row!.last;
  if (capped && sequence > queue.dailyCap) {
    throw new CentralError(409, 'queue_full', 'hall.queueFull', { name: queue.name, cap: queue.dailyCap });
  }
  return sequence;
}
