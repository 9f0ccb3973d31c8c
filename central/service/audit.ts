import { desc, eq, ne } from 'drizzle-orm';
import type { AuditHead, AuditHeadResponse } from '@yichuang/domain/protocol';
import type { CentralDb } from '../db/connect';
import { auditHeads, centralAudit } from '../db/schema';

type Tx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];

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
 * Each workstation's audit-chain head, recorded at every sync. The window sends its head and the
 * hash it now has at the sequence central recorded last; a trail that lost entries (head behind,
 * or the checkpoint gone) is `cut_short`, one whose earlier entry changed is `rewritten`.
 */
export function createAuditHeads(deps: { db: CentralDb; now: () => Date; audit: CentralAudit }) {
  const { db, now, audit } = deps;

  async function latest(workstationId: string) {
    return (
      await db
        .select()
        .from(auditHeads)
        .where(eq(auditHeads.workstationId, workstationId))
        .orderBy(desc(auditHeads.id))
        .limit(1)
    )[0];
  }

  return {
    async checkpoint(workstationId: string): Promise<{ sequence: number | null }> {
      return { sequence: (await latest(workstationId))?.sequence ?? null };
    },

    async record(workstationId: string, head: AuditHead): Promise<AuditHeadResponse> {
      return db.transaction(async (tx) => {
        const previous = (
          await tx
            .select()
            .from(auditHeads)
            .where(eq(auditHeads.workstationId, workstationId))
            .orderBy(desc(auditHeads.id))
            .limit(1)
            .for('update')
        )[0];
        // The same head again (a replayed or repeated sync): nothing new to record.
        if (previous && previous.sequence === head.sequence && previous.hash === head.hash) {
          return { status: previous.status, sequence: previous.sequence };
        }
        let status: AuditHeadResponse['status'] = 'ok';
        let detail = '';
        if (previous) {
          if (head.sequence < previous.sequence) {
            status = 'cut_short';
            detail = `审计记录从第 ${previous.sequence} 条退回到第 ${head.sequence} 条`;
          } else if (!head.checkpoint || head.checkpoint.sequence !== previous.sequence) {
            status = 'rewritten';
            detail = `工作站未提供第 ${previous.sequence} 条的核对值`;
          } else if (head.checkpoint.hash === null) {
            status = 'cut_short';
            detail = `工作站已没有第 ${previous.sequence} 条审计记录`;
          } else if (head.checkpoint.hash !== previous.hash) {
            status = 'rewritten';
            detail = `第 ${previous.sequence} 条审计记录的摘要与上次同步时不同`;
          }
        }
        await tx.insert(auditHeads).values({
          workstationId,
          sequence: head.sequence,
          hash: head.hash,
          status,
          detail,
          receivedAt: now().toISOString(),
        });
        if (status !== 'ok') {
          await audit.record(
            {
              actorKind: 'system',
              actor: 'central',
              workstationId,
              action: `audit.${status}`,
              target: workstationId,
              detail,
            },
            tx,
          );
        }
        return { status, sequence: head.sequence };
      });
    },

    /** Heads that showed a cut-short or rewritten trail, newest first. */
    anomalies() {
      return db.select().from(auditHeads).where(ne(auditHeads.status, 'ok')).orderBy(desc(auditHeads.id)).limit(200);
    },

    latest,
  };
}
export type AuditHeads = ReturnType<typeof createAuditHeads>;
