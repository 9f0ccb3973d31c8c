import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addHallDays, hallDate } from '@yichuang/domain/hall-time';
import { makeTempDir, removeTempDir } from '../testing/workstation';
import { backupDatabase, dailyBackupsKept, ensureDailyBackup, openBackup } from './backup';
import { testKeys } from '../testing/keys';
import { openDatabase, type Sqlite } from './connection';

let dir: string;
let backupDir: string;
let sqlite: Sqlite;

/** The hall date (Beijing) of `now` shifted by `days`, as the backup file names use it. */
function dayName(now: Date, days: number): string {
  return `daily-${addHallDays(hallDate(now), days)}.db`;
}

function dailies(): string[] {
  return readdirSync(backupDir)
    .filter((n) => /^daily-\d{4}-\d{2}-\d{2}\.db$/.test(n))
    .sort();
}

beforeEach(() => {
  dir = makeTempDir('yichuang-backup-');
  backupDir = join(dir, 'backups');
  sqlite = openDatabase(join(dir, 'yichuang.db'), testKeys.database);
  sqlite.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('一窗');");
});
afterEach(() => {
  sqlite.close();
  removeTempDir(dir);
});

describe('ensureDailyBackup', () => {
  const now = new Date('2025-06-20T01:30:00Z'); // 09:30 on 20 June 2025 in Beijing

  it('takes one backup a day, as a valid copy of the database', async () => {
    const file = await ensureDailyBackup(sqlite, backupDir, now, testKeys);
    expect(file).toBe(join(backupDir, 'daily-2025-06-20.db'));
    expect(readdirSync(backupDir)).toEqual(['daily-2025-06-20.db']);

    // Later the same day (23:59 Beijing): nothing new.
    expect(await ensureDailyBackup(sqlite, backupDir, new Date('2025-06-20T15:59:00Z'), testKeys)).toBeNull();
    expect(readdirSync(backupDir)).toEqual(['daily-2025-06-20.db']);

    // The next day (00:01 Beijing, still 20 June in UTC and in Los Angeles): a new file.
    expect(await ensureDailyBackup(sqlite, backupDir, new Date('2025-06-20T16:01:00Z'), testKeys)).toBe(
      join(backupDir, 'daily-2025-06-21.db'),
    );
    expect(dailies()).toEqual(['daily-2025-06-20.db', 'daily-2025-06-21.db']);

    // Encrypted under the backups' key, not the live one, and the owner's alone.
    expect(readFileSync(file!).includes(Buffer.from('一窗'))).toBe(false);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(() => openBackup(file!, testKeys.database)).toThrow(/not a database/);
    // (Opened last: a WAL-mode copy gets -wal/-shm side files when opened.)
    const copy = openBackup(file!, testKeys.backups);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT v FROM t').all()).toEqual([{ v: '一窗' }]);
    } finally {
      copy.close();
    }
  });

  it('keeps the 14 newest days and removes older daily files, leaving other files alone', async () => {
    expect(dailyBackupsKept).toBe(14);
    await backupDatabase(sqlite, backupDir, 'pre-migrate-v1-to-v2-2025-01-01.db', testKeys);
    for (let days = 1; days <= 30; days += 1) writeFileSync(join(backupDir, dayName(now, -days)), 'old');
    const others = ['notes.txt', 'daily-old.db', 'daily-2020-01-01.db.bak', 'manual-2020-01-01.db'];
    for (const name of others) writeFileSync(join(backupDir, name), 'keep');

    const made = await ensureDailyBackup(sqlite, backupDir, now, testKeys);
    expect(made).toBe(join(backupDir, dayName(now, 0)));

    const expected = Array.from({ length: 14 }, (_, i) => dayName(now, -13 + i));
    expect(dailies()).toEqual(expected);
    expect(expected[0]).toBe('daily-2025-06-07.db');
    expect(expected[13]).toBe('daily-2025-06-20.db');
    const all = readdirSync(backupDir);
    for (const name of [...others, 'pre-migrate-v1-to-v2-2025-01-01.db']) expect(all).toContain(name);
    expect(all).not.toContain('daily-2025-06-06.db');
    expect(all).not.toContain('daily-2025-05-21.db');
  });

  it('prunes old files even on a day whose backup already exists', async () => {
    await ensureDailyBackup(sqlite, backupDir, now, testKeys);
    writeFileSync(join(backupDir, dayName(now, -14)), 'old');
    writeFileSync(join(backupDir, dayName(now, -13)), 'old');
    expect(await ensureDailyBackup(sqlite, backupDir, now, testKeys)).toBeNull();
    expect(dailies()).toEqual([dayName(now, -13), dayName(now, 0)]);
  });

  it('crosses month and year boundaries by calendar date', async () => {
    const newYear = new Date('2026-01-03T00:00:00Z'); // 08:00 on 3 Jan in Beijing
    await ensureDailyBackup(sqlite, backupDir, new Date('2025-12-20T00:00:00Z'), testKeys);
    writeFileSync(join(backupDir, 'daily-2025-12-21.db'), 'old');
    writeFileSync(join(backupDir, 'daily-2025-12-22.db'), 'old');
    await ensureDailyBackup(sqlite, backupDir, newYear, testKeys);
    // 3 Jan 2026 keeps 21 Dec 2025 .. 3 Jan 2026.
    expect(dailies()).toEqual(['daily-2025-12-21.db', 'daily-2025-12-22.db', 'daily-2026-01-03.db']);
  });
});
