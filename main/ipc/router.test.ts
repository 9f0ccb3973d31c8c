import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../preload/contract/channels';
import { channels } from '../../preload/contract/channels';
import { emptyDraft } from '@yichuang/domain/cases';
import type { Result } from '../../preload/contract/envelope';
import { AppError, type ErrorCode } from '../../preload/contract/errors';
import { mayAccess, roles, type Role } from '../../preload/contract/roles';
import {
  createTestWorkstation,
  newSession,
  sampleWindow,
  setUpAdmin,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import { workstationHandlers } from '../app/services';
import { createIdleLock } from '../auth/idle-lock';
import { createRouter, type CallContext, type Handlers, type Router } from './router';
import type { Session } from './session';

const channelNames = Object.keys(channels) as ChannelName[];

type AnyHandler = (ctx: CallContext, input: unknown) => unknown;

/** The real handlers, each wrapped to record that it ran (and with what input). */
function spyOnHandlers(real: Handlers): { handlers: Handlers; calls: { channel: string; input: unknown }[] } {
  const calls: { channel: string; input: unknown }[] = [];
  const wrapped: Record<string, AnyHandler> = {};
  for (const [channel, fn] of Object.entries(real) as [ChannelName, AnyHandler][]) {
    wrapped[channel] = (ctx, input) => {
      calls.push({ channel, input });
      return fn(ctx, input);
    };
  }
  return { handlers: wrapped as unknown as Handlers, calls };
}

interface Harness {
  t: TestWorkstation;
  router: Router;
  calls: { channel: string; input: unknown }[];
  userIds: Record<Role, number>;
  usernames: Record<Role, string>;
}

/** A workstation with one active user per role (none must change the password) and a spying router. */
async function harness(overrides: Partial<Record<ChannelName, AnyHandler>> = {}): Promise<Harness> {
  const t = await createTestWorkstation();
  const { adminId } = await setUpAdmin(t.workstation);
  const userIds = { admin: adminId } as Record<Role, number>;
  const usernames = { admin: 'admin' } as Record<Role, string>;
  for (const role of roles) {
    if (role === 'admin') continue;
    const staff = await t.workstation.services.staff.create({
      username: `${role}1`,
      displayName: role,
      role,
      windowNumber: 3,
      password: strongPassword,
      mustChangePassword: false,
    });
    userIds[role] = staff.id;
    usernames[role] = staff.username;
  }
  const spy = spyOnHandlers({ ...workstationHandlers(t.workstation.services), ...overrides } as Handlers);
  const router = createRouter({
    handlers: spy.handlers,
    staff: t.workstation.services.staff,
    audit: t.workstation.services.audit,
    log: t.workstation.log,
    idle: createIdleLock({ clock: t.clock, minutes: () => 10 }),
  });
  return { t, router, calls: spy.calls, userIds, usernames };
}

function sessionFor(userId: number | null, options: { locked?: boolean } = {}): Session {
  const session = newSession();
  session.userId = userId;
  session.locked = options.locked ?? false;
  return session;
}

function codeOf(result: Result<unknown>): ErrorCode | null {
  return result.ok ? null : result.error.code;
}

let uniqueCounter = 0;
const noSuchCase = '0b9f2a57-6a1e-4c1b-9d0e-2f3a4b5c6d7e';

/** A valid input for every channel (the mapped type makes a new channel a compile error here). */
const validInput: { [K in ChannelName]: () => ChannelInput<K> } = {
  'system.ping': () => ({}),
  'session.state': () => ({}),
  'session.lock': () => ({ reason: 'manual' }),
  'session.activity': () => ({}),
  'session.unlock': () => ({ password: 'not-the-password' }),
  'setup.initialize': () => ({
    admin: { username: 'second', displayName: '第二', password: strongPassword },
    window: sampleWindow,
  }),
  'auth.signIn': () => ({ username: 'nobody', password: 'not-the-password' }),
  'auth.signOut': () => ({}),
  'auth.changePassword': () => ({ currentPassword: 'not-the-password', newPassword: 'Another#2026' }),
  'staff.list': () => ({}),
  'staff.create': () => ({
    username: `new${++uniqueCounter}`,
    displayName: '新同事',
    role: 'clerk',
    windowNumber: null,
    password: strongPassword,
  }),
  'staff.update': () => ({ id: 99999, displayName: '没有这个人' }),
  'staff.resetPassword': () => ({ id: 99999, temporaryPassword: strongPassword }),
  'settings.get': () => ({}),
  'settings.update': () => ({ hallName: '张店区市民中心' }),
  'audit.list': () => ({ limit: 5 }),
  'audit.verify': () => ({}),
  'devices.list': () => ({}),
  'devices.refresh': () => ({}),
  'devices.assignRole': () => ({ deviceId: 'serial:/dev/no-such-port', role: 'scanner' }),
  'devices.selfTest': () => ({ deviceId: 'serial:/dev/no-such-port' }),
  'devices.addNetworkPrinter': () => ({ address: 'not a printer address' }),
  'devices.removeNetworkPrinter': () => ({ deviceId: 'tcp:127.0.0.1:9' }),
  'devices.decodeFrames': () => ({ hex: 'AA AA AA 96 69 00 03 20 01 22' }),
  'documentScanners.list': () => ({}),
  'documentScanners.add': () => ({ address: 'ftp://10.0.0.5/eSCL' }),
  'documentScanners.remove': () => ({ scannerId: 'escl:http://127.0.0.1:9/eSCL' }),
  'documentScanners.discover': () => ({}),
  'documentScanners.setDefaults': () => ({ scannerId: 'escl:http://127.0.0.1:9/eSCL', settings: null }),
  'documentScanners.selfTest': () => ({ scannerId: 'escl:http://127.0.0.1:9/eSCL' }),
  'documentScanners.preset': () => ({ itemId: 'id-card' }),
  'documentScanners.scan': () => ({ itemId: 'id-card' }),
  'documentScanners.jobs': () => ({ jobIds: ['no-such-job'] }),
  'documentScanners.cancel': () => ({ jobId: 'no-such-job' }),
  'idcard.current': () => ({}),
  'idcard.readNow': () => ({}),
  'idcard.reveal': () => ({ readId: '6f1c7c1e-2b7a-4a53-9f64-1d2b3c4d5e6f' }),
  'printer.printTicket': () => ({ number: 'A001', matter: '居住证' }),
  'simulation.get': () => ({}),
  'simulation.update': () => ({ readerHolds: 'none' }),
  'simulation.scan': () => ({ code: '6901234567892' }),
  'catalog.list': () => ({}),
  'calendar.info': () => ({}),
  'calendar.promisedDate': () => ({ days: 5 }),
  'cases.create': () => ({ matterCode: null }),
  'cases.saveDraft': () => ({ caseId: noSuchCase, revision: 1, draft: emptyDraft() }),
  'cases.get': () => ({ caseId: noSuchCase }),
  'cases.myDrafts': () => ({}),
  'cases.decide': () => ({ caseId: noSuchCase, revision: 1, decision: { kind: 'accept' } }),
  'cases.resume': () => ({ caseId: noSuchCase }),
  'cases.discard': () => ({ caseId: noSuchCase }),
  'cases.list': () => ({ offset: 0, limit: 10 }),
  'cases.unseenCount': () => ({}),
  'cases.seen': () => ({ caseId: noSuchCase }),
  'cases.history': () => ({ kind: 'person', idNumber: '11010519491231002X' }),
  'cases.takeCard': () => ({ caseId: noSuchCase, readId: '6f1c7c1e-2b7a-4a53-9f64-1d2b3c4d5e6f' }),
  // An EXE named .pdf: refused by content.
  'materials.import': () => ({ name: 'scan.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]) }),
  'materials.read': () => ({ sha256: '0'.repeat(64) }),
  'materials.hotFolder': () => ({}),
  'documents.preview': () => ({ kind: 'receipt', caseId: noSuchCase }),
  'printing.printers': () => ({}),
  'printing.print': () => ({ ref: { kind: 'receipt', caseId: noSuchCase }, printer: { backend: 'browser', name: '' } }),
  // A different report each call: a browser print stays pending until answered, and a second
  // print of the same pending document is refused.
  'printing.printReport': () => ({
    ref: {
      kind: 'daily_report',
      from: '2026-01-01',
      to: `2026-01-${String(1 + (++uniqueCounter % 28)).padStart(2, '0')}`,
    },
    printer: { backend: 'browser', name: '' },
  }),
  'printing.confirm': () => ({ jobId: 99999, printed: true }),
  'printing.history': () => ({ caseId: noSuchCase }),
  'reports.daily': () => ({ from: '2026-01-01', to: '2026-01-31' }),
  'reports.pdf': () => ({ from: '2026-01-01', to: '2026-01-31' }),
  'reports.csv': () => ({ from: '2026-01-01', to: '2026-01-31' }),
  'sync.status': () => ({}),
  'sync.items': () => ({}),
  'sync.retry': () => ({ id: 99999 }),
  'sync.now': () => ({}),
  // Nothing listens on port 9: enrolment fails with a clear message and changes nothing.
  'sync.enrol': () => ({ centralUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH-JKLM' }),
  'security.status': () => ({}),
  'security.recovery': () => ({}),
  'security.recoverySaved': () => ({}),
  'security.renewRecovery': () => ({}),
  'retention.upcoming': () => ({}),
  'queue.status': () => ({}),
  'queue.callNext': () => ({}),
  'queue.recall': () => ({ ticketId: '00000000-0000-4000-8000-000000000000' }),
  'queue.act': () => ({ ticketId: '00000000-0000-4000-8000-000000000000', action: 'serve' as const }),
  'queue.transfer': () => ({ ticketId: '00000000-0000-4000-8000-000000000000', toQueue: 'B' }),
  'queue.walkIn': () => ({}),
  'queue.rejoin': () => ({ number: 'A007' }),
  'queue.board': () => ({}),
  'queue.queues': () => ({}),
  'queue.issue': () => ({ queue: 'A', tapKey: '00000000-0000-4000-8000-000000000000' }),
  'queue.checkIn': () => ({ code: 'ABC123' }),
  'queue.setWindowQueues': () => ({ window: 3, queues: ['A'] }),
  'queue.closeQueue': () => ({ letter: 'A', closed: true }),
  'queue.displayAddress': () => ({}),
  'citizen.hello': () => ({}),
  'citizen.rate': () => ({ promptId: 'p1', rating: { level: 'satisfied', reasons: [], text: '' } }),
  'citizen.pair': () => ({ code: '123456' }),
  'citizen.unpair': () => ({}),
  'citizen.show': () => ({ caseId: null }),
  'citizen.status': () => ({}),
  'citizen.preview': () => ({}),
  'citizen.chooseDisplay': () => ({ displayId: null }),
};

/** What each channel answers to the input above for a signed-in, unlocked user allowed to call it. */
const answerWhenAllowed: Record<ChannelName, ErrorCode | 'ok'> = {
  'system.ping': 'ok',
  'session.state': 'ok',
  'session.lock': 'ok',
  'session.activity': 'ok',
  'session.unlock': 'ok', // not locked: nothing to unlock
  'setup.initialize': 'already_set_up',
  'auth.signIn': 'bad_credentials',
  'auth.signOut': 'ok',
  'auth.changePassword': 'bad_credentials_tries_left',
  'staff.list': 'ok',
  'staff.create': 'ok',
  'staff.update': 'staff_not_found',
  'staff.resetPassword': 'staff_not_found',
  'settings.get': 'ok',
  'settings.update': 'ok',
  'audit.list': 'ok',
  'audit.verify': 'ok',
  // No device is attached and simulation is off in this workstation.
  'devices.list': 'ok',
  'devices.refresh': 'ok',
  'devices.assignRole': 'device_not_found',
  'devices.selfTest': 'device_not_found',
  'devices.addNetworkPrinter': 'printer_address_invalid',
  'devices.removeNetworkPrinter': 'device_not_found',
  'devices.decodeFrames': 'ok',
  // No document scanner is known, and the test workstation's only route is eSCL (no network look).
  'documentScanners.list': 'ok',
  'documentScanners.add': 'docscan_address',
  'documentScanners.remove': 'docscan_not_found',
  'documentScanners.discover': 'ok',
  'documentScanners.setDefaults': 'docscan_not_found',
  'documentScanners.selfTest': 'docscan_not_found',
  'documentScanners.preset': 'ok',
  'documentScanners.scan': 'docscan_none',
  'documentScanners.jobs': 'ok',
  'documentScanners.cancel': 'ok',
  'idcard.current': 'ok',
  'idcard.readNow': 'device_not_found',
  'idcard.reveal': 'idcard_read_expired',
  'printer.printTicket': 'device_not_found',
  'simulation.get': 'ok',
  'simulation.update': 'simulation_disabled',
  'simulation.scan': 'simulation_disabled',
  'catalog.list': 'ok',
  'calendar.info': 'ok',
  'calendar.promisedDate': 'ok',
  'cases.create': 'ok',
  'cases.saveDraft': 'case_not_found',
  'cases.get': 'case_not_found',
  'cases.myDrafts': 'ok',
  'cases.decide': 'case_not_found',
  'cases.resume': 'case_not_found',
  'cases.discard': 'case_not_found',
  'cases.list': 'ok',
  'cases.unseenCount': 'ok',
  'cases.seen': 'case_not_found',
  'cases.history': 'ok',
  'cases.takeCard': 'case_not_found',
  'materials.import': 'material_looks_like',
  'materials.read': 'material_not_found',
  'materials.hotFolder': 'ok',
  'documents.preview': 'case_not_found',
  'printing.printers': 'ok',
  'printing.print': 'case_not_found',
  'printing.printReport': 'ok',
  'printing.confirm': 'print_record_not_found',
  'printing.history': 'ok',
  'reports.daily': 'ok',
  'reports.pdf': 'ok',
  'reports.csv': 'ok',
  'sync.status': 'ok',
  'sync.items': 'ok',
  'sync.retry': 'outbox_not_retryable', // no such item
  'sync.now': 'ok', // not enrolled: nothing to do
  'sync.enrol': 'enrol_failed', // central unreachable
  'security.status': 'ok',
  'security.recovery': 'ok',
  'security.recoverySaved': 'ok',
  'security.renewRecovery': 'ok',
  'retention.upcoming': 'ok',
  // Not enrolled at central: the hall is not known, the window says so and works without tickets.
  'queue.status': 'ok',
  'queue.callNext': 'hall_not_enrolled',
  'queue.recall': 'hall_not_enrolled',
  'queue.act': 'hall_not_enrolled',
  'queue.transfer': 'hall_not_enrolled',
  'queue.walkIn': 'hall_not_enrolled',
  'queue.rejoin': 'hall_not_enrolled',
  'queue.board': 'hall_not_enrolled',
  'queue.queues': 'hall_not_enrolled',
  'queue.issue': 'hall_not_enrolled',
  'queue.checkIn': 'hall_not_enrolled',
  'queue.setWindowQueues': 'hall_not_enrolled',
  'queue.closeQueue': 'hall_not_enrolled',
  'queue.displayAddress': 'hall_not_enrolled',
  'citizen.hello': 'forbidden', // a signed-in screen is a clerk's: no pairing code
  'citizen.rate': 'forbidden',
  'citizen.pair': 'citizen_code_unknown',
  'citizen.unpair': 'ok',
  'citizen.show': 'ok',
  'citizen.status': 'ok',
  'citizen.preview': 'ok',
  'citizen.chooseDisplay': 'citizen_display_unknown', // the browser host has no displays to choose
};

const gateCodes: ErrorCode[] = ['forbidden', 'unauthenticated', 'session_locked', 'must_change_password'];

describe('router: role enforcement on every channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.t.dispose());

  it('the contract lists the channels this test knows', () => {
    expect(channelNames.sort()).toEqual(Object.keys(validInput).sort());
  });

  describe.each(channelNames)('%s', (channel) => {
    const spec = channels[channel];

    it('signed out: unauthenticated exactly when not public, and the handler does not run', async () => {
      h.calls.length = 0;
      const result = await h.router.call(sessionFor(null), channel, validInput[channel]());
      if (spec.access === 'public') {
        expect(gateCodes).not.toContain(codeOf(result));
        expect(h.calls.map((c) => c.channel)).toEqual([channel]);
      } else {
        expect(codeOf(result)).toBe('unauthenticated');
        expect(h.calls).toEqual([]);
      }
    });

    it.each(roles)('as %s: forbidden exactly when the role may not call it', async (role) => {
      h.calls.length = 0;
      const before = h.t.workstation.services.audit.list({ limit: 1 });
      const result = await h.router.call(sessionFor(h.userIds[role]), channel, validInput[channel]());
      if (mayAccess(spec.access, role)) {
        expect(h.calls.map((c) => c.channel)).toEqual([channel]);
        const expected = answerWhenAllowed[channel];
        if (expected === 'ok') expect(result).toMatchObject({ ok: true });
        else expect(codeOf(result)).toBe(expected);
      } else {
        expect(result).toEqual({
          ok: false,
          error: { code: 'forbidden', message: '您的角色无权进行此操作：如需办理请联系值班长或管理员' },
        });
        expect(h.calls).toEqual([]);
        const after = h.t.workstation.services.audit.list({ limit: 1 });
        expect(after.total).toBe(before.total + 1);
        expect(after.entries[0]).toMatchObject({
          action: channel,
          result: 'denied',
          code: 'forbidden',
          userId: h.userIds[role],
          username: h.usernames[role],
        });
      }
    });
  });

  it('checks the role before the input: a forbidden role with bad input is still forbidden', async () => {
    h.calls.length = 0;
    const result = await h.router.dispatch(sessionFor(h.userIds.clerk), 'staff.create', { nonsense: true });
    expect(codeOf(result)).toBe('forbidden');
    expect(h.calls).toEqual([]);
  });

  it('reads the role fresh from the database on every call', async () => {
    const { staff } = h.t.workstation.services;
    const session = sessionFor(h.userIds.clerk);
    expect(codeOf(await h.router.call(session, 'audit.verify', {}))).toBe('forbidden');
    staff.update(h.userIds.clerk, { role: 'supervisor' });
    try {
      expect(await h.router.call(session, 'audit.verify', {})).toMatchObject({ ok: true });
    } finally {
      staff.update(h.userIds.clerk, { role: 'clerk' });
    }
    expect(codeOf(await h.router.call(session, 'audit.verify', {}))).toBe('forbidden');
  });
});

describe('router: locked session', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.t.dispose());

  it.each(channelNames)('%s answers session_locked exactly when not callable while locked', async (channel) => {
    const spec = channels[channel];
    h.calls.length = 0;
    const session = sessionFor(h.userIds.admin, { locked: true });
    const result = await h.router.call(session, channel, validInput[channel]());
    if (spec.whenLocked || spec.access === 'public') {
      expect(codeOf(result)).not.toBe('session_locked');
      expect(h.calls.map((c) => c.channel)).toEqual([channel]);
    } else {
      expect(codeOf(result)).toBe('session_locked');
      expect(h.calls).toEqual([]);
      expect(session.locked).toBe(true);
    }
  });

  it('session_locked comes before the role check', async () => {
    const result = await h.router.call(sessionFor(h.userIds.clerk, { locked: true }), 'staff.list', {});
    expect(codeOf(result)).toBe('session_locked');
  });
});

describe('router: temporary password must be changed first', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    await h.t.workstation.services.staff.resetPassword(h.userIds.supervisor, 'Temporary#1');
  });
  afterAll(() => h.t.dispose());

  it.each(channelNames)(
    '%s answers must_change_password exactly when not allowed before the change',
    async (channel) => {
      const spec = channels[channel];
      h.calls.length = 0;
      const result = await h.router.call(sessionFor(h.userIds.supervisor), channel, validInput[channel]());
      if (spec.beforePasswordChange || spec.access === 'public') {
        expect(codeOf(result)).not.toBe('must_change_password');
        expect(h.calls.map((c) => c.channel)).toEqual([channel]);
      } else {
        expect(codeOf(result)).toBe('must_change_password');
        expect(h.calls).toEqual([]);
      }
    },
  );
});

