import type { Symbology } from '../../../preload/contract/devices';
import type { SimulatedDevice } from '../transport/transport';
import { encodeHidPosReports, type HidPosLayout } from './hid-pos';

export interface SimulatedScanner extends SimulatedDevice {
  /** Sends the reports of one code, as the scanner would after a good read. */
  scan(code: string, symbology?: Symbology): void;
}

/**
 * A HID POS scanner: each `scan` sends the code's 64-byte reports (report id included, as hidraw gives
 * them), one chunk per report, asynchronously like a USB interrupt endpoint. Nothing is sent while detached;
 * a scan cut short by `detach` stops where it was. What the host writes (configuration commands) is ignored.
 */
export function createSimulatedScanner(layout: HidPosLayout = 'newland'): SimulatedScanner {
  let send: ((bytes: Uint8Array) => void) | null = null;
  // Reports still to go out, in order, across scans made in quick succession.
  const queue: Uint8Array[] = [];
  let draining = false;

  function drain(): void {
    if (draining) return;
    draining = true;
    setImmediate(function next() {
      const report = queue.shift();
      if (!report || !send) {
        draining = false;
        if (!send) queue.length = 0;
        return;
      }
      send(report);
      setImmediate(next);
    });
  }

  return {
    receive(_bytes: Uint8Array): void {},
    attach(sender: (bytes: Uint8Array) => void): void {
      send = sender;
    },
    detach(): void {
      send = null;
      queue.length = 0;
    },
    scan(code: string, symbology: Symbology = 'qr'): void {
      if (!send) return;
      queue.push(...encodeHidPosReports(code, symbology, layout));
      drain();
    },
  };
}
