import { z } from 'zod';
import { accessErrors } from './errors/access';
import { caseErrors } from './errors/cases';
import { citizenErrors } from './errors/citizen';
import { deviceErrors } from './errors/devices';
import { documentScannerErrors } from './errors/document-scanners';
import { generalErrors } from './errors/general';
import { intakeErrors } from './errors/intake';
import { materialErrors } from './errors/materials';
import { printingErrors } from './errors/printing';
import { referenceErrors } from './errors/reference';
import { queueErrors } from './errors/queue';
import { syncErrors } from './errors/sync';
import type { ErrorText } from './errors/text';

export type { ErrorText } from './errors/text';

/**
 * The one catalog of error codes that cross the contract. Each code has a zh-CN and an English
 * message that says what to do; `{name}` in a message is filled from the error's params. The
 * feature files under `errors/` hold the texts; `errors.test.ts` fails when a code lacks either
 * language or the two disagree on their placeholders.
 */
export const errorCatalog = {
  ...generalErrors,
  ...accessErrors,
  ...caseErrors,
  ...intakeErrors,
  ...materialErrors,
  ...referenceErrors,
  ...printingErrors,
  ...deviceErrors,
  ...documentScannerErrors,
  ...syncErrors,
  ...queueErrors,
  ...citizenErrors,
} as const satisfies Record<string, ErrorText>;

export type ErrorCode = keyof typeof errorCatalog;
export type ErrorLocale = keyof ErrorText;

const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]];
export const errorCodeSchema = z.enum(errorCodes);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalog, code);
}

/** A param is a value shown as it is (a file name, a number) or a text in both languages (a state's name). */
export const errorParamSchema = z.union([z.string(), z.number(), z.object({ 'zh-CN': z.string(), en: z.string() })]);
export type ErrorParam = z.infer<typeof errorParamSchema>;
export const errorParamsSchema = z.record(z.string(), errorParamSchema);
export type ErrorParams = z.infer<typeof errorParamsSchema>;

/** The `{name}` placeholders of a message, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type PlaceholdersOf<C extends ErrorCode> = Placeholders<(typeof errorCatalog)[C]['zh-CN']>;
type Fields = Record<string, string>;
/** After the code: its params when its message has placeholders (all of them, typed), then the field problems. */
export type ErrorArgs<C extends ErrorCode> = C extends ErrorCode
  ? [PlaceholdersOf<C>] extends [never]
    ? [params?: undefined, fields?: Fields]
    : [params: Record<PlaceholdersOf<C>, ErrorParam>, fields?: Fields]
  : never;

function paramText(value: ErrorParam | undefined, locale: ErrorLocale): string | null {
  if (value === undefined) return null;
  return typeof value === 'object' ? value[locale] : String(value);
}

/** The message for a code in a language, its placeholders filled (one left unfilled stays visible as `{name}`). */
export function errorText(code: ErrorCode, params: ErrorParams | undefined, locale: ErrorLocale = 'zh-CN'): string {
  return errorCatalog[code][locale].replace(
    /\{(\w+)\}/g,
    (placeholder, name: string) => paramText(params?.[name], locale) ?? placeholder,
  );
}

export interface AppErrorShape {
  code: ErrorCode;
  /** The zh-CN message, filled: for logs and for a renderer that does not know the code yet. */
  message: string;
  /** The values for the message's placeholders, so the renderer can say it in the clerk's language. */
  params?: ErrorParams;
  /** Field-level problems for forms: path → Chinese message. */
  fields?: Fields;
}

/** A coded message in both languages, for a param of another message (a field's problem in a refusal). */
export function errorParamOf(code: ErrorCode, params?: ErrorParams): ErrorParam {
  return { 'zh-CN': errorText(code, params, 'zh-CN'), en: errorText(code, params, 'en') };
}

/** The message for an error in the clerk's language; an unknown code (a newer main) keeps its own message. */
export function localizedError(error: Pick<AppErrorShape, 'code' | 'message' | 'params'>, locale: ErrorLocale): string {
  return isErrorCode(error.code) ? errorText(error.code, error.params, locale) : error.message;
}

// Named AppError, so stacks and logs say so; exported below with its code-checked constructor.
const AppErrorClass = class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;
  readonly fields: Fields | undefined;

  constructor(code: ErrorCode, params?: ErrorParams, fields?: Fields) {
    super(errorText(code, params));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  /** The same error, with field-level problems for a form (its message marked on the field). */
  withFields(fields: Fields): AppError {
    return new AppErrorClass(this.code, this.params, fields);
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message };
    if (this.params) shape.params = this.params;
    if (this.fields) shape.fields = this.fields;
    return shape;
  }
};

/**
 * The one error type services throw; the router turns it into an error envelope. Constructed with
 * a code, then exactly the params its message names (checked by the compiler), then field problems.
 */
export type AppError = InstanceType<typeof AppErrorClass>;
export const AppError = AppErrorClass as unknown as {
  new <C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): AppError;
  readonly prototype: AppError;
};
