import { sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { caseCounters } from '../db/schema';
import { formatCaseNumber } from '@yichuang/domain/cases';

/**
 * The next 办件编号 for this window and hall date: district – date – window – sequence. The
 * counter row is bumped inside the caller's transaction, so a number is used once even across
 * crashes and restarts, and no server is needed.
 */
export function nextCaseNumber(db: Db, at: { districtCode: string; day: string; windowNumber: number }): string {
  const row = db
    .insert(caseCounters)
    .values({ day: at.day, windowNumber: at.windowNumber, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.day, caseCounters.windowNumber],
      set: { lastSeq: sql`${caseCounters.lastSeq} + 1` },
    })
    .returning({ seq: caseCounters.lastSeq })
    .get();
  return formatCaseNumber(at.districtCode, at.day, at.windowNumber, row.seq);
}
