import { inArray, sql } from 'drizzle-orm';
import type { CaseState } from '@yichuang/domain/cases';
import type { Db } from '../db/connection';
import { applicants, caseDecisions, caseMaterials, cases, centralEvents } from '../db/schema';

/**
 * The case tables' side of retention (main/retention): which cases central has the decision of,
 * and forgetting them. Part of the case service, the one writer of the case tables.
 */

/** A case whose decision central has: a window rejection, central's denial or its 办结. */
export const finalStates = ['rejected', 'denied', 'completed'] as const;

export interface RetainedCase {
  id: string;
  number: string | null;
  state: CaseState;
  matterName: string | null;
  /** When central had the decision (central's time), or the window's decision for a rejection. */
  finalAt: string;
}

const sha256Pattern = /"sha256":"([0-9a-f]{64})"/g;

export function createCaseRetention(db: Db) {
  const finalAt = sql<string>`coalesce(${cases.centralAt}, ${cases.decidedAt})`;

  return {
    /**
     * The final cases whose decision is older than `before` (ISO), oldest first, and that have no
     * outbox item left unacknowledged: central has everything of them.
     */
    finalBefore(before: string, limit: number): RetainedCase[] {
      return db
        .select({
          id: cases.id,
          number: cases.number,
          state: cases.state,
          matterName: cases.matterName,
          finalAt,
        })
        .from(cases)
        .where(
          sql`${cases.state} in ${finalStates} and ${finalAt} is not null and ${finalAt} < ${before}
            and not exists (select 1 from outbox o where o.case_id = ${cases.id} and o.state != 'acknowledged')`,
        )
        .orderBy(finalAt)
        .limit(limit)
        .all();
    },

    /**
     * Forgets the cases (in the caller's transaction): their central events, materials lists,
     * decisions, the rows themselves, and the applicants no other case names. Returns the material
     * files they referred to, for the store to forget those no remaining case refers to.
     */
    forget(ids: readonly string[]): string[] {
      if (ids.length === 0) return [];
      const referred = new Set<string>();
      const texts = [
        ...db.select({ text: caseMaterials.files }).from(caseMaterials).where(inArray(caseMaterials.caseId, ids)).all(),
        ...db.select({ text: cases.draft }).from(cases).where(inArray(cases.id, ids)).all(),
      ];
      for (const { text } of texts) for (const m of text.matchAll(sha256Pattern)) referred.add(m[1]!);
      const people = db
        .select({ id: cases.applicantId })
        .from(cases)
        .where(inArray(cases.id, ids))
        .all()
        .flatMap((r) => (r.id === null ? [] : [r.id]));
      db.delete(centralEvents).where(inArray(centralEvents.caseId, ids)).run();
      db.delete(caseMaterials).where(inArray(caseMaterials.caseId, ids)).run();
      db.delete(caseDecisions).where(inArray(caseDecisions.caseId, ids)).run();
      db.delete(cases).where(inArray(cases.id, ids)).run();
      if (people.length > 0) {
        db.delete(applicants)
          .where(
            sql`${applicants.id} in ${people} and not exists (select 1 from cases c where c.applicant_id = ${applicants.id})`,
          )
          .run();
      }
      return [...referred];
    },

    /** Whether any remaining case (its draft or a decided version's list) still refers to the file. */
    refersTo(sha256: string): boolean {
      const pattern = `%${sha256}%`;
      const found = db.get<{ n: number }>(
        sql`select (exists (select 1 from case_materials where files like ${pattern})
          or exists (select 1 from cases where draft like ${pattern})) as n`,
      );
      return Boolean(found?.n);
    },
  };
}
