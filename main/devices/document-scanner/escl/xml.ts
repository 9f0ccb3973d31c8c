import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  type ColourMode,
  type ScannerCapabilities,
  type ScannerStatus,
  type ScanSource,
} from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';

/**
 * The eSCL documents: ScannerCapabilities and ScannerStatus read from a scanner, scan:ScanSettings
 * written to it (and read back by the simulator). Devices differ in their prefixes (scan:, escl:,
 * a default namespace), so elements are matched by local name; anything unreadable is
 * AppError('docscan_protocol').
 */

export const esclNamespaces = {
  scan: 'http://schemas.hp.com/imaging/escl/2011/05/03',
  pwg: 'http://www.pwg.org/schemas/2010/12/sm',
} as const;

/** eSCL lengths are in 300ths of an inch. */
export const esclUnitsPerInch = 300;
export const mmToEscl = (mm: number): number => Math.round((mm / 25.4) * esclUnitsPerInch);
export const esclToMm = (units: number): number => (units / esclUnitsPerInch) * 25.4;

// A capabilities document is a few kilobytes; a megabyte is a web page, not eSCL.
const maxXmlLength = 1_000_000;

type Node = unknown;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  // Numeric character references (&#38;) are XML too; this option is what decodes them.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function protocol(detail: string): AppError {
  return new AppError('docscan_protocol', { detail });
}

