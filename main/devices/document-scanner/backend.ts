import type {
  ScannerBackendKind,
  ScannerCapabilities,
  ScannerRef,
  ScannerStatus,
  ScanSettings,
} from '../../../preload/contract/document-scanners';

/** The image types a route hands over; pages are re-encoded (./pages) before they are stored. */
export type ScannedMime = 'image/jpeg' | 'image/png' | 'image/tiff' | 'image/x-portable-anymap';

/** One page as the scanner delivered it. */
export interface ScannedPage {
  /** 1-based, in the order the scanner delivered them (duplex: front, back, front, back…). */
  number: number;
  mime: ScannedMime;
  bytes: Buffer;
}

/**
 * One route to document scanners (SANE, eSCL, WIA). Every failure is an AppError with a
 * `docscan_*` code (preload/contract/errors/document-scanners.ts) that tells the clerk what to do;
 * a failure in the middle of a job carries `{ page }`, the page that failed.
 */
export interface ScannerBackend {
  readonly kind: ScannerBackendKind;
  /** The scanners this route reaches now (never probes the network unless the route is meant to). */
  list(signal?: AbortSignal): Promise<ScannerRef[]>;
  capabilities(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerCapabilities>;
  status(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerStatus>;
  /**
   * Scans: every sheet of the feeder (or the one on the glass), each page yielded as soon as it
   * is complete. Aborting `signal` stops the scanner, removes every temporary file and ends the
   * iteration without an error. A page is yielded whole or not at all.
   */
  scan(scanner: ScannerRef, settings: ScanSettings, signal: AbortSignal): AsyncIterable<ScannedPage>;
}
