import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { CentralDb } from '../db/connect';
import { centralSettings } from '../db/schema';
import { CentralError } from './errors';
import { personProblem, type People, type Person } from './people';

/** A setup token works for a day (and once). */
export const setupTokenMs = 24 * 60 * 60 * 1000;
/** The file in central's data folder the token is written to (mode 0600): who can read it administers central. */
export const setupTokenFileName = 'setup-token';
const settingKey = 'setup_token';

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/**
 * The first administrator, through a one-time setup token: with no administrator yet, central
 * writes a random token to a 0600 file in its data folder (the database keeps its hash and expiry);
 * the setup page takes it with the administrator's user name and password, once.
 */
export function createSetup(deps: { db: CentralDb; now: () => Date; people: People; dataDir: string }) {
  const { db, now, people } = deps;
  const file = join(deps.dataDir, setupTokenFileName);

  async function stored(): Promise<{ hash: string; expiresAt: string } | null> {
    const row = (await db.select().from(centralSettings).where(eq(centralSettings.key, settingKey)))[0];
    return row ? (JSON.parse(row.value) as { hash: string; expiresAt: string }) : null;
  }

  return {
    file,

    /** A new token (any earlier one stops working), written to the file; central prints only the file's path. */
    async issue(): Promise<{ token: string; file: string; expiresAt: string }> {
      const token = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now().getTime() + setupTokenMs).toISOString();
      const value = JSON.stringify({ hash: hashOf(token).toString('hex'), expiresAt });
      await db
        .insert(centralSettings)
        .values({ key: settingKey, value })
        .onConflictDoUpdate({ target: centralSettings.key, set: { value } });
      rmSync(file, { force: true });
      writeFileSync(file, `${token}\n`, { mode: 0o600 });
      return { token, file, expiresAt };
    },

    /** Whether the setup page is open: no administrator yet and an unexpired token waiting. */
    async open(): Promise<boolean> {
      const token = await stored();
      return token !== null && Date.parse(token.expiresAt) > now().getTime() && (await people.adminCount()) === 0;
    },

    /** The first administrator, for the right token (used up by it); any wrong, used or expired token is refused alike. */
    async redeem(input: { token: string; username: string; password: string; again: string }): Promise<Person> {
      const problem = personProblem({
        username: input.username,
        displayName: '中心管理员',
        department: '',
        password: input.password,
      });
      if (problem) throw new CentralError(400, 'invalid_input', problem.key, problem.params);
      if (input.password !== input.again) throw new CentralError(400, 'invalid_input', 'setup.passwordsDiffer');
      const refused = () => new CentralError(403, 'setup_refused', 'setup.refused');
      const consumed = await db.transaction(async (tx) => {
        const row = (
          await tx.select().from(centralSettings).where(eq(centralSettings.key, settingKey)).for('update')
        )[0];
        if (!row) return null;
        const token = JSON.parse(row.value) as { hash: string; expiresAt: string };
        const expected = Buffer.from(token.hash, 'hex');
        const given = hashOf(input.token.trim());
        if (!timingSafeEqual(expected, given) || Date.parse(token.expiresAt) <= now().getTime()) return null;
        await tx.delete(centralSettings).where(eq(centralSettings.key, settingKey));
        return row;
      });
      if (!consumed || (await people.adminCount()) > 0) throw refused();
      try {
        const person = await people.create(
          { username: input.username, displayName: '中心管理员', role: 'admin', password: input.password },
          'first start',
        );
        rmSync(file, { force: true });
        return person;
      } catch (error) {
        // The name was taken (an approver added from the command line): the token stays usable.
        await db.insert(centralSettings).values(consumed).onConflictDoNothing();
        throw error;
      }
    },
  };
}
export type Setup = ReturnType<typeof createSetup>;
