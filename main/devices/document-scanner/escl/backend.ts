import type {
  ScannerCapabilities,
  ScannerRef,
  ScannerStatus,
  ScanSettings,
} from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import { esclBaseUrl } from '../address';
import type { ScannedPage, ScannerBackend } from '../backend';
import { createEsclHttp, type EsclHttpOptions } from './http';
import { getXml, runEsclJob, toAppError, type EsclJobTiming } from './job';
import { parseScannerCapabilities, parseScannerStatus, scannerStatusOf } from './xml';

/**
 * The eSCL (AirScan) route: scanners at addresses the clerk typed, plus those mDNS finds
 * (discovery.ts), driven over plain HTTP + XML with no driver.
 */

export interface EsclBackendOptions {
  /** Addresses the clerk typed: a base URL (…/eSCL), or just a host or host:port (../address.ts). */
  addresses: () => readonly string[];
  /** Scanners found on the network; when it fails, the typed ones are still listed. */
  discovery?: (signal?: AbortSignal) => Promise<ScannerRef[]>;
  http?: EsclHttpOptions;
  timing?: Partial<EsclJobTiming>;
  now?: () => Date;
}

export interface EsclBackend extends ScannerBackend {
  /** Closes kept-alive connections. */
  close(): void;
}

// As sane-airscan: 30 "not ready" answers a second apart, which slow devices (HP M28w at 600 dpi) need.
const defaultTiming: EsclJobTiming = { notReadyPauseMs: 1_000, notReadyLimit: 30, pageTimeoutMs: 120_000 };

/** The ScannerRef for a base URL. */
export function esclScannerRef(base: string, name?: string): ScannerRef {
  return { id: `escl:${base}`, kind: 'escl', name: (name || new URL(base).host).slice(0, 200), address: base };
}

/** The eSCL backend. */
export function createEsclBackend(options: EsclBackendOptions): EsclBackend {
  const http = createEsclHttp(options.http);
  const timing = { ...defaultTiming, ...options.timing };
  const now = options.now ?? (() => new Date());

  const baseOf = (scanner: ScannerRef): string => {
    if (scanner.kind !== 'escl') throw new AppError('docscan_not_found', { name: scanner.name });
    return esclBaseUrl(scanner.address);
  };

  async function list(signal?: AbortSignal): Promise<ScannerRef[]> {
    const refs = new Map<string, ScannerRef>();
    for (const address of options.addresses()) {
      try {
        const ref = esclScannerRef(esclBaseUrl(address));
        refs.set(ref.id, ref);
      } catch {
        // A mistyped address is refused where it is typed; here it is just not a scanner.
      }
    }
    if (options.discovery) {
      try {
        // A found scanner's own name beats the bare address the clerk typed for it.
        for (const ref of await options.discovery(signal)) refs.set(ref.id, ref);
      } catch (error) {
        if (signal?.aborted) throw error;
      }
    }
    return [...refs.values()];
  }

  async function capabilities(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerCapabilities> {
    const base = baseOf(scanner);
    try {
      const parsed = parseScannerCapabilities(await getXml(http, `${base}/ScannerCapabilities`, signal));
      return { ...parsed.capabilities, model: parsed.makeAndModel };
    } catch (error) {
      if (signal?.aborted) throw error;
      throw toAppError(error, null);
    }
  }

  async function status(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerStatus> {
    const base = baseOf(scanner);
    try {
      return scannerStatusOf(parseScannerStatus(await getXml(http, `${base}/ScannerStatus`, signal)), now());
    } catch (error) {
      if (signal?.aborted) throw error;
      // Unreachable or talking nonsense: offline, with the reason for the screen.
      const app = toAppError(error, null);
      return { state: 'offline', code: app.code, params: app.params ?? null, at: now().toISOString() };
    }
  }

  // A generator, so even a bad address fails on the first next() like every other scan failure.
  async function* scan(scanner: ScannerRef, settings: ScanSettings, signal: AbortSignal): AsyncGenerator<ScannedPage> {
    yield* runEsclJob({ http, base: baseOf(scanner), settings, signal, timing });
  }

  return { kind: 'escl', list, capabilities, status, scan, close: () => http.close() };
}
