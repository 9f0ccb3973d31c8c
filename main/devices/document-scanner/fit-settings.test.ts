import { describe, expect, it } from 'vitest';
import type { ScannerCapabilities, ScanSettings } from '../../../preload/contract/document-scanners';
import { fitSettings } from './fit-settings';

const full: ScannerCapabilities = {
  sources: ['flatbed', 'adf', 'adf_duplex'],
  modes: ['color', 'gray', 'lineart'],
  resolutions: [100, 150, 200, 300, 600],
  maxWidthMm: 216,
  maxHeightMm: 356,
};
const wanted: ScanSettings = { source: 'adf_duplex', mode: 'color', resolution: 200, pageSize: 'a4' };

describe('fitSettings', () => {
  it('keeps settings the scanner can do', () => {
    expect(fitSettings(wanted, full)).toEqual(wanted);
  });

  it('falls back from duplex to one side to the glass, and from colour to grey', () => {
    expect(fitSettings(wanted, { ...full, sources: ['flatbed', 'adf'] }).source).toBe('adf');
    expect(fitSettings(wanted, { ...full, sources: ['flatbed'] }).source).toBe('flatbed');
    expect(fitSettings({ ...wanted, source: 'flatbed' }, { ...full, sources: ['adf_duplex'] }).source).toBe(
      'adf_duplex',
    );
    expect(fitSettings(wanted, { ...full, modes: ['gray', 'lineart'] }).mode).toBe('gray');
    expect(fitSettings({ ...wanted, mode: 'lineart' }, { ...full, modes: ['color'] }).mode).toBe('color');
  });

  it('takes the nearest resolution, the higher one on a tie', () => {
    expect(fitSettings({ ...wanted, resolution: 240 }, full).resolution).toBe(200);
    expect(fitSettings({ ...wanted, resolution: 250 }, full).resolution).toBe(300);
    expect(fitSettings({ ...wanted, resolution: 200 }, { ...full, resolutions: [150, 250] }).resolution).toBe(250);
    expect(fitSettings({ ...wanted, resolution: 1200 }, full).resolution).toBe(600);
  });
});
