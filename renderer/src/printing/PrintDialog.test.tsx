// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PrinterInfo, PrintJob } from '../../../preload/contract/documents';
import { ok } from '../../../preload/contract/envelope';
import type { WorkstationSettings } from '../../../preload/contract/schemas';
import { fake } from '../sync/fake-bridge';
import { answerBasics, byTestId, render, setUpComponentTests, syncStatus, waitFor } from '../sync/test-support';
import i18n from '../i18n';
import { initialPrinter, PrintDialog } from './PrintDialog';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

beforeAll(() => {
  // jsdom has no blob URLs; the preview only needs a string.
  URL.createObjectURL = () => 'blob:preview';
  URL.revokeObjectURL = () => undefined;
});

const caseId = '0b5c6f3e-3c1d-4d5e-9f00-2a1b3c4d5e6f';
const pdfQueue: PrinterInfo = {
  backend: 'cups',
  name: 'PDF',
  label: 'PDF',
  isDefault: false,
  status: { state: 'idle', reason: null, reasonText: null },
  ready: true,
};
const stopped: PrinterInfo = {
  backend: 'cups',
  name: 'Stopped',
  label: 'Stopped',
  isDefault: true,
  status: { state: 'stopped', reason: 'paused', reasonText: null },
  ready: false,
};
const browser: PrinterInfo = {
  backend: 'browser',
  name: '',
  label: '浏览器打印',
  isDefault: false,
  status: { state: 'unknown', reason: null, reasonText: null },
  ready: true,
};

function job(copyNumber: number): PrintJob {
  return {
    id: copyNumber + 1,
    kind: 'receipt',
    documentKey: `case/${caseId}/v1/receipt`,
    caseId,
    caseVersion: 1,
    caseNumber: '370303-20261127-003-0001',
    copyNumber,
    copies: 1,
    backend: 'cups',
    printer: 'PDF',
    state: 'succeeded',
    error: null,
    errorCode: null,
    errorParams: null,
    spoolId: `PDF-${copyNumber + 1}`,
    bytes: 1000,
    clerkName: '李娜',
    windowNumber: 3,
    createdAt: '2026-11-27T02:05:00.000Z',
    finishedAt: '2026-11-27T02:05:03.000Z',
  };
}

/** The dialog for a receipt whose next print is `copyNumber`, with these printers and the one in settings. */
async function dialog(
  copyNumber: number,
  printers: PrinterInfo[],
  configured: PrinterInfo | null,
  options: { locale?: 'zh-CN' | 'en'; printed?: (copyNumber: number) => PrintJob } = {},
) {
  answerBasics('clerk', syncStatus());
  fake.handle('documents.preview', () =>
    ok({
      kind: 'receipt',
      documentKey: `case/${caseId}/v1/receipt`,
      title: '受理回执',
      copyNumber,
      pdf: new Uint8Array([1]),
    }),
  );
  fake.handle('printing.printers', () => ok(printers));
  fake.handle('settings.get', () =>
    ok({ a4Printer: configured && { backend: configured.backend, name: configured.name } } as WorkstationSettings),
  );
  let printed = copyNumber;
  fake.handle('printing.print', () => ok({ job: (options.printed ?? job)(printed++), pdf: null }));
  await render(<PrintDialog docRef={{ kind: 'receipt', caseId, version: 1 }} onClose={() => undefined} />);
  if (options.locale) await act(() => i18n.changeLanguage(options.locale));
  await waitFor(() => document.querySelector('[data-testid="print-preview"]') !== null);
  await waitFor(() => fake.callsOf('settings.get').length > 0);
}

function ctrlP(): void {
  act(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true }));
  });
}

const prints = () => fake.callsOf('printing.print').length;
const text = (id: string) => byTestId(document.body, id).textContent ?? '';

describe('the printer offered first', () => {
  it('is never a stopped or rejecting queue, even the default or the one in settings', () => {
    expect(initialPrinter([stopped, pdfQueue, browser], stopped)).toBe('cups:PDF');
    expect(initialPrinter([stopped, pdfQueue, browser], null)).toBe('cups:PDF');
    expect(initialPrinter([stopped, browser], stopped)).toBe('browser:');
    expect(initialPrinter([stopped, pdfQueue, browser], pdfQueue)).toBe('cups:PDF');
  });
});

