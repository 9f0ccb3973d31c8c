import { spawn as nodeSpawn } from 'node:child_process';
import { win32 } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../../preload/contract/errors';
import { parseWiaLine, WiaLineReader, type WiaLine } from './parse';
import { powershellArgs } from './script';

/**
 * Runs one WIA script in powershell.exe: its stdout read line by line (./parse) in order, with an
 * inactivity timeout, an abort that kills the child, and a stop that waits for it to be gone.
 */

/** The part of a child process the backend uses; node's ChildProcess is one, a test's fake another. */
export interface WiaChild {
  readonly pid?: number | undefined;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  once(event: 'close', listener: (code: number | null) => void): unknown;
}

export type WiaSpawn = (command: string, args: string[]) => WiaChild;

/** What a run needs from outside: how to start a child, which PowerShell, how to stop a child. */
export interface PowerShellTools {
  spawn: WiaSpawn;
  powershell: string;
  kill: (child: WiaChild) => void;
}

/** A program in Windows' System32, by full path; null off Windows. */
export function windowsTool(...parts: string[]): string | null {
  const root = process.env.SystemRoot;
  return root ? win32.join(root, 'System32', ...parts) : null;
}

/** Stops a child and what it started: `taskkill /T /F` on Windows, `child.kill()` elsewhere. */
export function defaultKill(child: WiaChild): void {
  const taskkill = process.platform === 'win32' ? windowsTool('taskkill.exe') : null;
  if (taskkill && child.pid !== undefined) {
    const killer = nodeSpawn(taskkill, ['/PID', String(child.pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    // taskkill itself failing leaves child.kill() as the fallback.
    killer.once('error', () => child.kill());
    return;
  }
  child.kill();
}

/** node's spawn, no console window, stdout and stderr piped. */
export const defaultSpawn: WiaSpawn = (command, args) =>
  nodeSpawn(command, args, { windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });

/** How a run ended, as far as the job is concerned (the child may still be on its way out). */
export type RunEnd =
  | { kind: 'exit'; code: number | null; stderr: string }
  | { kind: 'aborted' }
  | { kind: 'timeout' }
  | { kind: 'failed'; error: unknown };

export interface Run {
  /** Settles once the outcome is known: the child closed, or a failure, abort or timeout came first. */
  ended: Promise<RunEnd>;
  /** Kills the child if it still runs and waits (at most 5 s) for it to close. */
  stop(): Promise<void>;
}

function spawnError(error: unknown): AppError {
  if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
    return new AppError('docscan_tool_missing', { tool: 'powershell' });
  }
  return new AppError('docscan_failed', { detail: error instanceof Error ? error.message : String(error) });
}

/** What PowerShell said on stderr, line by line; errors come as CLIXML, their text in `<S S="Error">`. */
function stderrLines(stderr: string): string[] {
  const clixml = [...stderr.matchAll(/<S S="Error">([^<]*)<\/S>/g)].map((m) =>
    (m[1] ?? '').replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
  const plain = stderr.split(/\r?\n/).filter((l) => !l.startsWith('#<') && !l.startsWith('<Objs'));
  return [...clixml.join('').split(/\r?\n/), ...plain];
}

/**
 * For docscan_failed when PowerShell ends without `done` or an error line: the first line of its
 * error (the message; "At line:…" follows), else the last thing it printed.
 */
export function exitDetail(code: number | null, stderr: string, noise: string[]): string {
  const said =
    stderrLines(stderr)
      .map((s) => s.trim())
      .find(Boolean) ?? noise.at(-1);
  return `PowerShell exited (${code ?? 'killed'}) without finishing${said ? `: ${said}` : ''}`.slice(0, 200);
}

/** Runs a script, handing each line to `onLine` in order; a throw from it ends the run as failed. */
export function startScript(
  tools: PowerShellTools,
  script: string,
  run: { signal?: AbortSignal; timeoutMs: number; onLine: (line: WiaLine) => void | Promise<void> },
): Run {
  let child: WiaChild;
  try {
    child = tools.spawn(tools.powershell, powershellArgs(script));
  } catch (error) {
    return { ended: Promise.resolve({ kind: 'failed', error: spawnError(error) }), stop: () => Promise.resolve() };
  }
  let outcome: RunEnd | null = null;
  let settle!: (end: RunEnd) => void;
  const ended = new Promise<RunEnd>((r) => (settle = r));
  let markClosed!: () => void;
  const closed = new Promise<void>((r) => (markClosed = r));
  let isClosed = false;
  let killed = false;
  let stderr = '';
  let chain = Promise.resolve();
  const reader = new WiaLineReader();

  const stopChild = () => {
    if (killed || isClosed) return;
    killed = true;
    try {
      tools.kill(child);
    } catch {
      child.kill();
    }
  };
  const finish = (end: RunEnd) => {
    if (outcome) return;
    outcome = end;
    clearTimeout(timer);
    run.signal?.removeEventListener('abort', onAbort);
    if (end.kind !== 'exit') stopChild();
    settle(end);
  };
  // Each line is parsed in turn, so the lines before a bad one still count (a page before garbage).
  const deliver = (read: () => string[]) => {
    try {
      for (const text of read()) {
        chain = chain.then(() => {
          const line = outcome ? null : parseWiaLine(text);
          return line ? run.onLine(line) : undefined;
        });
      }
    } catch (error) {
      chain = chain.then(() => Promise.reject(error as Error));
    }
    chain = chain.catch((error: unknown) => finish({ kind: 'failed', error }));
  };
  const onAbort = () => finish({ kind: 'aborted' });
  let timer = setTimeout(() => finish({ kind: 'timeout' }), run.timeoutMs);
  const alive = () => {
    clearTimeout(timer);
    if (!outcome) timer = setTimeout(() => finish({ kind: 'timeout' }), run.timeoutMs);
  };

  run.signal?.addEventListener('abort', onAbort, { once: true });
  child.stdout?.on('data', (chunk: Buffer) => {
    alive();
    deliver(() => reader.split(chunk));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    // Kept for the error detail only, and only its tail: PowerShell's CLIXML errors are long.
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  child.once('error', (error) => {
    finish({ kind: 'failed', error: spawnError(error) });
    // A child that never started (ENOENT) will not close.
    if (child.pid === undefined) {
      isClosed = true;
      markClosed();
    }
  });
  child.once('close', (code) => {
    isClosed = true;
    markClosed();
    deliver(() => [reader.rest()]);
    void chain.then(() => finish({ kind: 'exit', code, stderr }));
  });
  if (run.signal?.aborted) onAbort();

  return {
    ended,
    stop: async () => {
      if (isClosed) return;
      stopChild();
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise<void>((r) => (wait = setTimeout(r, 5000)))]);
      clearTimeout(wait);
    },
  };
}
