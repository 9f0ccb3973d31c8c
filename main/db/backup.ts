import { randomBytes } from 'node:crypto';
import { chmodSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { addHallDays, hallDate } from '@yichuang/domain/hall-time';
import { ensurePrivateDir, privateFileMode } from '../security/private-files';
import { applyDatabaseKey, type Sqlite } from './connection';

const dailyPattern = /^daily-(\d{4}-\d{2}-\d{2})\.db$/;
export const dailyBackupsKept = 14;

/** The keys a backup needs: the live database's, to read the copy, and the backups' own, to seal it. */
export interface BackupKeys {
  database: Buffer;
  backups: Buffer;
}

/**
 * A consistent, encrypted copy of the live database: VACUUM INTO writes it already encrypted with
 * the live key (never a plaintext page on disk), then the copy is re-keyed to the backups' key, so
 * a backup is opened only with the data key, never with the live database's key alone.
 */
export function backupDatabase(sqlite: Sqlite, dir: string, name: string, keys: BackupKeys): Promise<string> {
  ensurePrivateDir(dir);
  const file = join(dir, name);
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    sqlite.prepare('VACUUM INTO ?').run(temp);
    chmodSync(temp, privateFileMode);
    const copy = new Database(temp);
    try {
      applyDatabaseKey(copy, keys.database);
      applyDatabaseKey(copy, keys.backups, 'rekey');
    } finally {
      copy.close();
    }
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  return Promise.resolve(file);
}

/** Opens a backup taken by backupDatabase (read-only), e.g. to restore from it or to check it. */
export function openBackup(file: string, backupsKey: Buffer): Sqlite {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyDatabaseKey(copy, backupsKey);
    copy.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    copy.close();
    throw error;
  }
  return copy;
}

/**
 * Takes today's backup once and removes daily backups older than 14 days. Returns the new file, if any.
 * Days are hall dates (Beijing): the file of a day is named the same whatever zone the PC is set to.
 */
export async function ensureDailyBackup(
  sqlite: Sqlite,
  dir: string,
  now: Date,
  keys: BackupKeys,
): Promise<string | null> {
  ensurePrivateDir(dir);
  const today = hallDate(now);
  const existing = readdirSync(dir);
  let made: string | null = null;
  if (!existing.includes(`daily-${today}.db`)) made = await backupDatabase(sqlite, dir, `daily-${today}.db`, keys);
  const keepFrom = addHallDays(today, -(dailyBackupsKept - 1));
  for (const name of readdirSync(dir)) {
    const match = dailyPattern.exec(name);
    if (match?.[1] !== undefined && match[1] < keepFrom) rmSync(join(dir, name), { force: true });
  }
  return made;
}
