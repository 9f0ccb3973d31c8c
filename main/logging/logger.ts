import { mkdirSync } from 'node:fs';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';
import { maskIdNumbers, secretKeys } from './redact';

export type Logger = pino.Logger;

export interface LoggingOptions {
  /** Folder for rotated log files; null logs to stderr only (tests). */
  dir: string | null;
  level?: pino.LevelWithSilent;
  /** Tests: each JSON line goes here instead of to files or stderr. */
  sink?: (line: string) => void;
}

const redactPaths = secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** The root logger: JSON lines in `logs/yichuang.log`, rotated daily or at 10 MB, 14 files kept. */
export function createRootLogger(options: LoggingOptions): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskIdNumbers(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  if (options.sink) {
    const sink = options.sink;
    return pino(base, { write: (line: string) => sink(line) });
  }
  if (options.dir === null) return pino(base, pino.destination(2));
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  // Logs hold no personal data, and still are the staff's alone: 0600 like every file of the folder.
  const file = createStream('yichuang.log', {
    path: options.dir,
    interval: '1d',
    size: '10M',
    maxFiles: 14,
    mode: 0o600,
  });
  return pino(base, pino.multistream([{ stream: file }, { level: 'warn', stream: process.stderr }]));
}

/** One logger per subsystem (`db`, `auth`, `router`…), sharing the root's files. */
export function subsystem(root: Logger, name: string): Logger {
  return root.child({ subsystem: name });
}
