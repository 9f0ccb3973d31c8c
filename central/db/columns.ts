import { customType } from 'drizzle-orm/pg-core';

/** A `timestamptz` as node-postgres (a Date) or PGlite (`2026-12-07 09:30:00.123+00`) gives it, as ISO 8601 UTC. */
export function isoFromDriver(value: string | Date): string {
  return value instanceof Date
    ? value.toISOString()
    : new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

/** The rows of a raw `db.execute(sql…)`: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * A point in time: `timestamptz` in the database, an ISO 8601 UTC string (`…Z`) in the code,
 * whatever text form the driver gives (node-postgres and PGlite differ).
 */
export const isoTimestamp = customType<{ data: string; driverData: string | Date }>({
  dataType: () => 'timestamp (3) with time zone',
  toDriver: (value) => value,
  fromDriver: (value) => isoFromDriver(value),
});
export const at = (name: string) => isoTimestamp(name);
