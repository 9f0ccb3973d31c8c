import type { ColourMode, ScannerCapabilities, ScanSource } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';

/**
 * `scanimage -d DEV -A`: the device's options, one per line indented by four spaces, e.g.
 * `    --source Flatbed|ADF Front|ADF Duplex [ADF Front]` or `    -x 0..215.9mm (in steps of 0.1) [215.9]`,
 * then the current value and tags ([inactive], [hardware], [read-only], [advanced]). The values are
 * kept as the device spells them, so a scan asks in the device's own words.
 */

export type SaneResolutions =
  { kind: 'list'; values: number[] } | { kind: 'range'; min: number; max: number; step: number };

/** What a scan needs to know about one SANE device. */
export interface SaneDevice {
  /** The arguments that select each source the device has; `[]` for a glass-only device without --source. */
  sources: Partial<Record<ScanSource, string[]>>;
  /** The device's --mode value for each colour mode it has. */
  modes: Partial<Record<ColourMode, string>>;
  resolutions: SaneResolutions;
  /** The largest -x and -y, millimetres. */
  maxWidthMm: number;
  maxHeightMm: number;
  capabilities: ScannerCapabilities;
}

/** The resolutions a window uses, offered from a device's range (a range of 1..1200 is not 1200 choices). */
const usualResolutions = [75, 100, 150, 200, 240, 300, 400, 600, 1200] as const;
// What ScanSettings accepts: a device's 25 or 2400 dpi is never asked for.
const lowestResolution = 50;
const highestResolution = 1200;

interface OptionLine {
  /** The constraint: `A|B|C`, `1..1200dpi (in steps of 1)`, `75|150|300dpi`, `<int>`. */
  constraint: string;
  /** Not settable now ([inactive], [hardware], [read-only]): scanimage exits if asked to set it. */
  fixed: boolean;
}

function protocol(detail: string): AppError {
  return new AppError('docscan_protocol', { detail });
}

/**
 * Splits the trailing ` [value]` and ` [tag]` groups off an option line; a value may hold brackets
 * itself ("24bit Color[Fast]"), so each group is matched from its closing bracket back.
 */
function splitTrailingBrackets(text: string): { rest: string; groups: string[] } {
  let rest = text;
  const groups: string[] = [];
  while (rest.endsWith(']')) {
    let depth = 0;
    let open = -1;
    for (let i = rest.length - 1; i >= 0; i--) {
      if (rest[i] === ']') depth++;
      else if (rest[i] === '[' && --depth === 0) {
        open = i;
        break;
      }
    }
    if (open < 1 || rest[open - 1] !== ' ') break;
    groups.unshift(rest.slice(open + 1, -1));
    rest = rest.slice(0, open - 1);
  }
  return { rest, groups };
}

const optionLinePattern = /^ {4}(-[a-z]|--[a-z0-9][a-z0-9-]*)(\[=\([^)]*\)\])?(?: (.*))?$/i;
const fixedTags = new Set(['inactive', 'hardware', 'read-only']);

function optionLines(text: string): Map<string, OptionLine> {
  const options = new Map<string, OptionLine>();
  for (const raw of text.split('\n')) {
    const match = optionLinePattern.exec(raw.replace(/\r$/, ''));
    if (!match?.[1] || options.has(match[1])) continue;
    const { rest, groups } = splitTrailingBrackets(match[3] ?? '');
    options.set(match[1], { constraint: rest.trim(), fixed: groups.some((g) => fixedTags.has(g)) });
  }
  return options;
}

const number = String.raw`-?\d+(?:\.\d+)?(?:e[+-]?\d+)?`;
const rangePattern = new RegExp(
  `^(${number})\\.\\.(${number})([a-z%"]*)(?:,\\.\\.\\.)?(?: \\(in steps of (${number})\\))?$`,
  'i',
);
const wordListPattern = new RegExp(`^((?:${number}\\|)*${number})([a-z%"]*)(?:,\\.\\.\\.)?$`, 'i');

function finite(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) ? value : null;
}

function parseRange(constraint: string): { min: number; max: number; step: number; unit: string } | null {
  const match = rangePattern.exec(constraint);
  if (!match) return null;
  const min = finite(match[1]);
  const max = finite(match[2]);
  if (min === null || max === null || max < min) return null;
  return { min, max, step: finite(match[4]) ?? 0, unit: (match[3] ?? '').toLowerCase() };
}

function parseWordList(constraint: string): { values: number[]; unit: string } | null {
  const match = wordListPattern.exec(constraint);
  if (!match?.[1]) return null;
  const values = match[1].split('|').map(Number);
  return values.every(Number.isFinite) ? { values, unit: (match[2] ?? '').toLowerCase() } : null;
}

function stringList(option: OptionLine | undefined): string[] {
  if (!option || option.constraint === '' || option.constraint.startsWith('<')) return [];
  return option.constraint.split('|').filter((v) => v.trim() !== '');
}

/** The source a --source value stands for; a back-only side, film and transparency units are none. */
export function sourceKind(value: string): ScanSource | null {
  const v = value.toLowerCase();
  if (/\b(back|rear)\b|film|transparen|negative|positive|slide|\btma\b/.test(v)) return null;
  const feeder = /\badf|feeder|\bsimplex\b/.test(v);
  if (/duplex/.test(v)) return feeder || v.trim() === 'duplex' ? 'adf_duplex' : null;
  if (feeder) return 'adf';
  if (/flatbed|platen|glass|document table|^normal$/.test(v.trim())) return 'flatbed';
  return null;
}

