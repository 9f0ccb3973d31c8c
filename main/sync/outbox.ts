import { and, asc, desc, eq, inArray, lte, ne, or, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../app/clock';
import type { DecidedVersion } from '../cases/service';
import type { Db } from '../db/connection';
import { outbox } from '../db/schema';
import type { MaterialStore } from '../materials/store';
import type { CasePut, RatingPut } from '@yichuang/domain/protocol';
import { ratingCodeDigest } from '@yichuang/domain/rating-codes';
import type { OutboxFailure, OutboxItem, OutboxState } from '../../preload/contract/sync';

export type OutboxRow = typeof outbox.$inferSelect;

/** What a failed try did to an item; `news` when its state or error changed (worth one log line). */
export interface RetryOutcome {
  state: 'retrying' | 'needs_attention';
  sameErrors: number;
  news: boolean;
}

/** The body of `PUT /cases/{id}` for a decided version (whole ID numbers: central needs them). */
function casePutOf(
  d: DecidedVersion,
  materials: CasePut['materials'],
  invitation: { code: string; until: string } | null,
): CasePut {
  return {
    id: d.caseId,
    version: d.version,
    number: d.number,
    windowState: d.state,
    matter: {
      code: d.matter.code,
      name: d.matter.name,
      department: d.matter.department,
      ...(d.matter.departmentCode ? { departmentCode: d.matter.departmentCode } : {}),
    },
    catalogVersion: d.catalogVersion,
    subject: d.matter.subject,
    districtCode: d.districtCode,
    windowNumber: d.windowNumber,
    clerk: { staffId: d.clerk.id, username: d.clerk.username, displayName: d.clerk.displayName },
    decision: d.decision,
    decidedAt: d.decidedAt,
    acceptedAt: d.acceptedAt,
    promisedDate: d.promisedDate,
    promisedProvisional: d.promisedProvisional,
    contentHash: d.contentHash,
    // Only the 评价码's digest: the code itself is on the citizen's paper and in this window's database.
    ratingInvitation: invitation
      ? { codeSha256: ratingCodeDigest(d.caseId, d.version, invitation.code), until: invitation.until }
      : null,
    draft: d.draft,
    materials,
  };
}

const idempotencyKeyOf = {
  case: (caseId: string, version: number) => `case:${caseId}:v${version}`,
  file: (caseId: string, version: number, sha256: string) => `file:${caseId}:v${version}:${sha256}`,
  rating: (id: string) => `rating:${id}`,
};

/** Backoff after the n-th failed attempt: 2 s doubling to 5 minutes, times a jitter of 0.5–1.5. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
  return Math.round(base * (0.5 + random()));
}

function toOutboxItem(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    kind: r.kind,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    caseVersion: r.caseVersion,
    sha256: r.sha256,
    fileName: r.fileName,
    state: r.state,
    attempts: r.attempts,
    lastError: r.lastError,
    nextAttemptAt: r.nextAttemptAt,
    bytesSent: r.bytesSent,
    bytesTotal: r.bytesTotal,
    createdAt: r.createdAt,
    acknowledgedAt: r.acknowledgedAt,
  };
}

/**
 * The outbox table and every change to an item's state. Writes are synchronous (better-sqlite3),
 * so `enqueue` runs inside the decision's transaction and `setUploadUrl` is on disk before the
 * first byte of the upload leaves.
 */
export function createOutbox(deps: { db: Db; clock: Clock; materials: MaterialStore }) {
  const { db, clock, materials } = deps;
  const now = () => clock.now().toISOString();

  function update(id: number, values: Partial<OutboxRow>): void {
    db.update(outbox)
      .set({ ...values, updatedAt: now() })
      .where(eq(outbox.id, id))
      .run();
  }

  return {
    /**
     * A decided version: the case item, then one item per distinct file (accepted versions only:
     * central approves with the materials; a notice at the window is on record without them).
     */
    enqueue(d: DecidedVersion, invitation: { code: string; until: string } | null = null): void {
      const at = now();
      const files = new Map<string, { name: string; mime: string; bytes: number }>();
      const body = casePutOf(
        d,
        d.materials.map((m) => ({
          ...m,
          files: m.files.map((f) => {
            const bytes = materials.info(f.sha256)?.bytes ?? 0;
            if (!files.has(f.sha256)) files.set(f.sha256, { name: f.name, mime: f.mime, bytes });
            return { sha256: f.sha256, mime: f.mime, bytes, pages: f.pages, name: f.name };
          }),
        })),
        invitation,
      );
      const common = { caseId: d.caseId, caseVersion: d.version, caseNumber: d.number, state: 'queued' as const };
      db.insert(outbox)
        .values({
          ...common,
          kind: 'case',
          idempotencyKey: idempotencyKeyOf.case(d.caseId, d.version),
          payload: JSON.stringify(body),
          createdAt: at,
          updatedAt: at,
        })
        .run();
      if (d.state !== 'accepted') return;
      for (const [sha256, f] of files) {
        db.insert(outbox)
          .values({
            ...common,
            kind: 'file',
            idempotencyKey: idempotencyKeyOf.file(d.caseId, d.version, sha256),
            sha256,
            fileName: f.name,
            mime: f.mime,
            bytesTotal: f.bytes,
            createdAt: at,
            updatedAt: at,
          })
          .run();
      }
    },

    /**
     * A citizen's rating (written in the rating's transaction): after its case's items, so central
     * has the case before its rating.
     */
    enqueueRating(rating: RatingPut): void {
      const at = now();
      db.insert(outbox)
        .values({
          kind: 'rating',
          caseId: rating.caseId,
          caseVersion: rating.caseVersion,
          caseNumber: rating.caseNumber,
          state: 'queued',
          idempotencyKey: idempotencyKeyOf.rating(rating.id),
          payload: JSON.stringify(rating),
          createdAt: at,
          updatedAt: at,
        })
        .run();
    },

    /**
     * What may be sent now: for each case, only its first item not yet acknowledged (order per
     * case), if it is queued or its retry time has come. Oldest cases first.
     */
    due(limit: number): OutboxRow[] {
      const at = now();
      const firstOpen = sql`(select min(o2.id) from outbox o2 where o2.case_id = ${outbox.caseId} and o2.state <> 'acknowledged')`;
      return db
        .select()
        .from(outbox)
        .where(
          and(
            // The partial index `outbox_open`, read in id order, stops at the first `limit` matches
            // (the unary + keeps SQLite from preferring `outbox_state` and sorting every open item).
            sql`${outbox.state} <> 'acknowledged'`,
            sql`+${outbox.state} in ('queued', 'retrying')`,
            or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, at)),
            eq(outbox.id, firstOpen),
          ),
        )
        .orderBy(asc(outbox.id))
        .limit(limit)
        .all();
    },

    /** When the next retry is due (for the worker's sleep), or null. */
    nextRetryAt(): string | null {
      return (
        db
          .select({ at: sql<string | null>`min(${outbox.nextAttemptAt})` })
          .from(outbox)
          .where(eq(outbox.state, 'retrying'))
          .get()?.at ?? null
      );
    },

    get(id: number): OutboxRow | undefined {
      return db.select().from(outbox).where(eq(outbox.id, id)).get();
    },

    sending(id: number): void {
      const r = db.select({ attempts: outbox.attempts }).from(outbox).where(eq(outbox.id, id)).get();
      update(id, { state: 'sending', attempts: (r?.attempts ?? 0) + 1 });
    },

    setUploadUrl(id: number, url: string | null): void {
      update(id, { uploadUrl: url });
    },

    progress(id: number, bytesSent: number): void {
      update(id, { bytesSent });
    },

    acknowledged(id: number): void {
      const r = this.get(id);
      update(id, {
        state: 'acknowledged',
        lastError: null,
        failure: null,
        sameErrors: 0,
        nextAttemptAt: null,
        acknowledgedAt: now(),
        bytesSent: r?.bytesTotal ?? 0,
      });
    },

    /**
     * A failure that may pass, retried by itself after a backoff. Central unreachable: the item
     * also goes as soon as central answers again (`wakeRetrying`). Central answered with an error:
     * it waits out its backoff, and the same error `maxSameErrors` times in a row is not going to
     * pass by itself: the item goes to 需处理 with central's message.
     * Says what became of the item and whether that is news (another state or another error).
     */
    retryLater(
      id: number,
      error: string,
      failure: OutboxFailure,
      options: { maxSameErrors: number; random?: () => number },
    ): RetryOutcome {
      const r = this.get(id);
      const same = r?.lastError === error;
      if (failure === 'unreachable') {
        update(id, {
          state: 'retrying',
          failure,
          lastError: error,
          nextAttemptAt: new Date(clock.now().getTime() + backoffMs(r?.attempts ?? 1, options.random)).toISOString(),
        });
        return { state: 'retrying', sameErrors: r?.sameErrors ?? 0, news: !same };
      }
      const sameErrors = same && r?.failure === 'central_error' ? r.sameErrors + 1 : 1;
      if (sameErrors >= options.maxSameErrors) {
        update(id, {
          state: 'needs_attention',
          failure: null,
          sameErrors,
          lastError: `${error}（连续 ${sameErrors} 次相同错误，已停止自动重试：请联系中心管理员，处理后点"重试"）`,
          nextAttemptAt: null,
        });
        return { state: 'needs_attention', sameErrors, news: true };
      }
      update(id, {
        state: 'retrying',
        failure,
        sameErrors,
        lastError: error,
        nextAttemptAt: new Date(clock.now().getTime() + backoffMs(r?.attempts ?? 1, options.random)).toISOString(),
      });
      return { state: 'retrying', sameErrors, news: sameErrors === 1 };
    },

    /** A failure a person must look at (refused by central): it waits for the retry button. */
    needsAttention(id: number, error: string): void {
      update(id, { state: 'needs_attention', failure: null, lastError: error, nextAttemptAt: null });
    },

    /** The clerk's retry button: now, whatever the backoff said, and the count of errors starts again. */
    retryNow(id: number): boolean {
      const r = this.get(id);
      if (!r || r.state === 'acknowledged' || r.state === 'sending') return false;
      update(id, { state: 'queued', nextAttemptAt: null, failure: null, sameErrors: 0 });
      return true;
    },

    /**
     * Central is reachable again: every item that waited for that is due now. An item central
     * itself answered with an error keeps its backoff (else one bad item would go every pass).
     */
    wakeRetrying(): number {
      return db
        .update(outbox)
        .set({ nextAttemptAt: null, updatedAt: now() })
        .where(and(eq(outbox.state, 'retrying'), eq(outbox.failure, 'unreachable')))
        .run().changes;
    },

    /** At start: an item left `sending` by a crash is sent again (same key, so central answers the same). */
    recover(): number {
      return db
        .update(outbox)
        .set({ state: 'retrying', nextAttemptAt: null, updatedAt: now() })
        .where(eq(outbox.state, 'sending'))
        .run().changes;
    },

    list(states: readonly OutboxState[] | undefined, limit: number): OutboxItem[] {
      const q = db.select().from(outbox);
      const rows = states?.length
        ? q
            .where(inArray(outbox.state, [...states]))
            .orderBy(desc(outbox.id))
            .limit(limit)
            .all()
        : q.where(ne(outbox.state, 'acknowledged')).orderBy(asc(outbox.id)).limit(limit).all();
      if (!states?.length && rows.length < limit) {
        rows.push(
          ...db
            .select()
            .from(outbox)
            .where(eq(outbox.state, 'acknowledged'))
            .orderBy(desc(outbox.id))
            .limit(limit - rows.length)
            .all(),
        );
      }
      return rows.map(toOutboxItem);
    },

    counts(): { backlog: number; needsAttention: number } {
      const rows = db
        .select({ state: outbox.state, n: sql<number>`count(*)` })
        .from(outbox)
        // By the state index: the acknowledged items (nearly all of them, after a while) are not read.
        .where(inArray(outbox.state, ['queued', 'sending', 'retrying', 'needs_attention']))
        .groupBy(outbox.state)
        .all();
      const n = (s: OutboxState) => rows.find((r) => r.state === s)?.n ?? 0;
      return {
        backlog: rows.reduce((sum, r) => sum + r.n, 0),
        needsAttention: n('needs_attention'),
      };
    },

    /** Retention: forgets the acknowledged items of cases being purged (in the caller's transaction). */
    forgetCases(caseIds: readonly string[]): number {
      if (caseIds.length === 0) return 0;
      return db
        .delete(outbox)
        .where(and(inArray(outbox.caseId, [...caseIds]), eq(outbox.state, 'acknowledged')))
        .run().changes;
    },

    /** The file being sent now (the largest progress first), for the progress bar. */
    uploading(): OutboxRow | undefined {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.state, 'sending'), eq(outbox.kind, 'file')))
        .orderBy(desc(outbox.bytesTotal))
        .limit(1)
        .get();
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
