import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PrinterInfo } from '../../preload/contract/documents';
import {
  printerReasonOf,
  printerStatusParam,
  unknownPrinterStatus,
  type PrinterStatus,
} from '../../preload/contract/printer-status';
import type { PrintDriver, PrintFailure, PrintRequest, PrintOutcome } from './driver';

const run = promisify(execFile);

export interface CupsOptions {
  /**
   * How long to wait for CUPS to finish a job before cancelling it as failed (default 60 s).
   * Read at each print, so it can be changed on a running driver.
   */
  completeTimeoutMs?: number;
  pollMs?: number;
  /** The `lp`/`lpstat`/`cancel` binaries (tests may point elsewhere). */
  bin?: { lp: string; lpstat: string; cancel: string };
}

const defaultBin = { lp: 'lp', lpstat: 'lpstat', cancel: 'cancel' };

/** CUPS's commands answer in the PC's language; they are read in English, whatever it is. */
const runOptions = { env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };

/** A queue as `lpstat -p` and `lpstat -a` report it. */
export interface QueueState {
  /** `lpstat -p`: idle, printing, or stopped (cupsdisable, a printer fault). */
  state: 'idle' | 'printing' | 'stopped';
  /** `lpstat -a`: whether it takes new jobs (cupsreject stops that). */
  accepting: boolean;
  /** Why it is stopped or rejecting, as CUPS says it (`Paused`, `Rejecting Jobs`, an admin's words); '' when none. */
  reason: string;
}

/**
 * `printer Stopped disabled since … -` with the reason on the indented line under it, and
 * `PDF accepting requests since …` / `X not accepting requests since … -` with its reason.
 */
export function parseQueueStates(lpstatP: string, lpstatA: string): Map<string, QueueState> {
  const queues = new Map<string, QueueState>();
  const get = (name: string) => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = { state: 'idle', accepting: true, reason: '' }));
    return q;
  };
  let last: QueueState | null = null;
  for (const line of lpstatP.split('\n')) {
    const m = /^printer (\S+) (?:is )?(idle|now printing|disabled)/.exec(line);
    if (m) {
      last = get(m[1]!);
      last.state = m[2] === 'idle' ? 'idle' : m[2] === 'disabled' ? 'stopped' : 'printing';
      continue;
    }
    const reason = /^\s+(\S.*)$/.exec(line)?.[1]?.trim();
    if (last && reason && last.state === 'stopped' && !last.reason) last.reason = reason;
    last = /^\s/.test(line) ? last : null;
  }
  last = null;
  for (const line of lpstatA.split('\n')) {
    const m = /^(\S+) (not )?accepting requests/.exec(line);
    if (m) {
      last = get(m[1]!);
      last.accepting = !m[2];
      continue;
    }
    const reason = /^\s+(\S.*)$/.exec(line)?.[1]?.trim();
    if (last && reason && !last.accepting && !last.reason) last.reason = reason;
    last = /^\s/.test(line) ? last : null;
  }
  return queues;
}

/** The queue's state as a value (CUPS's usual reasons as codes, an admin's own words as they are). */
export function queueStatus(q: QueueState): PrinterStatus {
  const state = q.state === 'stopped' ? 'stopped' : !q.accepting ? 'rejecting' : q.state;
  if (state !== 'stopped' && state !== 'rejecting') return { state, reason: null, reasonText: null };
  return { state, ...printerReasonOf(q.reason) };
}

/** Whether a job sent now would print. */
export function queueReady(q: QueueState): boolean {
  return q.state !== 'stopped' && q.accepting;
}

/** Why printing to a queue that is not ready cannot work, and what to do: a catalog error with the printer and its state. */
export function notReadyFailure(printer: string, q: QueueState, cancelled = false): PrintFailure {
  return {
    code: cancelled ? 'printer_not_ready_cancelled' : 'printer_not_ready',
    params: { printer, status: printerStatusParam(queueStatus(q)) },
  };
}

/** `system default destination: PDF` → PDF. */
export function parseDefault(lpstatD: string): string | null {
  return /default destination: (\S+)/.exec(lpstatD)?.[1] ?? null;
}

/** `request id is PDF-12 (1 file(s))` → PDF-12. */
export function parseRequestId(lpOut: string): string | null {
  return /request id is (\S+)/.exec(lpOut)?.[1] ?? null;
}

/** The ids listed by `lpstat -W <which> -o <printer>` (first column). */
export function parseJobIds(lpstatO: string): Set<string> {
  const ids = new Set<string>();
  for (const line of lpstatO.split('\n')) {
    const id = /^(\S+-\d+)\s/.exec(line)?.[1];
    if (id) ids.add(id);
  }
  return ids;
}

