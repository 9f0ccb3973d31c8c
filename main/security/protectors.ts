import { randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { hkdfSync } from 'node:crypto';
import { keyLength, randomKey, seal, unseal } from './crypto';

/**
 * What keeps the data key: it is never written in plaintext, only wrapped by one of these. The OS
 * protects it where it can (Electron safeStorage, else the OS keyring); an administrator's passphrase
 * (scrypt) is the path of the browser host and the tests; the recovery code printed at first run
 * opens it when the others are lost.
 */

export type ProtectorKind = 'safeStorage' | 'keyring' | 'passphrase' | 'recovery';

/** One wrapped copy of the data key, as the key file keeps it (binary fields base64). */
export type WrappedKey =
  | { kind: 'safeStorage'; blob: string }
  | { kind: 'keyring'; service: string; account: string; sealed: string }
  | { kind: 'passphrase'; salt: string; N: number; r: number; p: number; sealed: string }
  | { kind: 'recovery'; salt: string; sealed: string };

export interface KeyProtector {
  readonly kind: Exclude<ProtectorKind, 'recovery'>;
  /** Why this protector cannot be used on this machine now, or null when it can. */
  unavailable(): Promise<string | null>;
  wrap(dataKey: Buffer): Promise<WrappedKey>;
  /** The data key, or an error when this copy cannot be opened here (wrong passphrase, keyring empty). */
  unwrap(wrapped: WrappedKey): Promise<Buffer>;
}

const dataKeyAad = 'yichuang/data-key';

/** Runs `work` as a promise: a throw becomes a rejection, as the async protectors' callers expect. */
function later<T>(work: () => T): Promise<T> {
  return Promise.resolve().then(work);
}

function checkedKey(bytes: Buffer): Buffer {
  if (bytes.length !== keyLength) throw new Error('the unwrapped data key has the wrong length');
  return bytes;
}

/** The part of Electron's safeStorage this uses; main/platform/electron passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Electron safeStorage (DPAPI on Windows, Keychain on macOS, Secret Service / KWallet on Linux). On
 * Linux it may fall back to `basic_text`, a fixed key in the program: refused, it protects nothing.
 */
export function safeStorageProtector(safeStorage: SafeStorageLike, platform = process.platform): KeyProtector {
  return {
    kind: 'safeStorage',
    unavailable() {
      return later(() => {
        if (!safeStorage.isEncryptionAvailable()) return 'safeStorage is not available';
        if (platform === 'linux') {
          const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
          if (backend === 'basic_text' || backend === 'unknown')
            return `safeStorage backend ${backend} protects nothing`;
        }
        return null;
      });
    },
    wrap(dataKey) {
      return later(() => {
        return { kind: 'safeStorage', blob: safeStorage.encryptString(dataKey.toString('base64')).toString('base64') };
      });
    },
    unwrap(wrapped) {
      return later(() => {
        if (wrapped.kind !== 'safeStorage') throw new Error('not a safeStorage copy');
        return checkedKey(Buffer.from(safeStorage.decryptString(Buffer.from(wrapped.blob, 'base64')), 'base64'));
      });
    },
  };
}

/** The part of `@napi-rs/keyring`'s Entry this uses (tests pass a fake; a headless machine answers AccessDenied). */
export interface KeyringEntryLike {
  getPassword(): string | null | undefined;
  setPassword(password: string): void;
  deletePassword(): boolean;
}

/**
 * The OS keyring holds a random wrapping key; the key file holds the data key sealed with it. The
 * account names the install, so two data folders on one PC keep two keys.
 */
export function keyringProtector(
  entry: (service: string, account: string) => KeyringEntryLike,
  account: string,
  service = 'Yichuang',
): KeyProtector {
  return {
    kind: 'keyring',
    unavailable() {
      return later(() => {
        // Reading answers null on a machine with no keyring service; only a write tells.
        try {
          const probe = entry(service, `${account}:probe`);
          probe.setPassword('probe');
          probe.deletePassword();
          return null;
        } catch (error) {
          return `keyring: ${error instanceof Error ? error.message : String(error)}`;
        }
      });
    },
    wrap(dataKey) {
      return later(() => {
        const wrappingKey = randomKey();
        entry(service, account).setPassword(wrappingKey.toString('base64'));
        return { kind: 'keyring', service, account, sealed: seal(wrappingKey, dataKey, dataKeyAad).toString('base64') };
      });
    },
    unwrap(wrapped) {
      return later(() => {
        if (wrapped.kind !== 'keyring') throw new Error('not a keyring copy');
        const stored = entry(wrapped.service, wrapped.account).getPassword();
        if (!stored) throw new Error('the keyring holds no key for this install');
        return checkedKey(unseal(Buffer.from(stored, 'base64'), Buffer.from(wrapped.sealed, 'base64'), dataKeyAad));
      });
    },
  };
}

/** scrypt cost for a passphrase: 2^17 × 8 (128 MB, about half a second here), OWASP's figure. */
export const passphraseCost = { N: 2 ** 17, r: 8, p: 1 } as const;
/** Tests only: a cheap cost, so hundreds of test workstations do not each spend half a second. */
export const testPassphraseCost = { N: 2 ** 10, r: 8, p: 1 } as const;

function scrypt(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(secret.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** The shortest passphrase accepted when a key is first wrapped with one. */
export const minPassphraseLength = 12;

/** A key derived with scrypt from the administrator's passphrase (YICHUANG_PASSPHRASE, or typed at start). */
export function passphraseProtector(
  passphrase: string,
  cost: { N: number; r: number; p: number } = passphraseCost,
): KeyProtector {
  return {
    kind: 'passphrase',
    unavailable() {
      return later(() => {
        return passphrase.length < minPassphraseLength
          ? `the passphrase must have at least ${minPassphraseLength} characters`
          : null;
      });
    },
    async wrap(dataKey) {
      const salt = randomBytes(16);
      const kek = await scrypt(passphrase, salt, cost);
      return {
        kind: 'passphrase',
        salt: salt.toString('base64'),
        ...cost,
        sealed: seal(kek, dataKey, dataKeyAad).toString('base64'),
      };
    },
    async unwrap(wrapped) {
      if (wrapped.kind !== 'passphrase') throw new Error('not a passphrase copy');
      const { N, r, p } = wrapped;
      const kek = await scrypt(passphrase, Buffer.from(wrapped.salt, 'base64'), { N, r, p });
      return checkedKey(unseal(kek, Buffer.from(wrapped.sealed, 'base64'), dataKeyAad));
    },
  };
}

// Crockford's base32: no I, L, O, U, so a code copied by hand from paper reads back the same.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const recoveryBytes = 20;

/** A new recovery code: 160 random bits as 32 characters in groups of four (XXXX-XXXX-…). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(recoveryBytes);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** The code as typed: case, spaces and dashes ignored, O read as 0 and I/L as 1; null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== 32 || [...cleaned].some((c) => !alphabet.includes(c))) return null;
  return cleaned;
}

function recoveryKek(code: string, salt: Buffer): Buffer {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new Error('not a recovery code');
  return Buffer.from(hkdfSync('sha256', Buffer.from(normalized, 'latin1'), salt, 'yichuang/recovery', keyLength));
}

/** 160 random bits need no slow hash: HKDF turns the code into the wrapping key. */
export function wrapWithRecoveryCode(dataKey: Buffer, code: string): WrappedKey {
  const salt = randomBytes(16);
  return {
    kind: 'recovery',
    salt: salt.toString('base64'),
    sealed: seal(recoveryKek(code, salt), dataKey, dataKeyAad).toString('base64'),
  };
}

export function unwrapWithRecoveryCode(wrapped: WrappedKey, code: string): Buffer {
  if (wrapped.kind !== 'recovery') throw new Error('not a recovery copy');
  const kek = recoveryKek(code, Buffer.from(wrapped.salt, 'base64'));
  return checkedKey(unseal(kek, Buffer.from(wrapped.sealed, 'base64'), dataKeyAad));
}
