import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addHallDays, hallDate } from '@yichuang/domain/hall-time';
import type { Sqlite } from './connection';

const dailyPattern = /^daily-(\d{4}-\d{2}-\d{2})\.db$/;
export const dailyBackupsKept = 14;

/** A consistent copy of the live database through SQLite's online backup API. */
export async function backupDatabase(sqlite: Sqlite, dir: string, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  await sqlite.backup(file);
  return file;
}

/**
 * Takes today's backup once and removes daily backups older than 14 days. Returns the new file, if any.
 * Days are hall dates (Beijing): the file of a day is named the same whatever zone the PC is set to.
 */
export async function ensureDailyBackup(sqlite: Sqlite, dir: string, now: Date): Promise<string | null> {
  mkdirSync(dir, { recursive: true });
  const today = hallDate(now);
  const existing = readdirSync(dir);
  let made: string | null = null;
  if (!existing.includes(`daily-${today}.db`)) made = await backupDatabase(sqlite, dir, `daily-${today}.db`);
  const keepFrom = addHallDays(today, -(dailyBackupsKept - 1));
  for (const name of readdirSync(dir)) {
    const match = dailyPattern.exec(name);
    if (match?.[1] !== undefined && match[1] < keepFrom) rmSync(join(dir, name), { force: true });
  }
  return made;
}
