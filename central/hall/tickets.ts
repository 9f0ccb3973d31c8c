/**
 * Long on purpose: every move of a ticket once issued is here (issuing is issuing.ts), each through
 * the transition table (`nextTicketState`, or its `from` and `to` in the SQL of call next) and each
 * written as an event in the same transaction as the ticket's new state: no move has a second home.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { HallActor, Ticket } from '@yichuang/domain/hall-protocol';
import {
  atWindowStates,
  ticketKinds,
  ticketNumber,
  nextTicketState,
  ticketTransitions,
  ticketStateNames,
  waitingStates,
  type TicketAction,
  type TicketState,
} from '@yichuang/domain/queue';
import { rowsOf } from '../db/columns';
import { CentralError } from '../service/errors';
import { hallTicketEvents, hallTickets } from './schema';
import {
  eventOf,
  nextSequence,
  list,
  recordEvent,
  ticketById,
  ticketRows,
  waitingFor,
  waitingSql,
  hallDayOf,
  type Db,
  type TicketWriterDeps,
  type TicketRow,
  type Tx,
} from './ticket-sql';

export type { HallChange, TicketRow } from './ticket-sql';

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

export function createHallTickets(deps: TicketWriterDeps) {
  const { db, now, queues, settings, changed } = deps;
  const today = hallDayOf(deps);

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
    await recordEvent(tx, moved, action, at, actor, detail);
    return moved;
  }

  async function lockHall(tx: Tx): Promise<void> {
    // Calling, transfers and rejoins decide an order across windows: one at a time, hall-wide. A call
    // takes about a millisecond, so fifty windows pressing at once wait at most a few each.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hall:order'))`);
  }

  function mustBeAt(row: TicketRow, window: number): void {
    if (row.window !== window || !(atWindowStates as readonly TicketState[]).includes(row.state)) {
      throw new CentralError(409, 'not_your_window', 'hall.notYourWindow', {
        number: row.number ?? '（无号）',
        window,
      });
    }
  }

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

  /** Whether the next call may take a priority ticket: at most one per `normalPerPriority` normal calls in these queues today. */
  async function priorityAllowed(tx: Tx, day: string, letters: string[]): Promise<boolean> {
    const [row] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`
        with last as (
          select max(seq) as seq from hall_ticket_events
          where hall_date = ${day} and action = 'call' and priority and queue in (${list(letters)})
        )
        select (select seq from last) is null
            or (select count(*) from hall_ticket_events
                where hall_date = ${day} and action = 'call' and not priority and queue in (${list(letters)})
                  and seq > (select seq from last)) >= ${settings.rules().normalPerPriority} as ok`),
    );
    return row?.ok ?? true;
  }

  /**
   * Call next's choice: an appointment that is due, then 绿色通道 while the cap allows (a priority
   * ticket still goes when no normal one waits), then arrival order. First which kind of ticket is
   * next (one small query, plus the cap's when both kinds wait), then the oldest of that kind is
   * taken and called in one statement. A ticket another window is taking at this instant is skipped
   * (SKIP LOCKED), so fifty windows pressing at once take fifty tickets in parallel, none twice; if
   * every ticket of that kind was just taken, the choice is made again.
   */
  /** Every kind but 绿色通道, named one by one so that asking whether one waits is an index probe. */
  const notPriority = ticketKinds.filter((kind) => kind !== 'priority');

  async function callFor(tx: Tx, window: number, letters: string[], actor: HallActor): Promise<TicketRow | null> {
    const rule = ticketTransitions.call;
    const at = now().toISOString();
    const day = today();
    const waiting = waitingSql(day, window, letters);
    for (let attempt = 0; attempt < 5; attempt++) {
      const [kinds] = rowsOf<{ due: boolean; priority: boolean; normal: boolean }>(
        await tx.execute(sql`
          select exists(select 1 from hall_tickets where ${waiting} and kind = 'appointment' and due_at <= ${at}) as due,
                 exists(select 1 from hall_tickets where ${waiting} and kind = 'priority') as priority,
                 exists(select 1 from hall_tickets where ${waiting} and kind in (${list(notPriority)})) as normal`),
      );
      if (!kinds || (!kinds.due && !kinds.priority && !kinds.normal)) return null;
      const which = kinds.due
        ? sql`kind = 'appointment' and due_at <= ${at}`
        : kinds.priority && (!kinds.normal || (await priorityAllowed(tx, day, letters)))
          ? sql`kind = 'priority'`
          : sql`kind <> 'priority'`;
      const [called] = ticketRows(
        await tx.execute(sql`
          with called as (
            update hall_tickets set state = ${rule.to}, "window" = ${window}, called_at = ${at}
            where id = (select id from hall_tickets where ${waiting} and ${which}
                        order by order_at, arrival limit 1 for update skip locked)
            returning *
          ), events as (${eventOf('call', at, actor)} from called)
          select * from called`),
      );
      if (called) return called;
    }
    return null;
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

  return {
    view,
    ahead,
    today,

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
        // A walk-in sent on gets a number in its new queue, so the display can call it there.
        const sequence = current.number === null ? await nextSequence(tx, current.hallDate, queue, false) : null;
        return apply(
          tx,
          current,
          'transfer',
          actor,
          {
            queue: queue.letter,
            window: target.toWindow ?? null,
            ...(sequence !== null ? { sequence, number: ticketNumber(queue.letter, sequence) } : {}),
          },
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
        if (!current) throw new CentralError(404, 'not_found', 'hall.rejoinNotFound', { number });
        // Still in line, at a window or done: nothing to rejoin, and the clerk is told where it stands.
        if (current.state !== 'no_show') throw refuse(current, 'rejoin');
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
        await recordEvent(tx, inserted!, 'walk_in', at, actor);
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
