import type { PrinterInfo } from '../../preload/contract/documents';
import { unknownPrinterStatus } from '../../preload/contract/printer-status';
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
    status: unknownPrinterStatus,
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
    return { ok: false, error: { code: 'printer_display_name', params: { printer: name } } };
  }
  return { ok: false, error: { code: 'printer_not_in_system', params: { printer: name } } };
}

/** `webContents.print`'s callback, in words the clerk can act on. */
export function platformOutcome(success: boolean, failureReason: string): PrintOutcome {
  if (success) return { ok: true };
  if (/cancel/i.test(failureReason)) return { ok: false, error: { code: 'print_cancelled' } };
  if (/invalid deviceName/i.test(failureReason)) {
    return { ok: false, error: { code: 'printer_name_invalid' } };
  }
  return {
    ok: false,
    error: failureReason
      ? { code: 'system_print_failed', params: { reason: failureReason } }
      : { code: 'system_print_failed_unknown' },
  };
}
