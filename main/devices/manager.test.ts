import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../preload/contract/devices';
import { AppError } from '../../preload/contract/errors';
import {
  createTestWorkstation,
  makeTempDir,
  newSession,
  removeTempDir,
  setUpAdmin,
  type TestWorkstation,
} from '../testing/workstation';
import { createSimulatedReader } from './idcard/simulator';
import type { DeviceCandidate, DeviceSource } from './sources';
import { createSimulatedTransport } from './transport/simulated';
import { until } from '../testing/wait';

/**
 * The device manager with "hardware" it cannot recognise: a serial device behind a fake source
 * whose other end is the simulated reader. Covers role assignment (kept in the database),
 * plug/unplug, and reopening after failures.
 */

function fakeSerialReader() {
  const reader = createSimulatedReader({ holds: 'none' });
  const state = { present: true, failOpens: 0, opens: 0 };
  const candidate: DeviceCandidate = {
    id: 'serial:/dev/ttyFAKE0',
    name: '串口设备 /dev/ttyFAKE0',
    transport: 'serial',
    path: '/dev/ttyFAKE0',
    vendorId: 0x1a86,
    productId: 0x7523,
    simulated: false,
    knownRole: null,
    open: () => {
      state.opens += 1;
      const transport = createSimulatedTransport(reader, { path: '/dev/ttyFAKE0' });
      if (state.failOpens > 0) {
        state.failOpens -= 1;
        return { ...transport, open: () => Promise.reject(new AppError('device_open_failed')) };
      }
      return transport;
    },
  };
  const source: DeviceSource = { name: 'fake', list: () => Promise.resolve(state.present ? [candidate] : []) };
  return { reader, state, source };
}

let t: TestWorkstation | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const fake = (devices: DeviceInfo[]) => devices.find((d) => d.id === 'serial:/dev/ttyFAKE0');

describe('device manager', () => {
  it('lists an unrecognised device without opening it, until a role is chosen; the role is kept across restarts', async () => {
    const dataDir = makeTempDir();
    try {
      const device = fakeSerialReader();
      const config = { deviceSources: [device.source], devicePollMs: 20, readerIntervalMs: 10 };
      t = await createTestWorkstation({ dataDir, config });
      const session = newSession();
      await setUpAdmin(t.workstation, session);
      const devices = t.workstation.services.devices;

      expect(fake(devices.list())).toMatchObject({ role: 'unknown', roleSource: 'none', connected: true });
      expect(device.state.opens).toBe(0);
      const test = await devices.selfTest('serial:/dev/ttyFAKE0');
      expect(test).toMatchObject({
        ok: false,
        steps: [{ name: 'open', detail: { kind: 'error', code: 'device_role_needed' } }],
      });

      const result = await t.workstation.router.call(session, 'devices.assignRole', {
        deviceId: 'serial:/dev/ttyFAKE0',
        role: 'idcard',
      });
      expect(result).toMatchObject({ ok: true, value: { role: 'idcard', roleSource: 'assigned' } });
      expect(device.state.opens).toBe(1);
      const selfTest = await devices.selfTest('serial:/dev/ttyFAKE0');
      expect(selfTest.ok).toBe(true);
      await until(() => fake(devices.list())?.status.state === 'no_card');

      // The workstation restarts (data kept): the role comes back from the database.
      await t.workstation.close();
      t = await createTestWorkstation({ dataDir, config });
      expect(fake(t.workstation.services.devices.list())).toMatchObject({ role: 'idcard', roleSource: 'assigned' });
    } finally {
      await t?.workstation.close();
      t = null;
      removeTempDir(dataDir);
    }
  });

  it('forgets an unknown device when it is unplugged, but keeps a device with a role listed as unplugged', async () => {
    const device = fakeSerialReader();
    t = await createTestWorkstation({ config: { deviceSources: [device.source], devicePollMs: 20 } });
    const devices = t.workstation.services.devices;
    device.state.present = false;
    await devices.refresh();
    expect(fake(devices.list())).toBeUndefined();

    device.state.present = true;
    await devices.refresh();
    await devices.assignRole('serial:/dev/ttyFAKE0', 'idcard', 'admin');
    device.state.present = false;
    await devices.refresh();
    expect(fake(devices.list())).toMatchObject({ connected: false, status: { state: 'disconnected' } });

    device.state.present = true;
    device.reader.place('resident_li');
    const cards: string[] = [];
    devices.manager.on('card', (_id, card) => cards.push(card.identity.name));
    await devices.refresh();
    await until(() => cards.length === 1);
    expect(fake(devices.list())?.connected).toBe(true);
  });

  it('reopens a device that fails to open, backing off, and shows the failure meanwhile', async () => {
    const device = fakeSerialReader();
    device.state.failOpens = 3;
    t = await createTestWorkstation({
      config: { deviceSources: [device.source], devicePollMs: 10_000, readerIntervalMs: 10 },
    });
    const devices = t.workstation.services.devices;
    await devices.assignRole('serial:/dev/ttyFAKE0', 'idcard', 'admin');
    expect(fake(devices.list())?.status).toMatchObject({ state: 'error', code: 'device_open_failed' });
    const openedAt = Date.now();
    // Backoff 1 s, 2 s, 4 s would take 7 s: the test shortens nothing, it only waits for the first two.
    await until(() => device.state.opens >= 3, 4000);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(2500);
    expect(fake(devices.list())?.status.state).toBe('error');
  });

  it('survives a throwing listener and a source that fails to enumerate', async () => {
    const device = fakeSerialReader();
    const broken: DeviceSource = { name: 'broken', list: () => Promise.reject(new Error('udevadm ENOENT')) };
    t = await createTestWorkstation({ config: { deviceSources: [broken, device.source], devicePollMs: 20 } });
    const devices = t.workstation.services.devices;
    devices.manager.on('changed', () => {
      throw new Error('listener bug');
    });
    await devices.assignRole('serial:/dev/ttyFAKE0', 'idcard', null);
    await devices.refresh();
    expect(fake(devices.list())?.role).toBe('idcard');
  });
});