/** The document's root element, by local name; anything else is docscan_protocol. */
function parseRoot(xml: string, root: string): Node {
  if (xml.length > maxXmlLength) throw protocol(`${root}: too long`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw protocol(`${root}: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Node;
  try {
    doc = parser.parse(xml);
  } catch (error) {
    throw protocol(`${root}: ${(error as Error).message}`);
  }
  const node = child(doc, root);
  if (node === undefined) throw protocol(`missing ${root}`);
  return node;
}

function child(node: Node, name: string): Node {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, name)) return undefined;
  const value = (node as Record<string, unknown>)[name];
  return Array.isArray(value) ? value[0] : value;
}

function children(node: Node, name: string): Node[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, name)) return [];
  const value = (node as Record<string, unknown>)[name];
  return Array.isArray(value) ? value : [value];
}

/** Walks a path of single children. */
function at(node: Node, ...path: string[]): Node {
  return path.reduce<Node>((n, name) => child(n, name), node);
}

function text(node: Node): string | null {
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'object' && node !== null && Object.hasOwn(node, '#text')) {
    const inner = (node as Record<string, unknown>)['#text'];
    return typeof inner === 'string' || typeof inner === 'number' ? String(inner).trim() : null;
  }
  return null;
}

/** A whole number in `[min, max]`, or null: devices send junk and we would rather skip a value than trust it. */
function whole(node: Node, min = 0, max = 1_000_000): number | null {
  const t = text(node);
  if (t === null || !/^\+?\d{1,9}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

// ---------------------------------------------------------------------------------------------
// ScannerCapabilities

export interface EsclSourceCaps {
  modes: ColourMode[];
  resolutions: number[];
  formats: string[];
  /** Largest area, 300ths of an inch. */
  maxWidth: number;
  maxHeight: number;
}

export interface EsclCapabilities {
  capabilities: ScannerCapabilities;
  makeAndModel: string | null;
  uuid: string | null;
  /** Per source, for the scan region of "max" and for choosing what to ask for. */
  sources: Partial<Record<ScanSource, EsclSourceCaps>>;
}

const colourModeOf: Record<string, ColourMode> = { RGB24: 'color', Grayscale8: 'gray', BlackAndWhite1: 'lineart' };
/** The steps a resolution range is offered as (the contract lists resolutions, not ranges). */
const usualResolutions = [75, 100, 150, 200, 240, 300, 400, 600, 1200];
// A device that omits its size is taken as A4, the paper every window scans.
const defaultMaxWidth = mmToEscl(210);
const defaultMaxHeight = mmToEscl(297);

function sourceCaps(inputCaps: Node): EsclSourceCaps | null {
  const modes = new Set<ColourMode>();
  const resolutions = new Set<number>();
  const formats = new Set<string>();
  for (const profile of children(child(inputCaps, 'SettingProfiles'), 'SettingProfile')) {
    for (const mode of children(child(profile, 'ColorModes'), 'ColorMode')) {
      const known = colourModeOf[text(mode) ?? ''];
      if (known) modes.add(known);
    }
    const documentFormats = child(profile, 'DocumentFormats');
    for (const name of ['DocumentFormat', 'DocumentFormatExt']) {
      for (const format of children(documentFormats, name)) {
        const t = text(format)?.toLowerCase();
        if (t && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(t)) formats.add(t);
      }
    }
    const supported = child(profile, 'SupportedResolutions');
    for (const discrete of children(child(supported, 'DiscreteResolutions'), 'DiscreteResolution')) {
      const x = whole(child(discrete, 'XResolution'), 1, 9600);
      const y = whole(child(discrete, 'YResolution'), 1, 9600);
      if (x !== null && x === y) resolutions.add(x);
    }
    const range = child(supported, 'ResolutionRange');
    const min = whole(at(range, 'XResolution', 'Min'), 1, 9600);
    const max = whole(at(range, 'XResolution', 'Max'), 1, 9600);
    if (min !== null && max !== null && min <= max) {
      for (const r of usualResolutions) if (r >= min && r <= max) resolutions.add(r);
    }
  }
  if (modes.size === 0 || resolutions.size === 0) return null;
  return {
    modes: [...modes],
    resolutions: [...resolutions].sort((a, b) => a - b),
    formats: [...formats],
    maxWidth: whole(child(inputCaps, 'MaxWidth'), 1) ?? defaultMaxWidth,
    maxHeight: whole(child(inputCaps, 'MaxHeight'), 1) ?? defaultMaxHeight,
  };
}

/** Reads a ScannerCapabilities document; no usable source, mode or resolution is docscan_protocol. */
export function parseScannerCapabilities(xml: string): EsclCapabilities {
  const root = parseRoot(xml, 'ScannerCapabilities');
  const sources: Partial<Record<ScanSource, EsclSourceCaps>> = {};
  const platen = sourceCaps(at(root, 'Platen', 'PlatenInputCaps'));
  if (platen) sources.flatbed = platen;
  const adf = child(root, 'Adf');
  const simplex = sourceCaps(child(adf, 'AdfSimplexInputCaps'));
  if (simplex) sources.adf = simplex;
  const duplexCaps = sourceCaps(child(adf, 'AdfDuplexInputCaps'));
  // eSCL 2.1+ may say duplex with an AdfOption instead of a separate set of input caps.
  const duplexOption = children(child(adf, 'AdfOptions'), 'AdfOption').some((o) => text(o) === 'Duplex');
  const duplex = duplexCaps ?? (duplexOption ? simplex : null);
  if (duplex) sources.adf_duplex = duplex;

  const all = Object.values(sources);
  if (all.length === 0) throw protocol('ScannerCapabilities: no usable source');
  const modes = (['color', 'gray', 'lineart'] as const).filter((m) => all.some((s) => s.modes.includes(m)));
  const resolutions = [...new Set(all.flatMap((s) => s.resolutions))].sort((a, b) => a - b);
  return {
    capabilities: {
      sources: (['flatbed', 'adf', 'adf_duplex'] as const).filter((s) => sources[s] !== undefined),
      modes,
      resolutions,
      maxWidthMm: Math.round(esclToMm(Math.max(...all.map((s) => s.maxWidth))) * 10) / 10,
      maxHeightMm: Math.round(esclToMm(Math.max(...all.map((s) => s.maxHeight))) * 10) / 10,
    },
    makeAndModel: text(child(root, 'MakeAndModel')) || null,
    uuid: text(child(root, 'UUID')) || null,
    sources,
  };
}

// ---------------------------------------------------------------------------------------------
// ScannerStatus

export type EsclDeviceState = 'Idle' | 'Processing' | 'Testing' | 'Stopped' | 'Down';
export type EsclAdfState = 'loaded' | 'empty' | 'jam' | 'door_open' | 'processing' | 'other';

export interface EsclJobInfo {
  uri: string;
  uuid: string | null;
  /** pwg:JobState: Pending, Processing, Completed, Canceled, Aborted. */
  state: string;
  reasons: string[];
  imagesCompleted: number | null;
}

export interface EsclStatus {
  state: EsclDeviceState;
  /** null: the device has no feeder or did not say. */
  adf: EsclAdfState | null;
  adfRaw: string | null;
  jobs: EsclJobInfo[];
}

const deviceStates: readonly string[] = ['Idle', 'Processing', 'Testing', 'Stopped', 'Down'];
const adfStates: Record<string, EsclAdfState> = {
  ScannerAdfLoaded: 'loaded',
  ScannerAdfEmpty: 'empty',
  ScannerAdfProcessing: 'processing',
  // Paper stuck in the path one way or another: the clerk opens the feeder either way.
  ScannerAdfJam: 'jam',
  ScannerAdfMispick: 'jam',
  ScannerAdfMultipickDetected: 'jam',
  ScannerAdfDuplexPageTooShort: 'jam',
  ScannerAdfDuplexPageTooLong: 'jam',
  ScannerAdfHatchOpen: 'door_open',
  ScannerAdfDoorOpen: 'door_open',
};

/** Reads a ScannerStatus document; no pwg:State is docscan_protocol. */
export function parseScannerStatus(xml: string): EsclStatus {
  const root = parseRoot(xml, 'ScannerStatus');
  const state = text(child(root, 'State'));
  if (state === null || !deviceStates.includes(state)) throw protocol(`ScannerStatus: state ${state ?? 'missing'}`);
  const adfRaw = text(child(root, 'AdfState')) || null;
  const jobs: EsclJobInfo[] = [];
  for (const info of children(child(root, 'Jobs'), 'JobInfo')) {
    const uri = text(child(info, 'JobUri'));
    if (!uri) continue;
    jobs.push({
      uri,
      uuid: text(child(info, 'JobUuid')) || null,
      state: text(child(info, 'JobState')) ?? '',
      reasons: children(child(info, 'JobStateReasons'), 'JobStateReason')
        .map(text)
        .filter((r): r is string => !!r),
      imagesCompleted: whole(child(info, 'ImagesCompleted')),
    });
  }
  return {
    state: state as EsclDeviceState,
    adf: adfRaw === null ? null : (adfStates[adfRaw] ?? 'other'),
    adfRaw,
    jobs,
  };
}

/** The contract's status for an eSCL status: a feeder problem outranks what the device is doing. */
export function scannerStatusOf(status: EsclStatus, at: Date): ScannerStatus {
  const of = (
    state: ScannerStatus['state'],
    code: ScannerStatus['code'] = null,
    params: ScannerStatus['params'] = null,
  ): ScannerStatus => ({ state, code, params, at: at.toISOString() });
  // A jam has no catalog message without its page, so the state alone says it.
  if (status.adf === 'jam') return of('jam');
  if (status.adf === 'door_open') return of('cover_open', 'docscan_cover_open');
  if (status.state === 'Processing' || status.state === 'Testing') return of('busy', 'docscan_busy');
  // It answers but will not scan: the catalog's "failed, restart the scanner" is what helps.
  if (status.state === 'Down' || status.state === 'Stopped')
    return of('offline', 'docscan_failed', { detail: `ScannerStatus ${status.state}` });
  if (status.adf === 'empty') return of('feeder_empty', 'docscan_feeder_empty');
  return of('idle');
}

// ---------------------------------------------------------------------------------------------
// scan:ScanSettings

export type EsclInputSource = 'Platen' | 'Feeder';
export type EsclColorMode = 'RGB24' | 'Grayscale8' | 'BlackAndWhite1';

export interface EsclScanRequest {
  source: EsclInputSource;
  duplex: boolean;
  colorMode: EsclColorMode;
  resolution: number;
  /** 300ths of an inch. */
  region: { xOffset: number; yOffset: number; width: number; height: number };
  format: string;
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });

/** The scan:ScanSettings document for a request, with DocumentFormat and DocumentFormatExt both (devices read one or the other). */
export function buildScanSettings(request: EsclScanRequest): string {
  const settings: Record<string, unknown> = {
    '@_xmlns:scan': esclNamespaces.scan,
    '@_xmlns:pwg': esclNamespaces.pwg,
    'pwg:Version': '2.0',
    'pwg:ScanRegions': {
      'pwg:ScanRegion': {
        'pwg:ContentRegionUnits': 'escl:ThreeHundredthsOfInches',
        'pwg:XOffset': request.region.xOffset,
        'pwg:YOffset': request.region.yOffset,
        'pwg:Width': request.region.width,
        'pwg:Height': request.region.height,
      },
    },
    'pwg:DocumentFormat': request.format,
    'scan:DocumentFormatExt': request.format,
    'pwg:InputSource': request.source,
    'scan:XResolution': request.resolution,
    'scan:YResolution': request.resolution,
    'scan:ColorMode': request.colorMode,
  };
  // Platen-only devices reject a Duplex element they do not expect.
  if (request.source === 'Feeder') settings['scan:Duplex'] = request.duplex;
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'scan:ScanSettings': settings,
  });
}

/** Reads a scan:ScanSettings document (the simulator's side); a missing or unknown source, mode or resolution is docscan_protocol. */
export function parseScanSettings(xml: string): EsclScanRequest {
  const root = parseRoot(xml, 'ScanSettings');
  // Older clients put InputSource in the scan namespace; both prefixes are gone by now.
  const source = text(child(root, 'InputSource')) ?? 'Platen';
  if (source !== 'Platen' && source !== 'Feeder') throw protocol(`ScanSettings: InputSource ${source}`);
  const colorMode = text(child(root, 'ColorMode')) ?? 'RGB24';
  if (colorMode !== 'RGB24' && colorMode !== 'Grayscale8' && colorMode !== 'BlackAndWhite1')
    throw protocol(`ScanSettings: ColorMode ${colorMode}`);
  const resolution = whole(child(root, 'XResolution'), 1, 9600);
  if (resolution === null) throw protocol('ScanSettings: XResolution');
  const region = at(root, 'ScanRegions', 'ScanRegion');
  const format = text(child(root, 'DocumentFormatExt')) || text(child(root, 'DocumentFormat')) || 'image/jpeg';
  return {
    source,
    duplex: text(child(root, 'Duplex'))?.toLowerCase() === 'true',
    colorMode,
    resolution,
    region: {
      xOffset: whole(child(region, 'XOffset')) ?? 0,
      yOffset: whole(child(region, 'YOffset')) ?? 0,
      width: whole(child(region, 'Width'), 1) ?? defaultMaxWidth,
      height: whole(child(region, 'Height'), 1) ?? defaultMaxHeight,
    },
    format: format.toLowerCase(),
  };
}
