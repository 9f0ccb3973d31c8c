import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { materialLimits, type MaterialMime } from '@yichuang/domain/materials';
import { AppError } from '../../../preload/contract/errors';
import type { ContentLimits, Verdict } from './check';

/**
 * The cage: a file from outside (a scan, an import, the hot folder) is parsed in a worker thread with
 * its own small heap and a deadline, never on the main thread. A file that takes more is refused
 * (`material_too_complex`) and its worker is killed; the main process keeps answering meanwhile.
 * Workers that gave a verdict wait for the next file (starting one costs more than most checks).
 */
export const cageLimits = {
  /** The worker's JavaScript heap (pdf-lib's objects); inflated bytes are capped by maxStreamBytes. */
  heapMb: 256,
  /** From handing a file to a worker to its verdict, the worker's start-up included. */
  wallMs: 10_000,
  /** What one non-picture stream of a PDF may inflate to (a page's contents, a font, an object stream). */
  maxStreamBytes: 64 * 1024 * 1024,
  /** Files checked at once, each in its own worker: more wait their turn. */
  concurrent: 2,
  /** A worker idle this long is ended (it holds pdf-lib and its heap). */
  idleMs: 60_000,
};

export type CageLimits = typeof cageLimits;

export interface CageRequest {
  id: number;
  bytes: Uint8Array;
  mime: MaterialMime;
  limits: ContentLimits;
}

export type Inspected = { pages: number; width: number | null; height: number | null };

const builtWorker = 'inspect-worker.js';

/**
 * A new worker: the built one beside the bundle (this module sits in out/main/ or out/main/chunks/),
 * else, from the sources (vitest, tsx), worker.ts through tsx's require hook.
 */
function startWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 };
  // Its console is silenced inside (worker.ts); piping it here (stdout: true) would keep the process alive.
  const options = { resourceLimits };
  let worker: Worker | null = null;
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const built = join(dir, builtWorker);
    if (!worker && existsSync(built)) worker = new Worker(built, options);
  }
  if (!worker) {
    const tsx = createRequire(__filename).resolve('tsx/cjs/api');
    const source = join(__dirname, 'worker.ts');
    const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`;
    worker = new Worker(boot, { ...options, eval: true });
  }
  return worker;
}

/** Workers waiting for the next file (unref'd: they never keep the process alive), by heap size. */
const idle: { worker: Worker; heapMb: number; timer: NodeJS.Timeout }[] = [];
let lastId = 0;

function takeWorker(heapMb: number): Worker {
  const at = idle.findIndex((w) => w.heapMb === heapMb);
  if (at < 0) return startWorker(heapMb);
  const [{ worker, timer }] = idle.splice(at, 1) as [(typeof idle)[number]];
  clearTimeout(timer);
  worker.ref();
  return worker;
}

function giveBack(worker: Worker, cage: CageLimits): void {
  worker.unref();
  const entry = { worker, heapMb: cage.heapMb, timer: setTimeout(() => retire(entry), cage.idleMs) };
  entry.timer.unref();
  idle.push(entry);
}

function retire(entry: (typeof idle)[number]): void {
  const at = idle.indexOf(entry);
  if (at >= 0) idle.splice(at, 1);
  void entry.worker.terminate();
}

const SLICE = 1024 * 1024;

/**
 * A copy of `bytes` in an ArrayBuffer of its own, to hand over to the worker (transferred, not cloned).
 * Made a MiB at a time: copying 20 MB at once stalls this thread for tens of milliseconds on a busy PC.
 */
async function copyToHandOver(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const copy = new Uint8Array(bytes.length);
  for (let at = 0; at < bytes.length; at += SLICE) {
    if (at > 0) await new Promise((resume) => setImmediate(resume));
    copy.set(bytes.subarray(at, at + SLICE), at);
  }
  return copy;
}

/** The verdict from a worker, or 'killed' when it ran out of time or heap (the worker is ended then). */
async function runWorker(request: Omit<CageRequest, 'id'>, cage: CageLimits): Promise<Verdict | 'killed'> {
  const id = (lastId += 1);
  const bytes = await copyToHandOver(request.bytes);
  const worker = takeWorker(cage.heapMb);
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void, keep: boolean): void => {
      clearTimeout(deadline);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keep) giveBack(worker, cage);
      else void worker.terminate();
      outcome();
    };
    const onMessage = (answer: { id: number; verdict: Verdict }) => {
      if (answer.id === id) settle(() => resolve(answer.verdict), true);
    };
    // Out of heap is the file's doing; anything else is ours (the caller retries later).
    const onError = (error: Error & { code?: string }) =>
      settle(() => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve('killed') : reject(error)), false);
    const onExit = (code: number) =>
      settle(() => reject(new Error(`the cage's worker exited (${code}) without a verdict`)), false);
    const deadline = setTimeout(() => settle(() => resolve('killed'), false), cage.wallMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ id, ...request, bytes }, [bytes.buffer]);
  });
}

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(cage: CageLimits, work: () => Promise<T>): Promise<T> {
  if (running >= cage.concurrent) await new Promise<void>((go) => waiting.push(go));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const million = (pixels: number) => ({ 'zh-CN': `${pixels / 10_000} 万`, en: `${pixels / 1_000_000} million` });

/**
 * Pages and pixel size of a file already typed by its first bytes, checked in the cage; refused
 * (an AppError with one of the store's refusal codes) when it is damaged, too large in pages or
 * pixels, or too complex to check within the cage's limits.
 */
export async function inspectInCage(
  bytes: Uint8Array,
  mime: MaterialMime,
  name: string,
  limits: { maxPdfPages: number },
  cage: CageLimits = cageLimits,
): Promise<Inspected> {
  const maxImagePixels = materialLimits.maxImagePixels;
  const request = { bytes, mime, limits: { ...limits, maxImagePixels, maxStreamBytes: cage.maxStreamBytes } };
  const verdict = await inTurn(cage, () => runWorker(request, cage));
  if (verdict === 'killed') throw new AppError('material_too_complex', { name });
  if (verdict.ok) return { pages: verdict.pages, width: verdict.width, height: verdict.height };
  switch (verdict.problem) {
    case 'pdf_unreadable':
      throw new AppError('material_pdf_unreadable', { name });
    case 'image_unreadable':
      throw new AppError('material_image_unreadable', { name });
    case 'too_complex':
      throw new AppError('material_too_complex', { name });
    case 'too_many_pages':
      throw new AppError('material_too_many_pages', { name, pages: verdict.pages, max: limits.maxPdfPages });
    case 'too_many_pixels': {
      const { width, height } = verdict;
      throw new AppError('material_too_many_pixels', { name, width, height, max: million(maxImagePixels) });
    }
  }
}
