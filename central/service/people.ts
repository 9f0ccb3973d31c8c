import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { decoyHash, hashPassword, verifyPassword } from '@yichuang/domain/passwords';
import type { CentralDb } from '../db/connect';
import { people } from '../db/schema';
import { CentralError, notFound, type Refusal } from './errors';
import type { CentralAudit } from './audit';
import type { Sessions } from './sessions';

export type PersonRole = 'approver' | 'admin';
export interface Person {
  id: number;
  username: string;
  displayName: string;
  role: PersonRole;
  department: string;
}
/** A person as the people page lists them: also when they were added and whether they are disabled. */
export interface PersonEntry extends Person {
  createdAt: string;
  disabledAt: string | null;
}

export const minPasswordLength = 10;

/** A password for someone who has none yet (first start, or a reset without one typed): 12 characters, shown once. */
export function generatePassword(): string {
  return randomBytes(9).toString('base64url');
}

const usernamePattern = /^[a-z0-9_.-]{2,40}$/;

/** What is wrong with a new person's fields, or null (the page checks before asking). */
export function personProblem(input: {
  username: string;
  displayName: string;
  department: string;
  password: string;
}): Refusal | null {
  if (!usernamePattern.test(input.username.trim().toLowerCase())) return { key: 'person.usernameInvalid' };
  return (
    displayNameProblem(input.displayName) ?? departmentProblem(input.department) ?? passwordProblem(input.password)
  );
}

function displayNameProblem(name: string): Refusal | null {
  const text = name.trim();
  if (!text) return { key: 'person.displayNameMissing' };
  return [...text].length > 40 ? { key: 'person.displayNameTooLong', params: { max: 40 } } : null;
}

export function departmentProblem(department: string): Refusal | null {
  return [...department.trim()].length > 60 ? { key: 'person.departmentTooLong', params: { max: 60 } } : null;
}

export function passwordProblem(password: string): Refusal | null {
  return password.length < minPasswordLength
    ? { key: 'person.passwordTooShort', params: { min: minPasswordLength } }
    : null;
}

function invalid(problem: Refusal | null): void {
  if (problem) throw new CentralError(400, 'invalid_input', problem.key, problem.params);
}

/**
 * Approvers and administrators of the approver page: scrypt password hashes (the workstation's
 * own). Their sessions are service/sessions.ts's; disabling someone or resetting their password
 * ends every session they had.
 */
export function createPeople(deps: { db: CentralDb; now: () => Date; audit: CentralAudit; sessions: Sessions }) {
  const { db, now, audit, sessions } = deps;
  const toPerson = (row: typeof people.$inferSelect): Person => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    department: row.department,
  });
  const toEntry = (row: typeof people.$inferSelect): PersonEntry => ({
    ...toPerson(row),
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  });

  async function rowOf(id: number) {
    const row = (await db.select().from(people).where(eq(people.id, id)))[0];
    if (!row) throw notFound('notFound.person');
    return row;
  }

  /** Other administrators who can still sign in (an account change must never leave none). */
  async function otherActiveAdmins(id: number): Promise<number> {
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.role, 'admin'), isNull(people.disabledAt), ne(people.id, id)));
    return rows.length;
  }

  return {
    async create(
      input: { username: string; displayName: string; role: PersonRole; password: string; department?: string },
      by: string,
    ) {
      const username = input.username.trim().toLowerCase();
      const department = (input.department ?? '').trim();
      invalid(personProblem({ ...input, department }));
      const rows = await db
        .insert(people)
        .values({
          username,
          displayName: input.displayName.trim(),
          role: input.role,
          department,
          passwordHash: await hashPassword(input.password),
          createdAt: now().toISOString(),
        })
        .onConflictDoNothing()
        .returning();
      const row = rows[0];
      if (!row) throw new CentralError(409, 'username_taken', 'person.usernameTaken', { username });
      await audit.record({
        actorKind: 'admin',
        actor: by,
        action: 'person.create',
        target: username,
        detail: { role: input.role, department },
      });
      return toPerson(row);
    },

    async count(): Promise<number> {
      return (await db.select({ id: people.id }).from(people)).length;
    },

    /** Everyone, the ones who can sign in first, then by username. */
    async list(): Promise<PersonEntry[]> {
      const rows = await db.select().from(people).orderBy(asc(people.username));
      return rows.map(toEntry).sort((a, b) => Number(a.disabledAt !== null) - Number(b.disabledAt !== null));
    },

    async get(id: number): Promise<PersonEntry | null> {
      const row = (await db.select().from(people).where(eq(people.id, id)))[0];
      return row ? toEntry(row) : null;
    },

    /** The department an approver decides for ('' = all departments). */
    async setDepartment(id: number, department: string, by: string): Promise<void> {
      const text = department.trim();
      invalid(departmentProblem(text));
      const row = await rowOf(id);
      if (row.department === text) return;
      await db.update(people).set({ department: text }).where(eq(people.id, id));
      await audit.record({
        actorKind: 'admin',
        actor: by,
        action: 'person.department',
        target: row.username,
        detail: { from: row.department, to: text },
      });
    },

    /** A new password (the caller shows it once or the administrator typed it); their sessions end. Never audited. */
    async resetPassword(id: number, password: string, by: string): Promise<void> {
      invalid(passwordProblem(password));
      const row = await rowOf(id);
      await db
        .update(people)
        .set({ passwordHash: await hashPassword(password) })
        .where(eq(people.id, id));
      await sessions.endAll(id);
      await audit.record({
        actorKind: 'admin',
        actor: by,
        action: 'person.password_reset',
        target: row.username,
        detail: null,
      });
    },

    /**
     * Disabled: no more sign-in, and every session of theirs ends; never the last administrator who
     * can sign in. Enabled: they may sign in again with the password they had.
     */
    async setDisabled(id: number, disabled: boolean, by: string): Promise<void> {
      const row = await rowOf(id);
      if (Boolean(row.disabledAt) === disabled) return;
      if (disabled && row.role === 'admin' && (await otherActiveAdmins(id)) === 0) {
        throw new CentralError(409, 'last_admin', 'person.lastAdmin');
      }
      await db
        .update(people)
        .set({ disabledAt: disabled ? now().toISOString() : null })
        .where(eq(people.id, id));
      if (disabled) await sessions.endAll(id);
      await audit.record({
        actorKind: 'admin',
        actor: by,
        action: disabled ? 'person.disable' : 'person.enable',
        target: row.username,
        detail: null,
      });
    },

    /** The person for a username and password, or null (an unknown or disabled name costs one scrypt too). */
    async verify(username: string, password: string): Promise<Person | null> {
      const row = (await db.select().from(people).where(eq(people.username, username.trim().toLowerCase())))[0];
      const ok = await verifyPassword(password, row?.passwordHash ?? decoyHash);
      return row && ok && !row.disabledAt ? toPerson(row) : null;
    },

    /** Someone who may use the approver page now (a session's person): null when gone or disabled. */
    async active(id: number): Promise<Person | null> {
      const row = (await db.select().from(people).where(eq(people.id, id)))[0];
      return row && !row.disabledAt ? toPerson(row) : null;
    },

    /** How many administrators there are (none: central waits for its first, through the setup page). */
    async adminCount(): Promise<number> {
      return (await db.select({ id: people.id }).from(people).where(eq(people.role, 'admin'))).length;
    },
  };
}
export type People = ReturnType<typeof createPeople>;
