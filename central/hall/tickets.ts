/**
 * Long on purpose: every move of a ticket is here, each through the transition table (`nextTicketState`,
 * or its `from` and `to` in the SQL of call next) and each written
 * as an event in the same transaction as the ticket's new state, so no move has a second home.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { hallToday } from '@yichuang/domain/hall-time';
import type { HallActor, Ticket } from '@yichuang/domain/hall-protocol';
import {
  atWindowStates,
  nextTicketState,
  ticketNumber,
  ticketTransitions,
  ticketStateNames,
  waitingStates,
  type TicketAction,
  type TicketKind,
  type TicketState,
} from '@yichuang/domain/queue';
import { isoFromDriver, rowsOf } from '../db/columns';
import type { CentralDb } from '../db/connect';
import { CentralError } from '../service/errors';
import type { HallQueues, QueueRow } from './queues';
import type { HallSettings } from './settings';
import { hallAppointments, hallSequences, hallTicketEvents, hallTickets } from './schema';

type Tx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];
type Db = CentralDb | Tx;
export type TicketRow = typeof hallTickets.$inferSelect;

/** What changed, for the push channel: a call (or recall) is announced; anything else refreshes boards. */
export type HallChange = { kind: 'call'; ticket: TicketRow; times: number } | { kind: 'changed'; windows: number[] };

const actionNames: Record<TicketAction, string> = {
  issue: '取号',
  walk_in: '登记',
  call: '呼叫',
  recall: '重呼',
  serve: '开始办理',
  finish: '办结',
  skip: '过号',
  rejoin: '重新排队',
  transfer: '转号',
  hold: '挂起',
  resume: '恢复办理',
};

export type HallTickets = ReturnType<typeof createHallTickets>;