describe('the print dialog', () => {
  it('passes over a paused printer from settings, saying why', async () => {
    await dialog(0, [stopped, pdfQueue, browser], stopped);
    await waitFor(() => document.querySelector('[data-testid="print-passed-over"]') !== null);
    expect(text('print-passed-over')).toBe('设置中的打印机「Stopped」已暂停，本次已改选「PDF」。');
    expect(document.body.querySelector('[data-testid="print-not-ready"]')).toBeNull();
  });

  it('after a print, Ctrl+P asks before a duplicate (副本); a second Ctrl+P prints it', async () => {
    await dialog(0, [pdfQueue, browser], pdfQueue);
    await waitFor(() => byTestId<HTMLButtonElement>(document.body, 'print-submit').disabled === false);
    ctrlP();
    await waitFor(() => document.querySelector('[data-testid="print-result"]') !== null);
    expect(prints()).toBe(1);
    expect(text('print-next')).toContain('副本 1');
    expect(text('print-submit')).toContain('补打副本 1');

    ctrlP();
    await waitFor(() => document.querySelector('[data-testid="print-copy-ask"]') !== null);
    expect(prints()).toBe(1);
    expect(text('print-copy-ask')).toContain('本次将打印「副本 1」');

    ctrlP();
    await waitFor(() => prints() === 2);
    await waitFor(() => text('print-next').includes('副本 2'));
    expect(document.querySelector('[data-testid="print-copy-ask"]')).toBeNull();
  });

  it('opened for a document printed before, Ctrl+P asks first; the 补打副本 button prints at once', async () => {
    await dialog(1, [pdfQueue, browser], pdfQueue);
    await waitFor(() => byTestId<HTMLButtonElement>(document.body, 'print-submit').disabled === false);
    ctrlP();
    await waitFor(() => document.querySelector('[data-testid="print-copy-ask"]') !== null);
    expect(prints()).toBe(0);
    act(() => byTestId(document.body, 'print-submit').click());
    await waitFor(() => prints() === 1);
  });

  describe('a printer that is not ready, in the UI language', () => {
    const cjk = /[\u4e00-\u9fff]/;
    /** The queue stopped under the job: main cancelled it and says so with a catalog code. */
    const cancelled = (copyNumber: number): PrintJob => ({
      ...job(copyNumber),
      state: 'failed',
      spoolId: null,
      error:
        '打印机「PDF」已暂停（卡纸），任务已取消：请检查打印机（电源、纸张、卡纸）并在系统打印设置中恢复该打印机，或改选其他打印机',
      errorCode: 'printer_not_ready_cancelled',
      errorParams: { printer: 'PDF', status: { 'zh-CN': '已暂停（卡纸）', en: 'paused (paper jam)' } },
    });

    it('says a paused printer from settings and a cancelled print in English', async () => {
      await dialog(0, [stopped, pdfQueue, browser], stopped, { locale: 'en', printed: cancelled });
      await waitFor(() => document.querySelector('[data-testid="print-passed-over"]') !== null);
      expect(text('print-passed-over')).toBe(
        'The printer in settings, Stopped, is paused; PDF was chosen for this print.',
      );
      expect(text('print-passed-over')).not.toMatch(cjk);
      await waitFor(() => byTestId<HTMLButtonElement>(document.body, 'print-submit').disabled === false);
      ctrlP();
      await waitFor(() => document.querySelector('[data-testid="print-result"]') !== null);
      expect(text('print-result')).toContain(
        'Printing failed: The printer “PDF” is paused (paper jam), so the job was cancelled',
      );
      expect(text('print-result')).not.toMatch(cjk);
    });

    it('keeps the Chinese wording in zh-CN', async () => {
      await dialog(0, [stopped, pdfQueue, browser], stopped, { locale: 'zh-CN', printed: cancelled });
      await waitFor(() => byTestId<HTMLButtonElement>(document.body, 'print-submit').disabled === false);
      ctrlP();
      await waitFor(() => document.querySelector('[data-testid="print-result"]') !== null);
      expect(text('print-result')).toContain(
        '打印失败：打印机「PDF」已暂停（卡纸），任务已取消：请检查打印机（电源、纸张、卡纸）并在系统打印设置中恢复该打印机，或改选其他打印机',
      );
    });
  });
});
