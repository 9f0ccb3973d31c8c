import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The workstation's symmetric primitives, in one place: keys derived from the data key (HKDF-SHA256,
 * one per purpose), AES-256-GCM sealing of whole buffers, and keyed names (HMAC-SHA256) so a file's
 * name on disk says nothing about its content.
 */

export const keyLength = 32;

/** Every purpose a key is derived for: a new purpose is a new name here, never a reused key. */
export type KeyPurpose =
  | 'database'
  | 'materials'
  | 'material-names'
  | 'documents'
  | 'backups'
  | 'id-digest'
  | 'audit-signing'
  | 'recovery-pending';

const hkdfSalt = Buffer.from('yichuang/data-key/v1', 'utf8');

export function deriveKey(dataKey: Buffer, purpose: KeyPurpose): Buffer {
  if (dataKey.length !== keyLength) throw new Error('the data key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', dataKey, hkdfSalt, `yichuang/${purpose}`, keyLength));
}

export function randomKey(): Buffer {
  return randomBytes(keyLength);
}

/** The first bytes of every sealed buffer: a sealed file is recognised, and a future format can differ. */
const magic = Buffer.from('YCS1', 'latin1');
const nonceLength = 12;
const tagLength = 16;
export const sealOverhead = magic.length + nonceLength + tagLength;

/** A sealed buffer could not be opened: wrong key, another file's bytes (AAD), or damage. */
export class SealError extends Error {
  constructor(reason: string) {
    super(`sealed data cannot be opened: ${reason}`);
    this.name = 'SealError';
  }
}

/**
 * AES-256-GCM with a random 96-bit nonce: magic ‖ nonce ‖ ciphertext ‖ tag. `aad` binds the sealed
 * bytes to what they are (e.g. a material's id), so one file's ciphertext cannot stand in for another's.
 */
export function seal(key: Buffer, plaintext: Uint8Array, aad: string): Buffer {
  const nonce = randomBytes(nonceLength);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([magic, nonce, body, cipher.getAuthTag()]);
}

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= sealOverhead && Buffer.from(bytes.buffer, bytes.byteOffset, magic.length).equals(magic);
}

export function unseal(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  if (!isSealed(sealed)) throw new SealError('not a sealed file');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const nonce = bytes.subarray(magic.length, magic.length + nonceLength);
  const tag = bytes.subarray(bytes.length - tagLength);
  const body = bytes.subarray(magic.length + nonceLength, bytes.length - tagLength);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SealError('authentication failed');
  }
}

/** A name (hex) for `id` under `key`: stable for the install, meaningless without the key. */
export function keyedName(key: Buffer, id: string): string {
  return createHmac('sha256', key).update(id, 'utf8').digest('hex');
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
