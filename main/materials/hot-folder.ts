import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { errorText, type ErrorCode } from '../../preload/contract/errors';
import type { HotFolderArrival, HotFolderStatus, StoredFile } from '../../preload/contract/materials';
import type { Clock } from '../app/clock';
import type { Logger } from '../logging/logger';
import { isRefusal, tooLargeError, type MaterialStore } from './store';

export interface HotFolder {
  /**
   * Starts or restarts watching `folder` (null/'' stops). Creates nothing but the two subfolders;
   * a missing folder or no permission is reported in status().problem in Chinese, and retried every poll.
   */
  configure(folder: string | null): void;
  status(): HotFolderStatus;
  /** One poll now (tests); waits for a poll already running first, never overlaps one. */
  pollNow(): Promise<void>;
  /** Stops watching and waits for a poll in progress to finish its current file. */
  stop(): Promise<void>;
}

/** Where taken files go, so nothing is imported twice after a restart and nothing is deleted. */
export const importedFolderName = '已导入';
export const refusedFolderName = '未导入';

const KEEP_ARRIVALS_MS = 8 * 60 * 60 * 1000;
const MAX_ARRIVALS = 100;
/** Scanner software may create an empty file and fill it later: an empty file must stay empty much longer. */
const EMPTY_STABLE_POLLS = 30;
/** After an unexpected failure (disk full, database error), a file is tried again this many polls later. */
const RETRY_AFTER_POLLS = 30;

/** The subfolders' names, as the messages that name them show them (they are the folders on disk). */
const folderNames = { imported: importedFolderName, refused: refusedFolderName };

/** Why the folder cannot be watched, as catalog codes: the screen says them in the clerk's language. */
const problems = {
  missing: 'hot_folder_missing',
  denied: 'hot_folder_denied',
  notFolder: 'hot_folder_not_folder',
  unreadable: 'hot_folder_unreadable',
  subfolders: 'hot_folder_subfolders',
  move: 'hot_folder_move',
} as const satisfies Record<string, ErrorCode>;

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function folderProblem(error: unknown): ErrorCode {
  switch (errorCode(error)) {
    case 'ENOENT':
      return problems.missing;
    case 'EACCES':
    case 'EPERM':
      return problems.denied;
    case 'ENOTDIR':
      return problems.notFolder;
    default:
      return problems.unreadable;
  }
}

/** Names the watcher never takes: hidden files, Office lock files, partial downloads, Windows' own files. */
function ignored(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    lower.endsWith('.tmp') ||
    lower.endsWith('.part') ||
    lower === 'thumbs.db' ||
    lower === 'desktop.ini' ||
    name === importedFolderName ||
    name === refusedFolderName
  );
}

/** "scan.pdf" → "scan (2).pdf". */
function numbered(name: string, n: number): string {
  const ext = extname(name);
  const base = ext ? name.slice(0, -ext.length) : name;
  return `${base} (${n})${ext}`;
}

interface Seen {
  size: number;
  mtimeMs: number;
  /** Consecutive polls that found the same size and mtime. */
  stablePolls: number;
}

/**
 * A file left in place after a failure: not taken again until it changes or `retryAtPoll`; one
 * already handled that could not be moved aside (`moveTo`) is only moved again, never re-imported.
 */
interface Held {
  size: number;
  mtimeMs: number;
  retryAtPoll: number;
  moveTo?: string;
}

/** Everything about one configured folder; replaced on configure, so a poll of the old folder cannot disturb it. */
interface Watch {
  folder: string;
  seen: Map<string, Seen>;
  held: Map<string, Held>;
  polls: number;
  folderProblem: ErrorCode | null;
}

/**
 * The scanner's output folder: polled (network shares send no reliable change events), a file
 * taken once its size and mtime stay the same over two polls, stored, then moved into
 * 已导入 or 未导入.
 */
