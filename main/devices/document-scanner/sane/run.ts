import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppError } from '../../../../preload/contract/errors';

/** How to run scanimage: which program, in which environment, how long a stop may take before SIGKILL. */
export interface ScanimageTool {
  path: string;
  env: NodeJS.ProcessEnv;
  killAfterMs: number;
  /** Called with each child's process id as it starts. */
  onSpawn?: ((pid: number) => void) | undefined;
}

/** How a child ended: its exit status (null when a signal ended it), or the error that kept it from running. */
export interface ScanimageExit {
  code: number | null;
  error: AppError | null;
}

/** A running scanimage. */
export interface ScanimageChild {
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the process is gone and its output read to the end. */
  readonly exited: Promise<ScanimageExit>;
  /**
   * SIGTERM (scanimage cancels the scan on it), SIGKILL if it is still there after `killAfterMs`;
   * resolves once it is gone.
   */
  stop(): Promise<ScanimageExit>;
}

/**
 * The environment scanimage runs in: the caller's, in the C locale. SANE's messages are translated
 * (zh_CN among them) and ./stderr reads them in English; numbers are printed and read with a dot.
 */
export function scanimageEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LANGUAGE: _language, ...rest } = env;
  return { ...rest, LC_ALL: 'C' };
}

function spawnError(error: NodeJS.ErrnoException): AppError {
  if (error.code === 'ENOENT') return new AppError('docscan_tool_missing', { tool: 'scanimage' });
  return new AppError('docscan_failed', { detail: `scanimage: ${error.code ?? error.message}` });
}

/** Starts scanimage with `args` (no shell: every argument reaches it as it is). */
export function startScanimage(tool: ScanimageTool, args: readonly string[]): ScanimageChild {
  const child = spawn(tool.path, args, { env: scanimageEnv(tool.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let gone = false;
  const exited = new Promise<ScanimageExit>((resolve) => {
    child.once('error', (error) => {
      gone = true;
      resolve({ code: null, error: spawnError(error) });
    });
    child.once('close', (code) => {
      gone = true;
      resolve({ code, error: null });
    });
  });
  if (child.pid !== undefined) tool.onSpawn?.(child.pid);
  let stopping: Promise<ScanimageExit> | null = null;
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    stop() {
      if (gone) return exited;
      stopping ??= (async () => {
        child.kill('SIGTERM');
        // A backend stuck in the kernel or in its own thread (the test backend, 1 run in 20) ignores SIGTERM.
        const timer = setTimeout(() => child.kill('SIGKILL'), tool.killAfterMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
  };
}

/**
 * A stream's text as it arrives, kept to `limit` characters: the head (stdout, to be parsed) or the
 * tail (stderr, whose last words say what went wrong).
 */
export function collect(stream: Readable, limit: number, keep: 'head' | 'tail'): () => string {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    if (text.length > limit) text = keep === 'head' ? text.slice(0, limit) : text.slice(-limit);
  });
  return () => text;
}

const maxQueryOutput = 4 * 1024 * 1024;
const maxStderr = 64 * 1024;

/**
 * Runs scanimage to its end (`-L`, `-A`): its output and exit status. Past `timeoutMs` it is
 * stopped (docscan_timeout); an abort stops it and rejects with the signal's reason.
 */
export async function runScanimage(
  tool: ScanimageTool,
  args: readonly string[],
  options: { signal?: AbortSignal | undefined; timeoutMs: number },
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const { signal } = options;
  signal?.throwIfAborted();
  const child = startScanimage(tool, args);
  const stdout = collect(child.stdout, maxQueryOutput, 'head');
  const stderr = collect(child.stderr, maxStderr, 'tail');
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void child.stop();
  }, options.timeoutMs);
  const onAbort = () => void child.stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = await child.exited;
    signal?.throwIfAborted();
    if (exit.error) throw exit.error;
    if (timedOut) throw new AppError('docscan_timeout');
    return { stdout: stdout(), stderr: stderr(), code: exit.code };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
