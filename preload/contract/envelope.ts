import type { AppErrorShape, ErrorCode } from './errors';
import { errorMessages } from './errors';

/** Every answer from main: a value or an error with a code and a Chinese message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): Result<never> {
  const error: AppErrorShape = { code, message: message ?? errorMessages[code] };
  if (fields) error.fields = fields;
  return { ok: false, error };
}
