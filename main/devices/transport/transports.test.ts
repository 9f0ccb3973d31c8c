import { describe, expect, it } from 'vitest';
import { AppError } from '../../../preload/contract/errors';
import { createHidTransport } from './hid';
import { createSerialTransport } from './serial';
import { createSimulatedTransport } from './simulated';
import type { SimulatedDevice } from './transport';
import { rejectionCode } from '../../testing/wait';

/** The kernel paths for absent devices: no hidraw node exists on this machine, nor this port. */
describe('hardware transports without the hardware', () => {
  it('hid: opening a missing device is device_open_failed, with the OS error kept as the cause', async () => {
    const transport = createHidTransport({ path: '/dev/hidraw-yichuang-missing' });
    const error = await transport.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('device_open_failed');
    expect((error as AppError).message).toMatch(/无法打开设备/);
    expect((error as Error & { cause?: unknown }).cause).toBeDefined();
    expect(transport.isOpen).toBe(false);
    expect(await rejectionCode(transport.write(Uint8Array.of(1)))).toBe('device_disconnected');
  });

  it('serial: opening a missing port is device_open_failed; writing to it is device_disconnected', async () => {
    const transport = createSerialTransport({ path: '/dev/ttyYICHUANG-missing' });
    expect(await rejectionCode(transport.open())).toBe('device_open_failed');
    expect(await rejectionCode(transport.write(Uint8Array.of(1)))).toBe('device_disconnected');
    await transport.close();
  });
});

describe('simulated transport', () => {
  function echo(): SimulatedDevice & { received: number[] } {
    let send: ((bytes: Uint8Array) => void) | null = null;
    const received: number[] = [];
    return {
      received,
      receive: (bytes) => {
        received.push(...bytes);
        send?.(bytes);
      },
      attach: (next) => (send = next),
      detach: () => (send = null),
    };
  }

  it('carries bytes both ways, cut as the chunker says, past a listener that throws', async () => {
    const device = echo();
    const transport = createSimulatedTransport(device, {
      path: 'sim:echo',
      chunk: (bytes) => [...bytes].map((b) => Uint8Array.of(b)),
    });
    const chunks: number[][] = [];
    transport.onData(() => {
      throw new Error('listener bug');
    });
    transport.onData((chunk) => chunks.push([...chunk]));
    await transport.open();
    await transport.write(Uint8Array.of(1, 2, 3));
    expect(device.received).toEqual([1, 2, 3]);
    expect(chunks).toEqual([[1], [2], [3]]);
  });

  it('unplugged: an error, then close; writes fail; the device hears nothing more', async () => {
    const device = echo();
    const transport = createSimulatedTransport(device, { path: 'sim:echo' });
    const seen: string[] = [];
    transport.onError((error) => seen.push(`error:${(error as AppError).code}`));
    transport.onClose(() => seen.push('close'));
    await transport.open();
    transport.unplug();
    expect(seen).toEqual(['error:device_disconnected', 'close']);
    expect(transport.isOpen).toBe(false);
    expect(await rejectionCode(transport.write(Uint8Array.of(9)))).toBe('device_disconnected');
    expect(device.received).toEqual([]);
    transport.unplug();
    await transport.close();
    expect(seen).toHaveLength(2);
  });
});
