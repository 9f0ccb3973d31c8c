import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type {
  ScannerCapabilities,
  ScannerRef,
  ScannerStatus,
  ScanSettings,
} from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import type { ScannedPage, ScannerBackend } from '../backend';
import { checkSettings, pageFile, scanArguments } from './command';
import { parseDeviceList } from './list';
import { parseDeviceOptions, type SaneDevice } from './options';
import { collect, runScanimage, startScanimage, type ScanimageChild, type ScanimageTool } from './run';
import { queryError, scanError } from './stderr';

export interface SaneBackendOptions {
  /** The scanimage program (default: `scanimage` on PATH, from sane-utils). */
  scanimage?: string;
  /** Its environment (default: process.env); tests pass a private SANE_CONFIG_DIR (../testing/sane-config). */
  env?: NodeJS.ProcessEnv;
  /** Where each job's private folder is made (default: the OS temp folder). */
  tempDir?: string;
  /** `-L` and `-A` (default 30 s: network backends look for their devices when asked). */
  queryTimeoutMs?: number;
  /** A scan with no output for this long is stuck (default 180 s: a slow 600 dpi colour page). */
  pageTimeoutMs?: number;
  /** After "Batch terminated", how long scanimage may take to close the device before it is stopped (3 s). */
  exitGraceMs?: number;
  /** From SIGTERM to SIGKILL (default 2 s). */
  killAfterMs?: number;
  /** Called with each scanimage's process id as it starts (the tests check that an aborted one is gone). */
  onSpawn?: (pid: number) => void;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function deviceNameOf(scanner: ScannerRef): string {
  if (scanner.kind !== 'sane' || scanner.address === '') {
    throw new AppError('docscan_not_found', { name: scanner.name || scanner.id });
  }
  return scanner.address;
}

/** The SANE route: Debian's `scanimage` (sane-utils) as a child process, one per question or job. */
export function createSaneBackend(options: SaneBackendOptions = {}): ScannerBackend {
  const tool: ScanimageTool = {
    path: options.scanimage ?? 'scanimage',
    env: options.env ?? process.env,
    killAfterMs: options.killAfterMs ?? 2_000,
    onSpawn: options.onSpawn,
  };
  const tempRoot = resolve(options.tempDir ?? tmpdir());
  const queryTimeoutMs = options.queryTimeoutMs ?? 30_000;
  const pageTimeoutMs = options.pageTimeoutMs ?? 180_000;
  const exitGraceMs = options.exitGraceMs ?? 3_000;
  // The options each device last reported: a scan asks in its words without opening it twice.
  const known = new Map<string, SaneDevice>();
  // Jobs running per device: asking a device we scan with for its options would only say "busy".
  const scanning = new Map<string, number>();

  /** `scanimage -d DEV -A`: its output, or the error its failure stands for. */
  async function optionList(device: string, scanner: ScannerRef, signal?: AbortSignal): Promise<string> {
    const run = await runScanimage(tool, [`--device-name=${device}`, '--all-options'], {
      signal,
      timeoutMs: queryTimeoutMs,
    });
    if (run.code !== 0) throw queryError(run.stderr, run.code, scanner.name || device);
    return run.stdout;
  }

  async function readDevice(scanner: ScannerRef, signal?: AbortSignal): Promise<SaneDevice> {
    const device = deviceNameOf(scanner);
    const parsed = parseDeviceOptions(await optionList(device, scanner, signal));
    known.set(device, parsed);
    return parsed;
  }

  return {
    kind: 'sane',

    async list(signal?: AbortSignal): Promise<ScannerRef[]> {
      const run = await runScanimage(tool, ['--list-devices'], { signal, timeoutMs: queryTimeoutMs });
      if (run.code !== 0) throw queryError(run.stderr, run.code, 'SANE');
      return parseDeviceList(run.stdout);
    },

    async capabilities(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerCapabilities> {
      return (await readDevice(scanner, signal)).capabilities;
    },

    async status(scanner: ScannerRef, signal?: AbortSignal): Promise<ScannerStatus> {
      const at = () => new Date().toISOString();
      const device = deviceNameOf(scanner);
      if (scanning.get(device)) return { state: 'busy', code: null, params: null, at: at() };
      // SANE has no status query: a device that opens and lists its options is there and idle.
      try {
        await optionList(device, scanner, signal);
        return { state: 'idle', code: null, params: null, at: at() };
      } catch (error) {
        // A missing scanimage is a broken route, not a scanner's state; an abort is the caller's.
        if (signal?.aborted || !(error instanceof AppError) || error.code === 'docscan_tool_missing') throw error;
        const state =
          error.code === 'docscan_busy' ? 'busy' : error.code === 'docscan_cover_open' ? 'cover_open' : 'offline';
        return { state, code: error.code, params: error.params ?? null, at: at() };
      }
    },

    scan(scanner: ScannerRef, settings: ScanSettings, signal: AbortSignal): AsyncIterable<ScannedPage> {
      return scanPages(scanner, settings, signal);
    },
  };

  async function* scanPages(
    scanner: ScannerRef,
    settings: ScanSettings,
    signal: AbortSignal,
  ): AsyncGenerator<ScannedPage, void, undefined> {
    if (signal.aborted) return;
    const device = deviceNameOf(scanner);
    let sane: SaneDevice;
    try {
      sane = known.get(device) ?? (await readDevice(scanner, signal));
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    checkSettings(sane, settings);

    const folder = await mkdtemp(join(tempRoot, 'yichuang-sane-'));
    let child: ScanimageChild | null = null;
    let cleaning: Promise<void> | null = null;
    // Stops the scanner and removes every file of the job; the abort runs it without waiting for the consumer.
    const cleanUp = () =>
      (cleaning ??= (async () => {
        await child?.stop();
        await rm(folder, { recursive: true, force: true });
      })());
    const onAbort = () => void cleanUp().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    scanning.set(device, (scanning.get(device) ?? 0) + 1);
    try {
      // Scans hold a citizen's personal data: the folder is the user's alone (mkdtemp's 0700, made sure of).
      await chmod(folder, 0o700);
      if (signal.aborted) return;
      child = startScanimage(tool, scanArguments(device, sane, settings, folder));
      const running = child;
      const stderr = collect(running.stderr, 64 * 1024, 'tail');
      let timedOut = false;
      let finished = false;
      let exited = false;
      let idle: NodeJS.Timeout | undefined;
      let grace: NodeJS.Timeout | undefined;
      const activity = () => {
        clearTimeout(idle);
        if (exited) return;
        idle = setTimeout(() => {
          timedOut = true;
          void running.stop();
        }, pageTimeoutMs);
      };
      activity();
      // A consumer slow with its pages is no silent scanner: the clock stops once scanimage is gone.
      void running.exited.then(() => {
        exited = true;
        clearTimeout(idle);
        clearTimeout(grace);
      });
      running.stdout.on('data', activity);
      running.stderr.on('data', () => {
        activity();
        // The test backend (and a USB device that went away) can hang in sane_close after the batch.
        if (!finished && stderr().includes('Batch terminated')) {
          finished = true;
          grace = setTimeout(() => void running.stop(), exitGraceMs);
        }
      });

      let pages = 0;
      try {
        for await (const line of createInterface({ input: running.stdout, crlfDelay: Infinity })) {
          if (signal.aborted) return;
          // Only the lines naming our folder are pages; a backend's chatter on stdout is not.
          if (dirname(line) !== folder) continue;
          const number = pages + 1;
          if (line !== pageFile(folder, number)) {
            throw new AppError('docscan_protocol', { detail: `page ${number} file name` });
          }
          const bytes = await readFile(line).catch(() => null);
          // Deleted at once: the page now lives only in memory, wherever the job goes next.
          await rm(line, { force: true });
          if (signal.aborted) return;
          if (!bytes || bytes.length <= pngSignature.length) {
            throw new AppError('docscan_bad_page', { page: number, reason: 'no file' });
          }
          if (!bytes.subarray(0, pngSignature.length).equals(pngSignature)) {
            throw new AppError('docscan_bad_page', { page: number, reason: 'not PNG' });
          }
          pages = number;
          yield { number, mime: 'image/png', bytes };
        }
        const exit = await running.exited;
        if (signal.aborted) return;
        if (exit.error) throw exit.error;
        if (timedOut) throw new AppError('docscan_timeout');
        const error = scanError({
          stderr: stderr(),
          exitCode: exit.code,
          pages,
          finished,
          scanner: scanner.name || device,
        });
        if (error) throw error;
      } finally {
        clearTimeout(idle);
        clearTimeout(grace);
      }
    } catch (error) {
      // Whatever broke while the scan was being stopped on purpose is part of the stop.
      if (signal.aborted) return;
      // The device may have changed (another scanner on the same port): ask it afresh next time.
      known.delete(device);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      scanning.set(device, (scanning.get(device) ?? 1) - 1);
      await cleanUp();
    }
  }
}
