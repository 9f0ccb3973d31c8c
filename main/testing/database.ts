import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openDatabase, type Db, type Sqlite } from '../db/connection';
import { migrateDatabase } from '../db/migrate';
import { createRootLogger } from '../logging/logger';
import { migrationsDir } from './workstation';

/** Test helpers only: a migrated SQLite database in `dir` (a real file), as the workstation opens it. */
export async function openTestDb(dir: string): Promise<{ db: Db; sqlite: Sqlite }> {
  const sqlite = openDatabase(join(dir, 'yichuang.db'));
  await migrateDatabase(sqlite, {
    migrationsFolder: migrationsDir,
    backupDir: join(dir, 'backups'),
    log: createRootLogger({ dir: null, level: 'silent' }),
  });
  return { db: drizzle(sqlite), sqlite };
}
