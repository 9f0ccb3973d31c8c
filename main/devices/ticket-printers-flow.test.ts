import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../preload/contract/channels';
import type { DeviceInfo } from '../../preload/contract/devices';
import {
  codeOf,
  createTestWorkstation,
  makeTempDir,
  newSession,
  removeTempDir,
  setUpAdmin,
  type TestSession,
  type TestWorkstation,
} from '../testing/workstation';
import { until } from '../testing/wait';
import { faultRecheckMs } from './printer/device';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from './printer/tcp-simulator';
import { startUsbPrinterStandIn, type UsbPrinterStandIn } from './printer/usb-simulator';
import { usbPrinterSource } from './sources';

/**
 * The network and USB ticket printers as the supervisor and the clerk use them: added by address or
 * found as /dev/usb/lpN, listed in the printer role, printing tickets, their paper and cover shown as
 * the device's status, and back after the printer went away. Real sockets and a real pseudo-terminal.
 */

let t: TestWorkstation | null = null;
let session: TestSession;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await t?.dispose();
  t = null;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Parameters<typeof createTestWorkstation>[0] = {}): Promise<void> {
  t = await createTestWorkstation({ ...config, config: { devicePollMs: 50, ...config.config } });
  session = newSession();
  await setUpAdmin(t.workstation, session);
  t.workstation.hub.add(session);
}

