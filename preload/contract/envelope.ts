import { AppError, type ErrorArgs, type ErrorCode } from './errors';
import type { AppErrorShape } from './errors';

/** Every answer from main: a value or an error with a code, its params and the Chinese message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): Result<never> {
  return { ok: false, error: new AppError(code, ...args).toShape() };
}