describe('router: contract validation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.t.dispose());

  const admin = () => sessionFor(h.userIds.admin);

  async function expectInvalid(channel: string, input: unknown, fields: Record<string, string | RegExp>) {
    h.calls.length = 0;
    const result = await h.router.dispatch(admin(), channel, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toBe('输入有误：请按提示修改后重试');
    expect(result.error.fields).toBeDefined();
    for (const [path, message] of Object.entries(fields)) {
      expect(result.error.fields?.[path]).toEqual(
        typeof message === 'string' ? message : expect.stringMatching(message),
      );
    }
    expect(h.calls).toEqual([]);
  }

  it('rejects wrong types', async () => {
    await expectInvalid('auth.signIn', { username: 5, password: 'x' }, { username: /./ });
    await expectInvalid('staff.update', { id: '1', displayName: 'x' }, { id: /./ });
    await expectInvalid('staff.update', { id: 1.5 }, { id: /./ });
    await expectInvalid('session.lock', { reason: 'coffee' }, { reason: /./ });
    await expectInvalid('staff.create', { ...validInput['staff.create'](), role: 'root' }, { role: /./ });
    await expectInvalid(
      'staff.create',
      { ...validInput['staff.create'](), windowNumber: '3' },
      { windowNumber: '窗口号须为数字' },
    );
  });

  it('rejects values outside the rules with the Chinese message of the rule', async () => {
    await expectInvalid(
      'staff.create',
      { ...validInput['staff.create'](), windowNumber: 0 },
      { windowNumber: '窗口号为 1–999' },
    );
    await expectInvalid(
      'staff.create',
      { ...validInput['staff.create'](), username: 'a b' },
      {
        username: '用户名为 3–32 位字母、数字或 . _ -',
      },
    );
    await expectInvalid('settings.update', { idleLockMinutes: 500 }, { idleLockMinutes: '最多 120 分钟' });
    await expectInvalid(
      'settings.update',
      { districtCode: '3703' },
      { districtCode: '区划代码为 6 位数字，例如 370303' },
    );
    await expectInvalid('auth.signIn', { username: 'admin', password: '' }, { password: '请输入密码' });
    await expectInvalid('audit.list', { limit: 1000 }, { limit: /./ });
    await expectInvalid(
      'setup.initialize',
      { admin: { username: 'x', displayName: '', password: 'p' }, window: sampleWindow },
      {
        'admin.username': '用户名为 3–32 位字母、数字或 . _ -',
        'admin.displayName': '请输入姓名',
      },
    );
  });

  it('rejects missing fields', async () => {
    await expectInvalid('auth.signIn', { username: 'admin' }, { password: /./ });
    await expectInvalid('session.unlock', {}, { password: /./ });
    await expectInvalid(
      'setup.initialize',
      { admin: { username: 'admin', displayName: 'A', password: strongPassword } },
      { window: /./ },
    );
    await expectInvalid('staff.resetPassword', { id: 1 }, { temporaryPassword: /./ });
  });

  it('rejects extra keys', async () => {
    await expectInvalid('system.ping', { extra: 1 }, { _: /./ });
    await expectInvalid('auth.signIn', { username: 'admin', password: 'x', role: 'admin' }, { _: /./ });
    await expectInvalid('staff.update', { id: 1, passwordHash: 'x' }, { _: /./ });
    await expectInvalid('settings.update', { idleLockMinutes: 5, theme: 'dark' }, { _: /./ });
    await expectInvalid(
      'setup.initialize',
      { admin: { username: 'admin', displayName: 'A', password: strongPassword, role: 'admin' }, window: sampleWindow },
      { admin: /./ },
    );
  });

  it('rejects inputs that are not objects', async () => {
    for (const input of [null, undefined, 'x', 42, [], [{}]]) await expectInvalid('session.state', input, {});
  });

  it('passes the parsed input (trimmed, defaults filled) to the handler', async () => {
    h.calls.length = 0;
    const result = await h.router.call(admin(), 'audit.list', {});
    expect(result.ok).toBe(true);
    expect(h.calls).toEqual([{ channel: 'audit.list', input: { limit: 100 } }]);
  });

  it.each([
    'nope',
    'system',
    'system.pong',
    'System.ping',
    ' system.ping',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '',
  ])('answers unknown_channel for %j without calling anything', async (channel) => {
    h.calls.length = 0;
    const result = await h.router.dispatch(admin(), channel, {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: '程序内部请求无效：请重启一窗，若仍出现请联系技术支持' },
    });
    expect(h.calls).toEqual([]);
  });

  it('dispatch takes what a transport delivers unchecked; call answers with the channel’s own type', async () => {
    expect(await h.router.dispatch(admin(), 'system.ping', {})).toEqual({ ok: true, value: { pong: true } });
    expect(codeOf(await h.router.dispatch(admin(), 'system.ping', 'not an object'))).toBe('invalid_input');
    expect(codeOf(await h.router.dispatch(admin(), 'system.ping', undefined))).toBe('invalid_input');
    const typed = await h.router.call(admin(), 'settings.get', {});
    expectTypeOf(typed).toEqualTypeOf<Result<ChannelOutput<'settings.get'>>>();
    expect(typed.ok && typed.value.windowNumber).toBe(7);
  });
});

