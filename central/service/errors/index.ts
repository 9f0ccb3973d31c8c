import { centralErrorsEn } from './en';
import { centralErrorsZhCN, type CentralErrorKey } from './zh-CN';

export type { CentralErrorKey } from './zh-CN';

/** The languages central speaks (its pages and its refusals); zh-CN first. */
export const langs = ['zh-CN', 'en'] as const;
export type Lang = (typeof langs)[number];

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays as written (a test would see it). */
export function fill(text: string, params: Params = {}): string {
  return text.replace(/\{([\w ]+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The catalog of central's refusals, by language. */
export const centralErrors: Record<Lang, Record<CentralErrorKey, string>> = {
  'zh-CN': centralErrorsZhCN,
  en: centralErrorsEn,
};

/** A refusal before it is said: a key of the catalog and its placeholders' values. */
export interface Refusal {
  key: CentralErrorKey;
  params?: Params;
}

/** A refusal's text in a language (zh-CN unless told). */
export function refusalText(refusal: Refusal, lang: Lang = 'zh-CN'): string {
  return fill(centralErrors[lang][refusal.key], refusal.params);
}

/**
 * A refusal central answers with a status and a code. Its `message` is the zh-CN text: what the
 * workstation API sends (`{ code, message }`) and what the workstation shows; a page says it in
 * its reader's language with `text(lang)`.
 */
export class CentralError extends Error {
  readonly key: CentralErrorKey;
  readonly params: Params;

  constructor(
    readonly status: number,
    readonly code: string,
    key: CentralErrorKey,
    params: Params = {},
  ) {
    super(refusalText({ key, params }));
    this.name = 'CentralError';
    this.key = key;
    this.params = params;
  }

  /** The refusal in a page's language. */
  text(lang: Lang): string {
    return refusalText({ key: this.key, params: this.params }, lang);
  }
}

export const unauthorized = () => new CentralError(401, 'unauthorized', 'workstation.unauthorized');
export const notFound = (key: Extract<CentralErrorKey, `notFound.${string}`>) =>
  new CentralError(404, 'not_found', key);
