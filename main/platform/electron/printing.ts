import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, webContents } from 'electron';
import type { PrintDriver } from '../../printing/driver';
import { checkPrinter, platformOutcome, toPrinterInfo } from '../../printing/platform-print';
import { createSecureWindow } from './policy';

/** Any live webContents can list the printers; the main window is always there. */
function anyContents(): Electron.WebContents | null {
  return webContents.getAllWebContents().find((w) => !w.isDestroyed()) ?? null;
}

/**
 * Printing through the operating system from the Electron host: the PDF opens in a hidden window
 * (Chromium's PDF viewer) and `webContents.print` sends it silently to the printer chosen by its
 * system name. The printer is checked against the platform's list first (an unknown name would
 * silently print on the default printer), and the callback decides the outcome. Drivers known to
 * print blank pages from the PDF viewer are what the "浏览器打印" fallback and CUPS are for.
 */
export function createElectronPrintDriver(): PrintDriver {
  return {
    backend: 'electron',

    async list() {
      const contents = anyContents();
      if (!contents) return [];
      return (await contents.getPrintersAsync()).map(toPrinterInfo);
    },

    async print(request) {
      const contents = anyContents();
      if (!contents) return { ok: false, error: { code: 'print_window_not_ready' } };
      const refused = checkPrinter(await contents.getPrintersAsync(), request.printer);
      if (refused) return refused;
      const dir = await mkdtemp(join(tmpdir(), 'yichuang-print-'));
      const file = join(dir, `${request.title}.pdf`);
      // Chromium's PDF viewer is a plugin; the window is as locked down as the main one otherwise.
      const win = createSecureWindow(BrowserWindow, { show: false }, { plugins: true });
      try {
        await writeFile(file, request.pdf);
        await win.loadURL(pathToFileURL(file).toString());
        // The PDF viewer lays the pages out after the load event.
        await new Promise((r) => setTimeout(r, 800));
        return await new Promise((resolve) => {
          win.webContents.print(
            { silent: true, deviceName: request.printer, printBackground: true, pageSize: 'A4', copies: 1 },
            (success, failureReason) => resolve(platformOutcome(success, failureReason)),
          );
        });
      } finally {
        win.destroy();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
