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
      error: { code: 'printer_display_name', params: { printer: 'HP LaserJet M404（二楼）' } },
    });
    expect(checkPrinter(printers, 'Gone')).toMatchObject({
      ok: false,
      error: { code: 'printer_not_in_system', params: { printer: 'Gone' } },
    });
    expect(checkPrinter([], 'HP_LaserJet_M404')).toMatchObject({ ok: false });
  });

  it('turns the callback into an outcome with a reason the screen words', () => {
    expect(platformOutcome(true, '')).toEqual({ ok: true });
    expect(platformOutcome(false, 'cancelled')).toMatchObject({
      ok: false,
      error: { code: 'print_cancelled' },
    });
    expect(platformOutcome(false, 'Invalid deviceName provided')).toMatchObject({
      error: { code: 'printer_name_invalid' },
    });
    expect(platformOutcome(false, 'Printing failed')).toMatchObject({
      error: { code: 'system_print_failed', params: { reason: 'Printing failed' } },
    });
    expect(platformOutcome(false, '')).toMatchObject({ error: { code: 'system_print_failed_unknown' } });
  });

  it('lists platform printers under their display names', () => {
    expect(printers.map(toPrinterInfo)).toEqual([
      {
        backend: 'electron',
        name: 'HP_LaserJet_M404',
        label: 'HP LaserJet M404（二楼）',
        isDefault: true,
        status: { state: 'unknown', reason: null, reasonText: null },
        ready: true,
      },
      {
        backend: 'electron',
        name: 'Microsoft_Print_to_PDF',
        label: 'Microsoft Print to PDF',
        isDefault: false,
        status: { state: 'unknown', reason: null, reasonText: null },
        ready: true,
      },
    ]);
  });
});
