import type { Symbology } from '../../../preload/contract/devices';
import type { AttachContext, AttachedDevice } from '../attached';
import type { ScannerLayout } from '../known-devices';
import type { Transport } from '../transport/transport';
import { HidPosAssembler } from './hid-pos';

/** A HID POS scanner in its role: every whole code becomes one scan; a bad report is logged and skipped. */
export function attachScanner(
  transport: Transport,
  context: AttachContext & { scan(scan: { code: string; symbology: Symbology; aimId: string | null }): void },
  layout: ScannerLayout,
): AttachedDevice {
  const assembler = new HidPosAssembler(layout);
  let lastScanAt: Date | null = null;
  let off: (() => void) | null = null;

  return {
    start() {
      context.status('ready');
      off = transport.onData((report) => {
        for (const result of assembler.push(report)) {
          if (result.type === 'scan') {
            lastScanAt = new Date();
            context.scan({ code: result.code, symbology: result.symbology, aimId: result.aimId });
          } else {
            context.log.warn({ problem: result.message }, 'bad HID POS report skipped');
          }
        }
      });
    },
    stop() {
      off?.();
      off = null;
      return Promise.resolve();
    },
    selfTest() {
      return Promise.resolve([
        {
          name: 'connection',
          ok: transport.isOpen,
          detail: { kind: 'note', note: transport.isOpen ? 'connectedHidPos' : 'notConnected' },
        },
        {
          name: 'scan',
          ok: true,
          detail: lastScanAt
            ? { kind: 'note', note: 'lastScan', params: { at: lastScanAt.toISOString() } }
            : { kind: 'note', note: 'scanPrompt' },
        },
      ]);
    },
  };
}
