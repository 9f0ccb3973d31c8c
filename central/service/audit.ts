import { and, asc, desc, eq, gt, gte, lte, ne } from 'drizzle-orm';
import { checkpointSigned, genesisHash, hashEntry, verifyChain, type ChainProblem } from '@yichuang/domain/audit-chain';
import type {
  AuditAnchor,
  AuditBatch,
  AuditEntryWire,
  AuditReportResponse,
  AuditVerdict,
} from '@yichuang/domain/protocol';
import type { CentralDb } from '../db/connect';
import { auditHeads, centralAudit, workstationAudit, workstations } from '../db/schema';
import { CentralError } from './errors';

type Tx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];

/**
 * Why a report was refused, in facts rather than words: the admin page and the trail say it in the
 * reader's language (`anomalyDetail.<reason>`). Stored as JSON in `audit_heads.detail`.
 */
type AnomalyReason =
  | 'hash_mismatch' // the first entry's hash does not match its own fields
  | 'not_chained' // the report's own entries do not chain (problem says how)
  | 'signature' // the checkpoint is not signed by the registered key
  | 'differs' // an entry differs from the one central holds
  | 'behind' // the report ends before the anchored head
  | 'gap' // the report starts after the entry central needs next
  | 'not_joined'; // the first new entry does not follow the anchored head
export interface AnomalyDetail {
  reason: AnomalyReason;
  /** The entry the refusal is about. */
  seq: number;
  /** Central's anchored head, where it matters. */
  anchor?: number;
  problem?: ChainProblem;
}

export interface CentralAuditEntry {
  actorKind: 'clerk' | 'approver' | 'admin' | 'system';
  actor: string;
  workstationId?: string | null;
  action: string;
  target: string | null;
  detail: unknown;
}

/** Central's own trail of who did what: clerks (through their workstation), approvers, admins. */
export function createCentralAudit(deps: { db: CentralDb; now: () => Date }) {
  const { db, now } = deps;
  return {
    async record(entry: CentralAuditEntry, tx?: Tx): Promise<void> {
      await (tx ?? db).insert(centralAudit).values({
        at: now().toISOString(),
        actorKind: entry.actorKind,
        actor: entry.actor,
        workstationId: entry.workstationId ?? null,
        action: entry.action,
        target: entry.target,
        detail: entry.detail ?? null,
      });
    },
    list(target?: string) {
      const q = db.select().from(centralAudit);
      return (target ? q.where(eq(centralAudit.target, target)) : q).orderBy(desc(centralAudit.seq)).limit(200);
    },
  };
}
export type CentralAudit = ReturnType<typeof createCentralAudit>;

/**
 * Each workstation's audit trail as central anchors it. A report carries the entries after the
 * anchored head and the window's signature over the last one; central recomputes every hash,
 * checks the report extends the anchored head (sequence numbers only grow) and the signature
 * against the key registered at enrolment. An accepted report stores the entries and moves the
 * anchor; a refused one leaves the anchor where it was and is raised as an alert (once per
 * distinct refusal: a window retries every minute).
 */
