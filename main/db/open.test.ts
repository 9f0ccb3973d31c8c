import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, migrationsDir, removeTempDir } from '../testing/workstation';
import { testProtectors } from '../testing/keys';
import { openBackup } from './backup';
import { isPlaintextDatabase } from './connection';
import { migrateDatabase } from './migrate';
import { openWorkstationData } from './open';
import { testKeys } from '../testing/keys';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('yichuang-open-');
});
afterEach(() => removeTempDir(dir));

const idNumber = '11010519491231002X';
const now = new Date('2026-12-07T02:00:00Z');

/** A data folder as a version before encryption at rest left it: plaintext database, WAL, backups. */
async function plaintextFolder(): Promise<void> {
  const plain = new Database(join(dir, 'yichuang.db'));
  plain.pragma('journal_mode = WAL');
  // from = 0: no backup is taken, the keys are not used.
  await migrateDatabase(plain, {
    migrationsFolder: migrationsDir,
    backupDir: join(dir, 'backups'),
    backupKeys: testKeys,
  });
  const insert = plain.prepare(
    `INSERT INTO applicants (kind, name, id_number, id_digest, id_masked, details, created_at, updated_at)
     VALUES ('person', '王小明', ?, 'digest', '110105********002X', '{}', '2026-01-01', '2026-01-01')`,
  );
  insert.run(idNumber);
  mkdirSync(join(dir, 'backups'));
  await plain.backup(join(dir, 'backups', 'daily-2026-12-06.db'));
  // The newest row only in the WAL, as a crash would leave it.
  plain.pragma('wal_autocheckpoint = 0');
  plain.prepare(`UPDATE applicants SET name = '王小明（新）'`).run();
  plain.close();
}

function everyFileUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('openWorkstationData', () => {
  it('encrypts a pre-encryption folder in place: database, WAL and backups, with an encrypted backup taken first', async () => {
    await plaintextFolder();
    expect(isPlaintextDatabase(join(dir, 'yichuang.db'))).toBe(true);
    const opened = await openWorkstationData({
      dataDir: dir,
      migrationsFolder: migrationsDir,
      protectors: testProtectors(),
      now,
    });
    try {
      expect(opened.encryption.database).toBe(true);
      expect(opened.encryption.backups).toEqual(['daily-2026-12-06.db']);
      expect(opened.unlocked.recoveryCode).not.toBeNull();
      // Nothing lost, the WAL's row included.
      expect(opened.sqlite.prepare('SELECT name, id_number AS id FROM applicants').all()).toEqual([
        { name: '王小明（新）', id: idNumber },
      ]);
    } finally {
      opened.sqlite.close();
    }
    for (const file of everyFileUnder(dir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(idNumber)), file).toBe(false);
      expect(bytes.includes(Buffer.from('王小明')), file).toBe(false);
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dir, 'yichuang.db-wal')) && readFileSync(join(dir, 'yichuang.db-wal')).length > 0).toBe(
      false,
    );
    // The backup taken before encrypting holds the data as it was, under the backups' key.
    const backup = opened.encryption.backup!;
    expect(backup).toMatch(/pre-encryption-2026-12-07T02-00-00-000Z\.db$/);
    const copy = openBackup(backup, opened.keys.backups);
    try {
      expect(copy.prepare('SELECT name FROM applicants').all()).toEqual([{ name: '王小明（新）' }]);
    } finally {
      copy.close();
    }
  });

  it('opens an encrypted folder again with the same key, and does nothing more', async () => {
    const first = await openWorkstationData({
      dataDir: dir,
      migrationsFolder: migrationsDir,
      protectors: testProtectors(),
      now,
    });
    first.sqlite.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('x', '"y"', 'now')`).run();
    first.sqlite.close();
    expect(isPlaintextDatabase(join(dir, 'yichuang.db'))).toBe(false);
    const again = await openWorkstationData({
      dataDir: dir,
      migrationsFolder: migrationsDir,
      protectors: testProtectors(),
      now,
    });
    try {
      expect(again.encryption).toEqual({ database: false, backup: null, backups: [] });
      expect(again.unlocked.recoveryCode).toBeNull();
      expect(again.sqlite.prepare(`SELECT value FROM settings WHERE key = 'x'`).get()).toEqual({ value: '"y"' });
      expect(again.timings.keyUnwrapMs).toBeGreaterThan(0);
    } finally {
      again.sqlite.close();
    }
    // Without the key the file is noise.
    const raw = new Database(join(dir, 'yichuang.db'));
    try {
      expect(() => raw.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    } finally {
      raw.close();
    }
  });
});
