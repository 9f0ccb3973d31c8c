import { hallTime } from '@yichuang/domain/hall-time';
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
        { name: '连接', ok: transport.isOpen, detail: transport.isOpen ? '已连接（HID POS）' : '未连接' },
        {
          name: '扫码',
          ok: true,
          detail: lastScanAt ? `最近一次扫码：${hallTime(lastScanAt)}` : '请扫描任意条码，扫码结果会显示在本页',
        },
      ]);
    },
  };
}
