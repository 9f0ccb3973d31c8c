import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  ScannerCapabilities,
  ScannerRef,
  ScannerStatus,
  ScanSettings,
} from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import type { ScannerBackend, ScannedPage } from '../backend';
import {
  capabilitiesOf,
  jobError,
  queryError,
  stateOf,
  wiaCondition,
  type WiaEvent,
  type WiaLine,
  type WiaProps,
} from './parse';
import {
  defaultKill,
  defaultSpawn,
  exitDetail,
  startScript,
  windowsTool,
  type PowerShellTools,
  type Run,
  type WiaChild,
  type WiaSpawn,
} from './run';
import {
  imageFormats,
  isValidDeviceId,
  listScript,
  pageFileName,
  propertiesScript,
  scanPlan,
  scanScript,
} from './script';

export type { WiaChild, WiaSpawn } from './run';

export interface WiaBackendOptions {
  spawn?: WiaSpawn;
  /** powershell.exe; by default Windows' own, by full path, so a planted one on PATH is not run. */
  powershell?: string;
  /** Where each job's private folder is made (default: the OS temp folder, per user on Windows). */
  tempDir?: string;
  /** Stops a child; default: `taskkill /T /F` on Windows (the whole tree), `child.kill()` elsewhere. */
  kill?: (child: WiaChild) => void;
  /** Listing and reading properties: PowerShell's start and WIA's connect (default 30 s). */
  queryTimeoutMs?: number;
  /** A scan with no line for this long is stuck (default 180 s: a slow 600 dpi colour page). */
  pageTimeoutMs?: number;
}

function isImage(bytes: Buffer, mime: ScannedPage['mime']): boolean {
  const magic = mime === 'image/png' ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0xff, 0xd8, 0xff];
  return bytes.length > magic.length && magic.every((b, i) => bytes[i] === b);
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => (process.platform === 'win32' ? resolve(p).toLowerCase() : resolve(p));
  return norm(a) === norm(b);
}

/** Pages handed from the child's lines to the consumer, in order; a failure comes after the pages before it. */
class PageQueue {
  private readonly pages: ScannedPage[] = [];
  private state: { kind: 'open' } | { kind: 'ended' } | { kind: 'failed'; error: unknown } = { kind: 'open' };
  private wake: (() => void) | null = null;

  push(page: ScannedPage): void {
    if (this.state.kind !== 'open') return;
    this.pages.push(page);
    this.notify();
  }
  fail(error: unknown): void {
    if (this.state.kind === 'open') this.state = { kind: 'failed', error };
    this.notify();
  }
  /** Ends the queue; `drop` forgets pages not yet taken (an abort wants no more). */
  end(drop = false): void {
    if (this.state.kind === 'open') this.state = { kind: 'ended' };
    if (drop) this.pages.length = 0;
    this.notify();
  }
  async next(): Promise<ScannedPage | null> {
    for (;;) {
      const page = this.pages.shift();
      if (page) return page;
      if (this.state.kind === 'failed') throw this.state.error;
      if (this.state.kind === 'ended') return null;
      await new Promise<void>((wake) => (this.wake = wake));
    }
  }
  private notify(): void {
    this.wake?.();
    this.wake = null;
  }
}

