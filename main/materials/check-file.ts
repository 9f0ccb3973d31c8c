import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { materialLimits, type MaterialMime } from '@yichuang/domain/materials';
import { inspectInCage, type Inspected } from './inspect/cage';
import { checkBytes, tooLargeError, type MaterialLimits } from './store';

/**
 * The import checks on a file on disk, in the store's order and with the store's code (size, type by
 * content, then the cage), without storing it: `npm run devtool -- check-file`. A file over the
 * size limit is not read, as in the hot folder.
 */
export async function checkFile(
  path: string,
  limits: MaterialLimits = { maxFileBytes: materialLimits.maxFileBytes, maxPdfPages: materialLimits.maxPdfPages },
): Promise<{ mime: MaterialMime } & Inspected> {
  const name = basename(path);
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const { size } = await handle.stat();
    if (size > limits.maxFileBytes) throw tooLargeError(name, size, limits.maxFileBytes);
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  const mime = checkBytes(bytes, name, limits);
  return { mime, ...(await inspectInCage(bytes, mime, name, limits)) };
}
