import { eq, isNull } from 'drizzle-orm';
import type { Ticket } from '@yichuang/domain/hall-protocol';
import type { Clock } from '../app/clock';
import type { DecidedVersion } from '../cases/service';
import type { Db } from '../db/connection';
import { caseTickets } from '../db/schema';

export type CaseTicket = typeof caseTickets.$inferSelect;

/**
 * The table `case_tickets`, written here only: the hall ticket each case was decided on, and
 * whether the hall has been told (`sent_at`).
 */
export function createCaseTickets(db: Db, clock: Clock) {
  return {
    ofTicket: (ticketId: string): CaseTicket | null =>
      db.select().from(caseTickets).where(eq(caseTickets.ticketId, ticketId)).get() ?? null,

    ofCase: (caseId: string): CaseTicket | null =>
      db.select().from(caseTickets).where(eq(caseTickets.caseId, caseId)).get() ?? null,

    /** The decided case takes the ticket at the counter (once; a ticket belongs to one case). */
    record(decided: DecidedVersion, ticket: Ticket): boolean {
      const taken = this.ofTicket(ticket.id);
      if (taken && taken.caseId !== decided.caseId) return false;
      db.insert(caseTickets)
        .values({
          caseId: decided.caseId,
          caseNumber: decided.number,
          matterCode: decided.matter.code,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          queue: ticket.queue,
          linkedAt: decided.decidedAt,
        })
        .onConflictDoNothing()
        .run();
      return true;
    },

    /** Links the hall has not confirmed yet. */
    unsent: (): CaseTicket[] => db.select().from(caseTickets).where(isNull(caseTickets.sentAt)).all(),

    markSent(caseId: string): void {
      db.update(caseTickets).set({ sentAt: clock.now().toISOString() }).where(eq(caseTickets.caseId, caseId)).run();
    },
  };
}

export type CaseTickets = ReturnType<typeof createCaseTickets>;
