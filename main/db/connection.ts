import Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

export type Sqlite = Database.Database;

/** Opens the workstation database with the pragmas every write relies on, then proves it answers. */
export function openDatabase(file: string): Sqlite {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.prepare('SELECT 1').get();
  return sqlite;
}

/** The drizzle database with its better-sqlite3 client, as every service receives it. */
export type Db = BetterSQLite3Database & { $client: Sqlite };
