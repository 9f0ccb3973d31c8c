import { and, asc, count, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { AuditEntryWire } from '@yichuang/domain/protocol';
import type { Db } from '../db/connection';
import type { AuditEntry, AuditVerification } from '../../preload/contract/schemas';
import { auditLog } from '../db/schema';
import type { Clock } from '../app/clock';
import { genesisHash, hashEntry, verifyChain, type ChainedFields } from '@yichuang/domain/audit-chain';

export interface AuditRecord {
  userId: number | null;
  username: string | null;
  action: string;
  target?: string | null;
  result: AuditEntry['result'];
  code?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditQuery {
  beforeSeq?: number | undefined;
  limit: number;
  action?: string | undefined;
  username?: string | undefined;
  result?: AuditEntry['result'] | undefined;
}

export type AuditService = ReturnType<typeof createAuditService>;

/** Appends to and reads the hash-chained audit trail. */
export function createAuditService(db: Db, clock: Clock) {
  function toEntry(row: typeof auditLog.$inferSelect): AuditEntry {
    return {
      seq: row.seq,
      at: row.at,
      userId: row.userId,
      username: row.username,
      action: row.action,
      target: row.target,
      result: row.result,
      code: row.code,
      detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    };
  }

  return {
    /** Adds one entry chained to the current head; runs in its own (or the caller's) transaction. */
    append(record: AuditRecord): AuditEntry {
      return db.transaction((tx) => {
        const head = tx
          .select({ seq: auditLog.seq, hash: auditLog.hash })
          .from(auditLog)
          .orderBy(desc(auditLog.seq))
          .limit(1)
          .get();
        const fields = {
          seq: (head?.seq ?? 0) + 1,
          at: clock.now().toISOString(),
          userId: record.userId,
          username: record.username,
          action: record.action,
          target: record.target ?? null,
          result: record.result,
          code: record.code ?? null,
          detail: record.detail ? JSON.stringify(record.detail) : null,
          prevHash: head?.hash ?? genesisHash,
        };
        const row = { ...fields, hash: hashEntry(fields) };
        tx.insert(auditLog).values(row).run();
        return toEntry(row);
      });
    },

    /** Newest first, filtered, paged by sequence number. */
    list(query: AuditQuery): { entries: AuditEntry[]; total: number } {
      const filters: SQL[] = [];
      if (query.action) filters.push(eq(auditLog.action, query.action));
      if (query.username) filters.push(eq(auditLog.username, query.username.toLowerCase()));
      if (query.result) filters.push(eq(auditLog.result, query.result));
      const where = filters.length > 0 ? and(...filters) : undefined;
      const paged = query.beforeSeq ? and(where, lt(auditLog.seq, query.beforeSeq)) : where;
      const rows = db.select().from(auditLog).where(paged).orderBy(desc(auditLog.seq)).limit(query.limit).all();
      const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
      return { entries: rows.map(toEntry), total };
    },

    /** A target's entries (a case's timeline), oldest first. */
    forTarget(target: string): AuditEntry[] {
      return db
        .select()
        .from(auditLog)
        .where(eq(auditLog.target, target))
        .orderBy(asc(auditLog.seq))
        .all()
        .map(toEntry);
    },

    /** The chain's newest entry (sequence and hash), or null while the trail is empty: what central is told. */
    head(): { seq: number; hash: string } | null {
      return (
        db
          .select({ seq: auditLog.seq, hash: auditLog.hash })
          .from(auditLog)
          .orderBy(desc(auditLog.seq))
          .limit(1)
          .get() ?? null
      );
    },

    /** Entries after `seq`, oldest first, exactly as stored (the detail as the JSON text the hash covers): what central is sent. */
    wireAfter(seq: number, limit: number): AuditEntryWire[] {
      return db
        .select({
          seq: auditLog.seq,
          at: auditLog.at,
          userId: auditLog.userId,
          username: auditLog.username,
          action: auditLog.action,
          target: auditLog.target,
          result: auditLog.result,
          code: auditLog.code,
          detail: auditLog.detail,
          prevHash: auditLog.prevHash,
          hash: auditLog.hash,
        })
        .from(auditLog)
        .where(gt(auditLog.seq, seq))
        .orderBy(asc(auditLog.seq))
        .limit(limit)
        .all();
    },

    /**
     * Checks the chain: the whole of it from the first entry, or, given an entry verified before,
     * that this entry still has its hash and every later entry links on from it.
     */
    verify(after?: { seq: number; hash: string }): AuditVerification {
      const stored = after
        ? db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, after.seq)).get()?.hash
        : null;
      if (after && stored !== after.hash) {
        return { ok: false, count: after.seq, headHash: null, firstBadSeq: after.seq, problem: 'hash_mismatch' };
      }
      // Streamed row by row: the trail grows by thousands of entries a month.
      const rows = db.$client
        .prepare(
          `SELECT seq, at, user_id AS userId, username, action, target, result, code, detail,
                  prev_hash AS prevHash, hash FROM audit_log WHERE seq > ? ORDER BY seq`,
        )
        .iterate(after?.seq ?? 0) as IterableIterator<ChainedFields & { hash: string }>;
      return verifyChain(rows, after);
    },
  };
}