// Most precise first: "Color" before "24bit Color[Fast]", "Lineart" before "Halftone".
const modePatterns: Record<ColourMode, readonly RegExp[]> = {
  color: [/^(colou?r|rgb)$/i, /^24 ?bit colou?r$/i, /colou?r|\brgb\b/i],
  gray: [/^(gr[ae]y|gr[ae]yscale|true gr[ae]y|8 ?bit gr[ae]y)$/i, /^(?!.*(diffusion|dither|halftone)).*gr[ae]y/i],
  lineart: [
    /^(lineart|line art|binary)$/i,
    /^(black ?(&|and) ?white|b ?& ?w)$/i,
    /^halftone$/i,
    /lineart|binary|halftone/i,
  ],
};

/** The device's value for each colour mode, taken from its --mode list. */
export function modeValues(values: readonly string[]): Partial<Record<ColourMode, string>> {
  const modes: Partial<Record<ColourMode, string>> = {};
  for (const mode of Object.keys(modePatterns) as ColourMode[]) {
    for (const pattern of modePatterns[mode]) {
      const value = values.find((v) => pattern.test(v.trim()));
      if (value !== undefined) {
        modes[mode] = value;
        break;
      }
    }
  }
  return modes;
}

function sourceArguments(options: Map<string, OptionLine>): Partial<Record<ScanSource, string[]>> {
  const option = options.get('--source');
  // A device without a --source it lets us set (one shown [inactive] or [hardware]) scans from its glass.
  if (!option || option.fixed) return { flatbed: [] };
  const values = stringList(option);
  const sources: Partial<Record<ScanSource, string[]>> = {};
  for (const value of values) {
    const kind = sourceKind(value);
    if (kind && !sources[kind]) sources[kind] = [`--source=${value}`];
  }
  // epson2 and epson turn duplex on with --adf-mode (inactive until the feeder is chosen, hence after --source).
  const adfModes = stringList(options.get('--adf-mode'));
  const duplex = adfModes.find((m) => /^duplex$/i.test(m.trim()));
  const simplex = adfModes.find((m) => /^simplex$/i.test(m.trim()));
  const feeder = sources.adf;
  if (feeder && duplex && !sources.adf_duplex) {
    sources.adf_duplex = [...feeder, `--adf-mode=${duplex}`];
    if (simplex) sources.adf = [...feeder, `--adf-mode=${simplex}`];
  }
  return sources;
}

function parseResolutions(option: OptionLine | undefined): { resolutions: SaneResolutions; offered: number[] } {
  if (!option) throw protocol('no --resolution');
  const inSettings = (r: number) => Number.isInteger(r) && r >= lowestResolution && r <= highestResolution;
  const range = parseRange(option.constraint);
  if (range && (range.unit === 'dpi' || range.unit === '')) {
    const min = Math.ceil(range.min);
    const max = Math.floor(range.max);
    // A step of 50 from 50 reaches 100 and 150 but not 75; a fractional step reaches anything (the device rounds).
    const step = Number.isInteger(range.step) && range.step > 1 ? range.step : 1;
    const reachable = (r: number) => r >= min && r <= max && (r - min) % step === 0;
    let offered: number[] = usualResolutions.filter(reachable);
    if (offered.length === 0 && inSettings(max)) offered = [max];
    return { resolutions: { kind: 'range', min, max, step }, offered };
  }
  const list = parseWordList(option.constraint);
  if (list && (list.unit === 'dpi' || list.unit === '')) {
    const values = [...new Set(list.values.filter(inSettings))].sort((a, b) => a - b);
    return { resolutions: { kind: 'list', values }, offered: values };
  }
  throw protocol('unreadable --resolution');
}

function maxMm(option: OptionLine | undefined, name: string): number {
  if (!option) throw protocol(`no ${name}`);
  const range = parseRange(option.constraint);
  if (!range || range.unit !== 'mm' || range.max <= 0) throw protocol(`unreadable ${name}`);
  return range.max;
}

/** A device's options from `scanimage -d DEV -A`; anything it cannot read is AppError('docscan_protocol'). */
export function parseDeviceOptions(stdout: string): SaneDevice {
  if (!/^All options specific to device `/m.test(stdout)) throw protocol('no option list');
  const options = optionLines(stdout);
  const sources = sourceArguments(options);
  const modes = modeValues(stringList(options.get('--mode')));
  const { resolutions, offered } = parseResolutions(options.get('--resolution'));
  const maxWidthMm = maxMm(options.get('-x'), '-x');
  const maxHeightMm = maxMm(options.get('-y'), '-y');

  const sourceList = (['flatbed', 'adf', 'adf_duplex'] as const).filter((s) => sources[s]);
  const modeList = (['color', 'gray', 'lineart'] as const).filter((m) => modes[m] !== undefined);
  if (sourceList.length === 0) throw protocol('no known --source');
  if (modeList.length === 0) throw protocol('no known --mode');
  if (offered.length === 0) throw protocol('no usable --resolution');
  return {
    sources,
    modes,
    resolutions,
    maxWidthMm,
    maxHeightMm,
    capabilities: { sources: sourceList, modes: modeList, resolutions: offered, maxWidthMm, maxHeightMm },
  };
}
