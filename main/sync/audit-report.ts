import type { KeyObject } from 'node:crypto';
import { newSigningKey, publicKeyOf, signCheckpoint, signingKeyFromDer } from '@yichuang/domain/audit-chain';
import { auditBatchMax } from '@yichuang/domain/protocol';
import type { AuditService } from '../audit/service';
import type { Logger } from '../logging/logger';
import { seal, unseal } from '../security/crypto';
import type { SyncStatus } from '../../preload/contract/sync';
import type { CentralClient } from './client';

const signingKeyAad = 'yichuang:audit-signing-key:v1';

/** Where the sealed signing key is kept (the sync state: the sync service is its one writer). */
export interface SigningKeySlot {
  read(): string | null;
  write(sealed: string): void;
}

/**
 * This PC's side of the audit trail at central: its own chain verified (whole at start, then on
 * from the last entry verified, before each report), the Ed25519 key that signs its reports (made
 * at enrolment, kept sealed by a key derived from the data key), and the report itself. What the
 * supervisor sees is the result: a break found here, or central's verdict.
 */
export function createAuditReporter(deps: { audit: AuditService; log: Logger; sealKey: Buffer; slot: SigningKeySlot }) {
  const { audit, log, slot } = deps;
  let check: SyncStatus['auditCheck'] = null;
  let verifiedThrough: { seq: number; hash: string } | undefined;

  /** Verifies this PC's own audit chain; a break stops the reports (case work goes on) and is shown. */
  function chainIntact(): boolean {
    const verification = audit.verify(verifiedThrough);
    if (verification.ok) {
      if (verification.headHash) verifiedThrough = { seq: verification.count, hash: verification.headHash };
      return true;
    }
    if (check !== 'broken_here') {
      log.error(
        { firstBadSeq: verification.firstBadSeq, problem: verification.problem },
        'the audit trail on this PC does not verify: its reports to central stop',
      );
    }
    check = 'broken_here';
    return false;
  }
  chainIntact();

  const sealed = (privateDer: Buffer) => seal(deps.sealKey, privateDer, signingKeyAad).toString('base64');

  /** The signing key; one is made (and kept) when there is none (a PC enrolled before keys existed). */
  function signingKey(): KeyObject {
    const stored = slot.read();
    if (stored) return signingKeyFromDer(unseal(deps.sealKey, Buffer.from(stored, 'base64'), signingKeyAad));
    const fresh = newSigningKey();
    slot.write(sealed(fresh.privateDer));
    return signingKeyFromDer(fresh.privateDer);
  }

  return {
    get check(): SyncStatus['auditCheck'] {
      return check;
    },

    /** A new key for an enrolment: its public part for central, its sealed private part to keep once enrolled. */
    freshKey(): { publicKey: string; sealed: string } {
      const fresh = newSigningKey();
      return { publicKey: fresh.publicKey, sealed: sealed(fresh.privateDer) };
    },

    /**
     * Reports the trail: the entries after the head central anchored, a batch at a time, each signed
     * at its last entry. A trail that ends at or before the anchor (entries lost) sends its last
     * entry, for central to judge.
     */
    async report(c: CentralClient, workstationId: string): Promise<void> {
      if (!chainIntact() || !workstationId) return;
      const anchor = await c.auditAnchor();
      const head = audit.head();
      if (!head) {
        // Central anchored entries this PC no longer has at all: nothing left to send it, so it is said here.
        if (anchor.sequence) {
          if (check !== 'replayed') log.error({ anchored: anchor.sequence }, 'the audit trail on this PC is empty');
          check = 'replayed';
        }
        return;
      }
      const key = signingKey();
      if (!anchor.keyRegistered) await c.registerAuditKey(publicKeyOf(key));
      let from = anchor.sequence ?? 0;
      if (from === head.seq && anchor.hash === head.hash) {
        check = 'ok';
        return;
      }
      for (;;) {
        const entries = head.seq > from ? audit.wireAfter(from, auditBatchMax) : audit.wireAfter(head.seq - 1, 1);
        const last = entries.at(-1);
        if (!last) return;
        const answer = await c.reportAudit({
          entries,
          signature: signCheckpoint(key, workstationId, last.seq, last.hash),
        });
        check = answer.status;
        if (answer.status !== 'ok') {
          log.warn({ answer }, 'central refused the audit report');
          return;
        }
        if (last.seq >= head.seq) return;
        from = last.seq;
      }
    },
  };
}
export type AuditReporter = ReturnType<typeof createAuditReporter>;
