import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import type { ScannerCapabilities, ScannerState } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';

/**
 * The scripts' output (./script): one JSON object per line on stdout. Anything that is not JSON
 * (a PowerShell warning, a driver's chatter) comes back as `noise`; a JSON line that is not one
 * of the events below means the script and this parser disagree, a `docscan_protocol` error.
 */

/** A property as the script describes it: its value and, by WIA subtype, its range or its list. */
export type WiaPropInfo = {
  value?: number | null;
  /** WiaSubType: 0 none, 1 range (min, max, step), 2 list (values), 3 flags (values are the bits). */
  subType: number;
  min?: number;
  max?: number;
  step?: number;
  values?: number[];
} | null;

const propInfoSchema = z
  .object({
    value: z.number().nullish(),
    subType: z.number().int(),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().optional(),
    // ConvertTo-Json writes a one-element array as an array, but PowerShell unrolls arrays so
    // easily that a bare number is taken too.
    values: z.union([z.number(), z.array(z.number())]).optional(),
  })
  .nullish()
  .transform((v): WiaPropInfo => (v ? { ...v, values: v.values === undefined ? undefined : [v.values].flat() } : null));

const num = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

const eventSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('device'),
    id: z.string(),
    name: z.string().nullish(),
    description: z.string().nullish(),
  }),
  z.object({
    event: z.literal('props'),
    handlingCaps: num,
    handlingStatus: num,
    bedWidth: num,
    bedHeight: num,
    feedWidth: num,
    feedHeight: num,
    xres: propInfoSchema,
    yres: propInfoSchema,
    intent: propInfoSchema,
  }),
  z.object({ event: z.literal('page'), number: z.number().int().min(1), file: z.string().min(1) }),
  z.object({
    event: z.literal('error'),
    hresult: z.string().regex(/^0x[0-9A-Fa-f]{8}$/),
    stage: z.string().nullish(),
    message: z.string().nullish(),
  }),
  z.object({ event: z.literal('not_found') }),
  z.object({ event: z.literal('done') }),
]);
export type WiaEvent = z.infer<typeof eventSchema>;
export type WiaProps = Extract<WiaEvent, { event: 'props' }>;
export type WiaErrorEvent = Extract<WiaEvent, { event: 'error' }>;
export type WiaLine = WiaEvent | { event: 'noise'; text: string };

/** A line longer than this is not ours (ours are a few hundred bytes); it is refused, not buffered. */
const maxLine = 64 * 1024;

function protocolError(detail: string): AppError {
  return new AppError('docscan_protocol', { detail: detail.slice(0, 160) });
}

/** One line of output: null when blank, `noise` when not JSON; throws docscan_protocol for a bad event. */
export function parseWiaLine(raw: string): WiaLine | null {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') return null;
  if (!text.startsWith('{')) return { event: 'noise', text: text.slice(0, 500) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw protocolError(`not JSON: ${text.slice(0, 60)}`);
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw protocolError(`${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'bad line'}`);
  }
  return parsed.data;
}

/** Splits stdout into lines as chunks arrive: UTF-8 cut mid-character, CRLF, a BOM are all fine. */
export class WiaLineReader {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** The complete lines in `chunk` (with what was pending), unparsed; throws docscan_protocol for a runaway line. */
  split(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    if (this.pending.length > maxLine) throw protocolError(`a line longer than ${maxLine} characters`);
    return lines;
  }

  /** The last line, when the output did not end with a newline ('' when it did). */
  rest(): string {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest;
  }

  /** The complete lines in `chunk`, parsed; throws docscan_protocol. */
  push(chunk: Buffer | string): WiaLine[] {
    return parsed(this.split(chunk));
  }

  /** The last line, parsed. */
  end(): WiaLine[] {
    return parsed([this.rest()]);
  }
}

function parsed(lines: string[]): WiaLine[] {
  return lines.map(parseWiaLine).filter((l): l is WiaLine => l !== null);
}

/**
 * What a WIA HRESULT means here. The values are wiadef.h's (WIA_ERROR_* = MAKE_HRESULT(
 * SEVERITY_ERROR, FACILITY_WIA = 0x21, n)). Microsoft's "Error Codes (WIA)" page lists a few of
 * them as if n were hex (COVER_OPEN 0x80210016, LAMP_OFF 0x80210017, MULTI_FEED 0x80210020); the
 * header says 0x80210010, 0x80210011, 0x80210014. Nothing else uses the page's values, so both
 * are read, in case a driver followed the page.
 */
export type WiaCondition =
  'paper_empty' | 'jam' | 'busy' | 'offline' | 'communication' | 'cover_open' | 'general' | 'no_wia';

