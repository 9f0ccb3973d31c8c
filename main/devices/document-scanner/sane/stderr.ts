import { AppError, type ErrorParam } from '../../../../preload/contract/errors';

/**
 * What scanimage's stderr and exit status mean for the clerk. scanimage runs with LC_ALL=C (./run),
 * so SANE's status texts (sane_strstatus) come in English whatever the desktop's language; the
 * exit status is the SANE status too, the fallback when a backend words things its own way.
 */

/** Progress lines scanimage writes in batch mode: not a reason for anything. */
const progress =
  /^(Scanning (\d+|infinity) pages?|Scanning page \d+|Scanned page \d+|Batch terminated|Output format is not set)/;

const maxDetail = 120;

/** The setting scanimage could not set, as the clerk knows it (an option we never send stays as named). */
const settingNames: Record<string, ErrorParam> = {
  source: { 'zh-CN': '纸张来源', en: 'paper source' },
  'adf-mode': { 'zh-CN': '双面', en: 'both sides' },
  mode: { 'zh-CN': '色彩模式', en: 'colour mode' },
  resolution: { 'zh-CN': '分辨率', en: 'resolution' },
  'br-x': { 'zh-CN': '纸张大小', en: 'page size' },
  'br-y': { 'zh-CN': '纸张大小', en: 'page size' },
};

function lines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.replace(/\r$/, '').trim())
    .filter((l) => l !== '');
}

/** The line worth showing for a failure nothing else explains: scanimage's own complaint, shortened. */
export function stderrDetail(stderr: string, exitCode: number | null): string {
  const all = lines(stderr);
  const said = all.filter((l) => l.startsWith('scanimage: ')).at(-1) ?? all.filter((l) => !progress.test(l)).at(-1);
  const detail = said?.replace(/^scanimage: /, '').trim();
  if (detail) return detail.length > maxDetail ? `${detail.slice(0, maxDetail - 1)}…` : detail;
  return exitCode === null ? 'stopped' : `exit status ${exitCode}`;
}

// SANE_Status values, which scanimage also exits with (sane.h).
const exitStatuses = { busy: 3, jammed: 6, noDocs: 7, coverOpen: 8, io: 9 } as const;

/** Whether scanimage said the feeder is empty, by message or by exit status. */
export function feederEmptied(stderr: string, exitCode: number | null): boolean {
  return stderr.includes('Document feeder out of documents') || exitCode === exitStatuses.noDocs;
}

/**
 * A failure that is the device's state, whatever the stage; `page` is null outside a scan (an I/O
 * error then has no page to name, and says what it is instead).
 */
function deviceError(stderr: string, exitCode: number | null, page: number | null): AppError | null {
  if (stderr.includes('Device busy') || exitCode === exitStatuses.busy) return new AppError('docscan_busy');
  if (stderr.includes('Document feeder jammed') || exitCode === exitStatuses.jammed) {
    return new AppError('docscan_jam', { page: page ?? 1 });
  }
  if (stderr.includes('Scanner cover is open') || exitCode === exitStatuses.coverOpen) {
    return new AppError('docscan_cover_open');
  }
  if (stderr.includes('Error during device I/O') || exitCode === exitStatuses.io) {
    return page === null
      ? new AppError('docscan_failed', { detail: 'Error during device I/O' })
      : new AppError('docscan_io', { page });
  }
  return null;
}

/** "open of device X failed: Invalid argument" (and the like): a device that is not there. */
function openFailed(stderr: string): boolean {
  return /open of device .* failed/.test(stderr);
}

/** The error for a `scanimage -L` or `-A` that failed (non-zero exit); `scanner` is the name the clerk knows. */
export function queryError(stderr: string, exitCode: number | null, scanner: string): AppError {
  const state = deviceError(stderr, exitCode, null);
  if (state) return state;
  if (openFailed(stderr)) return new AppError('docscan_not_found', { name: scanner });
  return new AppError('docscan_failed', { detail: stderrDetail(stderr, exitCode) });
}

/**
 * The error a finished scan stands for, or null when the batch ended as it should. `pages` is how
 * many pages arrived; a failure is on the page after them. `finished`: scanimage wrote
 * "Batch terminated" (so a stop after it, because the process hung on its way out, is no failure).
 * `scanner`: the name the clerk knows the scanner by, for docscan_not_found.
 */
export function scanError(run: {
  stderr: string;
  exitCode: number | null;
  pages: number;
  finished: boolean;
  scanner: string;
}): AppError | null {
  const { stderr, pages } = run;
  const exitCode = run.finished && run.exitCode === null ? 0 : run.exitCode;
  const page = pages + 1;
  const state = deviceError(stderr, exitCode, page);
  if (state) return state;
  // The feeder running out after a page is how every feeder job ends.
  if (feederEmptied(stderr, exitCode)) return pages > 0 ? null : new AppError('docscan_feeder_empty');
  if (openFailed(stderr)) return new AppError('docscan_not_found', { name: run.scanner });
  const refused = /setting of option --([a-z0-9-]+) failed|attempted to set inactive option ([a-z0-9-]+)/.exec(stderr);
  const setting = refused?.[1] ?? refused?.[2];
  if (setting) {
    const name = Object.hasOwn(settingNames, setting) ? settingNames[setting] : undefined;
    return new AppError('docscan_unsupported', { setting: name ?? `--${setting}` });
  }
  if (exitCode === 0 && pages > 0) return null;
  return new AppError('docscan_failed', {
    detail: pages === 0 && exitCode === 0 ? 'no page' : stderrDetail(stderr, exitCode),
  });
}
