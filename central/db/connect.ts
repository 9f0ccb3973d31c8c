import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as centralSchema from './schema';
import * as hallSchema from '../hall/schema';

const schema = { ...centralSchema, ...hallSchema };

/** Central's database, whichever engine is behind it: the code is the same drizzle over PostgreSQL SQL. */
export type CentralDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface CentralDatabase {
  db: CentralDb;
  /** `postgres` for a server (DATABASE_URL); `pglite` for the embedded default. */
  engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export const centralMigrationsFolder = join(__dirname, '..', 'migrations');

export interface OpenOptions {
  /** `postgres://…`: a PostgreSQL server (production). Without it, PGlite in `dataDir`. */
  url?: string | undefined;
  /** Where the embedded database lives (`<dataDir>/pgdata`); `memory://` for a throw-away one. */
  dataDir?: string | undefined;
  migrationsFolder?: string;
}

/** Connections to PostgreSQL, all kept open. */
const poolSize = 10;

/**
 * Opens central's database and applies the migrations. PostgreSQL through node-postgres when a
 * URL is given; otherwise PGlite (PostgreSQL compiled to WASM, in-process, persisted to a folder):
 * the same engine and SQL as production, with nothing to install.
 */
export async function openCentralDatabase(options: OpenOptions): Promise<CentralDatabase> {
  const migrationsFolder = options.migrationsFolder ?? centralMigrationsFolder;
  if (options.url) {
    // The pool keeps its connections through a lull and opens them all at start: a burst (fifty
    // windows pressing call next at once) must not wait for ten new connections' SCRAM handshakes.
    const pool = new pg.Pool({ connectionString: options.url, max: poolSize, min: poolSize });
    const db = drizzlePg(pool, { schema });
    try {
      await migratePg(db, { migrationsFolder });
      const clients = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
      for (const client of clients) client.release();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: db as unknown as CentralDb, engine: 'postgres', close: () => pool.end() };
  }
  let target = 'memory://';
  if (options.dataDir && options.dataDir !== 'memory://') {
    target = join(options.dataDir, 'pgdata');
    mkdirSync(target, { recursive: true });
  }
  const client = await PGlite.create(target);
  const db = drizzlePglite(client, { schema });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  return { db: db as unknown as CentralDb, engine: 'pglite', close: () => client.close() };
}