async function ok<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await t!.workstation.router.call(session, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The device as the screens see it now (what devices.list answers and devices.changed carries). */
function shown(id: string): DeviceInfo | undefined {
  return t!.workstation.services.devices.list().find((d) => d.id === id);
}

/** The statuses of a device the screens were told of, in order. */
function announced(id: string): (string | null)[] {
  return session.events
    .filter((e) => e.event === 'devices.changed')
    .map((e) => (e.payload as DeviceInfo[]).find((d) => d.id === id)?.status.code ?? null);
}

async function simulator(): Promise<TcpPrinterSimulator> {
  const sim = await startTcpPrinterSimulator();
  cleanups.push(() => sim.close());
  return sim;
}

describe('network ticket printer added by address', () => {
  it('is checked, kept and listed as a printer; prints tickets; shows paper out and cover open as its status', async () => {
    const sim = await simulator();
    await start();
    const added = await ok('devices.addNetworkPrinter', { address: ` ${sim.address} ` });
    const id = `tcp:${sim.address}`;
    expect(added).toMatchObject({
      id,
      name: `网络票据打印机（${sim.address}）`,
      role: 'printer',
      roleSource: 'known',
      transport: 'tcp',
      path: sim.address,
      connected: true,
      simulated: false,
    });
    await until(() => shown(id)?.status.state === 'ready', 3000, 'the printer ready');

    expect((await ok('printer.printTicket', { number: 'B031', matter: '社保卡' })).deviceId).toBe(id);
    await until(() => sim.printer.preview().includes('B031'), 3000, 'the ticket at the printer');

    sim.printer.setPaperOut(true);
    const noPaper = await t!.workstation.router.call(session, 'printer.printTicket', {
      number: 'B032',
      matter: '社保卡',
    });
    expect(codeOf(noPaper)).toBe('printer_paper_out');
    await until(() => shown(id)?.status.code === 'printer_paper_out', 3000, 'paper out shown');
    expect(shown(id)?.status).toMatchObject({ state: 'error', message: '打印机缺纸：请装纸后重试' });
    // The status bar and the devices screen were told (devices.changed), not only asked.
    await until(() => announced(id).includes('printer_paper_out'), 3000, 'paper out announced');

    sim.printer.setPaperOut(false);
    sim.printer.setCoverOpen(true);
    expect((await ok('devices.selfTest', { deviceId: id })).ok).toBe(false);
    await until(() => shown(id)?.status.code === 'printer_cover_open', 3000, 'cover open shown');
    await until(() => announced(id).includes('printer_cover_open'), 3000, 'cover open announced');

    sim.printer.setCoverOpen(false);
    await ok('printer.printTicket', { number: 'B033', matter: '社保卡' });
    await until(() => shown(id)?.status.state === 'ready', 3000, 'ready again');
    await until(() => sim.printer.preview().includes('B033'), 3000, 'the ticket after the cover closed');
    expect(sim.printer.preview()).not.toContain('B032');

    // Adding it again shows the same printer; the audit trail names who added it.
    expect((await ok('devices.addNetworkPrinter', { address: sim.address })).id).toBe(id);
    expect((await ok('devices.list', {})).filter((d) => d.transport === 'tcp')).toHaveLength(1);
    const audit = t!.workstation.services.audit.list({ limit: 20 }).entries;
    expect(audit.find((e) => e.action === 'devices.addNetworkPrinter')).toMatchObject({ result: 'ok' });
  }, 20_000);

  it('clears paper out by itself once paper goes in: a faulted printer is asked again until it is ready', async () => {
    const sim = await simulator();
    await start();
    const id = (await ok('devices.addNetworkPrinter', { address: sim.address })).id;
    await until(() => shown(id)?.status.state === 'ready', 3000, 'the printer ready');
    sim.printer.setPaperOut(true);
    const refused = await t!.workstation.router.call(session, 'printer.printTicket', {
      number: 'C001',
      matter: '医保',
    });
    expect(codeOf(refused)).toBe('printer_paper_out');
    await until(() => shown(id)?.status.code === 'printer_paper_out', 3000, 'paper out shown');
    sim.printer.setPaperOut(false);
    await until(() => shown(id)?.status.state === 'ready', faultRecheckMs * 2, 'ready again with nothing printed');
    expect(sim.printer.preview()).not.toContain('C001');
  }, 20_000);

  it('shows the printer going away and comes back by itself when it answers again', async () => {
    const sim = await simulator();
    await start();
    const id = (await ok('devices.addNetworkPrinter', { address: sim.address })).id;
    await until(() => shown(id)?.status.state === 'ready', 3000, 'ready');
    sim.dropConnections();
    await until(() => shown(id)?.status.code === 'device_disconnected', 3000, 'the loss shown');
    expect(shown(id)?.status.message).toContain('网络打印机请检查电源和网线');
    // The manager reopens after its back-off (1 s at first) and asks the printer again.
    await until(() => shown(id)?.status.state === 'ready' && sim.connections() === 1, 8000, 'reconnected');
    await ok('printer.printTicket', { number: 'C001', matter: '户籍' });
    await until(() => sim.printer.preview().includes('C001'), 3000, 'printed after reconnecting');
  }, 20_000);

  it('refuses a malformed, broadcast or silent address in Chinese; removing one closes it and drops it from the list', async () => {
    const sim = await simulator();
    await start();
    const malformed = await t!.workstation.router.call(session, 'devices.addNetworkPrinter', {
      address: '192.168.1.50:abc',
    });
    expect(malformed.ok || malformed.error).toMatchObject({
      code: 'printer_address_invalid',
      fields: { address: expect.stringContaining('192.168.1.50:9100') as unknown },
    });
    const broadcast = await t!.workstation.router.call(session, 'devices.addNetworkPrinter', {
      address: '255.255.255.255',
    });
    expect(codeOf(broadcast)).toBe('printer_address_not_unicast');
    const gone = await startTcpPrinterSimulator();
    await gone.close();
    const silent = await t!.workstation.router.call(session, 'devices.addNetworkPrinter', { address: gone.address });
    expect(silent.ok || silent.error).toMatchObject({
      code: 'printer_unreachable',
      message: `无法连接网络打印机 ${gone.address}：请检查打印机电源和网线，并核对地址和端口（票据打印机通常为 9100）`,
    });
    expect((await ok('devices.list', {})).filter((d) => d.transport === 'tcp')).toEqual([]);

    const id = (await ok('devices.addNetworkPrinter', { address: sim.address })).id;
    await until(() => sim.connections() === 1, 3000, 'connected');
    expect(await ok('devices.removeNetworkPrinter', { deviceId: id })).toEqual({ done: true });
    expect((await ok('devices.list', {})).find((d) => d.id === id)).toBeUndefined();
    await until(() => sim.connections() === 0, 3000, 'the connection closed');
    const again = await t!.workstation.router.call(session, 'devices.removeNetworkPrinter', { deviceId: id });
    expect(codeOf(again)).toBe('device_not_found');
  }, 20_000);

  it('is kept across a restart of the workstation', async () => {
    const sim = await simulator();
    const dataDir = makeTempDir();
    cleanups.push(() => removeTempDir(dataDir));
    await start({ dataDir });
    const id = (await ok('devices.addNetworkPrinter', { address: sim.address })).id;
    await t!.workstation.close();
    t = await createTestWorkstation({ dataDir, config: { devicePollMs: 50 } });
    expect(t.workstation.services.devices.list().find((d) => d.id === id)).toMatchObject({ role: 'printer' });
  }, 20_000);
});

describe('USB ticket printer (/dev/usb/lpN)', () => {
  it('is found in the printer role, prints, shows paper out, and follows an unplug and a replug', async () => {
    const dir = makeTempDir('yichuang-usb-');
    const standIn: UsbPrinterStandIn = await startUsbPrinterStandIn({ dir });
    cleanups.push(
      () => removeTempDir(dir),
      () => standIn.close(),
    );
    await start({ config: { deviceSources: [usbPrinterSource({ devDir: dir, deviceId: () => null })] } });
    const id = `usblp:${standIn.path}`;
    await until(() => shown(id)?.status.state === 'ready', 5000, 'the USB printer ready');
    expect(shown(id)).toMatchObject({ name: 'USB 票据打印机（lp0）', role: 'printer', transport: 'usb_printer' });

    await ok('printer.printTicket', { number: 'D007', matter: '不动产登记' });
    await until(() => standIn.simulator.printer.preview().includes('D007'), 5000, 'the ticket printed');

    standIn.simulator.printer.setPaperOut(true);
    const refused = await t!.workstation.router.call(session, 'printer.printTicket', {
      number: 'D008',
      matter: '户籍',
    });
    expect(codeOf(refused)).toBe('printer_paper_out');
    await until(() => shown(id)?.status.code === 'printer_paper_out', 3000, 'paper out shown');
    standIn.simulator.printer.setPaperOut(false);

    await standIn.unplug();
    await until(() => shown(id)?.connected === false, 5000, 'unplugged shown');
    expect(shown(id)?.status.state).toBe('disconnected');
    await standIn.plug();
    await until(() => shown(id)?.connected && shown(id)?.status.state === 'ready', 8000, 'back after replugging');
    await ok('printer.printTicket', { number: 'D009', matter: '户籍' });
    await until(() => standIn.simulator.printer.preview().includes('D009'), 5000, 'printed after replugging');
  }, 30_000);
});
