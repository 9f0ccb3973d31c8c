import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { randomKey } from './crypto';
import { writePrivateFile } from './private-files';
import {
  newRecoveryCode,
  unwrapWithRecoveryCode,
  wrapWithRecoveryCode,
  type KeyProtector,
  type ProtectorKind,
  type WrappedKey,
} from './protectors';

/**
 * The data key: 256 random bits made at first start, from which every at-rest key is derived
 * (security/keys.ts). It lives only in memory; `keys.json` in the data folder holds copies of it
 * wrapped by the protectors, one of them by the recovery code shown once at first start.
 */

export const keyFileName = 'keys.json';

const wrappedKeySchema: z.ZodType<WrappedKey> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('safeStorage'), blob: z.string() }),
  z.object({ kind: z.literal('keyring'), service: z.string(), account: z.string(), sealed: z.string() }),
  z.object({
    kind: z.literal('passphrase'),
    salt: z.string(),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    sealed: z.string(),
  }),
  z.object({ kind: z.literal('recovery'), salt: z.string(), sealed: z.string() }),
]);

const keyFileSchema = z.object({
  version: z.literal(1),
  /** Names this install in the OS keyring; not secret. */
  installId: z.string().min(8),
  createdAt: z.string(),
  wrapped: z.array(wrappedKeySchema).min(1),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export type DataKeyProblem = 'key_file_missing' | 'key_file_damaged' | 'no_protector' | 'locked' | 'bad_recovery_code';

const problemText: Record<DataKeyProblem, string> = {
  key_file_missing:
    '数据文件夹里有加密的数据库，但缺少密钥文件 keys.json：请从备份中找回 keys.json 放回数据文件夹，然后用恢复密钥恢复。 ' +
    'The data folder holds an encrypted database but no keys.json: put keys.json back from a backup, then recover with the recovery key.',
  key_file_damaged:
    '密钥文件 keys.json 已损坏，无法读取：请从备份中找回它。 The key file keys.json is damaged: restore it from a backup.',
  no_protector:
    '本机没有可以保护数据密钥的方式（系统钥匙串不可用）：请设置环境变量 YICHUANG_PASSPHRASE（至少 12 个字符）后再启动。 ' +
    'Nothing on this PC can protect the data key (no OS keyring): set YICHUANG_PASSPHRASE (12 characters or more) and start again.',
  locked:
    '无法解锁本机数据：口令不对，或系统钥匙串已丢失。请使用正确的 YICHUANG_PASSPHRASE，或用恢复密钥恢复（npm run devtool -- recover-key）。 ' +
    'The data cannot be unlocked: the passphrase is wrong or the OS keyring was lost. Use the right YICHUANG_PASSPHRASE, or recover with the recovery key (npm run devtool -- recover-key).',
  bad_recovery_code:
    '恢复密钥不对：请核对恢复单上的 32 个字符后重试。 The recovery key is wrong: check the 32 characters on the recovery sheet and try again.',
};

/** The data key cannot be had: the message says what to do, in Chinese first. */
export class DataKeyError extends Error {
  constructor(
    readonly problem: DataKeyProblem,
    readonly reasons: readonly string[] = [],
  ) {
    super(problemText[problem]);
    this.name = 'DataKeyError';
  }
}

export interface UnlockedDataKey {
  dataKey: Buffer;
  /** Which protector opened (or first wrapped) it. */
  via: ProtectorKind;
  /** Set only when the key was made just now: the recovery code to show once and print. */
  recoveryCode: string | null;
  installId: string;
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, keyFileName);
}

export function readKeyFile(dataDir: string): KeyFile | null {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new DataKeyError('key_file_damaged');
  }
  const result = keyFileSchema.safeParse(parsed);
  if (!result.success) throw new DataKeyError('key_file_damaged');
  return result.data;
}

function writeKeyFile(dataDir: string, keyFile: KeyFile): void {
  writePrivateFile(keyFilePath(dataDir), `${JSON.stringify(keyFile, null, 2)}\n`);
}

