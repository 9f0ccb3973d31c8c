import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decoyHash, hashPassword, verifyPassword } from '@yichuang/domain/passwords';
import type { CentralDb } from '../db/connect';
import { centralSettings, people } from '../db/schema';
import { CentralError } from './errors';
import type { CentralAudit } from './audit';

export type PersonRole = 'approver' | 'admin';
export interface Person {
  id: number;
  username: string;
  displayName: string;
  role: PersonRole;
  department: string;
}

/** Sessions on the approver page last a working day. */
const sessionMs = 10 * 60 * 60 * 1000;

/**
 * Approvers and administrators of the approver page: scrypt password hashes (the workstation's
 * own), and a signed session cookie (HMAC under a secret kept in central's database).
 */
export async function createPeople(deps: { db: CentralDb; now: () => Date; audit: CentralAudit }) {
  const { db, now, audit } = deps;
  let secret = (await db.select().from(centralSettings).where(eq(centralSettings.key, 'session_secret')))[0]?.value;
  if (!secret) {
    await db
      .insert(centralSettings)
      .values({ key: 'session_secret', value: randomBytes(32).toString('base64url') })
      .onConflictDoNothing();
    secret = (await db.select().from(centralSettings).where(eq(centralSettings.key, 'session_secret')))[0]!.value;
  }
  const key = secret;
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const toPerson = (row: typeof people.$inferSelect): Person => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    department: row.department,
  });

  return {
    async create(
      input: { username: string; displayName: string; role: PersonRole; password: string; department?: string },
      by: string,
    ) {
      const username = input.username.trim().toLowerCase();
      if (!/^[a-z0-9_.-]{2,40}$/.test(username))
        throw new CentralError(400, 'invalid_input', '用户名为 2–40 位小写字母、数字、点、下划线或连字符');
      if (input.password.length < 10) throw new CentralError(400, 'invalid_input', '密码至少 10 位');
      const rows = await db
        .insert(people)
        .values({
          username,
          displayName: input.displayName.trim(),
          role: input.role,
          department: input.department ?? '',
          passwordHash: await hashPassword(input.password),
          createdAt: now().toISOString(),
        })
        .onConflictDoNothing()
        .returning();
      const row = rows[0];
      if (!row) throw new CentralError(409, 'username_taken', `用户名 ${username} 已存在`);
      await audit.record({
        actorKind: 'admin',
        actor: by,
        action: 'person.create',
        target: username,
        detail: { role: input.role },
      });
      return toPerson(row);
    },

    async count(): Promise<number> {
      return (await db.select({ id: people.id }).from(people)).length;
    },

    /** The person for a username and password, or null (an unknown name costs one scrypt too). */
    async verify(username: string, password: string): Promise<Person | null> {
      const row = (await db.select().from(people).where(eq(people.username, username.trim().toLowerCase())))[0];
      const ok = await verifyPassword(password, row?.passwordHash ?? decoyHash);
      return row && ok ? toPerson(row) : null;
    },

    /** `<id>.<expires>.<mac>`: a session cookie value. */
    sessionFor(person: Person): string {
      const payload = `${person.id}.${now().getTime() + sessionMs}`;
      return `${payload}.${mac(payload)}`;
    },

    async fromSession(value: string | undefined): Promise<Person | null> {
      const m = /^(\d+)\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(value ?? '');
      if (!m) return null;
      const expected = Buffer.from(mac(`${m[1]}.${m[2]}`));
      const given = Buffer.from(m[3]!);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      if (Number(m[2]) < now().getTime()) return null;
      const row = (
        await db
          .select()
          .from(people)
          .where(eq(people.id, Number(m[1])))
      )[0];
      return row ? toPerson(row) : null;
    },

    /** A per-session token for forms (CSRF): the session's own MAC under another label. */
    formToken(session: string): string {
      return mac(`form:${session}`);
    },
  };
}
export type People = ReturnType<typeof createPeople> extends Promise<infer P> ? P : never;
