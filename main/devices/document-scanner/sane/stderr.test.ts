import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../preload/contract/errors';
import { queryError, scanError, stderrDetail } from './stderr';

// scanimage 1.1.1's stderr in batch mode, as the test backend makes it say each thing.
const batch = (...middle: string[]) =>
  ['Scanning infinity pages, incrementing by 1, numbering from 1', 'Scanning page 1', ...middle].join('\n') + '\n';
const failedRead = (status: string, code: number) =>
  batch(
    `scanimage: sane_read: ${status}`,
    `Scanned page 1. (scanner status = ${code})`,
    'Batch terminated, 1 page scanned',
  );
const feederDone = [
  'Scanning infinity pages, incrementing by 1, numbering from 1',
  ...Array.from({ length: 10 }, (_, i) => [
    `Scanning page ${i + 1}`,
    `Scanned page ${i + 1}. (scanner status = 5)`,
  ]).flat(),
  'Scanning page 11',
  'scanimage: sane_start: Document feeder out of documents',
  'Batch terminated, 10 pages scanned',
  '',
].join('\n');

function codeAndParams(error: AppError | null) {
  return error && { code: error.code, params: error.params };
}

const scan = (stderr: string, exitCode: number | null, pages: number, finished = true) =>
  codeAndParams(scanError({ stderr, exitCode, pages, finished, scanner: 'Office scanner' }));

describe('scanError', () => {
  it('ends a feeder job normally when the feeder runs out after pages', () => {
    expect(scan(feederDone, 0, 10)).toBeNull();
  });

  it('says the feeder is empty when it runs out before the first page', () => {
    expect(scan(failedRead('Document feeder out of documents', 7), 0, 0)).toEqual({
      code: 'docscan_feeder_empty',
      params: undefined,
    });
  });

  it('maps the device’s states, with the page that failed', () => {
    expect(scan(failedRead('Document feeder jammed', 6), 6, 0)).toEqual({ code: 'docscan_jam', params: { page: 1 } });
    expect(scan(failedRead('Document feeder jammed', 6), 6, 3)).toEqual({ code: 'docscan_jam', params: { page: 4 } });
    expect(scan(failedRead('Scanner cover is open', 8), 8, 0)?.code).toBe('docscan_cover_open');
    expect(scan(failedRead('Device busy', 3), 3, 0)?.code).toBe('docscan_busy');
    expect(scan(failedRead('Error during device I/O', 9), 9, 2)).toEqual({ code: 'docscan_io', params: { page: 3 } });
  });

  it('reads the message even when scanimage hung after it and had to be stopped (no exit status)', () => {
    expect(scan(failedRead('Document feeder jammed', 6), null, 0)).toEqual({
      code: 'docscan_jam',
      params: { page: 1 },
    });
    expect(scan(feederDone, null, 10)).toBeNull();
  });

  it('falls back on the exit status (the SANE status) when the message is worded otherwise', () => {
    expect(scan('scanimage: sane_read: 卡纸\n', 6, 1)).toEqual({ code: 'docscan_jam', params: { page: 2 } });
    expect(scan('', 3, 0)?.code).toBe('docscan_busy');
    expect(scan('', 7, 0)?.code).toBe('docscan_feeder_empty');
  });

  it('says a device that does not open is not found, unless it is busy', () => {
    const open = (reason: string) => `scanimage: open of device fujitsu:fi-7160:10236 failed: ${reason}\n`;
    expect(scan(open('Invalid argument'), 1, 0, false)).toEqual({
      code: 'docscan_not_found',
      params: { name: 'Office scanner' },
    });
    expect(scan(open('Device busy'), 1, 0, false)?.code).toBe('docscan_busy');
  });

  it('says which setting the device refused', () => {
    expect(scan('scanimage: setting of option --mode failed (Invalid argument)\n', 1, 0, false)).toEqual({
      code: 'docscan_unsupported',
      params: { setting: { 'zh-CN': '色彩模式', en: 'colour mode' } },
    });
    expect(scan('scanimage: attempted to set inactive option adf-mode\n', 1, 0, false)?.params).toEqual({
      setting: { 'zh-CN': '双面', en: 'both sides' },
    });
    expect(scan('scanimage: setting of option --constructor failed (Invalid argument)\n', 1, 0, false)?.params).toEqual(
      { setting: '--constructor' },
    );
  });

  it('reports anything else with scanimage’s own words, short, without progress lines', () => {
    expect(scan(failedRead('Out of memory', 10), 10, 0)).toEqual({
      code: 'docscan_failed',
      params: { detail: 'sane_read: Out of memory' },
    });
    expect(scan(batch('libpng error: No IDATs written into file'), null, 0, false)).toEqual({
      code: 'docscan_failed',
      params: { detail: 'libpng error: No IDATs written into file' },
    });
    expect(
      scan('Scanning 1 page, incrementing by 1, numbering from 1\nBatch terminated, 0 pages scanned\n', 0, 0),
    ).toEqual({ code: 'docscan_failed', params: { detail: 'no page' } });
  });

  it('ends a flatbed page that came with a clean exit normally', () => {
    const flatbed =
      'Scanning 1 page, incrementing by 1, numbering from 1\nScanning page 1\nScanned page 1. (scanner status = 5)\nBatch terminated, 1 page scanned\n';
    expect(scan(flatbed, 0, 1)).toBeNull();
  });

  it('fuzz: never throws, and a failure is always a coded AppError', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.option(fc.integer({ min: 0, max: 255 })),
        fc.nat(20),
        fc.boolean(),
        (stderr, code, pages, finished) => {
          const error = scanError({ stderr, exitCode: code, pages, finished, scanner: 's' });
          if (error) expect(error).toBeInstanceOf(AppError);
          expect(queryError(stderr, code, 's')).toBeInstanceOf(AppError);
        },
      ),
    );
  });
});

describe('queryError', () => {
  it('maps -A and -L failures; an I/O error outside a scan names no page', () => {
    expect(
      codeAndParams(queryError('scanimage: open of device test:9 failed: Invalid argument\n', 1, 'test:9')),
    ).toEqual({ code: 'docscan_not_found', params: { name: 'test:9' } });
    expect(queryError('scanimage: open of device x failed: Device busy\n', 1, 'x').code).toBe('docscan_busy');
    expect(codeAndParams(queryError('scanimage: open of device x failed: Error during device I/O\n', 1, 'x'))).toEqual({
      code: 'docscan_failed',
      params: { detail: 'Error during device I/O' },
    });
  });
});

describe('stderrDetail', () => {
  it('cuts a long line and says how it ended when nothing was said', () => {
    const detail = stderrDetail(`scanimage: ${'x'.repeat(500)}\n`, 1);
    expect(detail).toHaveLength(120);
    expect(detail.endsWith('…')).toBe(true);
    expect(stderrDetail('', 4)).toBe('exit status 4');
    expect(stderrDetail('Scanning page 1\n', null)).toBe('stopped');
  });
});