export function createAuditHeads(deps: { db: CentralDb; now: () => Date; audit: CentralAudit }) {
  const { db, now, audit } = deps;

  /** The newest anchored (accepted) head. */
  async function anchored(workstationId: string, tx: Tx | CentralDb = db) {
    return (
      await tx
        .select()
        .from(auditHeads)
        .where(and(eq(auditHeads.workstationId, workstationId), eq(auditHeads.status, 'ok')))
        .orderBy(desc(auditHeads.id))
        .limit(1)
    )[0];
  }

  /** Why a report is refused (null: it is accepted), judged against the anchored head and central's copy. */
  async function judge(
    tx: Tx,
    workstationId: string,
    publicKey: string,
    anchor: { sequence: number; hash: string },
    entries: AuditEntryWire[],
    signature: string,
  ): Promise<{ status: Exclude<AuditVerdict, 'ok'>; detail: AnomalyDetail } | null> {
    const first = entries[0]!;
    const last = entries.at(-1)!;
    // The report's own chain: consecutive, linked, every hash recomputed from the fields.
    const own = verifyChain(entries.slice(1), { seq: first.seq, hash: first.hash });
    if (hashEntry(first) !== first.hash) {
      return { status: 'invalid', detail: { reason: 'hash_mismatch', seq: first.seq } };
    }
    if (!own.ok) {
      return { status: 'invalid', detail: { reason: 'not_chained', seq: own.firstBadSeq!, problem: own.problem! } };
    }
    if (!checkpointSigned(publicKey, workstationId, last.seq, last.hash, signature)) {
      return { status: 'bad_signature', detail: { reason: 'signature', seq: last.seq } };
    }
    // Where it overlaps what central holds (or the anchored head itself), it must be the same trail.
    const overlapEnd = Math.min(last.seq, anchor.sequence);
    if (first.seq <= overlapEnd) {
      const held = new Map(
        (
          await tx
            .select({ seq: workstationAudit.seq, hash: workstationAudit.hash })
            .from(workstationAudit)
            .where(
              and(
                eq(workstationAudit.workstationId, workstationId),
                gte(workstationAudit.seq, first.seq),
                lte(workstationAudit.seq, overlapEnd),
              ),
            )
        ).map((r) => [r.seq, r.hash]),
      );
      held.set(anchor.sequence, anchor.hash);
      for (const e of entries) {
        if (e.seq > overlapEnd) break;
        const expected = held.get(e.seq);
        if (expected !== undefined && expected !== e.hash) {
          return {
            status: 'forked',
            detail: { reason: 'differs', seq: e.seq },
          };
        }
      }
    }
    if (last.seq < anchor.sequence) {
      return {
        status: 'replayed',
        detail: { reason: 'behind', seq: last.seq, anchor: anchor.sequence },
      };
    }
    if (first.seq > anchor.sequence + 1) {
      return { status: 'invalid', detail: { reason: 'gap', seq: first.seq, anchor: anchor.sequence } };
    }
    const joins = entries.find((e) => e.seq === anchor.sequence + 1);
    if (joins && joins.prevHash !== anchor.hash) {
      return {
        status: 'forked',
        detail: { reason: 'not_joined', seq: joins.seq, anchor: anchor.sequence },
      };
    }
    return null;
  }

  return {
    /** Where the window's next report goes on from, and whether its key is registered. */
    async anchor(workstationId: string): Promise<AuditAnchor> {
      const [head, ws] = await Promise.all([
        anchored(workstationId),
        db.select({ key: workstations.auditKey }).from(workstations).where(eq(workstations.id, workstationId)),
      ]);
      return { sequence: head?.sequence ?? null, hash: head?.hash ?? null, keyRegistered: Boolean(ws[0]?.key) };
    },

    async report(workstationId: string, batch: AuditBatch): Promise<AuditReportResponse> {
      return db.transaction(async (tx) => {
        // One report at a time per workstation: the anchor read here is the one the report extends.
        const ws = (
          await tx
            .select({ key: workstations.auditKey })
            .from(workstations)
            .where(eq(workstations.id, workstationId))
            .for('update')
        )[0];
        if (!ws?.key) throw new CentralError(409, 'audit_key_missing', 'audit.keyMissing');
        const head = await anchored(workstationId, tx);
        const anchor = head ? { sequence: head.sequence, hash: head.hash } : { sequence: 0, hash: genesisHash };
        const current = { sequence: head?.sequence ?? null, hash: head?.hash ?? null };
        const last = batch.entries.at(-1)!;
        // The very report anchored last, sent again (its answer was lost): nothing new, nothing wrong.
        if (head && last.seq === head.sequence && last.hash === head.hash && batch.signature === head.signature) {
          return { status: 'ok', ...current };
        }
        const refusal = await judge(tx, workstationId, ws.key, anchor, batch.entries, batch.signature);
        const receivedAt = now().toISOString();
        if (refusal) {
          const detail = JSON.stringify(refusal.detail);
          const raised = (
            await tx
              .select({
                status: auditHeads.status,
                sequence: auditHeads.sequence,
                hash: auditHeads.hash,
                detail: auditHeads.detail,
              })
              .from(auditHeads)
              .where(eq(auditHeads.workstationId, workstationId))
              .orderBy(desc(auditHeads.id))
              .limit(1)
          )[0];
          const again =
            raised?.status === refusal.status &&
            raised.sequence === last.seq &&
            raised.hash === last.hash &&
            raised.detail === detail;
          if (!again) {
            await tx.insert(auditHeads).values({
              workstationId,
              sequence: last.seq,
              hash: last.hash,
              status: refusal.status,
              detail,
              signature: batch.signature,
              receivedAt,
            });
            await audit.record(
              {
                actorKind: 'system',
                actor: 'central',
                workstationId,
                action: `audit.${refusal.status}`,
                target: workstationId,
                detail: refusal.detail,
              },
              tx,
            );
          }
          return { status: refusal.status, ...current };
        }
        const fresh = batch.entries.filter((e) => e.seq > anchor.sequence);
        await tx.insert(workstationAudit).values(fresh.map((e) => ({ workstationId, ...e, receivedAt })));
        await tx.insert(auditHeads).values({
          workstationId,
          sequence: last.seq,
          hash: last.hash,
          status: 'ok',
          detail: '',
          signature: batch.signature,
          receivedAt,
        });
        return { status: 'ok', sequence: last.seq, hash: last.hash };
      });
    },

    /** Refused reports, newest first: the administrator's alerts. */
    anomalies() {
      return db.select().from(auditHeads).where(ne(auditHeads.status, 'ok')).orderBy(desc(auditHeads.id)).limit(200);
    },

    /** A workstation's trail as central holds it, oldest first, from a sequence number. */
    entries(workstationId: string, after = 0, limit = 500) {
      return db
        .select()
        .from(workstationAudit)
        .where(and(eq(workstationAudit.workstationId, workstationId), gt(workstationAudit.seq, after)))
        .orderBy(asc(workstationAudit.seq))
        .limit(limit);
    },

    anchored,
  };
}
export type AuditHeads = ReturnType<typeof createAuditHeads>;
