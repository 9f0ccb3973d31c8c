import { SerialPort } from 'serialport';
import { createTransportListeners } from './listeners';
import { deviceError, type Transport } from './transport';

export interface SerialTransportOptions {
  path: string;
  /** ID-card readers default to 115200 8N1. */
  baudRate?: number;
}

/** A serial port (most readers are USB virtual COM ports: CP210x, CH340, FTDI) through serialport. */
export function createSerialTransport(options: SerialTransportOptions): Transport {
  const listeners = createTransportListeners();
  const port = new SerialPort({ path: options.path, baudRate: options.baudRate ?? 115200, autoOpen: false });
  let open = false;
  let failed = false;

  port.on('data', (chunk: Buffer) => listeners.emitData(new Uint8Array(chunk)));
  port.on('error', (error: Error) => {
    failed = true;
    listeners.emitError(deviceError('device_disconnected', error));
  });
  port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
    const wasOpen = open;
    open = false;
    // serialport reports an unplugged device as a close with `disconnected`.
    if (error && !failed) listeners.emitError(deviceError('device_disconnected', error));
    if (wasOpen) listeners.emitClose();
  });

  return {
    kind: 'serial',
    path: options.path,
    get isOpen() {
      return open;
    },
    open() {
      if (open) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        port.open((error) => {
          if (error) {
            reject(deviceError('device_open_failed', error));
            return;
          }
          open = true;
          failed = false;
          resolve();
        });
      });
    },
    write(bytes) {
      if (!open) return Promise.reject(deviceError('device_disconnected'));
      return new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes), (error) => {
          if (error) reject(deviceError('device_disconnected', error));
        });
        port.drain((error) => (error ? reject(deviceError('device_disconnected', error)) : resolve()));
      });
    },
    close() {
      if (!port.isOpen) {
        open = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => port.close(() => resolve()));
    },
    onData: listeners.onData,
    onError: listeners.onError,
    onClose: listeners.onClose,
  };
}
