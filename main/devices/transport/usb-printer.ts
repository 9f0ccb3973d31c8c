import { constants, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ErrorCode } from '../../../preload/contract/errors';
import { createTransportListeners } from './listeners';
import { deviceError, type Transport } from './transport';

/** The calls the transport makes on the device file; tests script EAGAIN, short writes and end of file. */
export interface LpFile {
  /** Bytes read into `buffer` (0: nothing this time); throws the OS error (EAGAIN when nothing is waiting). */
  read(buffer: Uint8Array): Promise<number>;
  /** Bytes taken (may be fewer than given); throws the OS error (EAGAIN while the last write is still going). */
  write(bytes: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens the character device read/write and non-blocking: a read with nothing waiting returns
 * EAGAIN at once instead of holding one of libuv's four pool threads until the printer speaks.
 */
export async function openLpFile(path: string): Promise<LpFile> {
  const handle = await open(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  return {
    read: async (buffer) => (await handle.read(buffer, 0, buffer.length, null)).bytesRead,
    write: async (bytes) => (await handle.write(bytes, 0, bytes.length, null)).bytesWritten,
    close: () => handle.close(),
  };
}

export interface UsbLpTransportOptions {
  /** `/dev/usb/lp0`. */
  path: string;
  /** How often to look for bytes from the printer: soon after a write (an answer is due), and when idle. */
  pollMs?: { active: number; idle: number };
  /** How long after a write or a read the fast polling lasts. */
  activeMs?: number;
  /** How long a job may take to be taken by the printer before the device counts as not answering. */
  writeTimeoutMs?: number;
  openFile?: (path: string) => Promise<LpFile>;
  exists?: (path: string) => boolean;
}

const retryable = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);
const isRetryable = (error: unknown) => retryable.has((error as NodeJS.ErrnoException | null)?.code ?? '');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A USB printer-class device through the Linux usblp driver (`/dev/usb/lpN`). Jobs are written to it;
 * the printer's answers (DLE EOT status bytes, on the bidirectional channel usblp reads) are polled
 * for. A read of 0 bytes is not the end (usblp gives one when the printer sent an empty packet): the
 * device node gone is; an unplugged printer answers ENODEV.
 */
export function createUsbLpTransport(options: UsbLpTransportOptions): Transport {
  const { path } = options;
  const poll = options.pollMs ?? { active: 10, idle: 100 };
  const activeMs = options.activeMs ?? 1000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  const openFile = options.openFile ?? openLpFile;
  const exists = options.exists ?? existsSync;
  const listeners = createTransportListeners();
  const buffer = new Uint8Array(512);
  let file: LpFile | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reading: Promise<void> = Promise.resolve();
  let writing: Promise<void> = Promise.resolve();
  let lastActivity = 0;

  function stopPolling(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function fail(current: LpFile, code: ErrorCode, cause: unknown): void {
    if (file !== current) return;
    file = null;
    stopPolling();
    void reading.finally(() => current.close().catch(() => undefined));
    listeners.emitError(deviceError(code, cause));
    listeners.emitClose();
  }

  function schedule(current: LpFile, delay?: number): void {
    if (file !== current) return;
    const wait = delay ?? (Date.now() - lastActivity < activeMs ? poll.active : poll.idle);
    timer = setTimeout(() => {
      timer = null;
      reading = readOnce(current);
    }, wait);
  }

  async function readOnce(current: LpFile): Promise<void> {
    let count: number;
    try {
      count = await current.read(buffer);
    } catch (error) {
      if (isRetryable(error)) schedule(current);
      else fail(current, 'device_disconnected', error);
      return;
    }
    if (file !== current) return;
    if (count > 0) {
      lastActivity = Date.now();
      listeners.emitData(buffer.slice(0, count));
      schedule(current, 0); // more may be waiting
      return;
    }
    if (!exists(path)) {
      fail(current, 'device_disconnected', new Error(`${path} is gone`));
      return;
    }
    schedule(current);
  }

  async function writeAll(current: LpFile, bytes: Uint8Array): Promise<void> {
    const deadline = Date.now() + writeTimeoutMs;
    let at = 0;
    while (at < bytes.length) {
      if (file !== current) throw deviceError('device_disconnected');
      let taken = 0;
      try {
        taken = await current.write(bytes.subarray(at));
      } catch (error) {
        // usblp with LP_ABORT set gives up on an empty roll: the printer is there, the job refused.
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw deviceError('printer_paper_out', error);
        if (!isRetryable(error)) {
          fail(current, 'device_disconnected', error);
          throw deviceError('device_disconnected', error);
        }
      }
      lastActivity = Date.now();
      at += taken;
      if (at >= bytes.length) break;
      if (Date.now() > deadline) {
        const cause = new Error(`${path} took ${at} of ${bytes.length} bytes in ${writeTimeoutMs} ms`);
        fail(current, 'device_timeout', cause);
        throw deviceError('device_timeout', cause);
      }
      if (taken === 0) await sleep(poll.active);
    }
    // An answer is due soon: a poll waiting at the idle pace looks at once (one already reading goes on).
    if (timer && file === current) {
      stopPolling();
      schedule(current, 0);
    }
  }

  return {
    kind: 'usb_printer',
    path,
    get isOpen() {
      return file !== null;
    },
    async open() {
      if (file) return;
      let opened: LpFile;
      try {
        opened = await openFile(path);
      } catch (error) {
        throw deviceError('device_open_failed', error);
      }
      file = opened;
      lastActivity = Date.now();
      schedule(opened, 0);
    },
    write(bytes) {
      const current = file;
      if (!current) return Promise.reject(deviceError('device_disconnected'));
      const next = writing.then(() => writeAll(current, Uint8Array.from(bytes)));
      writing = next.catch(() => undefined);
      return next;
    },
    async close() {
      const current = file;
      if (!current) return;
      file = null;
      stopPolling();
      await reading;
      await current.close().catch(() => undefined);
      listeners.emitClose();
    },
    onData: listeners.onData,
    onError: listeners.onError,
    onClose: listeners.onClose,
  };
}