export function createHallTickets(deps: {
  db: CentralDb;
  now: () => Date;
  timeZone: string;
  queues: HallQueues;
  settings: HallSettings;
  changed: (change: HallChange) => void;
}) {
  const { db, now, timeZone, queues, settings, changed } = deps;
  const today = (at: Date = now()) => hallToday(at, timeZone);

  async function view(row: TicketRow): Promise<Ticket> {
    const queue = (await queues.all()).get(row.queue);
    return {
      id: row.id,
      number: row.number,
      queue: row.queue,
      queueName: queue?.name ?? row.queue,
      kind: row.kind,
      state: row.state,
      hallDate: row.hallDate,
      issuedAt: row.issuedAt,
      window: row.window,
      calledAt: row.calledAt,
      dueAt: row.dueAt,
      caseNumber: row.caseNumber,
      rejoined: row.rejoined,
    };
  }

  async function record(
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

  function refuse(row: TicketRow, action: TicketAction): CentralError {
    return new CentralError(409, 'ticket_moved', 'hall.ticketMoved', {
      number: row.number ?? '（无号）',
      state: ticketStateNames[row.state],
      action: actionNames[action],
    });
  }

  /** Moves one ticket by one action, as the transition table allows, with its event. */
  async function apply(
    tx: Db,
    row: TicketRow,
    action: TicketAction,
    actor: HallActor | null,
    patch: Partial<TicketRow> = {},
    detail: Record<string, string | number | null> | null = null,
  ): Promise<TicketRow> {
    const to = nextTicketState(row.state, action);
    if (!to) throw refuse(row, action);
    const at = now();
    const [moved] = await tx
      .update(hallTickets)
      .set({ ...patch, state: to })
      .where(and(eq(hallTickets.id, row.id), eq(hallTickets.state, row.state)))
      .returning();
    if (!moved) throw refuse(row, action);
    await record(tx, moved, action, at, actor, detail);
    return moved;
  }

  async function lockHall(tx: Tx): Promise<void> {
    // Calling, transfers and rejoins decide an order across windows: one at a time, hall-wide. A call
    // takes about a millisecond, so fifty windows pressing at once wait at most a few each.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hall:order'))`);
  }

  async function ticketById(tx: Db, id: string, forUpdate = false): Promise<TicketRow> {
    const query = tx.select().from(hallTickets).where(eq(hallTickets.id, id));
    const row = (forUpdate ? await query.for('update') : await query)[0];
    if (!row) throw new CentralError(404, 'not_found', 'notFound.ticket');
    return row;
  }

  function mustBeAt(row: TicketRow, window: number): void {
    if (row.window !== window || !(atWindowStates as readonly TicketState[]).includes(row.state)) {
      throw new CentralError(409, 'not_your_window', 'hall.notYourWindow', {
        number: row.number ?? '（无号）',
        window,
      });
    }
  }

  /** Waiting tickets of a hall day in these queues, or sent to this window. */
  function waitingFor(day: string, letters: string[], window: number | null) {
    const inQueues = and(isNull(hallTickets.window), inArray(hallTickets.queue, letters.length ? letters : ['-']));
    return and(
      eq(hallTickets.hallDate, day),
      inArray(hallTickets.state, [...waitingStates]),
      window === null ? inQueues : or(inQueues, eq(hallTickets.window, window)),
    );
  }

  const list = (values: readonly string[]) =>
    sql.join(
      values.map((value) => sql`${value}`),
      sql`, `,
    );
  /** Raw rows (`db.execute`) as the table's typed rows. */
  const ticketRows = (result: unknown): TicketRow[] =>
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
  const eventOf = (action: TicketAction, at: string, actor: HallActor) => sql`
    insert into hall_ticket_events (ticket_id, hall_date, action, state, at, queue, "window", clerk, priority)
    select id, hall_date, ${action}, state, ${at}, queue, "window", ${actor.username}, kind = 'priority'`;

  /**
   * Keeps one window's own presses in order, so it never ends up with two tickets at the counter. A
   * statement of its own: the statements after it see what the press before committed (a lock taken
   * inside a statement would wait with that statement's older snapshot).
   */
  async function lockWindow(tx: Tx, window: number): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`hall:window:${window}`}))`);
  }

  /** The tickets a window has at the counter (called or serving), finished before it takes the next: one statement. */
  async function finishCurrent(tx: Tx, window: number, actor: HallActor): Promise<TicketRow | null> {
    const rule = ticketTransitions.finish;
    const at = now().toISOString();
    const rows = ticketRows(
      await tx.execute(sql`
        with done as (
          update hall_tickets set state = ${rule.to}
          where "window" = ${window} and state in (${list(rule.from)})
          returning *
        ), events as (${eventOf('finish', at, actor)} from done)
        select * from done`),
    );
    return rows.at(-1) ?? null;
  }

  /**
   * Call next's choice and the call, in one statement: appointments due now, then 绿色通道 while the
   * cap allows (at most one priority call per `normalPerPriority` normal calls in these queues today;
   * a priority ticket still goes when no normal one waits), then arrival order. A ticket another
   * window is taking at this instant is skipped (SKIP LOCKED), so fifty windows pressing at once
   * take fifty tickets in parallel, none twice.
   */
  async function callFor(tx: Tx, window: number, letters: string[], actor: HallActor): Promise<TicketRow | null> {
    const rule = ticketTransitions.call;
    const at = now().toISOString();
    const day = today();
    const queuesIn = list(letters);
    const rows = ticketRows(
      await tx.execute(sql`
        with last_priority as (
          select max(seq) as seq from hall_ticket_events
          where hall_date = ${day} and action = 'call' and priority and queue in (${queuesIn})
        ), allowed as (
          select case when (select seq from last_priority) is null then true
                 else (select count(*) from hall_ticket_events e
                       where e.hall_date = ${day} and e.action = 'call' and not e.priority
                         and e.queue in (${queuesIn}) and e.seq > (select seq from last_priority)) >= ${settings.rules().normalPerPriority}
                 end as ok
        ), next as (
          select id from hall_tickets
          where hall_date = ${day} and state in (${list(rule.from)})
            and (("window" is null and queue in (${queuesIn})) or "window" = ${window})
          order by (kind = 'appointment' and due_at <= ${at}) desc,
                   case when kind = 'priority' then (case when (select ok from allowed) then 0 else 2 end) else 1 end,
                   order_at, arrival
          limit 1
          for update skip locked
        ), called as (
          update hall_tickets t set state = ${rule.to}, "window" = ${window}, called_at = ${at}
          from next where t.id = next.id and t.state in (${list(rule.from)})
          returning t.*
        ), events as (${eventOf('call', at, actor)} from called)
        select * from called`),
    );
    return rows[0] ?? null;
  }

  async function nextSequence(tx: Tx, day: string, queue: QueueRow, capped: boolean): Promise<number> {
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

  async function issuedToday(letter: string, day: string): Promise<number> {
    const [row] = await db
      .select({ last: hallSequences.last })
      .from(hallSequences)
      .where(and(eq(hallSequences.hallDate, day), eq(hallSequences.queue, letter)));
    return row?.last ?? 0;
  }

  async function liveTicketOf(letter: string, day: string, personKey: string): Promise<TicketRow | null> {
    const rows = await db
      .select()
      .from(hallTickets)
      .where(
        and(
          eq(hallTickets.hallDate, day),
          eq(hallTickets.queue, letter),
          eq(hallTickets.personKey, personKey),
          inArray(hallTickets.state, ['issued', 'transferred', 'called', 'serving', 'held']),
        ),
      );
    return rows[0] ?? null;
  }

  /** People waiting before a ticket in its queue now. */
  async function ahead(row: TicketRow): Promise<number> {
    if (!(waitingStates as readonly TicketState[]).includes(row.state)) return 0;
    const [result] = await db
      .select({ n: count() })
      .from(hallTickets)
      .where(
        and(
          eq(hallTickets.hallDate, row.hallDate),
          eq(hallTickets.queue, row.queue),
          inArray(hallTickets.state, [...waitingStates]),
          or(
            lt(hallTickets.orderAt, row.orderAt),
            and(eq(hallTickets.orderAt, row.orderAt), lt(hallTickets.arrival, row.arrival)),
          ),
        ),
      );
    return result?.n ?? 0;
  }

  async function insertTicket(
    queue: QueueRow,
    kind: TicketKind,
    actor: HallActor,
    options: { personKey?: string | null; requestKey?: string | null; dueAt?: string | null; capped: boolean },
  ): Promise<TicketRow> {
    const at = now();
    const day = today(at);
    return db.transaction(async (tx) => {
      const sequence = await nextSequence(tx, day, queue, options.capped);
      const [row] = await tx
        .insert(hallTickets)
        .values({
          id: randomUUID(),
          hallDate: day,
          queue: queue.letter,
          sequence,
          number: ticketNumber(queue.letter, sequence),
          kind,
          state: nextTicketState('none', 'issue')!,
          issuedAt: at.toISOString(),
          orderAt: at.toISOString(),
          dueAt: options.dueAt ?? null,
          personKey: options.personKey ?? null,
          requestKey: options.requestKey ?? null,
        })
        .returning();
      await record(tx, row!, 'issue', at, actor, { kind });
      return row!;
    });
  }

  const isUniqueViolation = (error: unknown): boolean => {
    const code =
      (error as { code?: string; cause?: { code?: string } }).code ??
      (error as { cause?: { code?: string } }).cause?.code;
    return code === '23505';
  };

  return {
    view,
    ahead,
    today,

    /**
     * A ticket at the kiosk or the counter. The same request key (a double tap, a retry) gives the
     * same ticket; an ID number that already holds a live ticket in the queue today gives that one.
     */
    async issue(input: {
      queue: string;
      idNumber?: string | undefined;
      priority: boolean;
      actor: HallActor;
      requestKey: string | null;
    }): Promise<{ row: TicketRow; existing: boolean }> {
      const queue = await queues.get(input.queue);
      const day = today();
      if (input.requestKey) {
        const [replayed] = await db.select().from(hallTickets).where(eq(hallTickets.requestKey, input.requestKey));
        if (replayed) return { row: replayed, existing: false };
      }
      const personKey = input.idNumber ? settings.personKey(input.idNumber) : null;
      if (personKey) {
        const live = await liveTicketOf(queue.letter, day, personKey);
        if (live) return { row: live, existing: true };
      }
      const closed = queues.closedReason(queue, await issuedToday(queue.letter, day));
      if (closed) throw closed;
      try {
        const row = await insertTicket(queue, input.priority ? 'priority' : 'normal', input.actor, {
          personKey,
          requestKey: input.requestKey,
          capped: true,
        });
        changed({ kind: 'changed', windows: [] });
        return { row, existing: false };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Two taps at once: the other one won; answer with its ticket.
        const [again] = input.requestKey
          ? await db.select().from(hallTickets).where(eq(hallTickets.requestKey, input.requestKey))
          : [];
        const live = again ?? (personKey ? await liveTicketOf(queue.letter, day, personKey) : null);
        if (!live) throw error;
        return { row: live, existing: again === undefined };
      }
    },

    /** 预约取号: an appointment of today, found by its code or the ID card, becomes a ticket called first once due. */
    async checkIn(input: {
      code?: string | undefined;
      idNumber?: string | undefined;
      actor: HallActor;
    }): Promise<{ row: TicketRow; existing: boolean }> {
      const day = today();
      const [appointment] = input.code
        ? await db.select().from(hallAppointments).where(eq(hallAppointments.code, input.code))
        : await db
            .select()
            .from(hallAppointments)
            .where(
              and(
                eq(hallAppointments.hallDate, day),
                eq(hallAppointments.personKey, settings.personKey(input.idNumber ?? '')),
                isNull(hallAppointments.ticketId),
              ),
            )
            .orderBy(asc(hallAppointments.slotStart))
            .limit(1);
      if (!appointment) throw new CentralError(404, 'appointment_not_found', 'hall.appointmentNotFound');
      if (appointment.hallDate !== day) {
        throw new CentralError(409, 'appointment_wrong_day', 'hall.appointmentWrongDay', {
          date: appointment.hallDate,
        });
      }
      if (appointment.ticketId) {
        const ticket = await ticketById(db, appointment.ticketId);
        return { row: ticket, existing: true };
      }
      const queue = await queues.get(appointment.queue);
      const dueAt = new Date(Date.parse(appointment.slotStart) - settings.rules().appointmentEarlyMin * 60_000);
      // A booked slot is honoured past the daily cap: the booking system already counted it.
      const row = await insertTicket(queue, 'appointment', input.actor, {
        personKey: appointment.personKey,
        dueAt: dueAt.toISOString(),
        capped: false,
      });
      const [claimed] = await db
        .update(hallAppointments)
        .set({ ticketId: row.id })
        .where(and(eq(hallAppointments.code, appointment.code), isNull(hallAppointments.ticketId)))
        .returning();
      if (!claimed) {
        // Checked in twice at once: keep the first ticket, end this one as never called.
        await db.delete(hallTicketEvents).where(eq(hallTicketEvents.ticketId, row.id));
        await db.delete(hallTickets).where(eq(hallTickets.id, row.id));
        const [first] = await db.select().from(hallAppointments).where(eq(hallAppointments.code, appointment.code));
        return { row: await ticketById(db, first!.ticketId!), existing: true };
      }
      changed({ kind: 'changed', windows: [] });
      return { row, existing: false };
    },

    /** An appointment from the booking system (or the supervisor). */
    async addAppointment(input: {
      code: string;
      queue: string;
      idNumber?: string | undefined;
      slotStart: string;
      slotEnd: string;
    }): Promise<void> {
      await queues.get(input.queue);
      if (Date.parse(input.slotEnd) <= Date.parse(input.slotStart)) {
        throw new CentralError(400, 'invalid_input', 'hall.appointmentSlotInvalid');
      }
      const inserted = await db
        .insert(hallAppointments)
        .values({
          code: input.code,
          queue: input.queue,
          hallDate: hallToday(new Date(input.slotStart), timeZone),
          slotStart: new Date(input.slotStart).toISOString(),
          slotEnd: new Date(input.slotEnd).toISOString(),
          personKey: input.idNumber ? settings.personKey(input.idNumber) : null,
          createdAt: now().toISOString(),
        })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0)
        throw new CentralError(409, 'appointment_exists', 'hall.appointmentExists', { code: input.code });
    },

    /** 叫号: finishes what the window had at the counter, and calls the next ticket for it (or nobody). */
    async callNext(
      window: number,
      actor: HallActor,
    ): Promise<{ called: TicketRow | null; finished: TicketRow | null }> {
      const letters = await queues.queuesOf(window);
      if (letters.length === 0) throw new CentralError(409, 'window_no_queues', 'hall.windowNoQueues', { window });
      const result = await db.transaction(async (tx) => {
        await lockWindow(tx, window);
        const finished = await finishCurrent(tx, window, actor);
        const called = await callFor(tx, window, letters, actor);
        return { called, finished };
      });
      if (result.called) changed({ kind: 'call', ticket: result.called, times: 1 });
      changed({ kind: 'changed', windows: [window] });
      return result;
    },

    /** 重呼: the same call announced again. */
    async recall(id: string, window: number, actor: HallActor): Promise<TicketRow> {
      const row = await db.transaction(async (tx) => {
        const current = await ticketById(tx, id, true);
        mustBeAt(current, window);
        return apply(tx, current, 'recall', actor, { calledAt: now().toISOString() });
      });
      const [calls] = await db
        .select({ n: count() })
        .from(hallTicketEvents)
        .where(and(eq(hallTicketEvents.ticketId, id), inArray(hallTicketEvents.action, ['call', 'recall'])));
      changed({ kind: 'call', ticket: row, times: calls?.n ?? 1 });
      changed({ kind: 'changed', windows: [window] });
      return row;
    },

    /** Moves that stay at the window: 开始办理, 办结, 过号, 挂起, 恢复. */
    async act(
      id: string,
      action: 'serve' | 'finish' | 'skip' | 'hold' | 'resume',
      window: number,
      actor: HallActor,
    ): Promise<TicketRow> {
      const row = await db.transaction(async (tx) => {
        const current = await ticketById(tx, id, true);
        mustBeAt(current, window);
        if (action === 'resume') {
          const [busy] = await tx
            .select()
            .from(hallTickets)
            .where(and(eq(hallTickets.window, window), inArray(hallTickets.state, ['called', 'serving'])));
          if (busy)
            throw new CentralError(409, 'window_busy', 'hall.windowBusy', { number: busy.number ?? '（无号）' });
        }
        return apply(tx, current, action, actor);
      });
      changed({ kind: 'changed', windows: [window] });
      return row;
    },

    /** 转号: to another queue or window, keeping its place by its original time. */
    async transfer(
      id: string,
      target: { toQueue?: string | undefined; toWindow?: number | undefined },
      window: number,
      actor: HallActor,
    ): Promise<TicketRow> {
      const row = await db.transaction(async (tx) => {
        await lockHall(tx);
        const current = await ticketById(tx, id, true);
        mustBeAt(current, window);
        const queue = await queues.get(target.toQueue ?? current.queue);
        if (target.toWindow !== undefined) {
          const serves = await queues.queuesOf(target.toWindow);
          if (serves.length === 0) {
            throw new CentralError(409, 'transfer_refused', 'hall.transferWindowServesNothing', {
              window: target.toWindow,
            });
          }
          if (!serves.includes(queue.letter)) {
            throw new CentralError(409, 'transfer_refused', 'hall.transferNoSuchWindow', {
              window: target.toWindow,
              name: queue.name,
            });
          }
        } else if (queue.letter === current.queue) {
          throw new CentralError(409, 'transfer_refused', 'hall.transferSameQueue', { name: queue.name });
        }
        return apply(
          tx,
          current,
          'transfer',
          actor,
          { queue: queue.letter, window: target.toWindow ?? null },
          { fromQueue: current.queue, fromWindow: window, toQueue: queue.letter, toWindow: target.toWindow ?? null },
        );
      });
      changed({ kind: 'changed', windows: [window, ...(target.toWindow ? [target.toWindow] : [])] });
      return row;
    },

    /** A skipped citizen came back: the ticket goes in again after `rejoinAfter` waiting tickets, once. */
    async rejoin(number: string, actor: HallActor): Promise<TicketRow> {
      const row = await db.transaction(async (tx) => {
        await lockHall(tx);
        const [current] = await tx
          .select()
          .from(hallTickets)
          .where(and(eq(hallTickets.hallDate, today()), eq(hallTickets.number, number)))
          .for('update');
        if (!current || current.state !== 'no_show')
          throw new CentralError(404, 'not_found', 'hall.rejoinNotFound', { number });
        if (current.rejoined >= settings.rules().rejoinMax) {
          throw new CentralError(409, 'rejoin_used', 'hall.rejoinUsed', { number });
        }
        const line = await tx
          .select({ orderAt: hallTickets.orderAt })
          .from(hallTickets)
          .where(waitingFor(current.hallDate, [current.queue], null))
          .orderBy(asc(hallTickets.orderAt), asc(hallTickets.arrival))
          .limit(settings.rules().rejoinAfter + 1);
        const after = line[settings.rules().rejoinAfter - 1];
        const orderAt =
          settings.rules().rejoinAfter === 0
            ? new Date(Date.parse(line[0]?.orderAt ?? now().toISOString()) - 1).toISOString()
            : after && line.length > settings.rules().rejoinAfter
              ? new Date(Date.parse(after.orderAt) + 1).toISOString()
              : now().toISOString();
        return apply(tx, current, 'rejoin', actor, { window: null, orderAt, rejoined: current.rejoined + 1 });
      });
      changed({ kind: 'changed', windows: [] });
      return row;
    },

    /** Served without a ticket (walk-in): recorded as such, at the counter at once. */
    async walkIn(window: number, queueLetter: string | undefined, actor: HallActor): Promise<TicketRow> {
      const letter = queueLetter ?? (await queues.queuesOf(window))[0];
      if (!letter) throw new CentralError(409, 'window_no_queues', 'hall.windowNoQueues', { window });
      const queue = await queues.get(letter);
      const row = await db.transaction(async (tx) => {
        await lockWindow(tx, window);
        await finishCurrent(tx, window, actor);
        const at = now();
        const [inserted] = await tx
          .insert(hallTickets)
          .values({
            id: randomUUID(),
            hallDate: today(at),
            queue: queue.letter,
            kind: 'walk_in',
            state: nextTicketState('none', 'walk_in')!,
            issuedAt: at.toISOString(),
            orderAt: at.toISOString(),
            window,
            calledAt: at.toISOString(),
          })
          .returning();
        await record(tx, inserted!, 'walk_in', at, actor);
        return inserted!;
      });
      changed({ kind: 'changed', windows: [window] });
      return row;
    },

    /** The case the ticket became: its number and matter, for the statistics joined to cases. */
    async linkCase(id: string, window: number, caseNumber: string, matterCode: string): Promise<TicketRow> {
      const current = await ticketById(db, id);
      if (current.window !== window) {
        throw new CentralError(409, 'not_your_window', 'hall.notYourWindow', {
          number: current.number ?? '（无号）',
          window,
        });
      }
      const [row] = await db
        .update(hallTickets)
        .set({ caseNumber, matterCode })
        .where(eq(hallTickets.id, id))
        .returning();
      return row!;
    },

    byId: (id: string) => ticketById(db, id),

    /** What a window has in hand: the ticket at the counter (called or serving) and those it holds. */
    async atWindow(window: number): Promise<TicketRow[]> {
      return db
        .select()
        .from(hallTickets)
        .where(and(eq(hallTickets.window, window), inArray(hallTickets.state, [...atWindowStates])))
        .orderBy(asc(hallTickets.calledAt));
    },

    /** How many wait for a window now (its queues, and tickets sent to it). */
    async waitingForWindow(window: number): Promise<number> {
      const letters = await queues.queuesOf(window);
      const [row] = await db
        .select({ n: count() })
        .from(hallTickets)
        .where(waitingFor(today(), letters, window));
      return row?.n ?? 0;
    },
  };
}
