import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../preload/contract/errors';
import { rejectionCode, until } from '../../testing/wait';
import { createUsbLpTransport, type LpFile, type UsbLpTransportOptions } from './usb-printer';

/** The usblp transport's handling of what the kernel answers, scripted: EAGAIN, empty reads, short writes, ENODEV. */

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: scripted`), { code });
}

type Step = Uint8Array | number | NodeJS.ErrnoException;

/** A device file whose reads and writes answer from scripts; an empty script answers EAGAIN. */
function scriptedFile(script: { reads?: Step[]; writes?: Step[] } = {}) {
  const reads = [...(script.reads ?? [])];
  const writes = [...(script.writes ?? [])];
  const written: number[] = [];
  let readCalls = 0;
  let closed = false;
  const file: LpFile = {
    read(buffer) {
      readCalls += 1;
      const next = reads.shift() ?? errno('EAGAIN');
      if (next instanceof Error) return Promise.reject(next);
      if (typeof next === 'number') return Promise.resolve(next);
      buffer.set(next);
      return Promise.resolve(next.length);
    },
    write(bytes) {
      const next = writes.shift() ?? bytes.length;
      if (next instanceof Error) return Promise.reject(next);
      const count = typeof next === 'number' ? Math.min(next, bytes.length) : bytes.length;
      written.push(...bytes.subarray(0, count));
      return Promise.resolve(count);
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
  return { file, written, readCalls: () => readCalls, closed: () => closed };
}

function transportOver(file: LpFile, options: Partial<UsbLpTransportOptions> = {}) {
  const transport = createUsbLpTransport({
    path: '/dev/usb/lp0',
    pollMs: { active: 2, idle: 5 },
    openFile: () => Promise.resolve(file),
    exists: () => true,
    ...options,
  });
  const data: number[] = [];
  const events: string[] = [];
  transport.onData((chunk) => data.push(...chunk));
  transport.onError((error) => events.push(`error:${(error as AppError).code}`));
  transport.onClose(() => events.push('close'));
  return { transport, data, events };
}

describe('USB printer class transport (usblp), as the kernel answers', () => {
  it('polls past EAGAIN and empty reads, and delivers what the printer sends', async () => {
    const script = scriptedFile({
      reads: [errno('EAGAIN'), 0, errno('EINTR'), Uint8Array.of(0x12), 0, Uint8Array.of(0x32)],
    });
    const { transport, data, events } = transportOver(script.file);
    await transport.open();
    expect([transport.kind, transport.path, transport.isOpen]).toEqual(['usb_printer', '/dev/usb/lp0', true]);
    await until(() => data.length === 2, 2000, 'both status bytes');
    expect(data).toEqual([0x12, 0x32]);
    const calls = script.readCalls();
    await until(() => script.readCalls() > calls + 2, 2000, 'polling to go on');
    expect(events).toEqual([]);
    await transport.close();
    expect(events).toEqual(['close']);
    expect(script.closed()).toBe(true);
  });

  it('an empty read once the device node is gone is the cable pulled', async () => {
    let present = true;
    const script = scriptedFile({ reads: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    const { transport, events } = transportOver(script.file, { exists: () => present });
    await transport.open();
    await until(() => script.readCalls() > 2, 2000, 'a few polls');
    expect(events).toEqual([]);
    present = false;
    await until(() => events.length === 2, 2000, 'the disconnection');
    expect(events).toEqual(['error:device_disconnected', 'close']);
    expect(transport.isOpen).toBe(false);
    await until(() => script.closed(), 2000, 'the file closed');
  });

  it('ENODEV from a read: disconnected, closed, and writes refused afterwards', async () => {
    const script = scriptedFile({ reads: [errno('ENODEV')] });
    const { transport, events } = transportOver(script.file);
    await transport.open();
    await until(() => events.length === 2, 2000, 'the disconnection');
    expect(events).toEqual(['error:device_disconnected', 'close']);
    expect(await rejectionCode(transport.write(Uint8Array.of(0x1b, 0x40)))).toBe('device_disconnected');
  });

  it('writes the whole job through short writes and EAGAIN, jobs one after the other in order', async () => {
    const script = scriptedFile({ writes: [3, errno('EAGAIN'), 0, 2, errno('EAGAIN')] });
    const { transport, events } = transportOver(script.file);
    await transport.open();
    const first = Uint8Array.from({ length: 10 }, (_, i) => i);
    const second = Uint8Array.of(100, 101, 102);
    await Promise.all([transport.write(first), transport.write(second)]);
    expect(script.written).toEqual([...first, ...second]);
    expect(events).toEqual([]);
    await transport.close();
  });

  it('a printer that takes nothing for too long: device_timeout, and the transport is given up', async () => {
    const script = scriptedFile({ writes: Array.from({ length: 1000 }, () => errno('EAGAIN')) });
    const { transport, events } = transportOver(script.file, { writeTimeoutMs: 50 });
    await transport.open();
    expect(await rejectionCode(transport.write(Uint8Array.of(1, 2, 3)))).toBe('device_timeout');
    expect(events).toEqual(['error:device_timeout', 'close']);
  });

  it('ENOSPC (usblp giving up on an empty roll) is paper out; the printer stays open', async () => {
    const script = scriptedFile({ writes: [errno('ENOSPC')] });
    const { transport, events } = transportOver(script.file);
    await transport.open();
    expect(await rejectionCode(transport.write(Uint8Array.of(1)))).toBe('printer_paper_out');
    expect(transport.isOpen).toBe(true);
    await transport.write(Uint8Array.of(2));
    expect(script.written).toEqual([2]);
    expect(events).toEqual([]);
    await transport.close();
  });

  it('EIO from a write (the far end gone mid-job): device_disconnected for the job and for listeners', async () => {
    const script = scriptedFile({ writes: [4, errno('EIO')] });
    const { transport, events } = transportOver(script.file);
    await transport.open();
    expect(await rejectionCode(transport.write(new Uint8Array(64)))).toBe('device_disconnected');
    expect(events).toEqual(['error:device_disconnected', 'close']);
  });

  it('a node that cannot be opened (absent, busy, no permission) is device_open_failed with the cause', async () => {
    for (const code of ['ENOENT', 'EBUSY', 'EACCES']) {
      const transport = createUsbLpTransport({ path: '/dev/usb/lp9', openFile: () => Promise.reject(errno(code)) });
      const error = await transport.open().catch((e: unknown) => e);
      expect((error as AppError).code).toBe('device_open_failed');
      expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe(code);
      expect(transport.isOpen).toBe(false);
    }
    // And the real open of a node that does not exist.
    const real = createUsbLpTransport({ path: '/dev/usb/lp-yichuang-missing' });
    expect(await rejectionCode(real.open())).toBe('device_open_failed');
  });
});
