import { createHash } from 'node:crypto';
import type { AuditVerification } from '../../preload/contract/schemas';

export const genesisHash = '0'.repeat(64);

/** The fields an entry's hash covers, in a fixed order. */
export interface ChainedFields {
  seq: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  target: string | null;
  result: string;
  code: string | null;
  detail: string | null;
  prevHash: string;
}

export function hashEntry(e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.userId,
    e.username,
    e.action,
    e.target,
    e.result,
    e.code,
    e.detail,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Walks the rows in storage order. An edited entry fails its own hash; a removed one leaves a
 * gap in the sequence; a reordered one breaks the link to its predecessor.
 */
export function verifyChain(
  rows: Iterable<ChainedFields & { hash: string }>,
  /** Where to go on from: an entry already verified (its seq and hash); the genesis by default. */
  after: { seq: number; hash: string } = { seq: 0, hash: genesisHash },
): AuditVerification {
  let prevHash = after.hash;
  let expectedSeq = after.seq + 1;
  let count = after.seq;
  const bad = (seq: number, problem: NonNullable<AuditVerification['problem']>): AuditVerification => ({
    ok: false,
    count,
    headHash: null,
    firstBadSeq: seq,
    problem,
  });
  for (const row of rows) {
    count += 1;
    if (row.seq !== expectedSeq) return bad(row.seq, 'sequence_gap');
    if (row.prevHash !== prevHash) return bad(row.seq, 'link_broken');
    if (hashEntry(row) !== row.hash) return bad(row.seq, 'hash_mismatch');
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, count, headHash: expectedSeq > 1 ? prevHash : null, firstBadSeq: null, problem: null };
}
