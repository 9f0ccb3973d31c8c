import type { KeyObject } from 'node:crypto';
import { genesisHash, hashEntry, newSigningKey, signCheckpoint, signingKeyFromDer } from '../audit-chain';
import type { AuditBatch, AuditEntryWire } from '../protocol';

/** A window's audit trail for tests: entries chained as a workstation chains them. */
export function buildTrail(
  n: number,
  from: { seq: number; hash: string } = { seq: 0, hash: genesisHash },
  tag = 'a',
): AuditEntryWire[] {
  const rows: AuditEntryWire[] = [];
  let prevHash = from.hash;
  for (let seq = from.seq + 1; seq <= from.seq + n; seq += 1) {
    const fields = {
      seq,
      at: new Date(Date.UTC(2026, 11, 7, 1, 0, seq)).toISOString(),
      userId: 2,
      username: 'clerk1',
      action: seq % 3 === 0 ? 'case.accept' : 'auth.signIn',
      target: `${tag}${seq}`,
      result: 'ok',
      code: null,
      detail: seq % 2 === 0 ? JSON.stringify({ window: 3 }) : null,
      prevHash,
    };
    const hash = hashEntry(fields);
    rows.push({ ...fields, hash });
    prevHash = hash;
  }
  return rows;
}

/** The chain recomputed from its first entry on (what an insider with the key in hand would do after an edit). */
export function rehashTrail(entries: readonly AuditEntryWire[], from: string = genesisHash): AuditEntryWire[] {
  let prevHash = from;
  return entries.map((e) => {
    const { hash: _old, ...fields } = { ...e, prevHash };
    const hash = hashEntry(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
}

/** A workstation's signing key for tests: its public part for enrolment, and batches signed with it. */
export interface TestSigner {
  publicKey: string;
  key: KeyObject;
  batch(workstationId: string, entries: AuditEntryWire[]): AuditBatch;
}

export function testSigner(): TestSigner {
  const fresh = newSigningKey();
  const key = signingKeyFromDer(fresh.privateDer);
  return {
    publicKey: fresh.publicKey,
    key,
    batch(workstationId, entries) {
      const last = entries.at(-1)!;
      return { entries, signature: signCheckpoint(key, workstationId, last.seq, last.hash) };
    },
  };
}
