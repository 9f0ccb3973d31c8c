import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * The audit trail's one rule, shared by the window that writes it and central that anchors it:
 * each entry's hash covers its fields and the hash before it, so a chain verifies only whole,
 * in order and unedited; the window signs its head with its own Ed25519 key (registered at
 * central at enrolment), so central can tell the window's chain from one made elsewhere.
 */

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
export const chainProblems = ['hash_mismatch', 'link_broken', 'sequence_gap'] as const;
export type ChainProblem = (typeof chainProblems)[number];

export interface ChainVerification {
  ok: boolean;
  /** Entries verified (the sequence of the last one reached). */
  count: number;
  headHash: string | null;
  /** The first entry that does not verify, and why. */
  firstBadSeq: number | null;
  problem: ChainProblem | null;
}

export function verifyChain(
  rows: Iterable<ChainedFields & { hash: string }>,
  /** Where to go on from: an entry already verified (its seq and hash); the genesis by default. */
  after: { seq: number; hash: string } = { seq: 0, hash: genesisHash },
): ChainVerification {
  let prevHash = after.hash;
  let expectedSeq = after.seq + 1;
  let count = after.seq;
  const bad = (seq: number, problem: NonNullable<ChainVerification['problem']>): ChainVerification => ({
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

/** The bytes a window signs for its head: bound to the workstation, so no other window's signature fits. */
export function checkpointMessage(workstationId: string, seq: number, hash: string): Buffer {
  return Buffer.from(`yichuang-audit-checkpoint-v1\n${workstationId}\n${seq}\n${hash}`, 'utf8');
}

/** A new Ed25519 key pair: the private part as PKCS#8 DER (for the window to seal), the public part as base64 SPKI DER. */
export function newSigningKey(): { privateDer: Buffer; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

export function signingKeyFromDer(privateDer: Buffer): KeyObject {
  return createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
}

/** The base64 SPKI public key of a private key (what central holds for the window). */
export function publicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

export function signCheckpoint(privateKey: KeyObject, workstationId: string, seq: number, hash: string): string {
  return sign(null, checkpointMessage(workstationId, seq, hash), privateKey).toString('base64');
}

/** False for a wrong signature, a key that is not Ed25519, or bytes that are not a key at all. */
export function checkpointSigned(
  publicKey: string,
  workstationId: string,
  seq: number,
  hash: string,
  signature: string,
): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, checkpointMessage(workstationId, seq, hash), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
