import type {
  ColourMode,
  ScannerCapabilities,
  ScanSettings,
  ScanSource,
} from '../../../preload/contract/document-scanners';

/** What to try when a scanner lacks a source: both sides → one side → the glass. */
const sourceFallbacks: Record<ScanSource, readonly ScanSource[]> = {
  adf_duplex: ['adf_duplex', 'adf', 'flatbed'],
  adf: ['adf', 'adf_duplex', 'flatbed'],
  flatbed: ['flatbed', 'adf', 'adf_duplex'],
};

const modeFallbacks: Record<ColourMode, readonly ColourMode[]> = {
  color: ['color', 'gray', 'lineart'],
  gray: ['gray', 'color', 'lineart'],
  lineart: ['lineart', 'gray', 'color'],
};

/**
 * Settings remembered for an item (or another scanner) made to fit this scanner: the nearest
 * source, mode and resolution it has. A clerk who pressed F7 wants pages, not a refusal because
 * yesterday's scanner had a duplex feeder and today's has not.
 */
export function fitSettings(settings: ScanSettings, caps: ScannerCapabilities): ScanSettings {
  const source = sourceFallbacks[settings.source].find((s) => caps.sources.includes(s)) ?? caps.sources[0]!;
  const mode = modeFallbacks[settings.mode].find((m) => caps.modes.includes(m)) ?? caps.modes[0]!;
  // The nearest offered resolution, the higher one on a tie (legibility over size).
  const resolution = caps.resolutions.reduce((best, r) => {
    const d = Math.abs(r - settings.resolution);
    const bestD = Math.abs(best - settings.resolution);
    return d < bestD || (d === bestD && r > best) ? r : best;
  }, caps.resolutions[0]!);
  return { ...settings, source, mode, resolution };
}
