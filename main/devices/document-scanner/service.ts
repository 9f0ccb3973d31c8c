import { randomUUID } from 'node:crypto';
import {
  defaultScanSettings,
  type ScanJob,
  type ScannerCapabilities,
  type ScannerEntry,
  type ScannerRef,
  type ScannerSelfTest,
  type ScannerStatus,
  type ScanSettings,
} from '../../../preload/contract/document-scanners';
import { AppError, type ErrorCode, type ErrorParams } from '../../../preload/contract/errors';
import type { Clock } from '../../app/clock';
import type { Db } from '../../db/connection';
import type { Session } from '../../ipc/session';
import type { SessionHub } from '../../ipc/session-hub';
import type { Logger } from '../../logging/logger';
import type { MaterialStore } from '../../materials/store';
import { esclBaseUrl } from './address';
import type { ScannerBackend } from './backend';
import { fitSettings } from './fit-settings';
import { createJobBoard } from './job-board';
import { createKnownScanners, type KnownScanner } from './known-scanners';
import { runScanJob, type PageProcessor } from './scan-job';

export interface DocumentScannerServiceOptions {
  db: Db;
  clock: Clock;
  hub: SessionHub;
  log: Logger;
  materials: MaterialStore;
  /** The routes on this platform (SANE on Linux, WIA on Windows, eSCL everywhere). */
  backends: readonly ScannerBackend[];
  /** Looks for network scanners once (mDNS); absent where discovery is not wanted. */
  discover?: (signal: AbortSignal) => Promise<ScannerRef[]>;
  processPage: PageProcessor;
}

/** Listing asks each route; a route that hangs (a network scan on a slow LAN) must not hold the screen. */
const listTimeoutMs = 20_000;
const statusTimeoutMs = 8_000;
/** Network scanners are asked for their state this often (cheap: one small GET); others when a screen asks. */
const watchMs = 60_000;

function errorShape(error: unknown): { code: ErrorCode; params: ErrorParams | null; message: string } {
  if (error instanceof AppError) return { code: error.code, params: error.params ?? null, message: error.message };
  const fallback = new AppError('docscan_failed', { detail: error instanceof Error ? error.name : 'error' });
  return { code: fallback.code, params: fallback.params ?? null, message: fallback.message };
}

/** A signal that aborts after `ms`, so one scanner's silence cannot hold a list. */
function within(ms: number): AbortSignal {
  return AbortSignal.timeout(ms);
}

async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const signal = within(ms);
  return Promise.race([
    work(signal),
    new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new AppError('docscan_timeout')), { once: true }),
    ),
  ]);
}

/**
 * The window's document scanners: which there are (remembered, with their defaults), their
 * status, and scan jobs onto a checklist item — one job at a time, pages processed and stored as
 * they arrive, blank back sides dropped, the pages already stored kept whatever ends the job.
 */
