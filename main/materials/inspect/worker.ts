// The cage's worker thread: files in, one verdict out for each, one at a time. Built on its own as
// out/main/inspect-worker.js; under vitest and tsx the cage runs this source through tsx.
import { parentPort } from 'node:worker_threads';
import { checkContent } from './check';
import type { CageRequest } from './cage';

// pdf-lib warns on the console about every damaged object it skips: nobody reads the worker's console.
for (const level of ['log', 'info', 'warn', 'error'] as const) console[level] = () => undefined;

parentPort?.on('message', ({ id, bytes, mime, limits }: CageRequest) => {
  void checkContent(bytes, mime, limits).then((verdict) => parentPort?.postMessage({ id, verdict }));
});
