import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { deriveKey } from './crypto';
import {
  keyringProtector,
  passphraseProtector,
  safeStorageProtector,
  type KeyProtector,
  type KeyringEntryLike,
  type SafeStorageLike,
} from './protectors';

/** Every at-rest key of the workstation, derived from the one data key; nothing else holds key material. */
export interface WorkstationKeys {
  /** SQLCipher's raw key for the database. */
  database: Buffer;
  /** AES-256-GCM for material files. */
  materials: Buffer;
  /** HMAC naming material files on disk (content addressing without a bare SHA-256). */
  materialNames: Buffer;
  /** AES-256-GCM for generated documents kept on disk. */
  documents: Buffer;
  /** SQLCipher's raw key for backups (copies are re-keyed, so a backup never shares the live key). */
  backups: Buffer;
  /** HMAC for ID-number digests (search without the whole number). */
  idDigest: Buffer;
  /** Wraps the workstation's audit-signing key. */
  auditSigning: Buffer;
}

export function deriveWorkstationKeys(dataKey: Buffer): WorkstationKeys {
  return {
    database: deriveKey(dataKey, 'database'),
    materials: deriveKey(dataKey, 'materials'),
    materialNames: deriveKey(dataKey, 'material-names'),
    documents: deriveKey(dataKey, 'documents'),
    backups: deriveKey(dataKey, 'backups'),
    idDigest: deriveKey(dataKey, 'id-digest'),
    auditSigning: deriveKey(dataKey, 'audit-signing'),
  };
}

/** The environment variable with the administrator's passphrase (the browser host, scripts and tests). */
export const passphraseVariable = 'YICHUANG_PASSPHRASE';

/** The keyring account for a data folder: two folders on one PC keep two keys. */
export function keyringAccount(dataDir: string): string {
  return `data-key:${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}`;
}

/**
 * The protectors a host offers, best first: Electron's safeStorage (Electron host only), the OS
 * keyring, the passphrase from the environment. `keyring` is injected so tests and the benchmark
 * can leave it out (a headless machine answers AccessDenied anyway).
 */
export function hostProtectors(options: {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  safeStorage?: SafeStorageLike | null;
  keyring?: ((service: string, account: string) => KeyringEntryLike) | null;
}): KeyProtector[] {
  const protectors: KeyProtector[] = [];
  if (options.safeStorage) protectors.push(safeStorageProtector(options.safeStorage));
  if (options.keyring) protectors.push(keyringProtector(options.keyring, keyringAccount(options.dataDir)));
  const passphrase = options.env[passphraseVariable];
  if (passphrase) protectors.push(passphraseProtector(passphrase));
  return protectors;
}

/**
 * The OS keyring through @napi-rs/keyring, loaded only when asked for (a native module). On Linux
 * it is pinned to the Secret Service (gnome-keyring, KWallet): the library's fallback, the kernel's
 * keyutils, lives in memory and is gone after a restart, which would leave the data to the
 * recovery sheet.
 */
export async function osKeyring(): Promise<((service: string, account: string) => KeyringEntryLike) | null> {
  try {
    const { Entry } = await import('@napi-rs/keyring');
    return (service, account) => new Entry(service, account, { linux: { store: 'secret-service' } });
  } catch {
    return null;
  }
}
