import { describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import { checkSettings, pageFile, scanArea, scanArguments } from './command';
import type { SaneDevice } from './options';

const epson: SaneDevice = {
  sources: {
    flatbed: ['--source=Flatbed'],
    adf: ['--source=Automatic Document Feeder', '--adf-mode=Simplex'],
    adf_duplex: ['--source=Automatic Document Feeder', '--adf-mode=Duplex'],
  },
  modes: { color: 'Color', gray: 'Gray', lineart: 'Lineart' },
  resolutions: { kind: 'list', values: [75, 150, 300, 600] },
  maxWidthMm: 215.9,
  maxHeightMm: 297.18,
  capabilities: {
    sources: ['flatbed', 'adf', 'adf_duplex'],
    modes: ['color', 'gray', 'lineart'],
    resolutions: [75, 150, 300, 600],
    maxWidthMm: 215.9,
    maxHeightMm: 297.18,
  },
};

const glassOnly: SaneDevice = {
  ...epson,
  sources: { flatbed: [] },
  modes: { color: 'Colour', gray: 'Grey' },
  resolutions: { kind: 'range', min: 50, max: 600, step: 50 },
  maxWidthMm: 200,
  maxHeightMm: 200,
};

const settings: ScanSettings = { source: 'adf_duplex', mode: 'gray', resolution: 300, pageSize: 'a4' };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('not refused');
}

describe('scanArguments', () => {
  it('asks in the device’s own words, the source (and its duplex switch) first, one page file per sheet', () => {
    expect(scanArguments('epson2:net:192.168.1.35', epson, settings, '/tmp/job')).toEqual([
      '--device-name=epson2:net:192.168.1.35',
      '--source=Automatic Document Feeder',
      '--adf-mode=Duplex',
      '--mode=Gray',
      '--resolution=300',
      '-x',
      '210',
      '-y',
      '297',
      '--format=png',
      '--batch=/tmp/job/p%04d.png',
      '--batch-print',
    ]);
  });

  it('scans one page from the glass, with no --source for a device that has none, clipped to its area', () => {
    const args = scanArguments('genesys:libusb:001:006', glassOnly, { ...settings, source: 'flatbed' }, '/tmp/j');
    expect(args).toEqual([
      '--device-name=genesys:libusb:001:006',
      '--mode=Grey',
      '--resolution=300',
      '-x',
      '200',
      '-y',
      '200',
      '--format=png',
      '--batch=/tmp/j/p%04d.png',
      '--batch-print',
      '--batch-count=1',
    ]);
  });

  it('escapes % in the folder (scanimage fills the batch name printf-style) and refuses a line break in it', () => {
    expect(scanArguments('d', epson, settings, '/tmp/100%/job')).toContain('--batch=/tmp/100%%/job/p%04d.png');
    expect(refusal(() => scanArguments('d', epson, settings, '/tmp/a\nb')).code).toBe('docscan_failed');
  });

  it('names page files as scanimage prints them', () => {
    expect(pageFile('/tmp/job', 1)).toBe('/tmp/job/p0001.png');
    expect(pageFile('/tmp/job', 12345)).toBe('/tmp/job/p12345.png');
  });
});

describe('scanArea', () => {
  it('is the paper size, clipped to the device; max is the device’s whole area', () => {
    expect(scanArea(epson, 'a4')).toEqual({ widthMm: 210, heightMm: 297 });
    expect(scanArea(epson, 'letter')).toEqual({ widthMm: 215.9, heightMm: 279 });
    expect(scanArea(epson, 'max')).toEqual({ widthMm: 215.9, heightMm: 297.18 });
    expect(scanArea(glassOnly, 'a5')).toEqual({ widthMm: 148, heightMm: 200 });
  });
});

describe('checkSettings', () => {
  it('refuses a source, mode or resolution the device lacks, naming it in both languages', () => {
    const source = refusal(() => checkSettings(glassOnly, { ...settings, source: 'adf' }));
    expect([source.code, source.params]).toEqual([
      'docscan_unsupported',
      { setting: { 'zh-CN': '进纸器单面', en: 'feeder, one side' } },
    ]);
    const mode = refusal(() => checkSettings(glassOnly, { ...settings, source: 'flatbed', mode: 'lineart' }));
    expect([mode.code, mode.params]).toEqual([
      'docscan_unsupported',
      { setting: { 'zh-CN': '黑白', en: 'black and white' } },
    ]);
    const listed = refusal(() => checkSettings(epson, { ...settings, resolution: 200 }));
    expect([listed.code, listed.params]).toEqual(['docscan_unsupported', { setting: '200 dpi' }]);
  });

  it('takes any resolution a range reaches with its step, and no other', () => {
    const flatbed = { ...settings, source: 'flatbed' as const };
    expect(() => checkSettings(glassOnly, { ...flatbed, resolution: 50 })).not.toThrow();
    expect(() => checkSettings(glassOnly, { ...flatbed, resolution: 250 })).not.toThrow();
    expect(refusal(() => checkSettings(glassOnly, { ...flatbed, resolution: 75 })).code).toBe('docscan_unsupported');
    expect(refusal(() => checkSettings(glassOnly, { ...flatbed, resolution: 1200 })).code).toBe('docscan_unsupported');
  });
});
