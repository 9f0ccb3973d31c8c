import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { AppError } from '../../preload/contract/errors';
import type { Role } from '../../preload/contract/roles';
import { sessionUserSchema, type SessionUser, type Staff } from '../../preload/contract/schemas';
import type { Clock } from '../app/clock';
import { hashPassword, isStrongPassword } from '@yichuang/domain/passwords';
import { staff } from '../db/schema';

export type StaffRow = typeof staff.$inferSelect;

export interface NewStaff {
  username: string;
  displayName: string;
  role: Role;
  windowNumber: number | null;
  password: string;
  mustChangePassword: boolean;
}

export interface StaffChange {
  displayName?: string | undefined;
  role?: Role | undefined;
  windowNumber?: number | null | undefined;
  disabled?: boolean | undefined;
}

export function toStaff(row: StaffRow): Staff {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    windowNumber: row.windowNumber,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
  };
}

export function toSessionUser(row: StaffRow): SessionUser {
  return sessionUserSchema.parse(toStaff(row));
}

export type StaffService = ReturnType<typeof createStaffService>;

/** Staff accounts: who may sign in at this workstation, with which role and window. */
export function createStaffService(db: Db, clock: Clock) {
  function byId(id: number): StaffRow {
    const row = db.select().from(staff).where(eq(staff.id, id)).get();
    if (!row) throw new AppError('staff_not_found');
    return row;
  }

  function activeAdmins(): StaffRow[] {
    return db
      .select()
      .from(staff)
      .where(eq(staff.role, 'admin'))
      .all()
      .filter((row) => !row.disabled);
  }

  return {
    count(): number {
      return db.select({ id: staff.id }).from(staff).all().length;
    },

    list(): Staff[] {
      return db.select().from(staff).orderBy(asc(staff.username)).all().map(toStaff);
    },

    byId,

    byUsername(username: string): StaffRow | undefined {
      return db.select().from(staff).where(eq(staff.username, username.toLowerCase())).get();
    },

    /** The account behind a session, or null when it was removed or disabled since sign-in. */
    active(id: number): StaffRow | null {
      const row = db.select().from(staff).where(eq(staff.id, id)).get();
      return row && !row.disabled ? row : null;
    },

    /**
     * Adds an account. `firstAdmin` creates it only while there is no account at all (first run).
     * The checks and the insert run in one transaction after hashing, so two requests at once
     * cannot both pass them.
     */
    async create(input: NewStaff, options: { firstAdmin?: boolean } = {}): Promise<Staff> {
      if (!isStrongPassword(input.password)) throw new AppError('weak_password');
      const username = input.username.toLowerCase();
      const taken = () => new AppError('username_taken', { username }, { username: '用户名已被使用' });
      if (this.byUsername(username)) throw taken();
      const passwordHash = await hashPassword(input.password);
      const now = clock.now().toISOString();
      return db.transaction((tx) => {
        if (options.firstAdmin && tx.select({ id: staff.id }).from(staff).limit(1).get()) {
          throw new AppError('already_set_up');
        }
        if (tx.select({ id: staff.id }).from(staff).where(eq(staff.username, username)).get()) throw taken();
        const row = tx
          .insert(staff)
          .values({
            username,
            displayName: input.displayName,
            role: input.role,
            windowNumber: input.windowNumber,
            passwordHash,
            mustChangePassword: input.mustChangePassword,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        return toStaff(row);
      });
    },

    /** Changes role, window, name or the disabled flag; the last active admin cannot be removed. */
    update(id: number, change: StaffChange): { before: Staff; after: Staff } {
      const before = byId(id);
      const losesAdmin =
        before.role === 'admin' &&
        !before.disabled &&
        ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
      if (losesAdmin && activeAdmins().length <= 1) throw new AppError('last_admin');
      const set: Partial<StaffRow> = { updatedAt: clock.now().toISOString() };
      if (change.displayName !== undefined) set.displayName = change.displayName;
      if (change.role !== undefined) set.role = change.role;
      if (change.windowNumber !== undefined) set.windowNumber = change.windowNumber;
      if (change.disabled !== undefined) set.disabled = change.disabled;
      const after = db.update(staff).set(set).where(eq(staff.id, id)).returning().get();
      if (!after) throw new AppError('not_found');
      return { before: toStaff(before), after: toStaff(after) };
    },

    /** Sets a temporary password the person must change at next sign-in; also lifts a lockout. */
    async resetPassword(id: number, temporaryPassword: string): Promise<Staff> {
      byId(id);
      if (!isStrongPassword(temporaryPassword)) throw new AppError('weak_password');
      const passwordHash = await hashPassword(temporaryPassword);
      const row = db
        .update(staff)
        .set({
          passwordHash,
          mustChangePassword: true,
          failedAttempts: 0,
          lockedUntil: null,
          updatedAt: clock.now().toISOString(),
        })
        .where(eq(staff.id, id))
        .returning()
        .get();
      if (!row) throw new AppError('not_found');
      return toStaff(row);
    },

    // The sign-in bookkeeping the auth service asks for (this service is the one writer of staff).

    /** A correct password: the failure count starts again. */
    clearFailures(id: number): StaffRow {
      const row = db
        .update(staff)
        .set({ failedAttempts: 0, lockedUntil: null })
        .where(eq(staff.id, id))
        .returning()
        .get();
      if (!row) throw new AppError('not_found');
      return row;
    },

    /** A wrong password, counted in one statement (parallel guesses cannot slip past); the new count. */
    countFailure(id: number): number | null {
      return (
        db
          .update(staff)
          .set({ failedAttempts: sql`${staff.failedAttempts} + 1` })
          .where(eq(staff.id, id))
          .returning({ failedAttempts: staff.failedAttempts })
          .get()?.failedAttempts ?? null
      );
    },

    /** Locks the account until the given instant (ISO), the count starting again after it. */
    lockUntil(id: number, until: string): void {
      db.update(staff).set({ failedAttempts: 0, lockedUntil: until }).where(eq(staff.id, id)).run();
    },

    recordSignIn(id: number): StaffRow {
      const row = db
        .update(staff)
        .set({ lastSignInAt: clock.now().toISOString() })
        .where(eq(staff.id, id))
        .returning()
        .get();
      if (!row) throw new AppError('not_found');
      return row;
    },

    /** A password the person chose (already checked for strength and hashed). */
    setOwnPassword(id: number, passwordHash: string): StaffRow {
      const row = db
        .update(staff)
        .set({ passwordHash, mustChangePassword: false, updatedAt: clock.now().toISOString() })
        .where(eq(staff.id, id))
        .returning()
        .get();
      if (!row) throw new AppError('not_found');
      return row;
    },
  };
}
