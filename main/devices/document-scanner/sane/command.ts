import { join } from 'node:path';
import {
  pageSizes,
  type ColourMode,
  type PageSize,
  type ScanSettings,
  type ScanSource,
} from '../../../../preload/contract/document-scanners';
import { AppError, type ErrorParam } from '../../../../preload/contract/errors';
import type { SaneDevice } from './options';

/** The settings as the clerk knows them, for docscan_unsupported. */
const sourceNames: Record<ScanSource, ErrorParam> = {
  flatbed: { 'zh-CN': '平板', en: 'flatbed' },
  adf: { 'zh-CN': '进纸器单面', en: 'feeder, one side' },
  adf_duplex: { 'zh-CN': '进纸器双面', en: 'feeder, both sides' },
};
const modeNames: Record<ColourMode, ErrorParam> = {
  color: { 'zh-CN': '彩色', en: 'colour' },
  gray: { 'zh-CN': '灰度', en: 'grey' },
  lineart: { 'zh-CN': '黑白', en: 'black and white' },
};

/** Where page `number` of a job in `folder` is written (scanimage's `--batch=…/p%04d.png`). */
export function pageFile(folder: string, number: number): string {
  return join(folder, `p${String(number).padStart(4, '0')}.png`);
}

/** The width and height to scan, millimetres: the paper size, clipped to the device's largest area. */
export function scanArea(
  device: Pick<SaneDevice, 'maxWidthMm' | 'maxHeightMm'>,
  pageSize: PageSize,
): { widthMm: number; heightMm: number } {
  const [width, height] = pageSize === 'max' ? [device.maxWidthMm, device.maxHeightMm] : pageSizes[pageSize];
  return { widthMm: Math.min(width, device.maxWidthMm), heightMm: Math.min(height, device.maxHeightMm) };
}

function resolutionOffered(device: SaneDevice, resolution: number): boolean {
  const r = device.resolutions;
  if (r.kind === 'list') return r.values.includes(resolution);
  return resolution >= r.min && resolution <= r.max && (resolution - r.min) % r.step === 0;
}

function millimetres(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Refuses a setting the device does not have with AppError('docscan_unsupported'), before anything starts. */
export function checkSettings(device: SaneDevice, settings: ScanSettings): void {
  if (!device.sources[settings.source]) {
    throw new AppError('docscan_unsupported', { setting: sourceNames[settings.source] });
  }
  if (device.modes[settings.mode] === undefined) {
    throw new AppError('docscan_unsupported', { setting: modeNames[settings.mode] });
  }
  if (!resolutionOffered(device, settings.resolution)) {
    throw new AppError('docscan_unsupported', { setting: `${settings.resolution} dpi` });
  }
}

/**
 * The scanimage arguments for one job in `folder`, in the device's own words (its --source and
 * --mode values); a setting the device does not have is AppError('docscan_unsupported').
 */
export function scanArguments(
  deviceName: string,
  device: SaneDevice,
  settings: ScanSettings,
  folder: string,
): string[] {
  checkSettings(device, settings);
  // Page file names come back one per line on stdout; scanimage fills `%` in the batch name printf-style.
  if (/[\r\n]/.test(folder)) throw new AppError('docscan_failed', { detail: 'temporary folder name' });
  const batch = join(folder.replaceAll('%', '%%'), 'p%04d.png');
  const { widthMm, heightMm } = scanArea(device, settings.pageSize);
  return [
    `--device-name=${deviceName}`,
    // The source first: options such as epson2's --adf-mode are inactive until the feeder is chosen.
    ...(device.sources[settings.source] ?? []),
    `--mode=${device.modes[settings.mode]}`,
    `--resolution=${settings.resolution}`,
    '-x',
    millimetres(widthMm),
    '-y',
    millimetres(heightMm),
    '--format=png',
    `--batch=${batch}`,
    // Prints each page's file name once the file is complete (renamed from .part): our cue to read it.
    '--batch-print',
    ...(settings.source === 'flatbed' ? ['--batch-count=1'] : []),
  ];
}