async function usableProtectors(
  protectors: readonly KeyProtector[],
): Promise<{ usable: KeyProtector[]; reasons: string[] }> {
  const usable: KeyProtector[] = [];
  const reasons: string[] = [];
  for (const protector of protectors) {
    const why = await protector.unavailable();
    if (why === null) usable.push(protector);
    else reasons.push(why);
  }
  return { usable, reasons };
}

/**
 * Opens the data key with the first protector that can, or makes a new one when the folder has no
 * key file yet (`hasEncryptedData` false). A new key is wrapped by every usable protector and by a
 * fresh recovery code, which is returned once.
 */
export async function unlockDataKey(options: {
  dataDir: string;
  protectors: readonly KeyProtector[];
  /** True when the folder already holds encrypted data: a missing key file is then an error, not a first start. */
  hasEncryptedData: boolean;
  now: Date;
}): Promise<UnlockedDataKey> {
  const existing = readKeyFile(options.dataDir);
  if (!existing) {
    if (options.hasEncryptedData) throw new DataKeyError('key_file_missing');
    const { usable, reasons } = await usableProtectors(options.protectors);
    if (usable.length === 0) throw new DataKeyError('no_protector', reasons);
    const dataKey = randomKey();
    const recoveryCode = newRecoveryCode();
    const wrapped: WrappedKey[] = [];
    for (const protector of usable) wrapped.push(await protector.wrap(dataKey));
    wrapped.push(wrapWithRecoveryCode(dataKey, recoveryCode));
    const installId = randomBytes(8).toString('hex');
    writeKeyFile(options.dataDir, { version: 1, installId, createdAt: options.now.toISOString(), wrapped });
    return { dataKey, via: usable[0]!.kind, recoveryCode, installId };
  }
  const reasons: string[] = [];
  for (const protector of options.protectors) {
    for (const copy of existing.wrapped.filter((w) => w.kind === protector.kind)) {
      try {
        return {
          dataKey: await protector.unwrap(copy),
          via: protector.kind,
          recoveryCode: null,
          installId: existing.installId,
        };
      } catch (error) {
        reasons.push(`${protector.kind}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  throw new DataKeyError('locked', reasons);
}

/**
 * The recovery path (keyring lost, passphrase forgotten): the recovery code opens the key, and the
 * usable protectors wrap it anew, replacing their old copies. Returns the data key.
 */
export async function recoverDataKey(options: {
  dataDir: string;
  recoveryCode: string;
  protectors: readonly KeyProtector[];
}): Promise<Buffer> {
  const existing = readKeyFile(options.dataDir);
  if (!existing) throw new DataKeyError('key_file_missing');
  let dataKey: Buffer | null = null;
  for (const copy of existing.wrapped.filter((w) => w.kind === 'recovery')) {
    try {
      dataKey = unwrapWithRecoveryCode(copy, options.recoveryCode);
      break;
    } catch {
      // The next recovery copy, if any.
    }
  }
  if (!dataKey) throw new DataKeyError('bad_recovery_code');
  const { usable, reasons } = await usableProtectors(options.protectors);
  if (usable.length === 0) throw new DataKeyError('no_protector', reasons);
  const renewed = new Set(usable.map((p) => p.kind));
  const wrapped = existing.wrapped.filter((w) => !renewed.has(w.kind as KeyProtector['kind']));
  for (const protector of usable) wrapped.push(await protector.wrap(dataKey));
  writeKeyFile(options.dataDir, { ...existing, wrapped });
  return dataKey;
}

/** A new recovery code replaces the old one (the old sheet stops working); returned once. */
export function renewRecoveryCode(dataDir: string, dataKey: Buffer): string {
  const existing = readKeyFile(dataDir);
  if (!existing) throw new DataKeyError('key_file_missing');
  const code = newRecoveryCode();
  const wrapped = [...existing.wrapped.filter((w) => w.kind !== 'recovery'), wrapWithRecoveryCode(dataKey, code)];
  writeKeyFile(dataDir, { ...existing, wrapped });
  return code;
}
