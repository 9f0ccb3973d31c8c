import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../preload/contract/errors';
import { statusRequest } from '../printer/escpos';
import { attachForTest, hugeJob, sampleTicket } from '../printer/testing/attach';
import { startUsbPrinterStandIn, type UsbPrinterStandIn } from '../printer/usb-simulator';
import { makeTempDir, removeTempDir } from '../../testing/workstation';
import { rejectionCode, until } from '../../testing/wait';
import { createUsbLpTransport } from './usb-printer';
import type { Transport } from './transport';

/**
 * The usblp transport for real, on a stand-in for /dev/usb/lp0: a raw pseudo-terminal (socat) whose far
 * end is the simulated printer. Real file descriptors, non-blocking reads and writes, and the ends of
 * a pulled cable (EIO on write, the node gone).
 */

let dir: string;
let standIn: UsbPrinterStandIn;

beforeAll(async () => {
  dir = makeTempDir('yichuang-usblp-');
  standIn = await startUsbPrinterStandIn({ dir });
});
afterAll(async () => {
  await standIn?.close();
  removeTempDir(dir);
});

async function openLp(): Promise<{ transport: Transport; events: string[] }> {
  const transport = createUsbLpTransport({ path: standIn.path });
  const events: string[] = [];
  transport.onError((error) => events.push(`error:${(error as AppError).code}`));
  transport.onClose(() => events.push('close'));
  await transport.open();
  return { transport, events };
}

describe('USB printer class transport on a pseudo-terminal stand-in', () => {
  it('prints a queue ticket after reading the printer ready over DLE EOT through the node', async () => {
    const { transport } = await openLp();
    standIn.simulator.printer.clear();
    const { printer, statuses } = attachForTest(transport);
    await printer.print(sampleTicket);
    const length = statusRequest(2).length * 2 + sampleTicket.length;
    await until(() => standIn.simulator.printer.printed().length >= length, 5000, 'the ticket at the printer');
    expect(standIn.simulator.printer.printed().subarray(6)).toEqual(sampleTicket);
    expect(standIn.simulator.printer.preview()).toContain('办理事项：居住证办理');
    expect(statuses).toEqual([{ state: 'ready', code: null }]);
    await transport.close();
  });

  it('reads paper out, cover open and ready again', async () => {
    const { transport } = await openLp();
    const { printer, statuses } = attachForTest(transport);
    standIn.simulator.printer.setPaperOut(true);
    expect(await rejectionCode(printer.print(sampleTicket))).toBe('printer_paper_out');
    standIn.simulator.printer.setPaperOut(false);
    standIn.simulator.printer.setCoverOpen(true);
    expect(await rejectionCode(printer.print(sampleTicket))).toBe('printer_cover_open');
    expect(statuses.at(-1)).toEqual({ state: 'error', code: 'printer_cover_open' });
    standIn.simulator.printer.setCoverOpen(false);
    const [status] = await printer.selfTest();
    expect(status).toEqual({ name: 'printerStatus', ok: true, detail: { kind: 'note', note: 'paperOk' } });
    expect(statuses.at(-1)).toEqual({ state: 'ready', code: null });
    await transport.close();
  });

  it('the cable pulled mid-job: the job fails with device_disconnected; plugged back, a new transport prints', async () => {
    const { transport, events } = await openLp();
    standIn.simulator.stall(true);
    let settled = false;
    const failing = rejectionCode(transport.write(hugeJob(32)).finally(() => (settled = true)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false); // the printer holds the job up
    await standIn.unplug();
    expect(await failing).toBe('device_disconnected');
    expect(events).toEqual(['error:device_disconnected', 'close']);
    expect(await rejectionCode(createUsbLpTransport({ path: standIn.path }).open())).toBe('device_open_failed');

    standIn.simulator.stall(false);
    await standIn.plug();
    standIn.simulator.printer.clear();
    const again = await openLp();
    await attachForTest(again.transport).printer.print(sampleTicket);
    await until(() => standIn.simulator.printer.preview().includes('A017'), 5000, 'the ticket after replugging');
    await again.transport.close();
    expect(again.events).toEqual(['close']);
  }, 20_000);

  it('notices the node going while idle, without a write', async () => {
    const { transport, events } = await openLp();
    await standIn.unplug();
    await until(() => events.length === 2, 5000, 'the disconnection');
    expect(events).toEqual(['error:device_disconnected', 'close']);
    expect(transport.isOpen).toBe(false);
    await standIn.plug();
  });
});