export function createDocumentScannerService(options: DocumentScannerServiceOptions) {
  const { clock, hub, log, materials } = options;
  const known = createKnownScanners(options.db, clock);
  const capabilities = new Map<string, ScannerCapabilities>();
  const statuses = new Map<string, ScannerStatus>();
  const board = createJobBoard(clock);
  let queue: Promise<void> = Promise.resolve();
  let checkedOnce = false;
  let watch: NodeJS.Timeout | null = null;

  const backendOf = (ref: ScannerRef): ScannerBackend | null =>
    options.backends.find((b) => b.kind === ref.kind) ?? null;

  function offline(error: unknown): ScannerStatus {
    const shape = errorShape(error);
    return { state: 'offline', code: shape.code, params: shape.params, at: clock.now().toISOString() };
  }

  function entry(scanner: KnownScanner): ScannerEntry {
    const status = statuses.get(scanner.id) ?? {
      state: 'offline' as const,
      code: null,
      params: null,
      at: clock.now().toISOString(),
    };
    return { ...scanner, capabilities: capabilities.get(scanner.id) ?? null, status };
  }

  function entries(): ScannerEntry[] {
    return known
      .all()
      .map(entry)
      .sort((a, b) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? '') || a.name.localeCompare(b.name));
  }

  function publish(): ScannerEntry[] {
    const list = entries();
    hub.broadcast('documentScanners.changed', list);
    return list;
  }

  /** Reads a scanner's capabilities (once) and status (every time); failures become its status. */
  async function check(scanner: ScannerRef): Promise<void> {
    const backend = backendOf(scanner);
    if (!backend) {
      statuses.set(scanner.id, offline(new AppError('docscan_not_found', { name: scanner.name })));
      return;
    }
    try {
      if (!capabilities.has(scanner.id)) {
        capabilities.set(scanner.id, await withTimeout((s) => backend.capabilities(scanner, s), statusTimeoutMs));
      }
      statuses.set(scanner.id, await withTimeout((s) => backend.status(scanner, s), statusTimeoutMs));
    } catch (error) {
      statuses.set(scanner.id, offline(error));
    }
  }

  async function refresh(): Promise<ScannerEntry[]> {
    await Promise.all(
      options.backends.map(async (backend) => {
        try {
          for (const ref of await withTimeout((s) => backend.list(s), listTimeoutMs)) known.seen(ref);
        } catch (error) {
          log.warn({ backend: backend.kind, code: errorShape(error).code }, 'scanner route could not list');
        }
      }),
    );
    capabilities.clear();
    await Promise.all(known.all().map(check));
    return publish();
  }

  function requireKnown(id: string): KnownScanner {
    const scanner = known.get(id);
    if (!scanner) throw new AppError('docscan_not_found', { name: id });
    return scanner;
  }

  /** The scanner for an item: the one asked for, the item's last, the last used, the only one. */
  async function scannerFor(itemId: string | null, asked: string | null): Promise<KnownScanner> {
    if (asked) return requireKnown(asked);
    const preset = itemId ? known.preset(itemId) : null;
    const fromPreset = preset ? known.get(preset.scannerId) : null;
    if (fromPreset) return fromPreset;
    let all = known.all();
    // Nothing known yet: the first F7 looks for scanners, as the clerk would expect.
    if (all.length === 0) {
      await refresh();
      all = known.all();
    }
    const lastUsed = [...all].sort((a, b) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? ''))[0];
    if (!lastUsed) throw new AppError('docscan_none');
    return lastUsed;
  }

  function settingsFor(scanner: KnownScanner, itemId: string | null, asked: ScanSettings | null): ScanSettings {
    const preset = itemId ? known.preset(itemId) : null;
    return (
      asked ?? (preset?.scannerId === scanner.id ? preset.settings : null) ?? scanner.defaults ?? defaultScanSettings
    );
  }

  /** Reads the state of the scanners that have none yet (after a start), then tells the screens. */
  function checkUnknown(): void {
    const unknown = known.all().filter((s) => !statuses.has(s.id));
    if (unknown.length === 0) return;
    void Promise.all(unknown.map(check)).then(publish);
  }

  return {
    /** Known scanners now; their states follow by `documentScanners.changed`. `refreshNow` asks every route first. */
    async list(refreshNow: boolean): Promise<ScannerEntry[]> {
      if (refreshNow) return refresh();
      if (!checkedOnce) {
        checkedOnce = true;
        checkUnknown();
      }
      return entries();
    },

    /** Watches the network scanners' state (a scanner switched off shows in the status bar). */
    start(): void {
      watch ??= setInterval(() => {
        const network = known.all().filter((s) => s.kind === 'escl');
        if (network.length > 0) void Promise.all(network.map(check)).then(publish);
      }, watchMs);
      watch.unref();
    },

    async add(address: string): Promise<ScannerEntry> {
      const url = esclBaseUrl(address);
      const asked: ScannerRef = { id: `escl:${url}`, kind: 'escl', name: new URL(url).host, address: url };
      const backend = backendOf(asked);
      if (!backend) throw new AppError('docscan_not_found', { name: url });
      // Asked before it is kept: a typo gives a message now, not at the first F7.
      const caps = await withTimeout((s) => backend.capabilities(asked, s), statusTimeoutMs);
      const ref = { ...asked, name: caps.model?.trim() || asked.name };
      capabilities.set(ref.id, caps);
      known.typed(ref);
      await check(ref);
      publish();
      return entry(requireKnown(ref.id));
    },

    remove(id: string): void {
      requireKnown(id);
      known.remove(id);
      capabilities.delete(id);
      statuses.delete(id);
      publish();
    },

    async discover(): Promise<ScannerEntry[]> {
      if (!options.discover) return [];
      const found = await options.discover(within(listTimeoutMs));
      for (const ref of found) known.seen(ref);
      await Promise.all(found.map(check));
      publish();
      const ids = new Set(found.map((f) => f.id));
      return entries().filter((e) => ids.has(e.id));
    },

    setDefaults(id: string, settings: ScanSettings | null): ScannerEntry {
      requireKnown(id);
      known.setDefaults(id, settings);
      publish();
      return entry(requireKnown(id));
    },

    preset(itemId: string): { scannerId: string | null; settings: ScanSettings } {
      const preset = known.preset(itemId);
      const scanner = preset ? known.get(preset.scannerId) : (known.all()[0] ?? null);
      return {
        scannerId: scanner?.id ?? null,
        settings: scanner ? settingsFor(scanner, itemId, null) : defaultScanSettings,
      };
    },

    /** Queues a job; returns it at once. Pages and progress follow as events. */
    async scan(input: {
      itemId: string;
      scannerId: string | null;
      settings: ScanSettings | null;
      replaces: number | null;
      /** The screen that asked: its pages and progress go there only. */
      session: Session;
    }): Promise<ScanJob> {
      const scanner = await scannerFor(input.itemId, input.scannerId);
      const backend = backendOf(scanner);
      if (!backend) throw new AppError('docscan_not_found', { name: scanner.name });
      const wanted = settingsFor(scanner, input.itemId, input.settings);
      const caps = capabilities.get(scanner.id);
      const settings = caps ? fitSettings(wanted, caps) : wanted;
      const job: ScanJob = {
        jobId: randomUUID(),
        itemId: input.itemId,
        scannerId: scanner.id,
        scannerName: scanner.name,
        settings,
        state: 'queued',
        pages: 0,
        blanksDropped: 0,
        error: null,
        startedAt: clock.now().toISOString(),
        finishedAt: null,
      };
      const controller = board.open(job, input.session);
      const { jobId } = job;
      queue = queue.then(async () => {
        if (controller.signal.aborted) return;
        board.update(jobId, { state: 'scanning' });
        known.used(scanner.id, input.replaces === null ? input.itemId : null, settings);
        const result = await runScanJob({
          backend,
          scanner,
          settings,
          signal: controller.signal,
          maxPages: input.replaces === null ? null : 1,
          processPage: options.processPage,
          store: (bytes, name) => materials.put(bytes, name),
          clock,
          onPage: (page) => {
            board.update(jobId, { pages: page.index, blanksDropped: page.blanksDropped });
            board.page({
              jobId,
              itemId: job.itemId,
              index: page.index,
              name: page.name,
              file: { ...page.file, mime: 'image/jpeg', pages: 1 },
              thumbnail: new Uint8Array(page.thumbnail),
              replaces: input.replaces,
            });
          },
          onBlank: (blanksDropped) => board.update(jobId, { blanksDropped }),
        });
        board.close(jobId);
        const ended = controller.signal.aborted && input.replaces === null;
        board.update(jobId, {
          state: result.error ? 'failed' : ended ? 'cancelled' : 'done',
          error: result.error ? errorShape(result.error) : null,
          finishedAt: clock.now().toISOString(),
        });
        if (result.error) log.warn({ scanner: scanner.kind, code: errorShape(result.error).code }, 'scan job failed');
        await check(scanner);
        publish();
      });
      return job;
    },

    /** The jobs among `jobIds` that `userId` started, and their pages so far. */
    jobsOf: (jobIds: readonly string[], userId: number | null) => board.jobsOf(jobIds, userId),
    cancel: (jobId: string): ScanJob | null => board.cancel(jobId),

    /** Scans one page with the scanner's defaults and shows it; nothing is stored. */
    async selfTest(id: string): Promise<ScannerSelfTest> {
      const scanner = requireKnown(id);
      const backend = backendOf(scanner);
      if (!backend) throw new AppError('docscan_not_found', { name: scanner.name });
      const started = performance.now();
      let outcome: ScannerSelfTest = { ok: false, ms: 0, thumbnail: null, width: null, height: null, error: null };
      const run = async () => {
        await check(scanner);
        const caps = capabilities.get(scanner.id);
        const base = { ...(scanner.defaults ?? defaultScanSettings), source: 'adf' as const, resolution: 150 };
        const settings = caps ? fitSettings(base, caps) : base;
        const controller = new AbortController();
        try {
          for await (const page of backend.scan(scanner, settings, controller.signal)) {
            const processed = await options.processPage({
              bytes: page.bytes,
              mode: settings.mode,
              resolution: settings.resolution,
              dropBlank: false,
              page: page.number,
            });
            controller.abort();
            outcome = {
              ok: true,
              ms: 0,
              thumbnail: processed.thumbnail ? new Uint8Array(processed.thumbnail) : null,
              width: processed.width,
              height: processed.height,
              error: null,
            };
            break;
          }
          if (!outcome.ok) outcome = { ...outcome, error: errorShape(new AppError('docscan_feeder_empty')) };
        } catch (error) {
          outcome = { ...outcome, error: errorShape(error) };
        } finally {
          controller.abort();
        }
      };
      // The self-test waits its turn like any job: it must not scan a sheet from the middle of a job.
      const turn = queue.then(run);
      queue = turn.catch(() => undefined);
      await turn;
      await check(scanner);
      publish();
      return { ...outcome, ms: Math.round(performance.now() - started) };
    },

    /** Stops every job (shutdown): scanners stop, temp files go. */
    async stop(): Promise<void> {
      if (watch) clearInterval(watch);
      watch = null;
      board.abortAll();
      await queue.catch(() => undefined);
    },
  };
}

export type DocumentScannerService = ReturnType<typeof createDocumentScannerService>;
