import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../preload/contract/channels';
import type { CardRead, DeviceInfo, Scan } from '../../preload/contract/devices';
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
import { sampleCards } from './idcard/sample-cards';
import { until } from '../testing/wait';

/** The devices as the UI drives them: simulated devices, through the router, with the events a session receives. */

let t: TestWorkstation;
let admin: TestSession;

beforeEach(async () => {
  t = await createTestWorkstation({ config: { simulateDevices: true, devicePollMs: 20, readerIntervalMs: 10 } });
  admin = newSession();
  await setUpAdmin(t.workstation, admin);
  t.workstation.hub.add(admin);
  await ok('simulation.update', { readerHolds: 'resident_zhang' });
});
afterEach(() => t.dispose());

async function ok<K extends ChannelName>(
  channel: K,
  input: ChannelInput<K>,
  session = admin,
): Promise<ChannelOutput<K>> {
  const result = await t.workstation.router.call(session, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function eventsOf<T>(session: TestSession, name: string): T[] {
  return session.events.filter((e) => e.event === name).map((e) => e.payload as T);
}

const reader = (devices: DeviceInfo[]) => devices.find((d) => d.id === 'sim:idcard');
const latestDevices = () => eventsOf<DeviceInfo[]>(admin, 'devices.changed').at(-1) ?? [];

describe('devices through the router (simulated)', () => {
  it('lists the three simulated devices, labelled simulated, each in its role', async () => {
    const devices = await ok('devices.list', {});
    expect(devices.map((d) => [d.id, d.role, d.simulated, d.transport])).toEqual([
      ['sim:idcard', 'idcard', true, 'simulated'],
      ['sim:scanner', 'scanner', true, 'simulated'],
      ['sim:printer', 'printer', true, 'simulated'],
    ]);
  });

  it('announces a card once, masked, and a new card again', async () => {
    const first = await until(() => eventsOf<CardRead>(admin, 'idcard.read')[0]);
    const zhang = sampleCards.resident_zhang;
    expect(first.identity.name).toBe(zhang.name);
    expect(first.identity.idNumber).toBe(`${zhang.idNumber.slice(0, 6)}********${zhang.idNumber.slice(-4)}`);
    expect(JSON.stringify(admin.events)).not.toContain(zhang.idNumber);
    expect(first).toMatchObject({ expired: false, simulated: true, deviceId: 'sim:idcard', fingerprint: false });
    expect(first.photo).toEqual({ present: true, bytes: 1024, dataUrl: null });

    await new Promise((r) => setTimeout(r, 150)); // many read cycles with the card still there
    expect(eventsOf(admin, 'idcard.read')).toHaveLength(1);

    await ok('simulation.update', { readerHolds: 'resident_expired' });
    const second = await until(() => eventsOf<CardRead>(admin, 'idcard.read')[1]);
    expect(second.expired).toBe(true);
    expect((await ok('idcard.current', {}))!.readId).toBe(second.readId);
  });

  it('reveals the whole number on request (to a clerk, never the admin), and audits the reveal without the number', async () => {
    const read = await until(() => eventsOf<CardRead>(admin, 'idcard.read')[0]);
    const refused = await t.workstation.router.call(admin, 'idcard.reveal', { readId: read.readId });
    expect(codeOf(refused)).toBe('forbidden');
    const clerk = newSession();
    clerk.userId = (
      await addClerk(t.workstation.services.staff, { username: 'lin', displayName: '林', windowNumber: 7 })
    ).id;
    const identity = await ok('idcard.reveal', { readId: read.readId }, clerk);
    expect(identity.idNumber).toBe(sampleCards.resident_zhang.idNumber);
    const audit = await ok('audit.list', { action: 'idcard.reveal', limit: 5 });
    expect(audit.entries[0]).toMatchObject({ result: 'ok', target: `card-read#${read.readId}` });
    expect(JSON.stringify(audit.entries[0])).not.toContain(sampleCards.resident_zhang.idNumber);
    expect(audit.entries[0]!.detail).toMatchObject({ idNumber: read.identity.idNumber });
  });

  it('reads type I and type J cards with their own fields', async () => {
    await until(() => eventsOf<CardRead>(admin, 'idcard.read')[0]);
    await ok('simulation.update', { readerHolds: 'foreign_permanent' });
    const foreign = await until(() => eventsOf<CardRead>(admin, 'idcard.read')[1]);
    expect(foreign.identity.cardType).toBe('foreign_permanent');
    await ok('simulation.update', { readerHolds: 'hk_macao_taiwan' });
    const permit = await until(() => eventsOf<CardRead>(admin, 'idcard.read')[2]);
    expect(permit.identity.cardType).toBe('hk_macao_taiwan');
    if (permit.identity.cardType === 'hk_macao_taiwan') {
      const real = sampleCards.hk_macao_taiwan;
      expect(real.cardType === 'hk_macao_taiwan' && permit.identity.passNumber).not.toBe(
        real.cardType === 'hk_macao_taiwan' && real.passNumber,
      );
    }
  });

  it('sends card reads only to signed-in, unlocked screens', async () => {
    await until(() => eventsOf<CardRead>(admin, 'idcard.read')[0]);
    const stranger = newSession();
    t.workstation.hub.add(stranger);
    const colleague = newSession();
    await ok('auth.signIn', { username: 'admin', password: strongPassword }, colleague);
    t.workstation.hub.add(colleague);
    await ok('session.lock', { reason: 'manual' });

    t.workstation.services.devices.simulation.place('resident_li');
    const seen = await until(() => eventsOf<CardRead>(colleague, 'idcard.read')[0]);
    expect(seen.identity.name).toBe(sampleCards.resident_li.name);
    expect(eventsOf(stranger, 'idcard.read')).toHaveLength(0);
    expect(eventsOf(admin, 'idcard.read')).toHaveLength(1); // only the read before the lock
  });

  it('shows SAM failures and corrupted frames as the reader status, with a Chinese message', async () => {
    await ok('simulation.update', { readerHolds: 'sam_failure' });
    const failed = await until(() => {
      const r = reader(latestDevices());
      return r?.status.code === 'idcard_sam_failed' && r;
    });
    expect(failed.status.state).toBe('error');
    expect(failed.status.message).toMatch(/SAM/);
    await ok('simulation.update', { readerHolds: 'corrupted_frame' });
    await until(() => reader(latestDevices())?.status.code === 'idcard_frame_corrupt');
    await ok('simulation.update', { readerHolds: 'none' });
    await until(() => reader(latestDevices())?.status.state === 'no_card');
  });

  it('follows an unplug and a replug, and reads again after it', async () => {
    await until(() => eventsOf<CardRead>(admin, 'idcard.read')[0]);
    await ok('simulation.update', { plugged: { idcard: false } });
    const gone = await until(() => reader(latestDevices())?.status.state === 'disconnected' && reader(latestDevices()));
    expect(gone).toMatchObject({ connected: false, status: { code: 'device_disconnected' } });
    expect(codeOf(await t.workstation.router.call(admin, 'idcard.readNow', {}))).toBe('device_not_found');

    await ok('simulation.update', { plugged: { idcard: true }, readerHolds: 'resident_li' });
    const back = await until(() => eventsOf<CardRead>(admin, 'idcard.read')[1]);
    expect(back.identity.name).toBe(sampleCards.resident_li.name);
    expect(reader(await ok('devices.list', {}))?.connected).toBe(true);
  });

  it('self-tests the reader (SAM status and id) and the printer (status and a test ticket)', async () => {
    const readerTest = await ok('devices.selfTest', { deviceId: 'sim:idcard' });
    expect(readerTest.ok).toBe(true);
    // Steps and details come as codes (or data), never as Chinese sentences: the screen words them.
    const samId = t.workstation.services.devices.simulation.reader.samId;
    expect(readerTest.steps).toEqual([
      { name: 'samStatus', ok: true, detail: { kind: 'note', note: 'samOk' } },
      { name: 'samId', ok: true, detail: { kind: 'data', value: samId } },
    ]);
    expect(reader(await ok('devices.list', {}))?.samId).toBe(samId);

    const printerTest = await ok('devices.selfTest', { deviceId: 'sim:printer' });
    expect(printerTest).toEqual({
      deviceId: 'sim:printer',
      ok: true,
      steps: [
        { name: 'printerStatus', ok: true, detail: { kind: 'note', note: 'paperOk' } },
        { name: 'testTicket', ok: true, detail: { kind: 'note', note: 'ticketSent' } },
      ],
    });
    const preview = (await ok('simulation.get', {})).printerPreview;
    expect(preview).toContain('测试');
    expect(preview).toContain('[CUT');
  });

  it('self-tests the scanner, and names a failing SAM by its error code', async () => {
    const scannerTest = await ok('devices.selfTest', { deviceId: 'sim:scanner' });
    expect(scannerTest.steps).toEqual([
      { name: 'connection', ok: true, detail: { kind: 'note', note: 'connectedHidPos' } },
      { name: 'scan', ok: true, detail: { kind: 'note', note: 'scanPrompt' } },
    ]);

    await ok('simulation.update', { readerHolds: 'sam_failure' });
    const readerTest = await ok('devices.selfTest', { deviceId: 'sim:idcard' });
    expect(readerTest.ok).toBe(false);
    expect(readerTest.steps[0]).toEqual({
      name: 'samStatus',
      ok: false,
      detail: { kind: 'error', code: 'idcard_sam_failed' },
    });
    await ok('simulation.update', { readerHolds: 'none' });
  });

  it('prints a queue ticket: number, matter, time and QR, in GB18030', async () => {
    const printed = await ok('printer.printTicket', {
      number: 'A023',
      matter: '居住证签注',
      qr: 'https://zwfw.example/q/A023',
    });
    expect(printed.deviceId).toBe('sim:printer');
    const preview = (await ok('simulation.get', {})).printerPreview!;
    expect(preview).toContain('A023');
    expect(preview).toContain('居住证签注');
    expect(preview).toContain('[QR: https://zwfw.example/q/A023]');
    expect(preview).toMatch(/2025-06-16 09:00/); // the fake clock, Beijing time
  });

  it('refuses to print when the printer is out of paper, and says so', async () => {
    t.workstation.services.devices.simulation.printer.setPaperOut(true);
    const result = await t.workstation.router.call(admin, 'printer.printTicket', { number: 'A024', matter: '社保卡' });
    expect(codeOf(result)).toBe('printer_paper_out');
    expect(!result.ok && result.error.message).toMatch(/缺纸/);
    await until(() => latestDevices().find((d) => d.id === 'sim:printer')?.status.state === 'error');

    t.workstation.services.devices.simulation.printer.setPaperOut(false);
    t.workstation.services.devices.simulation.printer.setCoverOpen(true);
    const cover = await t.workstation.router.call(admin, 'printer.printTicket', { number: 'A024', matter: '社保卡' });
    expect(!cover.ok && cover.error.message).toMatch(/纸仓盖/);
    t.workstation.services.devices.simulation.printer.setCoverOpen(false);
    expect((await ok('printer.printTicket', { number: 'A024', matter: '社保卡' })).deviceId).toBe('sim:printer');
    await until(() => latestDevices().find((d) => d.id === 'sim:printer')?.status.state === 'ready');
  });

  it('delivers a HID POS scan as one event with its symbology', async () => {
    await ok('simulation.scan', { code: 'https://zwfw.example/yy/20261127-0031', symbology: 'qr' });
    const scan = await until(() => eventsOf<Scan>(admin, 'scanner.scanned')[0]);
    expect(scan).toMatchObject({
      code: 'https://zwfw.example/yy/20261127-0031',
      symbology: 'qr',
      source: 'hid_pos',
      deviceId: 'sim:scanner',
    });
  });

  it('decodes a pasted hex dump, masking ID numbers', async () => {
    const { frames } = await ok('devices.decodeFrames', {
      hex: 'AA AA AA 96 69 00 03 20 01 22\nAA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97 FF',
    });
    expect(frames.map((f) => f.kind)).toEqual(['command', 'response', 'garbage']);
    const truncated = await ok('devices.decodeFrames', { hex: 'AA AA AA 96 69 00 08 00 00 9F' });
    expect(truncated.frames.map((f) => f.kind)).toEqual(['error']);
    const bad = await t.workstation.router.call(admin, 'devices.decodeFrames', { hex: 'AA AA ZZ' });
    expect(codeOf(bad)).toBe('hex_not_a_digit');
  });

  it('does not let a simulated device take another role', async () => {
    const result = await t.workstation.router.call(admin, 'devices.assignRole', {
      deviceId: 'sim:idcard',
      role: 'printer',
    });
    expect(codeOf(result)).toBe('device_role_unsupported');
  });

  it('removes the simulated devices when simulation is switched off', async () => {
    const off = await createTestWorkstation({ config: { devicePollMs: 20 } });
    try {
      const session = newSession();
      await setUpAdmin(off.workstation, session);
      const on = await off.workstation.router.call(session, 'settings.update', { simulateDevices: true });
      expect(on.ok).toBe(true);
      await off.workstation.services.devices.refresh();
      expect(off.workstation.services.devices.list()).toHaveLength(3);
      await off.workstation.router.call(session, 'settings.update', { simulateDevices: false });
      await off.workstation.services.devices.refresh();
      expect(off.workstation.services.devices.list()).toEqual([]);
      const update = await off.workstation.router.call(session, 'simulation.update', { readerHolds: 'none' });
      expect(codeOf(update)).toBe('simulation_disabled');
    } finally {
      await off.dispose();
    }
  });
});
