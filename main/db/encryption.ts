import { chmodSync, copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Logger } from '../logging/logger';
import { ensurePrivateDir, privateFileMode, wipeFile } from '../security/private-files';
import { applyDatabaseKey, isPlaintextDatabase } from './connection';

/**
 * The one-time move of a data folder written before encryption at rest: the live database is
 * re-keyed in place (its WAL folded in first, so no plaintext journal stays behind), and every
 * plaintext backup beside it is re-keyed to the backups' key. Each plaintext copy made on the way is
 * overwritten before it is removed.
 */

/** Encrypts one plaintext SQLite file in place with `key`; the WAL is checkpointed away first. */
export function encryptFileInPlace(file: string, key: Buffer): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // SQLite3 Multiple Ciphers cannot re-key a database in WAL mode.
    sqlite.pragma('journal_mode = DELETE');
    applyDatabaseKey(sqlite, key, 'rekey');
  } finally {
    sqlite.close();
  }
  for (const side of ['-wal', '-shm', '-journal']) wipeFile(`${file}${side}`);
}

/** Folds the WAL into the database file so the file alone holds everything. */
function checkpoint(file: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
}

export interface EncryptionReport {
  database: boolean;
  /** The encrypted copy of the database as it was before (backups' key), when there was one to encrypt. */
  backup: string | null;
  backups: string[];
}

/**
 * Encrypts what a pre-encryption version left in the data folder: the database with `databaseKey`,
 * the backups with `backupsKey`. Does nothing on a folder that is already encrypted.
 */
export function encryptPlaintextData(options: {
  databaseFile: string;
  backupDir: string;
  databaseKey: Buffer;
  backupsKey: Buffer;
  /** Names the backup taken before: `pre-encryption-<stamp>.db`. */
  stamp: string;
  log?: Logger;
}): EncryptionReport {
  const report: EncryptionReport = { database: false, backup: null, backups: [] };
  if (existsSync(options.backupDir)) {
    for (const name of readdirSync(options.backupDir)) {
      const file = join(options.backupDir, name);
      if (!name.endsWith('.db') || !isPlaintextDatabase(file)) continue;
      try {
        encryptFileInPlace(file, options.backupsKey);
        report.backups.push(name);
      } catch (err) {
        // A damaged old backup cannot be encrypted: it must not stay readable either.
        options.log?.warn({ err, name }, 'plaintext backup could not be encrypted: removed');
        wipeFile(file);
      }
    }
    if (report.backups.length > 0) options.log?.info({ count: report.backups.length }, 'backups encrypted in place');
  }
  if (isPlaintextDatabase(options.databaseFile)) {
    checkpoint(options.databaseFile);
    // The backup first: if the re-key of the live file fails, the data is still there, encrypted.
    ensurePrivateDir(options.backupDir);
    const backup = join(options.backupDir, `pre-encryption-${options.stamp}.db`);
    copyFileSync(options.databaseFile, backup);
    chmodSync(backup, privateFileMode);
    encryptFileInPlace(backup, options.backupsKey);
    report.backup = backup;
    encryptFileInPlace(options.databaseFile, options.databaseKey);
    report.database = true;
    options.log?.info({ backup: report.backup }, 'database encrypted in place');
  }
  return report;
}
