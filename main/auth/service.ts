import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import type { AuditService } from '../audit/service';
import type { StaffRow, StaffService } from '../staff/service';
import { decoyHash, hashPassword, isStrongPassword, verifyPassword } from '@yichuang/domain/passwords';
import { lockoutMinutes, maxFailedAttempts } from './policy';

export type AuthService = ReturnType<typeof createAuthService>;

/** Password checks with lockout, shared by sign-in and unlock. */
export function createAuthService(deps: { clock: Clock; staff: StaffService; audit: AuditService }) {
  const { clock, audit } = deps;

  function lockedError(until: Date): AppError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - clock.now().getTime()) / 60000));
    return new AppError('account_locked', { attempts: maxFailedAttempts, minutes });
  }

  /** Verifies the password of an account, counting failures and locking after the fifth. */
  function refuseIfLocked(row: StaffRow): void {
    if (row.lockedUntil && new Date(row.lockedUntil) > clock.now()) {
      throw lockedError(new Date(row.lockedUntil));
    }
  }

  async function checkPassword(row: StaffRow, password: string): Promise<StaffRow> {
    refuseIfLocked(row);
    const matches = await verifyPassword(password, row.passwordHash);
    // Other attempts may have run while scrypt worked: decide on the row as it is now, and count
    // failures in one statement, so parallel guesses cannot slip past the lockout.
    const current = deps.staff.byId(row.id);
    refuseIfLocked(current);
    if (matches) {
      if (current.disabled) throw new AppError('account_disabled');
      return deps.staff.clearFailures(row.id);
    }
    const failures = deps.staff.countFailure(row.id) ?? maxFailedAttempts;
    if (failures >= maxFailedAttempts) {
      const until = new Date(clock.now().getTime() + lockoutMinutes * 60000);
      deps.staff.lockUntil(row.id, until.toISOString());
      audit.append({
        userId: row.id,
        username: row.username,
        action: 'auth.accountLocked',
        target: row.username,
        result: 'ok',
        detail: { until: until.toISOString(), failures },
      });
      throw lockedError(until);
    }
    throw new AppError('bad_credentials_tries_left', { left: maxFailedAttempts - failures, minutes: lockoutMinutes });
  }

  return {
    /** Signs in by username and password; unknown names cost the same time as wrong passwords. */
    async signIn(username: string, password: string): Promise<StaffRow> {
      const row = deps.staff.byUsername(username);
      if (!row) {
        await verifyPassword(password, decoyHash);
        throw new AppError('bad_credentials');
      }
      const checked = await checkPassword(row, password);
      return deps.staff.recordSignIn(checked.id);
    },

    /** Unlocking the screen takes the same password check, lockout included. */
    async unlock(userId: number, password: string): Promise<StaffRow> {
      return checkPassword(deps.staff.byId(userId), password);
    },

    async changePassword(userId: number, currentPassword: string, newPassword: string): Promise<StaffRow> {
      const row = await checkPassword(deps.staff.byId(userId), currentPassword);
      if (!isStrongPassword(newPassword)) throw new AppError('weak_password');
      if (newPassword === currentPassword) {
        throw new AppError('password_unchanged');
      }
      return deps.staff.setOwnPassword(row.id, await hashPassword(newPassword));
    },
  };
}
