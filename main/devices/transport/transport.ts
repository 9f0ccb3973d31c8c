import type { TransportKind } from '../../../preload/contract/devices';
import { AppError, type ErrorCode } from '../../../preload/contract/errors';

/**
 * Moves bytes to and from one device. Drivers speak their protocol over this and never see
 * node-hid or serialport. A transport is opened once; after `close` or a fatal error it is done
 * and the device manager makes a new one when the device comes back.
 */
export interface Transport {
  readonly kind: TransportKind;
  /** `/dev/ttyUSB0`, a hidraw path, `/dev/usb/lp0`, `192.168.1.50:9100`, a print queue's name, or `sim:idcard`. */
  readonly path: string;
  readonly isOpen: boolean;
  /**
   * Whether the device's replies can be read back. False for a Windows print queue, which takes
   * jobs but passes nothing back: a driver must not wait for an answer there. Absent means true.
   */
  readonly statusReadable?: boolean;
  open(): Promise<void>;
  /** Resolves once the bytes are handed to the OS (or the simulated device). */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Bytes as they arrive, in whatever chunks the OS delivers. Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** The device went away or failed; the transport is closed afterwards. */
  onError(listener: (error: Error) => void): () => void;
  onClose(listener: () => void): () => void;
}

/**
 * The device end of a simulated transport: it receives what the host writes and answers
 * through `send`, byte for byte as the real device would.
 */
export interface SimulatedDevice {
  /** Bytes the host wrote. */
  receive(bytes: Uint8Array): void;
  /** Called by the transport on open; the device answers through `send`. */
  attach(send: (bytes: Uint8Array) => void): void;
  detach(): void;
}

/** A device failure for the clerk (the Chinese message of `code`), keeping the OS's own error as the cause for the log. */
export function deviceError(code: ErrorCode, cause?: unknown): AppError {
  const error = new AppError(code);
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}
