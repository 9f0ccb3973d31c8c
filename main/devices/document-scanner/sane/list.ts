import type { ScannerRef } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';

/**
 * `scanimage -L`: one line per device, "device `NAME' is a VENDOR MODEL TYPE". The three words
 * after "is a" cannot be told apart (vendors and models have spaces), so the name shown is the
 * whole description without SANE's standard type at its end.
 */

const deviceLine = /^device `(.+)' is an? (.*)$/;

// The SANE standard's device types (SANE_Device.type), longest first; a bare "scanner" too.
const deviceTypes = [
  'multi-function peripheral',
  'handheld scanner',
  'sheetfed scanner',
  'flatbed scanner',
  'virtual device',
  'frame grabber',
  'film scanner',
  'still camera',
  'video camera',
  'scanner',
];

const maxName = 200;
const maxAddress = 500;

function displayName(description: string, device: string): string {
  let name = description.trim();
  const lower = name.toLowerCase();
  const type = deviceTypes.find((t) => lower.endsWith(` ${t}`));
  if (type) name = name.slice(0, name.length - type.length).trim();
  return (name || device).slice(0, maxName);
}

/** The scanners in `scanimage -L` output; "No scanners were identified" (or nothing) is none. */
export function parseDeviceList(stdout: string): ScannerRef[] {
  const scanners: ScannerRef[] = [];
  const seen = new Set<string>();
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.startsWith('device `')) continue;
    const match = deviceLine.exec(line);
    // A device line cut short is a broken answer, not one scanner fewer.
    if (!match) throw new AppError('docscan_protocol', { detail: 'device line without description' });
    const device = match[1] ?? '';
    // A name longer than the contract allows is left out rather than offered cut short (it would not open).
    if (device.length > maxAddress || seen.has(device)) continue;
    seen.add(device);
    scanners.push({ id: `sane:${device}`, kind: 'sane', name: displayName(match[2] ?? '', device), address: device });
  }
  return scanners;
}
