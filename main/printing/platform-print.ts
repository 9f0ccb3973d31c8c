import type { PrinterInfo } from '../../preload/contract/documents';
import type { PrintOutcome } from './driver';

/** A printer as Electron's `webContents.getPrintersAsync()` reports it. */
export interface PlatformPrinter {
  name: string;
  displayName: string;
  description?: string;
  isDefault?: boolean;
  status?: number;
}

export function toPrinterInfo(p: PlatformPrinter): PrinterInfo {
  return {
    backend: 'electron',
    name: p.name,
    label: p.displayName || p.name,
    isDefault: p.isDefault === true,
    status: '',
    // Electron's status numbers differ by platform; a failed print says what went wrong.
    ready: true,
  };
}

/**
 * Guards against the known Electron fault of printing silently to another printer: an unknown
 * `deviceName` makes Chromium print to the default one. Print only to a printer the platform
 * lists now, by its system name.
 */
export function checkPrinter(printers: readonly PlatformPrinter[], name: string): PrintOutcome | null {
  if (printers.some((p) => p.name === name)) return null;
  const byLabel = printers.find((p) => p.displayName === name);
  if (byLabel) {
    return { ok: false, error: `「${name}」是打印机的显示名称，不是系统名称：请在"设置 → 打印"中重新选择打印机` };
  }
  return {
    ok: false,
    error: `系统中找不到打印机「${name}」：请检查打印机是否已连接并开机，或在"设置 → 打印"中重新选择`,
  };
}

/** `webContents.print`'s callback, in words the clerk can act on. */
export function platformOutcome(success: boolean, failureReason: string): PrintOutcome {
  if (success) return { ok: true };
  if (/cancel/i.test(failureReason)) return { ok: false, error: '打印已取消：未打印，可重新打印' };
  if (/invalid deviceName/i.test(failureReason)) {
    return { ok: false, error: '打印机名称无效：请在"设置 → 打印"中重新选择打印机' };
  }
  return {
    ok: false,
    error: `系统打印失败（${failureReason || '未知原因'}）：请检查打印机，或改用"浏览器打印"打开 PDF 后打印`,
  };
}