const conditions: Record<string, { name: string; condition: WiaCondition }> = {
  '0x80210001': { name: 'WIA_ERROR_GENERAL_ERROR', condition: 'general' },
  '0x80210002': { name: 'WIA_ERROR_PAPER_JAM', condition: 'jam' },
  '0x80210003': { name: 'WIA_ERROR_PAPER_EMPTY', condition: 'paper_empty' },
  // A sheet the feeder could not take (folded, too thick): the clerk takes it out like a jam.
  '0x80210004': { name: 'WIA_ERROR_PAPER_PROBLEM', condition: 'jam' },
  '0x80210005': { name: 'WIA_ERROR_OFFLINE', condition: 'offline' },
  '0x80210006': { name: 'WIA_ERROR_BUSY', condition: 'busy' },
  '0x80210007': { name: 'WIA_ERROR_WARMING_UP', condition: 'busy' },
  // The device item was removed: WIA's way of saying the scanner was unplugged.
  '0x80210009': { name: 'WIA_ERROR_ITEM_DELETED', condition: 'offline' },
  '0x8021000A': { name: 'WIA_ERROR_DEVICE_COMMUNICATION', condition: 'communication' },
  '0x8021000D': { name: 'WIA_ERROR_DEVICE_LOCKED', condition: 'busy' },
  '0x80210010': { name: 'WIA_ERROR_COVER_OPEN', condition: 'cover_open' },
  '0x80210016': { name: 'WIA_ERROR_COVER_OPEN', condition: 'cover_open' },
  // Two sheets at once: take them out and load again from that page, as for a jam.
  '0x80210014': { name: 'WIA_ERROR_MULTI_FEED', condition: 'jam' },
  '0x80210020': { name: 'WIA_ERROR_MULTI_FEED', condition: 'jam' },
  // REGDB_E_CLASSNOTREG: no WIA Automation Library (Windows Server without the desktop, an N edition).
  '0x80040154': { name: 'REGDB_E_CLASSNOTREG', condition: 'no_wia' },
};

/** The condition an HRESULT stands for, or null when it is none we know. */
export function wiaCondition(hresult: string): WiaCondition | null {
  return conditions[normalHresult(hresult)]?.condition ?? null;
}

function normalHresult(hresult: string): string {
  return `0x${hresult.slice(2).toUpperCase()}`;
}

/** For docscan_failed: the HRESULT's name when known, and what the script said. */
export function errorDetail(error: WiaErrorEvent): string {
  const hresult = normalHresult(error.hresult);
  const name = conditions[hresult]?.name ?? hresult;
  const message = (error.message ?? '').replace(/\s+/g, ' ').trim();
  return (message ? `${name}: ${message}` : name).slice(0, 200);
}

/** The setting each stage of the scan script sets, for docscan_unsupported. */
const stageSettings: Record<string, { 'zh-CN': string; en: string }> = {
  source: { 'zh-CN': '纸张来源', en: 'paper source' },
  mode: { 'zh-CN': '色彩模式', en: 'colour mode' },
  resolution: { 'zh-CN': '分辨率', en: 'resolution' },
  area: { 'zh-CN': '纸张大小', en: 'page size' },
};

/**
 * The error for a failure while scanning `page` (the page being scanned when it came). The caller
 * handles WIA_ERROR_PAPER_EMPTY after a page (the normal end); before one it is docscan_feeder_empty.
 */
export function jobError(error: WiaErrorEvent, page: number): AppError {
  switch (wiaCondition(error.hresult)) {
    case 'paper_empty':
      return new AppError('docscan_feeder_empty');
    case 'jam':
      return new AppError('docscan_jam', { page });
    case 'busy':
      return new AppError('docscan_busy');
    case 'offline':
      return new AppError('docscan_gone', { page });
    case 'communication':
    case 'general':
      return new AppError('docscan_io', { page });
    case 'cover_open':
      return new AppError('docscan_cover_open');
    case 'no_wia':
      return new AppError('docscan_tool_missing', { tool: 'WIA' });
    case null: {
      // A refusal while setting up (an HRESULT no condition claims) is the driver saying no to a setting.
      const setting = stageSettings[error.stage ?? ''];
      if (setting) return new AppError('docscan_unsupported', { setting });
      return new AppError('docscan_failed', { detail: errorDetail(error) });
    }
  }
}