/** What went wrong with `lp`, as an error the clerk can act on. */
export function cupsFailure(stderr: string, printer: string): PrintFailure {
  if (/does not exist|Unknown destination|not exist/i.test(stderr))
    return { code: 'printer_missing', params: { printer } };
  if (/not accepting jobs/i.test(stderr)) return { code: 'printer_not_accepting', params: { printer } };
  if (/Unable to connect|Connection refused|scheduler is not running/i.test(stderr))
    return { code: 'cups_not_running' };
  const first = stderr.trim().split('\n')[0];
  // CUPS's own words (its C locale) are passed on as they are.
  return first ? { code: 'print_failed_because', params: { reason: first } } : { code: 'print_driver_failed' };
}

/**
 * Printing through CUPS (`lp`), on Linux and macOS. A job counts as printed when CUPS reports it
 * completed; one that does not complete in time (printer stopped, out of paper) is cancelled, so
 * it cannot come out later beside its reprint, and reported as failed.
 */
export function createCupsDriver(options: CupsOptions = {}): PrintDriver {
  const bin = options.bin ?? defaultBin;
  const pollMs = options.pollMs ?? 250;

  async function lpstat(args: string[]): Promise<string> {
    try {
      return (await run(bin.lpstat, args, { ...runOptions, timeout: 10_000 })).stdout;
    } catch (error) {
      // lpstat exits 1 with "No destinations added." when there are none.
      const e = error as { stdout?: string; code?: unknown };
      if (typeof e.stdout === 'string' && e.code !== 'ENOENT') return e.stdout;
      throw error;
    }
  }

  async function available(): Promise<boolean> {
    try {
      await run(bin.lpstat, ['-r'], { ...runOptions, timeout: 5_000 });
      return true;
    } catch {
      return false;
    }
  }

  /** The queue's state now; null when CUPS does not know the queue. */
  async function queueState(printer: string): Promise<QueueState | null> {
    const [p, a] = await Promise.all([lpstat(['-p', printer]), lpstat(['-a', printer])]);
    return parseQueueStates(p, a).get(printer) ?? null;
  }

  return {
    backend: 'cups',

    async list(): Promise<PrinterInfo[]> {
      if (!(await available())) return [];
      const [names, p, a, def] = await Promise.all([lpstat(['-e']), lpstat(['-p']), lpstat(['-a']), lpstat(['-d'])]);
      const queues = parseQueueStates(p, a);
      const defaultName = parseDefault(def);
      return names
        .split('\n')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((name) => {
          const q = queues.get(name);
          return {
            backend: 'cups' as const,
            name,
            label: name,
            isDefault: name === defaultName,
            status: q ? queueStatus(q) : unknownPrinterStatus,
            ready: q ? queueReady(q) : true,
          };
        });
    },

    async print(request: PrintRequest): Promise<PrintOutcome> {
      // A stopped or rejecting queue would hold the job until the timeout: say so at once instead.
      const before = await queueState(request.printer).catch(() => null);
      if (before && !queueReady(before)) return { ok: false, error: notReadyFailure(request.printer, before) };
      const dir = await mkdtemp(join(tmpdir(), 'yichuang-print-'));
      const file = join(dir, 'document.pdf');
      try {
        await writeFile(file, request.pdf);
        let out: string;
        try {
          out = (
            await run(bin.lp, ['-d', request.printer, '-n', '1', '-t', request.title, '-o', 'media=A4', file], {
              ...runOptions,
              timeout: 30_000,
            })
          ).stdout;
        } catch (error) {
          const e = error as { stderr?: string; code?: unknown; message?: string };
          if (e.code === 'ENOENT') {
            return { ok: false, error: { code: 'cups_lp_missing' } };
          }
          return { ok: false, error: cupsFailure(e.stderr ?? e.message ?? '', request.printer) };
        }
        const spoolId = parseRequestId(out);
        if (!spoolId) return { ok: false, error: { code: 'cups_no_job_id', params: { output: out.trim() } } };
        const timeoutMs = options.completeTimeoutMs ?? 60_000;
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const pending = parseJobIds(await lpstat(['-W', 'not-completed', '-o', request.printer]));
          if (!pending.has(spoolId)) break;
          // The queue stopped under the job (a fault, paper out, someone paused it): it will not print.
          const now = await queueState(request.printer).catch(() => null);
          if (now && !queueReady(now)) {
            await run(bin.cancel, [spoolId], runOptions).catch(() => undefined);
            return { ok: false, spoolId, error: notReadyFailure(request.printer, now, true) };
          }
          if (Date.now() > deadline) {
            await run(bin.cancel, [spoolId], runOptions).catch(() => undefined);
            return {
              ok: false,
              spoolId,
              error: {
                code: 'printer_timed_out',
                params: { printer: request.printer, seconds: Math.round(timeoutMs / 1000) },
              },
            };
          }
          await new Promise((r) => setTimeout(r, pollMs));
        }
        return { ok: true, spoolId };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