/** The WIA route: PowerShell scripts over WIA's Automation Library (Windows 10/11). */
export function createWiaBackend(options: WiaBackendOptions = {}): ScannerBackend {
  const tools: PowerShellTools = {
    spawn: options.spawn ?? defaultSpawn,
    powershell: options.powershell ?? windowsTool('WindowsPowerShell', 'v1.0', 'powershell.exe') ?? 'powershell.exe',
    kill: options.kill ?? defaultKill,
  };
  const tempRoot = resolve(options.tempDir ?? tmpdir());
  const queryTimeoutMs = options.queryTimeoutMs ?? 30_000;
  const pageTimeoutMs = options.pageTimeoutMs ?? 180_000;

  /** Runs a listing or property script to its end: its events, or the error it stands for. */
  async function query(script: string, scannerName: string, signal?: AbortSignal): Promise<WiaEvent[]> {
    signal?.throwIfAborted();
    const events: WiaEvent[] = [];
    const noise: string[] = [];
    const run = startScript(tools, script, {
      signal,
      timeoutMs: queryTimeoutMs,
      onLine: (line) => void (line.event === 'noise' ? noise.push(line.text) : events.push(line)),
    });
    const end = await run.ended;
    await run.stop();
    if (end.kind === 'aborted') signal?.throwIfAborted();
    if (end.kind === 'timeout') throw new AppError('docscan_timeout');
    if (end.kind === 'failed') throw end.error;
    for (const event of events) {
      if (event.event === 'error') throw queryError(event, scannerName);
      if (event.event === 'not_found') throw new AppError('docscan_not_found', { name: scannerName });
    }
    if (!events.some((e) => e.event === 'done')) {
      throw new AppError('docscan_failed', {
        detail: exitDetail(end.kind === 'exit' ? end.code : null, end.kind === 'exit' ? end.stderr : '', noise),
      });
    }
    return events;
  }

  function deviceIdOf(scanner: ScannerRef): string {
    if (scanner.kind !== 'wia' || !isValidDeviceId(scanner.address)) {
      throw new AppError('docscan_not_found', { name: scanner.name || scanner.id });
    }
    return scanner.address;
  }

  async function readProps(scanner: ScannerRef, signal?: AbortSignal): Promise<WiaProps> {
    const events = await query(propertiesScript(deviceIdOf(scanner)), scanner.name || scanner.id, signal);
    const props = events.find((e): e is WiaProps => e.event === 'props');
    if (!props) throw new AppError('docscan_protocol', { detail: 'no props line' });
    return props;
  }

  const statusFromError: Partial<Record<AppError['code'], ScannerStatus['state']>> = {
    docscan_busy: 'busy',
    docscan_jam: 'jam',
    docscan_cover_open: 'cover_open',
    docscan_feeder_empty: 'feeder_empty',
  };

  return {
    kind: 'wia',

    async list(signal?: AbortSignal): Promise<ScannerRef[]> {
      const events = await query(listScript(), 'WIA', signal);
      return events.flatMap((e): ScannerRef[] =>
        // An id no script could take (WIA's are `{GUID}\NNNN`) is left out rather than offered.
        e.event === 'device' && isValidDeviceId(e.id)
          ? [{ id: `wia:${e.id}`, kind: 'wia', name: (e.name || e.description || e.id).slice(0, 200), address: e.id }]
          : [],
      );
    },

    async capabilities(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerCapabilities> {
      return capabilitiesOf(await readProps(scanner, signal));
    },

    async status(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerStatus> {
      try {
        const state = stateOf(await readProps(scanner, signal));
        const code = state === 'cover_open' ? 'docscan_cover_open' : null;
        return { state, code, params: null, at: new Date().toISOString() };
      } catch (error) {
        // A scanner that cannot be asked is offline, with the reason; a broken route is not a status.
        if (signal?.aborted || !(error instanceof AppError) || error.code === 'docscan_tool_missing') throw error;
        const state = statusFromError[error.code] ?? 'offline';
        return { state, code: error.code, params: error.params ?? null, at: new Date().toISOString() };
      }
    },

    scan(scanner: ScannerRef, settings: ScanSettings, signal: AbortSignal): AsyncIterable<ScannedPage> {
      return scanPages(scanner, settings, signal);
    },
  };

  async function* scanPages(scanner: ScannerRef, settings: ScanSettings, signal: AbortSignal) {
    if (signal.aborted) return;
    const deviceId = deviceIdOf(scanner);
    const plan = scanPlan(settings);
    const format = imageFormats[plan.format];
    const folder = await mkdtemp(join(tempRoot, 'yichuang-wia-'));
    const queue = new PageQueue();
    const noise: string[] = [];
    let expected = 1;
    let finished = false;
    const onAbort = () => queue.end(true);
    signal.addEventListener('abort', onAbort, { once: true });
    let run: Run | null = null;

    const onLine = async (line: WiaLine) => {
      if (finished) return;
      switch (line.event) {
        case 'noise':
          noise.push(line.text);
          return;
        case 'page': {
          const file = join(folder, pageFileName(expected, plan.format));
          if (line.number !== expected || !samePath(line.file, file)) {
            throw new AppError('docscan_protocol', { detail: `page ${line.number} at ${line.file}` });
          }
          // Read and delete at once: a scan holds a citizen's personal data.
          const bytes = await readFile(file).catch(() => null);
          await rm(file, { force: true, maxRetries: 3, retryDelay: 100 });
          if (!bytes || !isImage(bytes, format.mime)) {
            const reason = bytes ? `not ${format.extension.toUpperCase()}` : 'no file';
            throw new AppError('docscan_bad_page', { page: expected, reason });
          }
          queue.push({ number: expected, mime: format.mime, bytes });
          expected += 1;
          return;
        }
        case 'error':
          finished = true;
          // An empty feeder after a page is how a feeder job ends.
          if (wiaCondition(line.hresult) === 'paper_empty' && expected > 1) return;
          throw jobError(line, expected);
        case 'not_found':
          finished = true;
          throw new AppError('docscan_not_found', { name: scanner.name || deviceId });
        case 'done':
          finished = true;
          return;
        default:
          throw new AppError('docscan_protocol', { detail: `unexpected ${line.event} line` });
      }
    };

    try {
      let script: string;
      try {
        script = scanScript({ deviceId, folder, settings });
      } catch (error) {
        // Only a temp folder no script may name (a line break in tempDir, a path over 240 characters).
        throw new AppError('docscan_failed', { detail: error instanceof Error ? error.message : String(error) });
      }
      run = startScript(tools, script, {
        signal,
        timeoutMs: pageTimeoutMs,
        onLine,
      });
      void run.ended.then((end) => {
        if (end.kind === 'aborted') queue.end(true);
        else if (end.kind === 'timeout') queue.fail(new AppError('docscan_timeout'));
        else if (end.kind === 'failed') queue.fail(end.error);
        else if (finished) queue.end();
        else queue.fail(new AppError('docscan_failed', { detail: exitDetail(end.code, end.stderr, noise) }));
      });
      for (;;) {
        const page = await queue.next();
        if (!page || signal.aborted) return;
        yield page;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      await run?.stop();
      // Retried: Windows refuses to remove a folder while a file in it is still open.
      await rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  }
}
