import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { HallActor } from '@yichuang/domain/hall-protocol';
import { liveStates, nextTicketState, ticketNumber, type TicketKind } from '@yichuang/domain/queue';
import { CentralError } from '../service/errors';
import type { QueueRow } from './queues';
import { hallAppointments, hallSequences, hallTicketEvents, hallTickets } from './schema';
import {
  hallDayOf,
  isUniqueViolation,
  nextSequence,
  recordEvent,
  ticketById,
  type TicketRow,
  type TicketWriterDeps,
} from './ticket-sql';

export type HallIssuing = ReturnType<typeof createHallIssuing>;

/**
 * Tickets coming into the hall: taken at the kiosk or the counter (numbered per queue and hall day,
 * within the queue's hours and cap, one live ticket per person and queue), and appointments checked
 * in. Each ticket is written with its `issue` event in one transaction.
 */
export function createHallIssuing(deps: TicketWriterDeps) {
  const { db, now, queues, settings, changed } = deps;
  const today = hallDayOf(deps);

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
          inArray(hallTickets.state, [...liveStates]),
        ),
      );
    return rows[0] ?? null;
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
      await recordEvent(tx, row!, 'issue', at, actor, { kind });
      return row!;
    });
  }

  return {
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
          hallDate: today(new Date(input.slotStart)),
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
  };
}
