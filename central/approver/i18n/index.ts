import { fill, type Lang, type Params } from '../../service/errors';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey } from './zh-CN';
/** The languages central's pages speak (the ones its refusals are written in); zh-CN first. */
export { fill, langs, type Lang, type Params } from '../../service/errors';

/** The cookie the 中文 / English switch sets; it wins over the browser's Accept-Language. */
export const langCookie = 'lang';

export const messages: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** A page's words in one language: `t('queue.since', { time })`. */
export interface Translator {
  lang: Lang;
  t(key: MessageKey, params?: Params): string;
}

export function translator(lang: Lang): Translator {
  const table = messages[lang];
  return { lang, t: (key, params) => fill(table[key], params) };
}

/** A key of the table when it has one (labels looked up by a stored word: a state, an action). */
export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/**
 * The language of a request: the `lang` cookie when it names one we speak, else the first language
 * of Accept-Language we speak (by quality), else zh-CN.
 */
export function pickLang(cookieLang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookieLang === 'zh-CN' || cookieLang === 'en') return cookieLang;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)\s*$/.exec(r)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of wanted) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}
