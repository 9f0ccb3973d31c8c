import type { ScanSettings, ScanSource } from '../../../../preload/contract/document-scanners';
import { pageSizes } from '../../../../preload/contract/document-scanners';
import { AppError, type ErrorParam } from '../../../../preload/contract/errors';
import type { ScannedPage } from '../backend';
import { EsclNetError, pause, type EsclHttp, type EsclResponse } from './http';
import {
  buildScanSettings,
  mmToEscl,
  parseScannerCapabilities,
  parseScannerStatus,
  type EsclCapabilities,
  type EsclScanRequest,
  type EsclStatus,
} from './xml';

/**
 * One eSCL scan job, start to end: status, capabilities, POST ScanJobs, NextDocument until 404,
 * then status again to tell "feeder done" from "jammed". Every exit that is not a clean end
 * DELETEs the job, so the device does not stay busy with a job nobody reads.
 */

export interface EsclJobTiming {
  /** NextDocument 503 ("not ready yet"): pause between asks, and how many before giving up. */
  notReadyPauseMs: number;
  notReadyLimit: number;
  /** Silence allowed while the device scans a sheet (it answers NextDocument only when the page is ready). */
  pageTimeoutMs: number;
}

export interface EsclJobContext {
  http: EsclHttp;
  /** Base URL, …/eSCL without a trailing slash. */
  base: string;
  settings: ScanSettings;
  signal: AbortSignal;
  timing: EsclJobTiming;
}

const sourceNames: Record<ScanSource, ErrorParam> = {
  flatbed: { 'zh-CN': '平板', en: 'flatbed' },
  adf: { 'zh-CN': '进纸器单面', en: 'feeder, one side' },
  adf_duplex: { 'zh-CN': '进纸器双面', en: 'feeder, both sides' },
};
const modeNames: Record<ScanSettings['mode'], ErrorParam> = {
  color: { 'zh-CN': '彩色', en: 'colour' },
  gray: { 'zh-CN': '灰度', en: 'grey' },
  lineart: { 'zh-CN': '黑白', en: 'black and white' },
};
const colorModes = { color: 'RGB24', gray: 'Grayscale8', lineart: 'BlackAndWhite1' } as const;

/** Any failure as the clerk's code: before the job a network failure is a silent device, during it one that went away. */
export function toAppError(error: unknown, page: number | null): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof EsclNetError))
    return new AppError('docscan_failed', { detail: error instanceof Error ? error.message : String(error) });
  if (error.failure === 'timeout' || page === null) return new AppError('docscan_timeout');
  return new AppError('docscan_gone', { page });
}

/** GETs an XML document; anything but 200 with a body is docscan_protocol. */
export async function getXml(http: EsclHttp, url: string, signal: AbortSignal | undefined): Promise<string> {
  const response = await http.request('GET', url, { signal });
  if (response.status !== 200)
    throw new AppError('docscan_protocol', { detail: `${new URL(url).pathname}: HTTP ${response.status}` });
  return response.body.toString('utf8');
}

/** The settings as an eSCL request, checked against what the device offers. */
export function scanRequestFor(settings: ScanSettings, caps: EsclCapabilities): EsclScanRequest {
  const source = caps.sources[settings.source];
  if (!source) throw new AppError('docscan_unsupported', { setting: sourceNames[settings.source] });
  if (!source.modes.includes(settings.mode))
    throw new AppError('docscan_unsupported', { setting: modeNames[settings.mode] });
  if (!source.resolutions.includes(settings.resolution))
    throw new AppError('docscan_unsupported', { setting: `${settings.resolution} dpi` });
  // Devices that list no format at all still send JPEG; one that lists only PDF cannot be used.
  const format = source.formats.length === 0 || source.formats.includes('image/jpeg') ? 'image/jpeg' : 'image/png';
  if (source.formats.length > 0 && !source.formats.includes(format))
    throw new AppError('docscan_unsupported', { setting: 'JPEG' });
  const [widthMm, heightMm] = settings.pageSize === 'max' ? [Infinity, Infinity] : pageSizes[settings.pageSize];
  return {
    source: settings.source === 'flatbed' ? 'Platen' : 'Feeder',
    duplex: settings.source === 'adf_duplex',
    colorMode: colorModes[settings.mode],
    resolution: settings.resolution,
    // A page a little wider than the glass (letter on an A4 device) is scanned to the glass's edge.
    region: {
      xOffset: 0,
      yOffset: 0,
      width: Math.min(mmToEscl(widthMm), source.maxWidth),
      height: Math.min(mmToEscl(heightMm), source.maxHeight),
    },
    format,
  };
}

