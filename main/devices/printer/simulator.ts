import type { SimulatedDevice } from '../transport/transport';
import { statusByte, type StatusKind } from './escpos';
import { decodeEscPos, parseEscPos } from './escpos-preview';

export interface SimulatedPrinter extends SimulatedDevice {
  /** Every byte the host wrote since the last `clear`, status requests included. */
  printed(): Uint8Array;
  /** The paper as the preview format of escpos-preview.ts renders it. */
  preview(): string;
  clear(): void;
  /** An empty roll: status replies say so (offline, paper end, near end). Bytes are still taken. */
  setPaperOut(value: boolean): void;
  /** The paper cover lifted: status replies say so. */
  setCoverOpen(value: boolean): void;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * An ESC/POS ticket printer. It keeps what it is sent and answers each DLE EOT n with the status byte a
 * real printer would send, asynchronously as over USB. Requests are found by parsing the stream, so the
 * bytes 10 04 n inside QR data, or a request split over two writes, are handled as a printer handles them.
 */
export function createSimulatedPrinter(): SimulatedPrinter {
  let send: ((bytes: Uint8Array) => void) | null = null;
  let buffer: Uint8Array = new Uint8Array(0);
  /** Bytes not parsed yet: a command cut off at the end of the last write. */
  let tail: Uint8Array = new Uint8Array(0);
  let paperOut = false;
  let coverOpen = false;

  return {
    receive(bytes: Uint8Array): void {
      buffer = concat(buffer, bytes);
      const { ops, consumed } = parseEscPos(concat(tail, bytes));
      tail = concat(tail, bytes).slice(consumed);
      for (const op of ops) {
        if (op.op !== 'status_request') continue;
        // The state at the moment of the request, not of the reply.
        const reply = Uint8Array.of(statusByte(op.n as StatusKind, { paperOut, coverOpen }));
        setImmediate(() => send?.(reply));
      }
    },
    attach(sender: (bytes: Uint8Array) => void): void {
      send = sender;
    },
    detach(): void {
      send = null;
    },
    printed: () => buffer.slice(),
    preview: () => decodeEscPos(buffer).preview,
    clear(): void {
      buffer = new Uint8Array(0);
      tail = new Uint8Array(0);
    },
    setPaperOut(value: boolean): void {
      paperOut = value;
    },
    setCoverOpen(value: boolean): void {
      coverOpen = value;
    },
  };
}
