import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../preload/contract/errors';
import { createTestWorkstation, strongPassword, type TestWorkstation } from '../testing/workstation';

let t: TestWorkstation;
let clerkId: number;

beforeEach(async () => {
  t = await createTestWorkstation();
  const clerk = await t.workstation.services.staff.create({
    username: 'Zhang.San',
    displayName: '张三',
    role: 'clerk',
    windowNumber: 3,
    password: strongPassword,
    mustChangePassword: false,
  });
  clerkId = clerk.id;
});
afterEach(() => t.dispose());

/** The AppError a call rejects with (fails the test if it resolves or throws something else). */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function codeOfRejection(promise: Promise<unknown>): Promise<string> {
  return (await rejection(promise)).code;
}

function row() {
  return t.workstation.services.staff.byId(clerkId);
}

describe('auth service', () => {
  it('signs in case-insensitively by username and stamps the sign-in time', async () => {
    const { auth } = t.workstation.services;
    t.clock.advanceMinutes(3);
    const signedIn = await auth.signIn('ZHANG.SAN', strongPassword);
    expect(signedIn.id).toBe(clerkId);
    expect(signedIn.lastSignInAt).toBe('2025-06-16T01:03:00.000Z');
  });

  it('an unknown username is bad_credentials, with the generic message', async () => {
    const error = await rejection(t.workstation.services.auth.signIn('nobody', strongPassword));
    expect(error.code).toBe('bad_credentials');
    expect(error.message).toBe('用户名或密码错误：请重新输入');
  });

  it('counts failures, tells how many are left, and resets the count on success', async () => {
    const { auth } = t.workstation.services;
    const error = await rejection(auth.signIn('zhang.san', 'wrong'));
    expect(error.message).toBe('用户名或密码错误：再错 4 次账号将锁定 15 分钟');
    expect(await codeOfRejection(auth.signIn('zhang.san', 'wrong'))).toBe('bad_credentials_tries_left');
    expect(row().failedAttempts).toBe(2);
    await auth.signIn('zhang.san', strongPassword);
    expect(row().failedAttempts).toBe(0);
    // Four more wrong ones do not lock: the count started again.
    for (let i = 0; i < 4; i += 1)
      expect(await codeOfRejection(auth.signIn('zhang.san', 'wrong'))).toBe('bad_credentials_tries_left');
    expect(row().lockedUntil).toBeNull();
  });

  it('locks for 15 minutes after the fifth failure, with the minutes left in the message', async () => {
    const { auth } = t.workstation.services;
    for (let i = 0; i < 4; i += 1)
      expect(await codeOfRejection(auth.signIn('zhang.san', 'wrong'))).toBe('bad_credentials_tries_left');
    const fifth = await rejection(auth.signIn('zhang.san', 'wrong'));
    expect(fifth.code).toBe('account_locked');
    expect(fifth.message).toBe('账号已锁定：密码连续错误 5 次，请 15 分钟后再试，或请管理员重置密码');
    expect(row().lockedUntil).toBe('2025-06-16T01:15:00.000Z');

    t.clock.advanceMinutes(10);
    const later = await rejection(auth.signIn('zhang.san', strongPassword));
    expect(later.code).toBe('account_locked');
    expect(later.message).toContain('请 5 分钟后再试');

    t.clock.advanceMinutes(5);
    expect((await auth.signIn('zhang.san', strongPassword)).id).toBe(clerkId);
    expect(row().lockedUntil).toBeNull();
  });

  it('concurrent wrong passwords cannot get around the lockout', async () => {
    const { auth } = t.workstation.services;
    // Ten guesses at once (a WebSocket client need not wait for answers): at least the five allowed fail.
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => auth.signIn('zhang.san', 'wrong')));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(row().lockedUntil, 'ten concurrent wrong passwords must lock the account').not.toBeNull();
    // After five or more wrong passwords the account must be locked: the right password is refused now.
    expect(await codeOfRejection(auth.signIn('zhang.san', strongPassword))).toBe('account_locked');
  });

  it('unlock checks the same password with the same lockout', async () => {
    const { auth } = t.workstation.services;
    expect((await auth.unlock(clerkId, strongPassword)).id).toBe(clerkId);
    for (let i = 0; i < 4; i += 1)
      expect(await codeOfRejection(auth.unlock(clerkId, 'wrong'))).toBe('bad_credentials_tries_left');
    expect(await codeOfRejection(auth.unlock(clerkId, 'wrong'))).toBe('account_locked');
    expect(await codeOfRejection(auth.signIn('zhang.san', strongPassword))).toBe('account_locked');
  });

  it('changePassword needs the current password, a strong new one, and a different one', async () => {
    const { auth } = t.workstation.services;
    expect(await codeOfRejection(auth.changePassword(clerkId, 'wrong', 'Another#2026'))).toBe(
      'bad_credentials_tries_left',
    );
    expect(await codeOfRejection(auth.changePassword(clerkId, strongPassword, 'weakpassword'))).toBe('weak_password');
    const same = await rejection(auth.changePassword(clerkId, strongPassword, strongPassword));
    expect(same.code).toBe('password_unchanged');
    expect(same.message).toBe('新密码不能与当前密码相同：请换一个密码');
    await auth.changePassword(clerkId, strongPassword, 'Another#2026');
    expect(await codeOfRejection(auth.signIn('zhang.san', strongPassword))).toBe('bad_credentials_tries_left');
    expect((await auth.signIn('zhang.san', 'Another#2026')).id).toBe(clerkId);
  });

  it('a disabled account with the right password is account_disabled', async () => {
    const { auth, staff } = t.workstation.services;
    staff.update(clerkId, { disabled: true });
    expect(await codeOfRejection(auth.signIn('zhang.san', strongPassword))).toBe('account_disabled');
    expect(await codeOfRejection(auth.signIn('zhang.san', 'wrong'))).toBe('bad_credentials_tries_left');
  });
});
