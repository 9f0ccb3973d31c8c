import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { CentralDb } from '../db/connect';
import { signInFailures } from '../db/schema';
import type { CentralAudit } from './audit';
import type { People, Person } from './people';
import { sessionLimits } from './sessions';

/**
 * Sign-in with a lockout per user name: after `sessionLimits.failures` failures in a row the name is
 * locked for `lockMs`. Every refusal is the same to the caller (null): unknown name, wrong password,
 * locked, disabled; each costs one scrypt (people.verify hashes a decoy for an unknown name).
 */
export function createSignIn(deps: { db: CentralDb; now: () => Date; audit: CentralAudit; people: People }) {
  const { db, now, audit, people } = deps;

  async function lockedUntil(username: string): Promise<number | null> {
    const row = (await db.select().from(signInFailures).where(eq(signInFailures.username, username)))[0];
    const until = row?.lockedUntil ? Date.parse(row.lockedUntil) : null;
    return until !== null && until > now().getTime() ? until : null;
  }

  /** One more failure for a name; locks it (once, audited) at the limit. A lock that ran out starts the count again. */
  async function fail(username: string, ip: string): Promise<void> {
    const at = now().toISOString();
    const expired = sql`${signInFailures.lockedUntil} is not null and ${signInFailures.lockedUntil} <= ${at}`;
    const [row] = await db
      .insert(signInFailures)
      .values({ username, failures: 1, lastFailureAt: at })
      .onConflictDoUpdate({
        target: signInFailures.username,
        set: {
          failures: sql`case when ${expired} then 1 else ${signInFailures.failures} + 1 end`,
          lockedUntil: sql`case when ${expired} then null else ${signInFailures.lockedUntil} end`,
          lastFailureAt: at,
        },
      })
      .returning();
    if (!row || row.failures < sessionLimits.failures || row.lockedUntil) return;
    const until = new Date(now().getTime() + sessionLimits.lockMs).toISOString();
    const locked = await db
      .update(signInFailures)
      .set({ lockedUntil: until })
      .where(and(eq(signInFailures.username, username), isNull(signInFailures.lockedUntil)))
      .returning();
    if (locked.length > 0) {
      await audit.record({
        actorKind: 'system',
        actor: 'central',
        action: 'person.locked',
        target: username,
        detail: { failures: row.failures, until, ip },
      });
    }
  }

  return {
    /** The person, or null for any refusal (all alike). */
    async attempt(rawUsername: string, password: string, ip: string): Promise<Person | null> {
      const username = rawUsername.trim().toLowerCase().slice(0, 60);
      const locked = (await lockedUntil(username)) !== null;
      // Hashed even while locked: a locked name answers in the same time as any other.
      const person = await people.verify(username, password);
      if (person && !locked) {
        await db.delete(signInFailures).where(eq(signInFailures.username, username));
        return person;
      }
      if (!locked) await fail(username, ip);
      return null;
    },

    /** Whether a name is locked now (for tests and the administrator). */
    isLocked: async (username: string) => (await lockedUntil(username.trim().toLowerCase())) !== null,

    /** Forget old failures of names that were never locked, and locks that ran out (the hourly sweep). */
    async sweep(): Promise<void> {
      const before = new Date(now().getTime() - sessionLimits.lockMs).toISOString();
      await db
        .delete(signInFailures)
        .where(
          or(
            and(isNull(signInFailures.lockedUntil), lt(signInFailures.lastFailureAt, before)),
            lt(signInFailures.lockedUntil, now().toISOString()),
          ),
        );
    },
  };
}
export type SignIn = ReturnType<typeof createSignIn>;