describe('router: handler failures', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({
      'settings.get': () => ({ idleLockMinutes: 'soon' }),
      'settings.update': () => {
        throw new Error('disk on fire');
      },
      'staff.resetPassword': () => {
        throw new AppError('conflict', undefined, { id: '冲突' });
      },
      'session.lock': () => ({ bogus: true }),
    });
  });
  afterAll(() => h.t.dispose());

  const admin = () => sessionFor(h.userIds.admin);
  const lastEntry = () => h.t.workstation.services.audit.list({ limit: 1 }).entries[0];

  it('an answer outside the output schema becomes internal (and is audited for audited channels)', async () => {
    expect(await h.router.call(admin(), 'settings.get', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: '系统内部错误：请重试；如仍失败请联系技术支持' },
    });
    expect(codeOf(await h.router.call(admin(), 'session.lock', { reason: 'manual' }))).toBe('internal');
    expect(lastEntry()).toMatchObject({ action: 'session.lock', result: 'failed', code: 'internal', target: 'manual' });
  });

  it('a thrown Error becomes internal without leaking its message, and is audited as failed', async () => {
    const result = await h.router.call(admin(), 'settings.update', { hallName: 'x' });
    expect(codeOf(result)).toBe('internal');
    expect(JSON.stringify(result)).not.toContain('disk on fire');
    expect(lastEntry()).toMatchObject({
      action: 'settings.update',
      result: 'failed',
      code: 'internal',
      username: 'admin',
    });
  });

  it('a thrown AppError keeps its code, message and fields, and is audited with its code', async () => {
    const result = await h.router.call(admin(), 'staff.resetPassword', { id: 5, temporaryPassword: strongPassword });
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: '与现有记录冲突：请修改后重试', fields: { id: '冲突' } },
    });
    expect(lastEntry()).toMatchObject({
      action: 'staff.resetPassword',
      result: 'failed',
      code: 'conflict',
      target: 'staff#5',
    });
  });

  it('reads (audit: false) are not audited when they succeed', async () => {
    const before = h.t.workstation.services.audit.list({ limit: 1 }).total;
    expect(await h.router.call(admin(), 'staff.list', {})).toMatchObject({ ok: true });
    expect(await h.router.call(admin(), 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    expect(h.t.workstation.services.audit.list({ limit: 1 }).total).toBe(before);
  });
});
