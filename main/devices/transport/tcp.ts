import { Socket, type LookupFunction } from 'node:net';
import type { ErrorCode } from '../../../preload/contract/errors';
import { createTransportListeners } from './listeners';
import { deviceError, type Transport } from './transport';

export interface TcpTransportOptions {
  host: string;
  /** Raw printing ("JetDirect", "AppSocket") listens on 9100. */
  port?: number;
  /** How long connecting may take before the printer counts as not answering. */
  connectTimeoutMs?: number;
  /**
   * How long one write may wait for the printer to take its bytes (its buffer stays full, or it went
   * away without a word). The connection is then dropped, so the rest cannot print later unasked.
   */
  writeTimeoutMs?: number;
  /** Idle time before the first keep-alive probe: a printer switched off is noticed without a write. */
  keepAliveMs?: number;
  /** How a host name becomes an address (the OS resolver; tests pass one that never answers). */
  lookup?: LookupFunction;
}

/** `host:port` as an address is written, IPv6 in brackets: `192.168.1.50:9100`, `[fe80::1]:9100`. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

interface PendingWrite {
  fail(error: Error): void;
}

/**
 * A network receipt printer's raw port over TCP. What the printer sends back (the answers to DLE EOT
 * status requests) arrives on the same connection. Nagle is off so a 3-byte status request leaves at
 * once; keep-alive finds a printer that was switched off while idle.
 */
export function createTcpTransport(options: TcpTransportOptions): Transport {
  const port = options.port ?? 9100;
  const address = hostPort(options.host, port);
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  const keepAliveMs = options.keepAliveMs ?? 5000;
  const listeners = createTransportListeners();
  const pending = new Set<PendingWrite>();
  let socket: Socket | null = null;

  /** The connection failed or the printer ended it: unfinished writes fail, then listeners hear why. */
  function drop(current: Socket, code: ErrorCode, cause: unknown): void {
    if (socket !== current) return;
    socket = null;
    // A job that timed out is aborted (RST): the printer drops what it still holds instead of printing it later.
    if (code === 'device_timeout') current.resetAndDestroy();
    else current.destroy();
    for (const write of [...pending]) write.fail(deviceError(code, cause));
    pending.clear();
    listeners.emitError(deviceError(code, cause));
    listeners.emitClose();
  }

  /** Connects and, in the same tick, takes the connection on: no event of it can fall between. */
  function connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const connecting = new Socket();
      const timer = setTimeout(() => {
        connecting.destroy();
        reject(deviceError('device_timeout', new Error(`connecting to ${address} took over ${connectTimeoutMs} ms`)));
      }, connectTimeoutMs);
      connecting.once('error', (error) => {
        clearTimeout(timer);
        connecting.destroy();
        reject(deviceError('device_open_failed', error));
      });
      connecting.connect({ host: options.host, port, ...(options.lookup ? { lookup: options.lookup } : {}) }, () => {
        clearTimeout(timer);
        connecting.removeAllListeners('error');
        connecting.setNoDelay(true);
        connecting.setKeepAlive(true, keepAliveMs);
        connecting.on('data', (chunk: Buffer) => listeners.emitData(new Uint8Array(chunk)));
        connecting.on('error', (error) => drop(connecting, 'device_disconnected', error));
        connecting.on('close', () =>
          drop(connecting, 'device_disconnected', new Error(`${address} closed the connection`)),
        );
        socket = connecting;
        resolve();
      });
    });
  }

  return {
    kind: 'tcp',
    path: address,
    get isOpen() {
      return socket !== null;
    },
    async open() {
      if (!socket) await connect();
    },
    write(bytes) {
      const current = socket;
      if (!current) return Promise.reject(deviceError('device_disconnected'));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          drop(current, 'device_timeout', new Error(`${address} took no bytes for ${writeTimeoutMs} ms`));
        }, writeTimeoutMs);
        const write: PendingWrite = {
          fail(error) {
            clearTimeout(timer);
            pending.delete(write);
            reject(error);
          },
        };
        pending.add(write);
        // The callback runs once the bytes are handed to the OS, or with the error that stopped them.
        current.write(bytes, (error) => {
          if (!pending.has(write)) return;
          if (error) {
            write.fail(deviceError('device_disconnected', error));
            return;
          }
          clearTimeout(timer);
          pending.delete(write);
          resolve();
        });
      });
    },
    close() {
      const current = socket;
      if (!current) return Promise.resolve();
      // From here on, nothing this connection does is an error.
      socket = null;
      for (const write of [...pending]) write.fail(deviceError('device_disconnected'));
      pending.clear();
      return new Promise<void>((resolve) => {
        current.once('close', () => {
          listeners.emitClose();
          resolve();
        });
        // Every write resolved has been handed to the OS: say goodbye, then let go.
        current.end(() => current.destroy());
        setTimeout(() => current.destroy(), 1000).unref();
      });
    },
    onData: listeners.onData,
    onError: listeners.onError,
    onClose: listeners.onClose,
  };
}
