import { createHash, randomBytes } from 'node:crypto';
import { eq, lt, or } from 'drizzle-orm';
import type { CentralDb } from '../db/connect';
import { approverSessions } from '../db/schema';

/** The approver page's session and sign-in limits, in one place (docs/security-central.md names them). */
export const sessionLimits = {
  /** A session no page was opened with for this long ends. */
  idleMs: 30 * 60 * 1000,
  /** Every session ends after a working day, used or not. */
  absoluteMs: 10 * 60 * 60 * 1000,
  /** Consecutive failed sign-ins for one user name that lock it… */
  failures: 5,
  /** …for this long (the count lives in sign_in_failures). */
  lockMs: 15 * 60 * 1000,
  /** Sign-in (and setup) attempts per client address per minute (@fastify/rate-limit). */
  attemptsPerMinute: 10,
} as const;

/** A last-seen time is written at most this often (each page would otherwise write a row). */
const touchEveryMs = 60 * 1000;

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
const idPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Server-side sessions of the approver page: the cookie is 32 random bytes, the database keeps only
 * their SHA-256, so a copy of the database opens no session. Sign-out deletes the row, so a copied
 * cookie dies with it.
 */
export function createSessions(deps: { db: CentralDb; now: () => Date }) {
  const { db, now } = deps;
  return {
    /** A new session for someone who just signed in; the cookie's value. */
    async start(personId: number): Promise<string> {
      const id = randomBytes(32).toString('base64url');
      const at = now().toISOString();
      await db.insert(approverSessions).values({ idHash: hashOf(id), personId, createdAt: at, lastSeenAt: at });
      return id;
    },

    /** The person id of a live session (and it is used now), or null; an expired one is removed. */
    async resolve(id: string | undefined): Promise<number | null> {
      if (!id || !idPattern.test(id)) return null;
      const idHash = hashOf(id);
      const row = (await db.select().from(approverSessions).where(eq(approverSessions.idHash, idHash)))[0];
      if (!row) return null;
      const t = now().getTime();
      const idle = t - Date.parse(row.lastSeenAt);
      if (idle > sessionLimits.idleMs || t - Date.parse(row.createdAt) > sessionLimits.absoluteMs) {
        await db.delete(approverSessions).where(eq(approverSessions.idHash, idHash));
        return null;
      }
      if (idle > touchEveryMs) {
        await db
          .update(approverSessions)
          .set({ lastSeenAt: new Date(t).toISOString() })
          .where(eq(approverSessions.idHash, idHash));
      }
      return row.personId;
    },

    async end(id: string | undefined): Promise<void> {
      if (id && idPattern.test(id)) await db.delete(approverSessions).where(eq(approverSessions.idHash, hashOf(id)));
    },

    /** Every session of a person ends (disabled, or their password reset). */
    async endAll(personId: number): Promise<void> {
      await db.delete(approverSessions).where(eq(approverSessions.personId, personId));
    },

    /** The form token (CSRF) of a session: derived from its secret id, so only its holder can know it. */
    formToken(id: string): string {
      return createHash('sha256').update(`form:${id}`).digest('base64url');
    },

    /** Sessions past their limits (the hourly sweep; a live check removes them anyway). */
    async sweep(): Promise<void> {
      const t = now().getTime();
      await db
        .delete(approverSessions)
        .where(
          or(
            lt(approverSessions.lastSeenAt, new Date(t - sessionLimits.idleMs).toISOString()),
            lt(approverSessions.createdAt, new Date(t - sessionLimits.absoluteMs).toISOString()),
          ),
        );
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
