import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkstation } from '../app/services';
import { makeTempDir, migrationsDir, removeTempDir, resourcesDir } from '../testing/workstation';
import { openDatabase, type Sqlite } from './connection';
import { openBackup } from './backup';
import { testKeys, testProtectors } from '../testing/keys';
import { openEncryptedDatabase } from './open';
import { DatabaseNewerError, databaseSchemaVersion, migrateDatabase, programSchemaVersion } from './migrate';

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as {
  entries: JournalEntry[];
};

let dir: string;
let open: Sqlite[];

beforeEach(() => {
  dir = makeTempDir('yichuang-migrate-');
  open = [];
});
afterEach(() => {
  for (const db of open) if (db.open) db.close();
  removeTempDir(dir);
});

/** The schema version this program migrates to: one per shipped migration. */
const latest = journal.entries.length;

function openDb(name = 'yichuang.db'): Sqlite {
  const db = openDatabase(join(dir, name), testKeys.database);
  open.push(db);
  return db;
}

function names(db: Sqlite, type: 'table' | 'trigger' | 'index'): string[] {
  return (
    db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]
  ).map((r) => r.name);
}

/** A migrations folder holding the first `count` migrations: the program as it was then. */
function migrationsUpTo(count: number): string {
  const folder = join(dir, `migrations-v${count}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  for (const entry of journal.entries.slice(0, count)) {
    copyFileSync(join(migrationsDir, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  }
  const raw = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  writeFileSync(
    join(folder, 'meta', '_journal.json'),
    JSON.stringify({ ...raw, entries: raw.entries.slice(0, count) }, null, 2),
  );
  return folder;
}

/** The program as it was one version ago: the first migration only. */
function firstMigrationOnly(): string {
  expect(journal.entries[0]!.tag).toMatch(/^0000_/);
  return migrationsUpTo(1);
}

/** Clerk 1 (王窗口) in staff, and a statement that adds a case of theirs: (id, number, version, state). */
function clerkAndCases(db: Sqlite) {
  db.prepare(
    `INSERT INTO staff (id, username, display_name, role, window_number, password_hash, created_at, updated_at)
     VALUES (1, 'wang', '王窗口', 'clerk', 5, 'scrypt$x', '2026-09-30T00:00:00.000Z', '2026-09-30T00:00:00.000Z')`,
  ).run();
  return db.prepare(
    `INSERT INTO cases (id, number, version, state, revision, applicant_name, applicant_id_masked, draft, clerk_id,
       clerk_name, window_number, created_day, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, '张三', '370303********1234', '{}', 1, '王窗口', 5, '2026-09-30',
       '2026-09-30T02:00:00.000Z', '2026-09-30T02:00:00.000Z')`,
  );
}

describe('the shipped migrations', () => {
  it('has a journal whose entries all have a .sql file', () => {
    expect(journal.entries.map((e) => e.tag)).toEqual([
      '0000_foundation',
      '0001_audit_append_only',
      '0002_device_roles',
      '0003_intake',
      '0004_documents',
      '0005_sync',
      '0006_resumed_from',
      '0007_outbox_failures',
      '0008_central_decisions',
      '0009_checklist_position',
      '0010_document_scanners',
      '0011_network_printers',
      '0012_case_tickets',
      '0013_ratings',
      '0014_rating_invitations',
    ]);
    expect(programSchemaVersion(migrationsDir)).toBe(journal.entries.length);
    const files = readdirSync(migrationsDir);
    for (const entry of journal.entries) expect(files).toContain(`${entry.tag}.sql`);
  });
});

describe('migrateDatabase', () => {
  it('builds every table and trigger on an empty database and stamps user_version', async () => {
    const db = openDb();
    expect(databaseSchemaVersion(db)).toBe(0);
    const report = await migrateDatabase(db, {
      migrationsFolder: migrationsDir,
      backupDir: join(dir, 'backups'),
      backupKeys: testKeys,
    });
    expect(report).toEqual({ from: 0, to: journal.entries.length, backup: null });
    expect(db.pragma('user_version', { simple: true })).toBe(journal.entries.length);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['audit_log', 'settings', 'staff', '__drizzle_migrations']),
    );
    expect(names(db, 'trigger')).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
    expect(names(db, 'index')).toContain('staff_username_unique');
    // No data yet: nothing to back up.
    expect(() => readdirSync(join(dir, 'backups'))).toThrow();
  });

  it('is a no-op when the database is already current', async () => {
    const db = openDb();
    const options = { migrationsFolder: migrationsDir, backupDir: join(dir, 'backups'), backupKeys: testKeys };
    await migrateDatabase(db, options);
    const again = await migrateDatabase(db, options);
    expect(again).toEqual({ from: latest, to: latest, backup: null });
    expect(db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: latest });
  });

  it('upgrades a database of the previous schema, keeping its rows and backing it up first', async () => {
    const backupDir = join(dir, 'backups');
    const db = openDb();
    const v1 = await migrateDatabase(db, { migrationsFolder: firstMigrationOnly(), backupDir, backupKeys: testKeys });
    expect(v1).toEqual({ from: 0, to: 1, backup: null });
    expect(databaseSchemaVersion(db)).toBe(1);
    expect(names(db, 'trigger')).toEqual([]);

    db.prepare(
      `INSERT INTO staff (username, display_name, role, window_number, password_hash, created_at, updated_at)
       VALUES ('zhang', '张三', 'clerk', 3, 'scrypt$x', '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO audit_log (seq, at, user_id, username, action, result, prev_hash, hash)
       VALUES (1, '2025-06-01T00:00:00.000Z', 1, 'zhang', 'auth.signIn', 'ok', '${'0'.repeat(64)}', 'h1')`,
    ).run();

    const v2 = await migrateDatabase(db, { migrationsFolder: migrationsDir, backupDir, backupKeys: testKeys });
    expect(v2.from).toBe(1);
    expect(v2.to).toBe(latest);
    expect(databaseSchemaVersion(db)).toBe(latest);
    expect(db.prepare('SELECT username, display_name, role, window_number FROM staff').all()).toEqual([
      { username: 'zhang', display_name: '张三', role: 'clerk', window_number: 3 },
    ]);
    expect(db.prepare('SELECT seq, username, action FROM audit_log').all()).toEqual([
      { seq: 1, username: 'zhang', action: 'auth.signIn' },
    ]);
    expect(names(db, 'trigger')).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');

    // The backup: in backupDir, named for the versions, a valid SQLite file with the old rows.
    expect(v2.backup).not.toBeNull();
    const backupFile = v2.backup!;
    expect(backupFile.startsWith(backupDir)).toBe(true);
    expect(readdirSync(backupDir)).toHaveLength(1);
    expect(readdirSync(backupDir)[0]).toMatch(new RegExp(`^pre-migrate-v1-to-v${latest}-.+\\.db$`));
    const copy = openBackup(backupFile, testKeys.backups);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare('SELECT username FROM staff').all()).toEqual([{ username: 'zhang' }]);
      expect(names(copy, 'trigger')).toEqual([]);
    } finally {
      copy.close();
    }
  });

  it('0006 records what drafts resumed before it waited for: central’s request or the window’s notice', async () => {
    const backupDir = join(dir, 'backups');
    const db = openDb();
    await migrateDatabase(db, { migrationsFolder: migrationsUpTo(6), backupDir, backupKeys: testKeys });
    const insertCase = clerkAndCases(db);
    insertCase.run('resumed-after-central', '370303-20260930-005-0001', 2, 'draft');
    insertCase.run('resumed-after-window', '370303-20260930-005-0002', 2, 'draft');
    insertCase.run('never-decided', null, 1, 'draft');
    insertCase.run('waiting', '370303-20260930-005-0003', 1, 'supplement_requested');
    db.prepare(
      `INSERT INTO central_events (id, seq, case_id, case_version, kind, comment, approver, at, applied_at)
       VALUES ('e1', 1, 'resumed-after-central', 1, 'supplement_requested', '缺少租房合同', '李审批',
         '2026-09-30T03:00:00.000Z', '2026-09-30T03:00:01.000Z')`,
    ).run();

    await migrateDatabase(db, { migrationsFolder: migrationsDir, backupDir, backupKeys: testKeys });
    expect(db.prepare('SELECT id, resumed_from AS resumedFrom FROM cases ORDER BY id').all()).toEqual([
      { id: 'never-decided', resumedFrom: null },
      { id: 'resumed-after-central', resumedFrom: 'supplement_requested_by_central' },
      { id: 'resumed-after-window', resumedFrom: 'supplement_requested' },
      { id: 'waiting', resumedFrom: null },
    ]);
  });

  it('0009 gives the materials decided before it their place: the order they were written in, per case version', async () => {
    const backupDir = join(dir, 'backups');
    const db = openDb();
    await migrateDatabase(db, { migrationsFolder: migrationsUpTo(9), backupDir, backupKeys: testKeys });
    clerkAndCases(db).run('c1', '370303-20260930-005-0001', 2, 'accepted');
    const insertItem = db.prepare(
      `INSERT INTO case_materials (case_id, version, item_id, name, required, status, pages, original_checked, copies,
         e_licence, files)
       VALUES ('c1', ?, ?, ?, 1, 'complete', 1, 0, 0, 0, '[]')`,
    );
    // Version 1 asked for a supplement, version 2 was accepted: each written in its checklist order.
    for (const [version, id] of [
      [1, 'photo'],
      [1, 'id-card'],
      [2, 'residence-proof'],
      [2, 'photo'],
      [2, 'id-card'],
    ] as const)
      insertItem.run(version, id, id);

    await migrateDatabase(db, { migrationsFolder: migrationsDir, backupDir, backupKeys: testKeys });
    expect(
      db.prepare('SELECT version, item_id AS itemId, position FROM case_materials ORDER BY version, position').all(),
    ).toEqual([
      { version: 1, itemId: 'photo', position: 0 },
      { version: 1, itemId: 'id-card', position: 1 },
      { version: 2, itemId: 'residence-proof', position: 0 },
      { version: 2, itemId: 'photo', position: 1 },
      { version: 2, itemId: 'id-card', position: 2 },
    ]);
  });

  it('refuses a database from a newer program with a Chinese DatabaseNewerError naming the version', async () => {
    const db = openDb();
    await migrateDatabase(db, {
      migrationsFolder: migrationsDir,
      backupDir: join(dir, 'backups'),
      backupKeys: testKeys,
    });
    db.pragma('user_version = 99');
    const attempt = migrateDatabase(db, {
      migrationsFolder: migrationsDir,
      backupDir: join(dir, 'backups'),
      backupKeys: testKeys,
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseNewerError);
    const error = (await attempt.catch((e: unknown) => e)) as DatabaseNewerError;
    expect(error.name).toBe('DatabaseNewerError');
    expect(error.databaseVersion).toBe(99);
    expect(error.programVersion).toBe(latest);
    expect(error.message).toContain('99');
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).toContain('数据库');
    // Untouched: still version 99, no backup taken.
    expect(databaseSchemaVersion(db)).toBe(99);
    expect(() => readdirSync(join(dir, 'backups'))).toThrow();
  });

  it('createWorkstation refuses a newer database and closes it', async () => {
    const config = {
      dataDir: dir,
      resourcesDir,
      logToFiles: false,
      logLevel: 'silent',
      protectors: testProtectors(),
    } as const;
    await (await createWorkstation(config)).close();
    const withKey = async () => {
      const { sqlite: db } = await openEncryptedDatabase(dir, testProtectors());
      open.push(db);
      return db;
    };
    const db = await withKey();
    db.pragma('user_version = 99');
    db.close();
    await expect(createWorkstation(config)).rejects.toThrow(DatabaseNewerError);
    // The file was closed again: it can be opened and still says 99.
    expect(databaseSchemaVersion(await withKey())).toBe(99);
  });
});

describe('openDatabase', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout', () => {
    const db = openDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('the workstation database has the same pragmas', async () => {
    const workstation = await createWorkstation({
      dataDir: dir,
      resourcesDir,
      logToFiles: false,
      logLevel: 'silent',
      protectors: testProtectors(),
    });
    try {
      expect(workstation.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(workstation.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(workstation.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(workstation.sqlite.pragma('user_version', { simple: true })).toBe(latest);
    } finally {
      await workstation.close();
    }
  });
});