export function createHotFolder(deps: {
  store: MaterialStore;
  clock: Clock;
  log: Logger;
  pollMs?: number;
  onArrival: (arrival: HotFolderArrival) => void;
}): HotFolder {
  const { store, clock, log, onArrival } = deps;
  const pollMs = deps.pollMs ?? 1000;
  let watch: Watch | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let arrivals: HotFolderArrival[] = [];

  function schedule(ms: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick(): void {
    timer = null;
    if (running) schedule(pollMs);
    else void runPoll();
  }

  async function runPoll(): Promise<void> {
    while (running) await running;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const current = watch;
    running = (current ? pollOnce(current) : Promise.resolve())
      .catch((err: unknown) => log.error({ err }, 'hot folder poll failed'))
      .finally(() => {
        running = null;
        if (watch !== null && watch === current && timer === null) schedule(pollMs);
      });
    await running;
  }

  /** True while a handled file could not be moved aside. */
  function stuck(w: Watch): boolean {
    return [...w.held.values()].some((h) => h.moveTo !== undefined);
  }

  function prune(): void {
    const oldest = clock.now().getTime() - KEEP_ARRIVALS_MS;
    arrivals = arrivals.filter((a) => Date.parse(a.at) >= oldest).slice(0, MAX_ARRIVALS);
  }

  function arrive(name: string, file: StoredFile | null, error: string | null): void {
    const arrival: HotFolderArrival = { id: randomUUID(), name, at: clock.now().toISOString(), file, error };
    arrivals.unshift(arrival);
    prune();
    try {
      onArrival(arrival);
    } catch (err) {
      log.error({ err }, 'hot folder arrival listener failed');
    }
  }

  function setFolderProblem(w: Watch, problem: ErrorCode | null, err?: unknown): void {
    if (w.folderProblem === problem) return;
    if (problem) log.warn({ folder: w.folder, code: errorCode(err) }, 'hot folder cannot be watched');
    else log.info({ folder: w.folder }, 'hot folder watched');
    w.folderProblem = problem;
  }

  /** Moves a taken file into `sub`, numbering the name if taken; false when it cannot be moved. */
  async function moveAside(w: Watch, name: string, sub: string, quiet = false): Promise<boolean> {
    const from = join(w.folder, name);
    for (let n = 1; n <= 999; n += 1) {
      const to = join(w.folder, sub, n === 1 ? name : numbered(name, n));
      try {
        // A free name is one stat cannot find; any other answer (taken, or no access) is not free.
        const taken = await stat(to).then(
          () => true,
          (err: unknown) => {
            if (errorCode(err) === 'ENOENT') return false;
            throw err;
          },
        );
        if (taken) continue;
        await rename(from, to);
        return true;
      } catch (err) {
        if (!quiet) log.warn({ err, code: errorCode(err) }, 'hot folder could not move a file aside');
        return false;
      }
    }
    if (!quiet) log.warn('hot folder could not find a free name to move a file aside');
    return false;
  }

  /** Reads, stores and moves one stable file. */
  async function take(w: Watch, name: string, seen: { size: number; mtimeMs: number }): Promise<void> {
    let error: string | null = null;
    let bytes: Buffer | null = null;
    if (seen.size > store.limits.maxFileBytes) {
      // Not read at all: it would be refused anyway, and could be huge.
      error = tooLargeError(name, seen.size, store.limits.maxFileBytes).message;
    } else {
      try {
        const handle = await open(join(w.folder, name), 'r');
        try {
          bytes = await handle.readFile();
        } finally {
          await handle.close();
        }
      } catch (err) {
        // Still held open by the scanner (Windows sharing), or gone: try again next poll.
        log.debug({ code: errorCode(err) }, 'hot folder file not readable yet');
        return;
      }
      if (bytes.length !== seen.size) {
        w.seen.delete(name); // still being written after all
        return;
      }
    }

    let file: StoredFile | null = null;
    if (bytes) {
      try {
        file = await store.put(bytes, name);
      } catch (err) {
        if (isRefusal(err)) {
          error = err.message;
        } else {
          const before = w.held.get(name);
          const again = before !== undefined && before.size === seen.size && before.mtimeMs === seen.mtimeMs;
          w.held.set(name, { ...seen, retryAtPoll: w.polls + RETRY_AFTER_POLLS });
          log.error({ err, bytes: seen.size }, 'hot folder import failed; the file stays for a retry');
          if (!again) {
            arrive(
              name,
              null,
              `文件 ${name} 导入失败（系统内部错误），已留在扫描文件夹中，稍后自动重试：如反复出现请联系技术支持`,
            );
          }
          return;
        }
      }
    }

    const moveTo = file ? importedFolderName : refusedFolderName;
    const moved = await moveAside(w, name, moveTo);
    w.seen.delete(name);
    w.held.delete(name);
    if (!moved) {
      // Left in place (locked by another program, no write permission): moved again each poll,
      // never imported again while it stays unchanged (until a restart).
      w.held.set(name, { ...seen, retryAtPoll: Number.POSITIVE_INFINITY, moveTo });
    }
    if (file) log.info({ sha256: file.sha256, bytes: file.bytes, duplicate: file.duplicate }, 'hot folder imported');
    else log.info({ bytes: seen.size }, 'hot folder refused a file');
    arrive(name, file, error);
  }

  async function pollOnce(w: Watch): Promise<void> {
    w.polls += 1;
    let names: string[];
    try {
      const entries = await readdir(w.folder, { withFileTypes: true });
      names = entries.filter((e) => e.isFile() && !ignored(e.name)).map((e) => e.name);
    } catch (err) {
      setFolderProblem(w, folderProblem(err), err);
      return;
    }
    try {
      await mkdir(join(w.folder, importedFolderName), { recursive: true });
      await mkdir(join(w.folder, refusedFolderName), { recursive: true });
    } catch (err) {
      setFolderProblem(w, problems.subfolders, err);
      return;
    }
    setFolderProblem(w, null);

    const ready: { name: string; size: number; mtimeMs: number }[] = [];
    for (const name of names) {
      let size: number;
      let mtimeMs: number;
      try {
        ({ size, mtimeMs } = await stat(join(w.folder, name)));
      } catch {
        continue; // gone since readdir
      }
      const held = w.held.get(name);
      if (held) {
        if (held.size !== size || held.mtimeMs !== mtimeMs) {
          w.held.delete(name); // changed: a new file as far as we know
        } else if (held.moveTo !== undefined) {
          if (await moveAside(w, name, held.moveTo, true)) w.held.delete(name);
          continue;
        } else if (w.polls < held.retryAtPoll) {
          continue;
        }
      }
      const before = w.seen.get(name);
      if (!before || before.size !== size || before.mtimeMs !== mtimeMs) {
        w.seen.set(name, { size, mtimeMs, stablePolls: 0 });
        continue;
      }
      before.stablePolls += 1;
      if (before.stablePolls >= (size === 0 ? EMPTY_STABLE_POLLS : 1)) ready.push({ name, size, mtimeMs });
    }
    const present = new Set(names);
    for (const name of [...w.seen.keys()]) if (!present.has(name)) w.seen.delete(name);
    for (const name of [...w.held.keys()]) if (!present.has(name)) w.held.delete(name);

    // In the order they were scanned.
    ready.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const file of ready) {
      if (watch !== w) return; // reconfigured or stopped meanwhile
      await take(w, file.name, file);
    }
  }

  return {
    configure(folder) {
      if (timer) clearTimeout(timer);
      timer = null;
      watch =
        folder === null || folder.trim() === ''
          ? null
          : { folder, seen: new Map(), held: new Map(), polls: 0, folderProblem: null };
      if (watch) schedule(0);
      log.info({ folder: watch?.folder ?? null }, 'hot folder configured');
    },

    status() {
      prune();
      const problem = watch ? (watch.folderProblem ?? (stuck(watch) ? problems.move : null)) : null;
      return {
        folder: watch?.folder ?? null,
        watching: watch !== null && watch.folderProblem === null,
        problem: problem && errorText(problem, folderNames),
        problemCode: problem,
        problemParams: problem && folderNames,
        arrivals: [...arrivals],
      };
    },

    pollNow: runPoll,

    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      watch = null;
      while (running) await running;
    },
  };
}
