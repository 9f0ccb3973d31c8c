import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../preload/contract/errors';
import { statusRequest } from '../printer/escpos';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from '../printer/tcp-simulator';
import { attachForTest, hugeJob, sampleTicket } from '../printer/testing/attach';
import { rejectionCode, until } from '../../testing/wait';
import { createTcpTransport, hostPort, type TcpTransportOptions } from './tcp';
import type { Transport } from './transport';

/** The raw-port transport against the simulated network printer on 127.0.0.1: real sockets, real ESC/POS. */

let sim: TcpPrinterSimulator;
const opened: Transport[] = [];

beforeEach(async () => {
  sim = await startTcpPrinterSimulator();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
  await sim.close();
});

async function openTo(options: Partial<TcpTransportOptions> = {}): Promise<Transport> {
  const transport = createTcpTransport({ host: '127.0.0.1', port: sim.port, ...options });
  opened.push(transport);
  await transport.open();
  return transport;
}

function heard(transport: Transport): string[] {
  const events: string[] = [];
  transport.onError((error) => events.push(`error:${(error as AppError).code}`));
  transport.onClose(() => events.push('close'));
  return events;
}

/** A port nothing listens on: one the OS just gave out and took back. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const joined = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('TCP transport to a network ticket printer', () => {
  it('prints a queue ticket after asking the printer over DLE EOT whether it is ready', async () => {
    const transport = await openTo();
    expect([transport.kind, transport.path, transport.isOpen]).toEqual(['tcp', sim.address, true]);
    const { printer, statuses } = attachForTest(transport);
    await printer.print(sampleTicket);
    const expected = joined(statusRequest(2), statusRequest(4), sampleTicket);
    await until(() => sim.printer.printed().length >= expected.length, 3000, 'the ticket at the printer');
    expect(sim.printer.printed()).toEqual(expected);
    expect(sim.printer.preview()).toContain('[center][2x2][B]A017');
    expect(statuses).toEqual([{ state: 'ready', code: null }]);
  });

  it('reads paper out and cover open through the socket, refuses the job, and is ready once they are fixed', async () => {
    const transport = await openTo();
    const { printer, statuses } = attachForTest(transport);
    sim.printer.setPaperOut(true);
    expect(await rejectionCode(printer.print(sampleTicket))).toBe('printer_paper_out');
    expect(statuses.at(-1)).toEqual({ state: 'error', code: 'printer_paper_out' });
    sim.printer.setPaperOut(false);
    sim.printer.setCoverOpen(true);
    expect(await rejectionCode(printer.print(sampleTicket))).toBe('printer_cover_open');
    expect(statuses.at(-1)).toEqual({ state: 'error', code: 'printer_cover_open' });
    // Only status requests reached the paper while it could not print.
    expect(sim.printer.preview()).toBe('');

    sim.printer.setCoverOpen(false);
    const steps = await printer.selfTest();
    expect(steps).toEqual([
      { name: 'printerStatus', ok: true, detail: { kind: 'note', note: 'paperOk' } },
      { name: 'testTicket', ok: true, detail: { kind: 'note', note: 'ticketSent' } },
    ]);
    expect(statuses.at(-1)).toEqual({ state: 'ready', code: null });
    await until(() => sim.printer.preview().includes('打印测试'), 3000, 'the test ticket');
  });

  it('a refused connection is device_open_failed, with the OS error kept as the cause', async () => {
    const transport = createTcpTransport({ host: '127.0.0.1', port: await closedPort() });
    const error = await transport.open().catch((e: unknown) => e);
    expect((error as AppError).code).toBe('device_open_failed');
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(transport.isOpen).toBe(false);
    expect(await rejectionCode(transport.write(statusRequest(1)))).toBe('device_disconnected');
  });

  it('a connection that does not come in time is device_timeout', async () => {
    let asked = '';
    const transport = createTcpTransport({
      host: 'printer.example',
      connectTimeoutMs: 100,
      lookup: (hostname) => void (asked = hostname), // never answers
    });
    const started = Date.now();
    expect(await rejectionCode(transport.open())).toBe('device_timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(asked).toBe('printer.example');
    expect(transport.isOpen).toBe(false);
  });

  it('the printer switched off mid-job: the write fails with device_disconnected, then error and close', async () => {
    const transport = await openTo();
    const events = heard(transport);
    sim.stall(true);
    let settled = false;
    const failing = rejectionCode(transport.write(hugeJob(32)).finally(() => (settled = true)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false); // the printer holds the job up
    sim.dropConnections();
    expect(await failing).toBe('device_disconnected');
    expect(events).toEqual(['error:device_disconnected', 'close']);
    expect(transport.isOpen).toBe(false);
    expect(await rejectionCode(transport.write(statusRequest(1)))).toBe('device_disconnected');
  });

  it('a printer that takes nothing more: the write times out as device_timeout and the connection is dropped', async () => {
    const transport = await openTo({ writeTimeoutMs: 200 });
    const events = heard(transport);
    sim.stall(true);
    expect(await rejectionCode(transport.write(hugeJob(32)))).toBe('device_timeout');
    expect(events).toEqual(['error:device_timeout', 'close']);
    sim.stall(false); // taking bytes again, the printer finds the connection reset
    await until(() => sim.connections() === 0, 3000, 'the printer to see the connection go');
  });

  it('the printer ending the connection is a disconnection; a new transport connects and prints again', async () => {
    const first = await openTo();
    const events = heard(first);
    await until(() => sim.connections() === 1, 3000, 'the connection');
    sim.dropConnections();
    await until(() => events.includes('close'), 3000, 'the close');
    expect(events).toEqual(['error:device_disconnected', 'close']);

    const second = await openTo();
    await attachForTest(second).printer.print(sampleTicket);
    await until(() => sim.printer.preview().includes('A017'), 3000, 'the ticket after reconnecting');
  });

  it('closing says goodbye quietly: one close and no error, and the printer sees the connection end', async () => {
    const transport = await openTo();
    const events = heard(transport);
    await until(() => sim.connections() === 1, 3000, 'the connection');
    await transport.close();
    expect(events).toEqual(['close']);
    await until(() => sim.connections() === 0, 3000, 'the printer to see the end');
    await transport.close();
    expect(events).toEqual(['close']);
  });

  it('writes addresses as they are typed, IPv6 in brackets', () => {
    expect(hostPort('192.168.1.50', 9100)).toBe('192.168.1.50:9100');
    expect(hostPort('fe80::1', 9100)).toBe('[fe80::1]:9100');
    expect(createTcpTransport({ host: 'pos-printer.local' }).path).toBe('pos-printer.local:9100');
  });
});
