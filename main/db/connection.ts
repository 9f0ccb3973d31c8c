import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

export type Sqlite = Database.Database;

/**
 * SQLCipher 4 (through SQLite3 Multiple Ciphers) with a raw 256-bit key: no passphrase KDF at open,
 * the key comes from security/keys.ts. Without the key the file reads as noise.
 */
export function applyDatabaseKey(sqlite: Sqlite, key: Buffer, method: 'key' | 'rekey' = 'key'): void {
  if (key.length !== 32) throw new Error('the database key must be 32 bytes');
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  const raw = Buffer.from(`x'${key.toString('hex')}'`, 'latin1');
  if (method === 'key') sqlite.key(raw);
  else sqlite.rekey(raw);
}

/** Opens the workstation database with its key and the pragmas every write relies on, then proves it answers. */
export function openDatabase(file: string, key: Buffer): Sqlite {
  const sqlite = new Database(file);
  try {
    applyDatabaseKey(sqlite, key);
    // The first read fails here ("file is not a database") when the key is wrong.
    tuneConnection(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/** The first read of an opened file, then the connection's settings: WAL, full fsync, foreign keys, a busy wait. */
export function tuneConnection(sqlite: Sqlite): void {
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.prepare('SELECT 1').get();
}

const plaintextHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether `file` is an SQLite database anyone can read (the header is in the clear); false for an encrypted or empty file. */
export function isPlaintextDatabase(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(plaintextHeader.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(plaintextHeader);
  } finally {
    closeSync(fd);
  }
}

/** The drizzle database with its better-sqlite3 client, as every service receives it. */
export type Db = BetterSQLite3Database & { $client: Sqlite };

/**
 * drizzle over the SQLCipher build: the same better-sqlite3 API plus key/rekey, which drizzle's types
 * do not know of (its driver module still imports better-sqlite3 itself, so both stay installed).
 */
export function drizzleOf(sqlite: Sqlite): Db {
  return drizzle(sqlite as unknown as string) as unknown as Db;
}
