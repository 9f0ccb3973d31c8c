import { and, eq } from 'drizzle-orm';
import type { CaseEvent } from '@yichuang/domain/protocol';
import { nextState } from '@yichuang/domain/cases';
import type { AuditService } from '../audit/service';
import type { Db } from '../db/connection';
import { cases, centralEvents } from '../db/schema';
import { centralDecisionKinds } from '../../preload/contract/sync';
import type { CaseRow } from './views';

export interface CentralEventDeps {
  db: Db;
  audit: AuditService;
  /** The case by its id; refused when there is none. */
  row: (caseId: string) => CaseRow;
  /** How many cases still carry central's unseen news. */
  unseenCount: () => { count: number };
  /** Told after a case page was opened on central's unseen news: the menu's count went down. */
  onUnseenChanged?: (count: number) => void;
}

/**
 * Central's side of a case at this window: its events (approved, returned, …) applied to the cases
 * by the one transition table, and its news marked seen when the case page is opened. Part of the
 * case service, the one writer of the case tables.
 */
export function createCentralEvents({ db, audit, row, unseenCount, onUnseenChanged }: CentralEventDeps) {
  return {
    /**
     * Records one event from central's feed, once by its id (the case's history), and moves the case
     * when the event is for its current version and the transition table allows the move. Returns the
     * case number when the case moved, else null. An event for a case this window never decided is
     * ignored. Runs inside the caller's transaction when there is one (sync moves its cursor in it).
     */
    recordCentralEvent(event: CaseEvent, appliedAt: string): string | null {
      return db.transaction(() => {
        // Only a case central can know of (decided, numbered) has central's events; anything else in
        // the feed is not ours to keep (and would tie a draft that may still be discarded).
        const r = db.select().from(cases).where(eq(cases.id, event.caseId)).get();
        if (!r || r.number === null) return null;
        const inserted = db
          .insert(centralEvents)
          .values({
            id: event.id,
            seq: event.seq,
            caseId: event.caseId,
            caseVersion: event.caseVersion,
            kind: event.kind,
            comment: event.comment,
            approver: event.approver,
            items: JSON.stringify(event.items),
            at: event.at,
            appliedAt,
          })
          .onConflictDoNothing()
          .run().changes;
        if (!inserted || r.version !== event.caseVersion) return null;
        const to = nextState(r.state, `central.${event.kind}`);
        if (to === null || to === 'removed') return null;
        db.update(cases)
          .set({
            state: to,
            centralComment: event.comment || r.centralComment,
            centralApprover: event.approver ?? r.centralApprover,
            centralAt: event.at,
            // A decision, until someone at this window opens the case page: the list marks it, the menu counts it.
            centralUnseen: r.centralUnseen || (centralDecisionKinds as readonly string[]).includes(event.kind),
            updatedAt: appliedAt,
          })
          .where(eq(cases.id, event.caseId))
          .run();
        audit.append({
          userId: null,
          username: null,
          action: `sync.${event.kind}`,
          target: event.caseId,
          result: 'ok',
          detail: {
            number: r.number,
            version: event.caseVersion,
            approver: event.approver,
            comment: event.comment,
            ...(event.items.length ? { items: event.items.map((x) => x.itemId) } : {}),
            at: event.at,
          },
        });
        return r.number ?? '';
      });
    },

    /**
     * The case page was opened at this window: central's news on the case is seen. Returns how
     * many cases still carry unseen news (and tells `onUnseenChanged` when this one did).
     */
    markSeen(caseId: string): { count: number } {
      row(caseId);
      const changed = db
        .update(cases)
        .set({ centralUnseen: false })
        .where(and(eq(cases.id, caseId), eq(cases.centralUnseen, true)))
        .run().changes;
      const { count } = unseenCount();
      if (changed) onUnseenChanged?.(count);
      return { count };
    },
  };
}
