import { join } from 'node:path';
import { drizzleOf, openDatabase, type Db, type Sqlite } from '../db/connection';
import { migrateDatabase } from '../db/migrate';
import { createRootLogger } from '../logging/logger';
import { testKeys } from './keys';
import { migrationsDir } from './workstation';

/** Test helpers only: a migrated, encrypted SQLite database in `dir` (a real file) under `testKeys`, as the workstation opens it. */
export async function openTestDb(dir: string): Promise<{ db: Db; sqlite: Sqlite }> {
  const sqlite = openDatabase(join(dir, 'yichuang.db'), testKeys.database);
  await migrateDatabase(sqlite, {
    migrationsFolder: migrationsDir,
    backupDir: join(dir, 'backups'),
    backupKeys: testKeys,
    log: createRootLogger({ dir: null, level: 'silent' }),
  });
  return { db: drizzleOf(sqlite), sqlite };
}
