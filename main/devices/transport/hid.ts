import { HIDAsync } from 'node-hid';
import { createTransportListeners } from './listeners';
import { deviceError, type Transport } from './transport';

export interface HidTransportOptions {
  path: string;
  /** Report size of the device's OUT reports (the bytes after the report id), for padding writes. */
  reportSize?: number;
  /** Prefix every write with this report id (0 for devices without numbered reports). */
  reportId?: number;
}

/**
 * A HID device through node-hid's HIDAsync. Each IN report arrives as one chunk (with its report
 * id first, as hidraw gives it); writes are cut into reports with the report id in front, which
 * Windows requires and Linux accepts.
 */
export function createHidTransport(options: HidTransportOptions): Transport {
  const listeners = createTransportListeners();
  const reportSize = options.reportSize ?? 64;
  const reportId = options.reportId ?? 0;
  let device: HIDAsync | null = null;

  function drop(error: Error | null): void {
    const current = device;
    if (!current) return;
    device = null;
    current.removeAllListeners();
    current.close().catch(() => undefined);
    if (error) listeners.emitError(deviceError('device_disconnected', error));
    listeners.emitClose();
  }

  return {
    kind: 'hid',
    path: options.path,
    get isOpen() {
      return device !== null;
    },
    async open() {
      if (device) return;
      try {
        device = await HIDAsync.open(options.path);
      } catch (error) {
        throw deviceError('device_open_failed', error);
      }
      device.on('data', (chunk: Buffer) => listeners.emitData(new Uint8Array(chunk)));
      device.on('error', (error: Error) => drop(error));
    },
    async write(bytes) {
      const current = device;
      if (!current) throw deviceError('device_disconnected');
      for (let at = 0; at < bytes.length || at === 0; at += reportSize) {
        const report = Buffer.alloc(reportSize + 1);
        report[0] = reportId;
        report.set(bytes.subarray(at, at + reportSize), 1);
        try {
          await current.write(report);
        } catch (error) {
          drop(error instanceof Error ? error : new Error(String(error)));
          throw deviceError('device_disconnected', error);
        }
        if (bytes.length === 0) break;
      }
    },
    close() {
      drop(null);
      return Promise.resolve();
    },
    onData: listeners.onData,
    onError: listeners.onError,
    onClose: listeners.onClose,
  };
}
