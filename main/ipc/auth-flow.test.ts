import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../preload/contract/channels';
import type { Result } from '../../preload/contract/envelope';
import type { AuditEntry } from '../../preload/contract/schemas';
import {
  codeOf,
  createTestWorkstation,
  newSession,
  sampleWindow,
  setUpAdmin,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import type { Session } from './session';
import { defaultWorkstationSettings } from '../settings/service';

/** The whole sign-in story through the router, as the UI drives it. */

let t: TestWorkstation;

beforeEach(async () => {
  t = await createTestWorkstation();
});
afterEach(() => t.dispose());

function call<K extends ChannelName>(
  session: Session,
  channel: K,
  input: ChannelInput<K>,
): Promise<Result<ChannelOutput<K>>> {
  return t.workstation.router.call(session, channel, input);
}

/** Calls and expects success, returning the typed value. */
async function ok<K extends ChannelName>(
  session: Session,
  channel: K,
  input: ChannelInput<K>,
): Promise<ChannelOutput<K>> {
  const result = await call(session, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function codeFor<K extends ChannelName>(
  session: Session,
  channel: K,
  input: ChannelInput<K>,
): Promise<string | null> {
  return codeOf(await call(session, channel, input));
}

function entries(filter: { action?: string; username?: string; result?: AuditEntry['result'] } = {}): AuditEntry[] {
  return t.workstation.services.audit.list({ limit: 500, ...filter }).entries;
}

function lastEntry(action: string): AuditEntry | undefined {
  return entries({ action })[0];
}

/** Admin creates a colleague through the router (temporary password: must change it). */
async function createStaff(
  admin: Session,
  username: string,
  role: 'clerk' | 'advisor' | 'supervisor' | 'admin' = 'clerk',
) {
  return ok(admin, 'staff.create', {
    username,
    displayName: username,
    role,
    windowNumber: 3,
    password: strongPassword,
  });
}

describe('first-run set-up', () => {
  it('before set-up: the state says so and sign-in answers not_set_up', async () => {
    const session = newSession();
    const state = await ok(session, 'session.state', {});
    expect(state).toMatchObject({ user: null, locked: false, needsSetup: true, window: null, defaultLocale: 'zh-CN' });
    expect(state.serverTime).toBe('2025-06-16T01:00:00.000Z');
    expect(await codeFor(session, 'auth.signIn', { username: 'admin', password: strongPassword })).toBe('not_set_up');
    expect(lastEntry('auth.signIn')).toMatchObject({ result: 'failed', code: 'not_set_up', username: 'admin' });
  });

  it('initialize creates the admin, stores the window and signs in', async () => {
    const session = newSession();
    const state = await ok(session, 'setup.initialize', {
      admin: { username: 'Wang.Admin', displayName: ' 王管理 ', password: strongPassword },
      window: sampleWindow,
    });
    expect(state.user).toEqual({
      id: session.userId,
      username: 'wang.admin',
      displayName: '王管理',
      role: 'admin',
      windowNumber: 7,
      mustChangePassword: false,
    });
    expect(state).toMatchObject({ locked: false, needsSetup: false, window: sampleWindow });
    expect(session.userId).not.toBeNull();
    expect(await ok(session, 'staff.list', {})).toHaveLength(1);
    expect(lastEntry('setup.initialize')).toMatchObject({
      result: 'ok',
      userId: session.userId,
      username: 'wang.admin',
      detail: { window: sampleWindow },
    });
    // The new admin can sign in elsewhere with that password.
    expect(
      (await ok(newSession(), 'auth.signIn', { username: 'WANG.ADMIN', password: strongPassword })).user?.role,
    ).toBe('admin');
  });

  it('a second initialize answers already_set_up and changes nothing', async () => {
    await setUpAdmin(t.workstation);
    const other = newSession();
    const result = await call(other, 'setup.initialize', {
      admin: { username: 'intruder', displayName: 'X', password: strongPassword },
      window: { ...sampleWindow, windowNumber: 99 },
    });
    expect(codeOf(result)).toBe('already_set_up');
    expect(other.userId).toBeNull();
    expect(t.workstation.services.staff.count()).toBe(1);
    expect(t.workstation.services.settings.get().windowNumber).toBe(7);
    expect(lastEntry('setup.initialize')).toMatchObject({
      result: 'failed',
      code: 'already_set_up',
      target: 'intruder',
    });
  });

  it('two set-ups racing each other create only one admin', async () => {
    const [a, b] = [newSession(), newSession()];
    const results = await Promise.all([
      call(a, 'setup.initialize', {
        admin: { username: 'first', displayName: 'A', password: strongPassword },
        window: sampleWindow,
      }),
      call(b, 'setup.initialize', {
        admin: { username: 'second', displayName: 'B', password: strongPassword },
        window: sampleWindow,
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map(codeOf)).toContain('already_set_up');
    expect(t.workstation.services.staff.count()).toBe(1);
  });

  it('a weak admin password is refused and nothing is created', async () => {
    const session = newSession();
    for (const password of ['Abc12!x', 'alllowercase', 'ALLUPPER123', 'lower123456']) {
      const result = await call(session, 'setup.initialize', {
        admin: { username: 'admin', displayName: 'A', password },
        window: sampleWindow,
      });
      expect(codeOf(result)).toBe('weak_password');
    }
    expect(session.userId).toBeNull();
    expect(t.workstation.services.staff.count()).toBe(0);
    expect((await ok(session, 'session.state', {})).needsSetup).toBe(true);
  });
});

describe('staff and passwords', () => {
  let admin: Session;
  beforeEach(async () => {
    admin = (await setUpAdmin(t.workstation)).session;
  });

  it('staff.create makes an account with a temporary password and audits it without secrets', async () => {
    const created = await createStaff(admin, 'Zhang');
    expect(created).toMatchObject({
      username: 'zhang',
      role: 'clerk',
      windowNumber: 3,
      disabled: false,
      mustChangePassword: true,
    });
    expect(created).not.toHaveProperty('passwordHash');
    expect(lastEntry('staff.create')).toMatchObject({
      result: 'ok',
      username: 'admin',
      userId: admin.userId,
      target: 'zhang', // audit targets name the account as stored (lower case)
      detail: { role: 'clerk', windowNumber: 3 },
    });
    expect(
      await codeFor(admin, 'staff.create', {
        username: 'zhang',
        displayName: 'z',
        role: 'clerk',
        windowNumber: null,
        password: strongPassword,
      }),
    ).toBe('username_taken');
    const everything = JSON.stringify(entries());
    expect(everything).not.toContain(strongPassword);
    expect(everything).not.toContain('scrypt$');
  });

  it('two creates of the same username at once: one succeeds, the other is a conflict', async () => {
    const input = {
      username: 'liu',
      displayName: '李',
      role: 'clerk' as const,
      windowNumber: null,
      password: strongPassword,
    };
    const results = await Promise.all([call(admin, 'staff.create', input), call(admin, 'staff.create', input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map(codeOf)).toContain('username_taken');
  });

  it('weak passwords are refused everywhere a password is set', async () => {
    const zhang = await createStaff(admin, 'zhang');
    const weak = ['Abc12!x', 'abcdefgh', 'ABCDEFGH1', 'abcd1234'];
    for (const password of weak) {
      expect(
        await codeFor(admin, 'staff.create', {
          username: 'liu',
          displayName: 'l',
          role: 'clerk',
          windowNumber: null,
          password,
        }),
      ).toBe('weak_password');
      expect(await codeFor(admin, 'staff.resetPassword', { id: zhang.id, temporaryPassword: password })).toBe(
        'weak_password',
      );
      expect(
        await codeFor(admin, 'auth.changePassword', { currentPassword: strongPassword, newPassword: password }),
      ).toBe('weak_password');
    }
    expect(
      await codeFor(admin, 'staff.create', {
        username: 'liu',
        displayName: 'l',
        role: 'clerk',
        windowNumber: null,
        password: 'abcd123!',
      }),
    ).toBeNull();
  });

  it('a temporary password must be changed before anything else', async () => {
    await createStaff(admin, 'zhang');
    const clerk = newSession();
    const state = await ok(clerk, 'auth.signIn', { username: 'zhang', password: strongPassword });
    expect(state.user?.mustChangePassword).toBe(true);
    expect(await codeFor(clerk, 'settings.get', {})).toBe('must_change_password');
    const changed = await ok(clerk, 'auth.changePassword', {
      currentPassword: strongPassword,
      newPassword: 'Another#2026',
    });
    expect(changed.user?.mustChangePassword).toBe(false);
    expect((await ok(clerk, 'settings.get', {})).windowNumber).toBe(7);
    expect(await codeFor(newSession(), 'auth.signIn', { username: 'zhang', password: strongPassword })).toBe(
      'bad_credentials_tries_left',
    );
  });

  it('settings.update is audited with exactly the changed fields', async () => {
    const after = await ok(admin, 'settings.update', { hallName: '淄博市民中心', idleLockMinutes: 5, windowNumber: 7 });
    expect(after).toEqual({
      ...sampleWindow,
      hallName: '淄博市民中心',
      idleLockMinutes: 5,
      defaultLocale: 'zh-CN',
      simulateDevices: false,
      extraSerialPorts: [],
      hotFolder: '',
      hallAddress: defaultWorkstationSettings.hallAddress,
      hallPhone: defaultWorkstationSettings.hallPhone,
      progressUrlTemplate: defaultWorkstationSettings.progressUrlTemplate,
      reconsiderationBody: '张店区人民政府',
      supplementDays: 15,
      a4Printer: null,
      ticketPrinter: '',
      syncMaxServerErrors: 5,
      hallUrl: '',
      retentionDays: 180,
      ratingDays: 5,
      ratingUrlTemplate: '',
      citizenNotices: defaultWorkstationSettings.citizenNotices,
    });
    expect(lastEntry('settings.update')).toMatchObject({
      result: 'ok',
      username: 'admin',
      detail: { hallName: { from: '张店区市民中心', to: '淄博市民中心' }, idleLockMinutes: { from: 10, to: 5 } },
    });
    expect(Object.keys(lastEntry('settings.update')!.detail!).sort()).toEqual(['hallName', 'idleLockMinutes']);
    expect((await ok(newSession(), 'session.state', {})).idleLockMinutes).toBe(5);
  });
});

describe('sign-in lockout', () => {
  let admin: Session;
  let zhangId: number;
  beforeEach(async () => {
    admin = (await setUpAdmin(t.workstation)).session;
    zhangId = (await createStaff(admin, 'zhang')).id;
  });

  it('four wrong passwords are bad_credentials, the fifth locks for 15 minutes', async () => {
    const session = newSession();
    for (let i = 1; i <= 4; i += 1) {
      const result = await call(session, 'auth.signIn', { username: 'zhang', password: `Wrong#${i}xyz` });
      expect(codeOf(result)).toBe('bad_credentials_tries_left');
      if (!result.ok) expect(result.error.message).toContain(`再错 ${5 - i} 次`);
    }
    expect(await codeFor(session, 'auth.signIn', { username: 'zhang', password: 'Wrong#5xyz' })).toBe('account_locked');
    expect(session.userId).toBeNull();

    // Even the right password is refused while locked…
    expect(await codeFor(session, 'auth.signIn', { username: 'zhang', password: strongPassword })).toBe(
      'account_locked',
    );
    t.clock.advanceMinutes(14);
    t.clock.advance(59_000);
    expect(await codeFor(session, 'auth.signIn', { username: 'zhang', password: strongPassword })).toBe(
      'account_locked',
    );
    // …and accepted once 15 minutes have passed.
    t.clock.advance(1_000);
    const state = await ok(session, 'auth.signIn', { username: 'zhang', password: strongPassword });
    expect(state.user?.id).toBe(zhangId);
    expect(session.userId).toBe(zhangId);

    const signIns = entries({ action: 'auth.signIn', username: 'zhang' });
    expect(signIns.map((e) => [e.result, e.code])).toEqual([
      ['ok', null],
      ['failed', 'account_locked'],
      ['failed', 'account_locked'],
      ['failed', 'account_locked'],
      ['failed', 'bad_credentials_tries_left'],
      ['failed', 'bad_credentials_tries_left'],
      ['failed', 'bad_credentials_tries_left'],
      ['failed', 'bad_credentials_tries_left'],
    ]);
    expect(signIns[0]).toMatchObject({ userId: zhangId, target: 'zhang' });
    expect(signIns[7]).toMatchObject({ userId: null, username: 'zhang', target: 'zhang' });
    expect(lastEntry('auth.accountLocked')).toMatchObject({
      result: 'ok',
      userId: zhangId,
      username: 'zhang',
      target: 'zhang',
      detail: { until: '2025-06-16T01:15:00.000Z', failures: 5 },
    });
  });

  it('records the typed username of a failed sign-in for an unknown account', async () => {
    expect(await codeFor(newSession(), 'auth.signIn', { username: 'Ghost', password: 'whatever' })).toBe(
      'bad_credentials',
    );
    expect(lastEntry('auth.signIn')).toMatchObject({
      result: 'failed',
      code: 'bad_credentials',
      userId: null,
      username: 'ghost',
    });
  });

  it('an admin password reset lifts the lockout and sets mustChangePassword', async () => {
    for (let i = 0; i < 5; i += 1)
      await call(newSession(), 'auth.signIn', { username: 'zhang', password: 'Wrong#1xyz' });
    expect(await codeFor(newSession(), 'auth.signIn', { username: 'zhang', password: strongPassword })).toBe(
      'account_locked',
    );

    const reset = await ok(admin, 'staff.resetPassword', { id: zhangId, temporaryPassword: 'Temporary#1' });
    expect(reset).toMatchObject({ id: zhangId, mustChangePassword: true, lockedUntil: null });
    expect(lastEntry('staff.resetPassword')).toMatchObject({ result: 'ok', username: 'admin', target: 'zhang' });
    expect(JSON.stringify(entries())).not.toContain('Temporary#1');

    // No waiting: the temporary password works at once, and must be changed first.
    const clerk = newSession();
    expect(await codeFor(clerk, 'auth.signIn', { username: 'zhang', password: strongPassword })).toBe(
      'bad_credentials_tries_left',
    );
    const state = await ok(clerk, 'auth.signIn', { username: 'zhang', password: 'Temporary#1' });
    expect(state.user).toMatchObject({ id: zhangId, mustChangePassword: true });
    expect(await codeFor(clerk, 'settings.get', {})).toBe('must_change_password');
    await ok(clerk, 'auth.changePassword', { currentPassword: 'Temporary#1', newPassword: 'Another#2026' });
    expect(await ok(clerk, 'settings.get', {})).toMatchObject({ windowNumber: 7 });
  });
});

describe('screen lock', () => {
  let admin: Session;
  beforeEach(async () => {
    admin = (await setUpAdmin(t.workstation)).session;
  });

  it('a locked session refuses staff channels until unlocked with the right password', async () => {
    const locked = await ok(admin, 'session.lock', { reason: 'idle' });
    expect(locked.locked).toBe(true);
    expect(admin.locked).toBe(true);
    expect(lastEntry('session.lock')).toMatchObject({
      result: 'ok',
      target: 'idle',
      username: 'admin',
      userId: admin.userId,
    });

    expect(await codeFor(admin, 'staff.list', {})).toBe('session_locked');
    expect(await codeFor(admin, 'settings.get', {})).toBe('session_locked');
    expect(await codeFor(admin, 'audit.list', { limit: 10 })).toBe('session_locked');
    expect((await ok(admin, 'session.state', {})).locked).toBe(true);

    expect(await codeFor(admin, 'session.unlock', { password: 'Wrong#1xyz' })).toBe('bad_credentials_tries_left');
    expect(admin.locked).toBe(true);
    expect(lastEntry('session.unlock')).toMatchObject({
      result: 'failed',
      code: 'bad_credentials_tries_left',
      username: 'admin',
    });

    const unlocked = await ok(admin, 'session.unlock', { password: strongPassword });
    expect(unlocked.locked).toBe(false);
    expect(await ok(admin, 'staff.list', {})).toHaveLength(1);
    expect(lastEntry('session.unlock')).toMatchObject({ result: 'ok', username: 'admin' });
  });

  it('five wrong unlocks lock the account and sign the session out', async () => {
    const supervisor = await t.workstation.services.staff.create({
      username: 'zhao',
      displayName: '赵',
      role: 'supervisor',
      windowNumber: 2,
      password: strongPassword,
      mustChangePassword: false,
    });
    const session = newSession();
    await ok(session, 'auth.signIn', { username: 'zhao', password: strongPassword });
    await ok(session, 'session.lock', { reason: 'manual' });
    for (let i = 0; i < 4; i += 1)
      expect(await codeFor(session, 'session.unlock', { password: 'Wrong#1xyz' })).toBe('bad_credentials_tries_left');
    expect(session.userId).toBe(supervisor.id);
    expect(await codeFor(session, 'session.unlock', { password: 'Wrong#1xyz' })).toBe('account_locked');

    expect(session.userId).toBeNull();
    expect(session.locked).toBe(false);
    expect(await ok(session, 'session.state', {})).toMatchObject({ user: null, locked: false });
    expect(await codeFor(session, 'audit.list', { limit: 10 })).toBe('unauthenticated');
    expect(await codeFor(session, 'auth.signIn', { username: 'zhao', password: strongPassword })).toBe(
      'account_locked',
    );
    expect(lastEntry('auth.accountLocked')).toMatchObject({ username: 'zhao', userId: supervisor.id });
    // The failed unlock that ended the session is still attributed to the person.
    expect(lastEntry('session.unlock')).toMatchObject({
      result: 'failed',
      code: 'account_locked',
      userId: supervisor.id,
      username: 'zhao',
    });
  });

  it('sign-out ends the session', async () => {
    const state = await ok(admin, 'auth.signOut', {});
    expect(state.user).toBeNull();
    expect(admin.userId).toBeNull();
    expect(await codeFor(admin, 'settings.get', {})).toBe('unauthenticated');
    expect(lastEntry('auth.signOut')).toMatchObject({ result: 'ok', username: 'admin' });
  });
});

describe('disabling and the last admin', () => {
  let admin: Session;
  let adminId: number;
  beforeEach(async () => {
    ({ session: admin, adminId } = await setUpAdmin(t.workstation));
  });

  it('a disabled account cannot sign in and its open session ends', async () => {
    const zhao = await t.workstation.services.staff.create({
      username: 'zhao',
      displayName: '赵',
      role: 'clerk',
      windowNumber: 2,
      password: strongPassword,
      mustChangePassword: false,
    });
    const clerk = newSession();
    await ok(clerk, 'auth.signIn', { username: 'zhao', password: strongPassword });
    expect(await ok(clerk, 'settings.get', {})).toMatchObject({ windowNumber: 7 });

    const disabled = await ok(admin, 'staff.update', { id: zhao.id, disabled: true });
    expect(disabled.disabled).toBe(true);
    expect(lastEntry('staff.update')).toMatchObject({
      result: 'ok',
      username: 'admin',
      target: 'zhao',
      detail: { disabled: { from: false, to: true } },
    });

    expect(await codeFor(clerk, 'settings.get', {})).toBe('unauthenticated');
    expect(clerk.userId).toBeNull();
    expect((await ok(clerk, 'session.state', {})).user).toBeNull();
    expect(await codeFor(newSession(), 'auth.signIn', { username: 'zhao', password: strongPassword })).toBe(
      'account_disabled',
    );
    expect(lastEntry('auth.signIn')).toMatchObject({ result: 'failed', code: 'account_disabled', username: 'zhao' });

    await ok(admin, 'staff.update', { id: zhao.id, disabled: false });
    expect((await ok(newSession(), 'auth.signIn', { username: 'zhao', password: strongPassword })).user?.id).toBe(
      zhao.id,
    );
  });

  it('the last active admin can be neither disabled nor demoted', async () => {
    expect(await codeFor(admin, 'staff.update', { id: adminId, disabled: true })).toBe('last_admin');
    expect(await codeFor(admin, 'staff.update', { id: adminId, role: 'supervisor' })).toBe('last_admin');
    expect(lastEntry('staff.update')).toMatchObject({
      result: 'failed',
      code: 'last_admin',
      target: `staff#${adminId}`,
    });
    expect(t.workstation.services.staff.byId(adminId)).toMatchObject({ role: 'admin', disabled: false });
    // Harmless changes to the last admin are fine.
    expect((await ok(admin, 'staff.update', { id: adminId, displayName: '新名字', role: 'admin' })).displayName).toBe(
      '新名字',
    );

    // A disabled second admin does not count.
    const second = await createStaff(admin, 'qian', 'admin');
    await ok(admin, 'staff.update', { id: second.id, disabled: true });
    expect(await codeFor(admin, 'staff.update', { id: adminId, role: 'clerk' })).toBe('last_admin');

    // An active second admin does.
    await ok(admin, 'staff.update', { id: second.id, disabled: false });
    const demoted = await ok(admin, 'staff.update', { id: adminId, role: 'clerk' });
    expect(demoted.role).toBe('clerk');
    expect(lastEntry('staff.update')).toMatchObject({ detail: { role: { from: 'admin', to: 'clerk' } } });
    // The demoted admin's own session loses admin rights at once; the other admin is now the last one.
    expect(await codeFor(admin, 'staff.list', {})).toBe('forbidden');
    expect(t.workstation.services.staff.update(second.id, { displayName: 'q' }).after.role).toBe('admin');
    expect(() => t.workstation.services.staff.update(second.id, { disabled: true })).toThrow(/最后一个管理员/);
  });
});