/** The error for a failure while listing or reading a scanner's properties (no page involved). */
export function queryError(error: WiaErrorEvent, scannerName: string): AppError {
  switch (wiaCondition(error.hresult)) {
    case 'paper_empty':
      return new AppError('docscan_feeder_empty');
    case 'jam':
      return new AppError('docscan_jam', { page: 1 });
    case 'busy':
      return new AppError('docscan_busy');
    case 'offline':
      return new AppError('docscan_not_found', { name: scannerName });
    case 'communication':
      return new AppError('docscan_timeout');
    case 'cover_open':
      return new AppError('docscan_cover_open');
    case 'no_wia':
      return new AppError('docscan_tool_missing', { tool: 'WIA' });
    case 'general':
    case null:
      return new AppError('docscan_failed', { detail: errorDetail(error) });
  }
}

// WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES and _STATUS bits (wiadef.h).
const caps = { feed: 0x1, flat: 0x2, duplex: 0x4 } as const;
const status = { feedReady: 0x1, pathCoverUp: 0x10, paperJam: 0x20 } as const;

/** A scanner's state from its document handling status (WIA_DPS_DOCUMENT_HANDLING_STATUS). */
export function stateOf(props: WiaProps): ScannerState {
  const s = props.handlingStatus;
  if (s === null) return 'idle';
  if (s & status.paperJam) return 'jam';
  // Only the paper path's cover: a flatbed lid left up (WIA_FLAT_COVER_UP) still scans.
  if (s & status.pathCoverUp) return 'cover_open';
  const hasFeeder = props.handlingCaps !== null && (props.handlingCaps & caps.feed) !== 0;
  return hasFeeder && !(s & status.feedReady) ? 'feeder_empty' : 'idle';
}

/** The resolutions offered from a range: the usual steps that fall in it. */
const usualDpi = [75, 100, 150, 200, 240, 300, 400, 600, 1200];

function resolutionsOf(x: WiaPropInfo, y: WiaPropInfo): number[] {
  const sane = (values: number[]) =>
    [...new Set(values.map(Math.round))].filter((v) => v >= 50 && v <= 1200).sort((a, b) => a - b);
  const offered = (info: WiaPropInfo): number[] | null => {
    if (!info) return null;
    if (info.subType === 1 && info.min !== undefined && info.max !== undefined) {
      const { min, max, step = 0 } = info;
      const steps = usualDpi.filter((v) => v >= min && v <= max && (step <= 0 || (v - min) % step === 0));
      return sane(steps.length > 0 ? steps : [min, max]);
    }
    if (info.subType === 2 && info.values) return sane(info.values);
    return info.value ? sane([info.value]) : null;
  };
  const xs = offered(x);
  const ys = offered(y);
  // The scripts set both axes to one value, so only what both accept is offered.
  const both = xs && ys ? xs.filter((v) => ys.includes(v)) : (xs ?? ys);
  // A driver that says nothing usable still scans at its defaults; 200 dpi is the house default.
  return both && both.length > 0 ? both : [200];
}

function mmOf(thousandthsOfInch: number | null): number {
  return thousandthsOfInch && thousandthsOfInch > 0 ? Math.round(thousandthsOfInch * 0.254) / 10 : 0;
}

/** What a scanner offers, from its properties; what a driver leaves out gets the common answer. */
export function capabilitiesOf(props: WiaProps): ScannerCapabilities {
  const c = props.handlingCaps;
  const sources: ScannerCapabilities['sources'] = [];
  // No WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES: an old flatbed that predates feeders.
  if (c === null || c & caps.flat || !(c & caps.feed)) sources.push('flatbed');
  if (c !== null && c & caps.feed) sources.push('adf');
  if (c !== null && c & caps.feed && c & caps.duplex) sources.push('adf_duplex');

  // Flag subtype: SubTypeValues are the valid bits; list: the valid values. OR-ing covers both.
  const mask = (props.intent?.values ?? []).reduce((m, v) => m | v, 0) & 0x7;
  const modes: ScannerCapabilities['modes'] =
    mask === 0
      ? ['color', 'gray', 'lineart']
      : [
          ...(mask & 1 ? (['color'] as const) : []),
          ...(mask & 2 ? (['gray'] as const) : []),
          ...(mask & 4 ? (['lineart'] as const) : []),
        ];

  // The larger of the glass and the feeder; with neither said, A4, the paper of every window.
  const width = Math.max(mmOf(props.bedWidth), mmOf(props.feedWidth));
  const height = Math.max(mmOf(props.bedHeight), mmOf(props.feedHeight));
  return {
    sources,
    modes,
    resolutions: resolutionsOf(props.xres, props.yres),
    maxWidthMm: width > 0 ? width : 210,
    maxHeightMm: height > 0 ? height : 297,
  };
}
