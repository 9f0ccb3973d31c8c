import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Logger } from '../logging/logger';
import { backupDatabase, type BackupKeys } from './backup';
import { drizzleOf, type Sqlite } from './connection';

/** The program cannot open a database written by a newer version of itself. */
export class DatabaseNewerError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly programVersion: number,
  ) {
    super(
      `数据库由更新版本的一窗创建（结构版本 ${databaseVersion}，本程序只认识到 ${programVersion}）：` +
        '为保护数据，本程序不会打开它。请安装最新版本的一窗，或联系技术支持。',
    );
    this.name = 'DatabaseNewerError';
  }
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** How many migrations this program ships: the schema version it writes into `user_version`. */
export function programSchemaVersion(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.length;
}

export function databaseSchemaVersion(sqlite: Sqlite): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

export interface MigrationReport {
  from: number;
  to: number;
  backup: string | null;
}

/**
 * Brings the database to the program's schema. A database that already holds data is backed up
 * first; one from a newer program is refused with DatabaseNewerError.
 */
export async function migrateDatabase(
  sqlite: Sqlite,
  options: { migrationsFolder: string; backupDir: string; backupKeys: BackupKeys; log?: Logger },
): Promise<MigrationReport> {
  const to = programSchemaVersion(options.migrationsFolder);
  const from = databaseSchemaVersion(sqlite);
  if (from > to) throw new DatabaseNewerError(from, to);
  if (from === to) return { from, to, backup: null };
  let backup: string | null = null;
  if (from > 0) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    backup = await backupDatabase(
      sqlite,
      options.backupDir,
      `pre-migrate-v${from}-to-v${to}-${stamp}.db`,
      options.backupKeys,
    );
    options.log?.info({ from, to, backup }, 'backup before migration');
  }
  migrate(drizzleOf(sqlite), { migrationsFolder: options.migrationsFolder });
  sqlite.pragma(`user_version = ${to}`);
  options.log?.info({ from, to }, 'database migrated');
  return { from, to, backup };
}
