import { AppError } from '../../preload/contract/errors';

/** Test helpers for asynchronous device work: wait for a condition, catch the AppError a call throws. */

/** Polls `check` until it returns something truthy (and returns that), or fails after `ms` naming `what`. */
export async function until<T>(check: () => T | undefined | null | false, ms = 3000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `promise`, or a failure naming `what` if it has not settled within `ms`: for steps that could hang. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The code of the AppError `promise` rejects with; fails the test if it resolves or rejects with something else. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a rejection with an AppError, got ${String(error)}`);
  return error.code;
}

/** The AppError `fn` throws; fails the test if it throws something else or nothing. */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
