import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName } from '../../preload/contract/channels';
import type { Role } from '../../preload/contract/roles';
import type { AuditEntry } from '../../preload/contract/schemas';
import { until } from '../testing/wait';
import {
  codeOf,
  createTestWorkstation,
  newSession,
  setUpAdmin,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import type { Session } from './session';

/**
 * Who may do what, where the role alone is not the whole rule: device roles are set up by a
 * supervisor or the admin; a print is confirmed only by the one who printed it (the admin prints
 * the daily report, so confirms too); personal data whole (a card's identity) never goes to the
 * admin, and in a case only to its clerk or a supervisor. Each refusal is audited as denied.
 */

let t: TestWorkstation;
const sessions = {} as Record<Role | 'clerk2', Session>;
const userIds = {} as Record<Role | 'clerk2', number>;

beforeAll(async () => {
  t = await createTestWorkstation({ config: { simulateDevices: true, devicePollMs: 20, readerIntervalMs: 10 } });
  const admin = await setUpAdmin(t.workstation);
  sessions.admin = admin.session;
  userIds.admin = admin.adminId;
  for (const [name, role] of [
    ['clerk', 'clerk'],
    ['clerk2', 'clerk'],
    ['advisor', 'advisor'],
    ['supervisor', 'supervisor'],
  ] as const) {
    const row = await t.workstation.services.staff.create({
      username: name,
      displayName: `${name} 同事`,
      role,
      windowNumber: 7,
      password: strongPassword,
      mustChangePassword: false,
    });
    const session = newSession();
    session.userId = row.id;
    sessions[name] = session;
    userIds[name] = row.id;
  }
  await t.workstation.router.call(sessions.admin, 'simulation.update', { readerHolds: 'resident_zhang' });
});
afterAll(() => t.dispose());

function call<K extends ChannelName>(who: keyof typeof sessions, channel: K, input: ChannelInput<K>) {
  return t.workstation.router.call(sessions[who], channel, input);
}

function lastEntry(action: string): AuditEntry | undefined {
  return t.workstation.services.audit.list({ limit: 1, action }).entries[0];
}

async function cardRead(): Promise<string> {
  const read = await until(() => t.workstation.services.devices.current());
  return read.readId;
}

describe('device roles: set up by a supervisor or the admin', () => {
  const input = { deviceId: 'serial:/dev/no-such-port', role: 'scanner' } as const;

  it.each(['clerk', 'advisor'] as const)('a %s is refused, and the refusal is audited', async (who) => {
    expect(codeOf(await call(who, 'devices.assignRole', input))).toBe('forbidden');
    expect(lastEntry('devices.assignRole')).toMatchObject({
      result: 'denied',
      code: 'forbidden',
      userId: userIds[who],
    });
  });

  it.each(['supervisor', 'admin'] as const)('a %s gets as far as the device', async (who) => {
    expect(codeOf(await call(who, 'devices.assignRole', input))).toBe('device_not_found');
  });
});

describe('print confirmation: only by whoever printed', () => {
  const report = { kind: 'daily_report', from: '2025-06-16', to: '2025-06-16' } as const;
  const browser = { backend: 'browser', name: '' } as const;

  async function printReport(who: 'supervisor' | 'admin'): Promise<number> {
    const printed = await call(who, 'printing.printReport', { ref: report, printer: browser });
    if (!printed.ok) throw new Error(printed.error.message);
    return printed.value.job.id;
  }

  it("refuses anyone else's answer (audited as denied) and takes the printer's own", async () => {
    const jobId = await printReport('supervisor');
    for (const who of ['clerk', 'admin'] as const) {
      const refused = await call(who, 'printing.confirm', { jobId, printed: true });
      expect(refused).toMatchObject({ ok: false, error: { code: 'print_job_of_other' } });
      expect(!refused.ok && refused.error.message).toContain('supervisor 同事');
      expect(lastEntry('printing.confirm')).toMatchObject({
        result: 'denied',
        code: 'print_job_of_other',
        userId: userIds[who],
        target: `print-job#${jobId}`,
      });
    }
    const mine = await call('supervisor', 'printing.confirm', { jobId, printed: true });
    expect(mine.ok && mine.value.state).toBe('succeeded');
  });

  it('lets the admin confirm the daily report the admin printed', async () => {
    const jobId = await printReport('admin');
    const mine = await call('admin', 'printing.confirm', { jobId, printed: false });
    expect(mine.ok && mine.value.state).toBe('failed');
  });
});

describe('personal data whole: never the admin; in a case, its clerk or a supervisor', () => {
  it('refuses the admin a card read, audited as a denied reveal; a clerk gets it', async () => {
    const readId = await cardRead();
    expect(codeOf(await call('admin', 'idcard.reveal', { readId }))).toBe('forbidden');
    expect(lastEntry('idcard.reveal')).toMatchObject({ result: 'denied', code: 'forbidden', userId: userIds.admin });
    const revealed = await call('clerk', 'idcard.reveal', { readId });
    expect(revealed.ok).toBe(true);
    expect(lastEntry('idcard.reveal')).toMatchObject({ result: 'ok', userId: userIds.clerk });
  });

  it("refuses another clerk the card in a clerk's case, audited as denied; the case's clerk and a supervisor get it", async () => {
    const created = await call('clerk', 'cases.create', { matterCode: null });
    if (!created.ok) throw new Error(created.error.message);
    const caseId = created.value.id;
    const readId = await cardRead();

    const other = await call('clerk2', 'cases.takeCard', { caseId, readId });
    expect(other).toMatchObject({ ok: false, error: { code: 'not_case_clerk' } });
    expect(!other.ok && other.error.message).toContain('clerk 同事');
    expect(lastEntry('cases.takeCard')).toMatchObject({
      result: 'denied',
      code: 'not_case_clerk',
      userId: userIds.clerk2,
      target: caseId,
    });
    expect(codeOf(await call('admin', 'cases.takeCard', { caseId, readId }))).toBe('forbidden');
    expect(lastEntry('cases.takeCard')).toMatchObject({ result: 'denied', userId: userIds.admin });

    for (const who of ['clerk', 'supervisor'] as const) {
      const taken = await call(who, 'cases.takeCard', { caseId, readId });
      expect(taken.ok).toBe(true);
      expect(lastEntry('cases.takeCard')).toMatchObject({ result: 'ok', userId: userIds[who], target: caseId });
    }
  });

  it("refuses the admin an applicant's earlier details, audited as denied", async () => {
    const result = await call('admin', 'cases.history', { kind: 'person', idNumber: '11010519491231002X' });
    expect(codeOf(result)).toBe('forbidden');
    expect(lastEntry('cases.history')).toMatchObject({ result: 'denied', userId: userIds.admin });
  });
});
