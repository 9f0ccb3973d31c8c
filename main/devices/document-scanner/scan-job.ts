import type { ColourMode, ScannerRef, ScanSettings } from '../../../preload/contract/document-scanners';
import type { StoredFile } from '../../../preload/contract/materials';
import { hallTime } from '@yichuang/domain/hall-time';
import type { Clock } from '../../app/clock';
import type { ScannerBackend } from './backend';

/** What the page processor (./pages) gives back for one scanned page. */
export interface ProcessedPageLike {
  blank: boolean;
  jpeg: Buffer | null;
  width: number;
  height: number;
  thumbnail: Buffer | null;
}

export type PageProcessor = (input: {
  bytes: Buffer;
  mode: ColourMode;
  resolution: number;
  dropBlank: boolean;
  page: number;
}) => Promise<ProcessedPageLike>;

export interface StoredScanPage {
  /** 1-based among the pages kept. */
  index: number;
  name: string;
  file: StoredFile;
  thumbnail: Buffer;
  blanksDropped: number;
}

/**
 * Runs one job: pulls pages from the route while the previous page is being processed and stored
 * (the scanner never waits for us), in order. Blank pages are dropped in duplex only — a blank
 * sheet fed on purpose in simplex is the clerk's to delete. The first failure stops the scanner;
 * pages stored before it stay. Returns the failure, if any (an abort is not one).
 */
export async function runScanJob(job: {
  backend: ScannerBackend;
  scanner: ScannerRef;
  settings: ScanSettings;
  signal: AbortSignal;
  /** Stop after this many pages (rescanning one page). */
  maxPages: number | null;
  processPage: PageProcessor;
  store: (bytes: Buffer, name: string) => Promise<StoredFile>;
  clock: Clock;
  onPage: (page: StoredScanPage) => void;
  onBlank: (blanksDropped: number) => void;
}): Promise<{ error: unknown }> {
  const scanning = new AbortController();
  const stop = () => scanning.abort();
  job.signal.addEventListener('abort', stop, { once: true });
  if (job.signal.aborted) stop();

  const dropBlank = job.settings.source === 'adf_duplex';
  const stamp = hallTime(job.clock.now()).replaceAll(':', '');
  let kept = 0;
  let blanks = 0;
  let delivered = 0;
  // A page that cannot be used stops the job; a scanner failure (a jam) still lets the pages before it be stored.
  let pageFailure: unknown = null;
  let scanFailure: unknown = null;
  let chain: Promise<void> = Promise.resolve();

  const handle = async (bytes: Buffer, number: number): Promise<void> => {
    if (pageFailure !== null) return;
    try {
      const processed = await job.processPage({
        bytes,
        mode: job.settings.mode,
        resolution: job.settings.resolution,
        dropBlank,
        page: number,
      });
      if (!processed.jpeg || !processed.thumbnail) {
        blanks += 1;
        job.onBlank(blanks);
        return;
      }
      kept += 1;
      const name = `scan-${stamp}-${kept}.jpg`;
      const file = await job.store(processed.jpeg, name);
      job.onPage({ index: kept, name, file, thumbnail: processed.thumbnail, blanksDropped: blanks });
    } catch (error) {
      pageFailure ??= error;
      stop();
    }
  };

  try {
    for await (const page of job.backend.scan(job.scanner, job.settings, scanning.signal)) {
      delivered += 1;
      const number = page.number;
      const bytes = page.bytes;
      chain = chain.then(() => handle(bytes, number));
      if (job.maxPages !== null && delivered >= job.maxPages) stop();
      if (scanning.signal.aborted) break;
    }
  } catch (error) {
    if (!job.signal.aborted) scanFailure = error;
  } finally {
    job.signal.removeEventListener('abort', stop);
  }
  await chain;
  // A page that could not be used stopped the scanner: that is the one the clerk needs to hear.
  return { error: pageFailure ?? scanFailure };
}
