import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName } from '../../preload/contract/channels';
import { channels } from '../../preload/contract/channels';
import type { SessionState } from '../../preload/contract/schemas';
import { until } from '../testing/wait';
import {
  addClerk,
  codeOf,
  createTestWorkstation,
  newSession,
  setUpAdmin,
  strongPassword,
  type TestSession,
  type TestWorkstation,
} from '../testing/workstation';

/**
 * The idle lock is main's: through the real router on a clock the test moves, a session nobody
 * touches for the set minutes is locked, told so, and refused everything but unlock, sign-out and
 * the state until the password is given again. Reads (the screens' status polls) keep nobody awake.
 */

let t: TestWorkstation;
let clerk: TestSession;
let leaveHub: () => void;

beforeEach(async () => {
  // The sweep runs often here; the fake clock decides when a session is idle.
  t = await createTestWorkstation({ config: { idleSweepMs: 20 } });
  await setUpAdmin(t.workstation);
  await addClerk(t.workstation.services.staff, { username: 'zhou', displayName: '周', windowNumber: 7 });
  clerk = newSession();
  leaveHub = t.workstation.hub.add(clerk);
  expect(codeOf(await call('auth.signIn', { username: 'zhou', password: strongPassword }))).toBeNull();
});
afterEach(async () => {
  leaveHub();
  await t.dispose();
});

function call<K extends ChannelName>(channel: K, input: ChannelInput<K>, session: TestSession = clerk) {
  return t.workstation.router.call(session, channel, input);
}

const lockedPushes = (session: TestSession) =>
  session.events.filter((e) => e.event === 'session.changed' && (e.payload as SessionState).locked);

describe('main locks an idle session', () => {
  it('locks after the set minutes, on the first call after them, and says so', async () => {
    t.clock.advance(10 * 60_000 - 1_000);
    expect(codeOf(await call('cases.myDrafts', {}))).toBeNull();
    t.clock.advance(1_000);
    expect(codeOf(await call('cases.myDrafts', {}))).toBe('session_locked');
    expect(clerk.locked).toBe(true);
    expect(lockedPushes(clerk)).toHaveLength(1);
    const entry = t.workstation.services.audit.list({ limit: 1, action: 'session.lock' }).entries[0];
    expect(entry).toMatchObject({ username: 'zhou', target: 'idle', result: 'ok', detail: { by: 'main' } });
  });

  it('locks a session without any call, by its sweep, and pushes the locked state to its screen', async () => {
    t.clock.advance(10 * 60_000);
    await until(() => lockedPushes(clerk).length === 1, 2000, 'the sweep to lock the session');
    expect(clerk.locked).toBe(true);
  });

  it('is not kept awake by reads: status polls every minute still lock at ten', async () => {
    for (let minute = 1; minute < 10; minute++) {
      t.clock.advance(60_000);
      for (const poll of ['session.state', 'sync.status', 'devices.list', 'cases.unseenCount'] as const) {
        expect(codeOf(await call(poll, {}))).toBeNull();
      }
    }
    t.clock.advance(60_000);
    expect(codeOf(await call('sync.status', {}))).toBe('session_locked');
  });

  it("is kept awake by the screen's activity reports and by calls that change data", async () => {
    for (let i = 0; i < 4; i++) {
      t.clock.advance(9 * 60_000);
      expect(codeOf(await call('session.activity', {}))).toBeNull();
    }
    t.clock.advance(9 * 60_000);
    expect(codeOf(await call('cases.create', { matterCode: null }))).toBeNull();
    t.clock.advance(9 * 60_000);
    expect(codeOf(await call('cases.myDrafts', {}))).toBeNull();
    expect(clerk.locked).toBe(false);
  });

  it('takes its minutes from the workstation setting', async () => {
    const admin = newSession();
    await call('auth.signIn', { username: 'admin', password: strongPassword }, admin);
    expect(codeOf(await call('settings.update', { idleLockMinutes: 2 }, admin))).toBeNull();
    t.clock.advance(2 * 60_000);
    expect(codeOf(await call('cases.myDrafts', {}))).toBe('session_locked');
  });

  it('once locked, refuses every channel but unlock, sign-out and the state, until the password', async () => {
    t.clock.advance(10 * 60_000);
    expect(codeOf(await call('session.state', {}))).toBeNull();
    const open = (Object.keys(channels) as ChannelName[]).filter(
      (name) => channels[name].whenLocked || channels[name].access === 'public',
    );
    // Besides the public ones (the state, sign-in, set-up, ping): the lock screen's own.
    expect(open.filter((name) => channels[name].access !== 'public').sort()).toEqual([
      'auth.signOut',
      'session.lock',
      'session.unlock',
    ]);
    // The activity report does not wake a locked session: it is refused like the rest.
    expect(codeOf(await call('session.activity', {}))).toBe('session_locked');
    expect(codeOf(await call('cases.myDrafts', {}))).toBe('session_locked');
    expect(codeOf(await call('session.unlock', { password: 'Wrong#2025x' }))).toBe('bad_credentials_tries_left');
    expect(codeOf(await call('cases.myDrafts', {}))).toBe('session_locked');

    const unlocked = await call('session.unlock', { password: strongPassword });
    expect(unlocked.ok && unlocked.value.locked).toBe(false);
    // The minutes start again from the unlock.
    t.clock.advance(9 * 60_000);
    expect(codeOf(await call('cases.myDrafts', {}))).toBeNull();
  });

  it('leaves a signed-out screen alone', async () => {
    await call('auth.signOut', {});
    t.clock.advance(60 * 60_000);
    expect(codeOf(await call('session.state', {}))).toBeNull();
    expect(clerk.locked).toBe(false);
    expect(lockedPushes(clerk)).toHaveLength(0);
  });
});
