import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logging/logger';
import { unlockDataKey, type UnlockedDataKey } from '../security/data-key';
import { deriveWorkstationKeys, type WorkstationKeys } from '../security/keys';
import { ensurePrivateDir, securePermissions } from '../security/private-files';
import type { KeyProtector } from '../security/protectors';
import { isPlaintextDatabase, openDatabase, type Sqlite } from './connection';
import { encryptPlaintextData, type EncryptionReport } from './encryption';
import { migrateDatabase } from './migrate';

export const databaseFileName = 'yichuang.db';
export const backupDirName = 'backups';

export interface OpenedData {
  sqlite: Sqlite;
  keys: WorkstationKeys;
  /** The data key itself: kept in memory only by the security service (a new recovery code needs it). */
  unlocked: UnlockedDataKey;
  encryption: EncryptionReport;
  timings: { keyUnwrapMs: number; dbOpenMs: number };
}

/**
 * Everything between a data folder and an open, migrated, encrypted database: the folder made
 * private, the data key unwrapped (or made, at first start), a pre-encryption folder encrypted in
 * place, the database opened with its key and migrated. Both hosts, the devtool and the tests
 * open a workstation's data through here.
 */
export async function openWorkstationData(options: {
  dataDir: string;
  migrationsFolder: string;
  protectors: readonly KeyProtector[];
  now: Date;
  log?: Logger;
}): Promise<OpenedData> {
  const { dataDir } = options;
  ensurePrivateDir(dataDir);
  const databaseFile = join(dataDir, databaseFileName);
  const backupDir = join(dataDir, backupDirName);
  const unlockStart = performance.now();
  const unlocked = await unlockDataKey({
    dataDir,
    protectors: options.protectors,
    hasEncryptedData: existsSync(databaseFile) && !isPlaintextDatabase(databaseFile),
    now: options.now,
  });
  const keys = deriveWorkstationKeys(unlocked.dataKey);
  const keyUnwrapMs = performance.now() - unlockStart;
  const encryption = encryptPlaintextData({
    databaseFile,
    backupDir,
    databaseKey: keys.database,
    backupsKey: keys.backups,
    stamp: options.now.toISOString().replace(/[:.]/g, '-'),
    ...(options.log ? { log: options.log } : {}),
  });
  const openStart = performance.now();
  const sqlite = openDatabase(databaseFile, keys.database);
  const dbOpenMs = performance.now() - openStart;
  try {
    await migrateDatabase(sqlite, {
      migrationsFolder: options.migrationsFolder,
      backupDir,
      backupKeys: keys,
      ...(options.log ? { log: options.log } : {}),
    });
    securePermissions(dataDir);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { sqlite, keys, unlocked, encryption, timings: { keyUnwrapMs, dbOpenMs } };
}

/**
 * Opens an encrypted folder's database as it is (no migration, no permission walk): tools and
 * tests that look at a workstation's data behind its back, with the protectors that hold its key.
 */
export async function openEncryptedDatabase(
  dataDir: string,
  protectors: readonly KeyProtector[],
): Promise<{ sqlite: Sqlite; keys: WorkstationKeys }> {
  const { dataKey } = await unlockDataKey({ dataDir, protectors, hasEncryptedData: true, now: new Date() });
  const keys = deriveWorkstationKeys(dataKey);
  return { sqlite: openDatabase(join(dataDir, databaseFileName), keys.database), keys };
}
