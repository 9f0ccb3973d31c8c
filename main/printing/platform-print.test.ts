import { describe, expect, it } from 'vitest';
import { checkPrinter, platformOutcome, toPrinterInfo } from './platform-print';

const printers = [
  { name: 'HP_LaserJet_M404', displayName: 'HP LaserJet M404（二楼）', isDefault: true },
  { name: 'Microsoft_Print_to_PDF', displayName: 'Microsoft Print to PDF' },
];

describe('Electron platform printing: the checks around webContents.print', () => {
  it('prints only to a printer listed now, by its system name (Electron falls back to the default otherwise)', () => {
    expect(checkPrinter(printers, 'HP_LaserJet_M404')).toBeNull();
    expect(checkPrinter(printers, 'HP LaserJet M404（二楼）')).toMatchObject({
      ok: false,
      error: expect.stringContaining('显示名称') as unknown,
    });
    expect(checkPrinter(printers, 'Gone')).toMatchObject({
      ok: false,
      error: expect.stringContaining('找不到打印机') as unknown,
    });
    expect(checkPrinter([], 'HP_LaserJet_M404')).toMatchObject({ ok: false });
  });

  it('turns the callback into an outcome with a Chinese reason', () => {
    expect(platformOutcome(true, '')).toEqual({ ok: true });
    expect(platformOutcome(false, 'cancelled')).toMatchObject({
      ok: false,
      error: expect.stringContaining('取消') as unknown,
    });
    expect(platformOutcome(false, 'Invalid deviceName provided')).toMatchObject({
      error: expect.stringContaining('名称无效') as unknown,
    });
    expect(platformOutcome(false, 'Printing failed')).toMatchObject({
      error: expect.stringContaining('浏览器打印') as unknown,
    });
  });

  it('lists platform printers under their display names', () => {
    expect(printers.map(toPrinterInfo)).toEqual([
      {
        backend: 'electron',
        name: 'HP_LaserJet_M404',
        label: 'HP LaserJet M404（二楼）',
        isDefault: true,
        status: '',
        ready: true,
      },
      {
        backend: 'electron',
        name: 'Microsoft_Print_to_PDF',
        label: 'Microsoft Print to PDF',
        isDefault: false,
        status: '',
        ready: true,
      },
    ]);
  });
});