const jpegEnd = (bytes: Buffer): boolean => {
  // Some devices pad a page with zero bytes after the end-of-image marker.
  let end = bytes.length;
  while (end > 2 && bytes.length - end < 64 && bytes[end - 1] === 0) end--;
  return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
};
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngEnd = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** A page as delivered, or docscan_bad_page: the type must be JPEG or PNG and the image whole. */
export function checkPage(response: EsclResponse, page: number): ScannedPage {
  const type = String(response.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const bytes = response.body;
  const incomplete = (kind: string) =>
    new AppError('docscan_bad_page', {
      page,
      reason: { 'zh-CN': `${kind} 图像不完整`, en: `the ${kind} image is incomplete` },
    });
  if (type === 'image/jpeg' || type === 'image/jpg') {
    if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || !jpegEnd(bytes)) throw incomplete('JPEG');
    return { number: page, mime: 'image/jpeg', bytes };
  }
  if (type === 'image/png') {
    if (!bytes.subarray(0, 8).equals(pngSignature) || !bytes.subarray(-8).equals(pngEnd)) throw incomplete('PNG');
    return { number: page, mime: 'image/png', bytes };
  }
  throw new AppError('docscan_bad_page', {
    page,
    reason: { 'zh-CN': `类型为 ${type || '未知'}`, en: `its type is ${type || 'unknown'}` },
  });
}

/** Refuses to start when the device says it cannot: busy, jammed, cover open, or (for the feeder) empty. */
function precheck(status: EsclStatus, feeder: boolean): void {
  if (feeder && status.adf === 'jam') throw new AppError('docscan_jam', { page: 1 });
  if (feeder && status.adf === 'door_open') throw new AppError('docscan_cover_open');
  if (status.state === 'Processing' || status.state === 'Testing') throw new AppError('docscan_busy');
  if (status.state === 'Stopped' || status.state === 'Down')
    throw new AppError('docscan_failed', { detail: `ScannerStatus ${status.state}` });
  if (feeder && status.adf === 'empty') throw new AppError('docscan_feeder_empty');
}

/** Where the device put the job; its host is replaced by ours (devices do not always know their own name). */
function jobUrlOf(base: string, location: string): string {
  let url: URL;
  try {
    url = new URL(location, `${base}/`);
  } catch {
    throw new AppError('docscan_protocol', { detail: `ScanJobs: Location ${location.slice(0, 100)}` });
  }
  const origin = new URL(base).origin;
  return `${origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Runs the job; see ScannerBackend.scan for the contract (abort ends quietly, pages whole or not at all). */
export async function* runEsclJob(ctx: EsclJobContext): AsyncGenerator<ScannedPage, void, undefined> {
  const { http, base, settings, signal, timing } = ctx;
  const feeder = settings.source !== 'flatbed';
  let jobUrl: string | null = null;
  let finished = false;
  let delivered = 0;
  const readStatus = async () => parseScannerStatus(await getXml(http, `${base}/ScannerStatus`, signal));
  try {
    precheck(await readStatus(), feeder);
    const caps = parseScannerCapabilities(await getXml(http, `${base}/ScannerCapabilities`, signal));
    const request = scanRequestFor(settings, caps);
    const created = await http.request('POST', `${base}/ScanJobs`, {
      body: buildScanSettings(request),
      contentType: 'text/xml',
      signal,
    });
    const location = created.headers.location;
    if (created.status !== 201) {
      // Devices refuse a job with 409 or 503 for many reasons; their status says which.
      precheck(await readStatus(), feeder);
      throw new AppError('docscan_failed', { detail: `ScanJobs: HTTP ${created.status}` });
    }
    if (!location) throw new AppError('docscan_protocol', { detail: 'ScanJobs: no Location' });
    jobUrl = jobUrlOf(base, location);

    let notReady = 0;
    for (;;) {
      if (signal.aborted) return;
      const response = await http.request('GET', `${jobUrl}/NextDocument`, {
        signal,
        idleTimeoutMs: timing.pageTimeoutMs,
        passServiceUnavailable: true,
      });
      if (response.status === 503) {
        if (++notReady > timing.notReadyLimit) throw new AppError('docscan_timeout');
        await pause(timing.notReadyPauseMs, signal);
        continue;
      }
      notReady = 0;
      if (response.status === 404 || response.status === 410) break;
      if (response.status !== 200)
        throw new AppError('docscan_failed', { detail: `NextDocument: HTTP ${response.status}` });
      const page = checkPage(response, delivered + 1);
      delivered++;
      yield page;
    }

    if (!feeder) {
      if (delivered === 0) throw new AppError('docscan_failed', { detail: 'NextDocument: no page' });
    } else {
      const after = await readStatus();
      const path = new URL(jobUrl).pathname;
      const info = after.jobs.find((j) => j.uri.replace(/\/+$/, '').endsWith(path));
      const jamReason = info?.reasons.some((r) => /jam|mispick|multipick/i.test(r)) ?? false;
      if (after.adf === 'jam' || jamReason) throw new AppError('docscan_jam', { page: delivered + 1 });
      if (after.adf === 'door_open') throw new AppError('docscan_cover_open');
      if (delivered === 0) throw new AppError('docscan_feeder_empty');
    }
    finished = true;
  } catch (error) {
    if (signal.aborted) return;
    throw toAppError(error, jobUrl === null ? null : delivered + 1);
  } finally {
    if (jobUrl !== null && !finished) await cancelJob(http, jobUrl);
  }
}

/** DELETE, best effort: the job is over for us whatever the device answers. */
async function cancelJob(http: EsclHttp, jobUrl: string): Promise<void> {
  try {
    await http.request('DELETE', jobUrl, { retries: 1, idleTimeoutMs: 5_000 });
  } catch {
    // Gone or silent: it will drop the job itself.
  }
}
