import { describe, expect, it } from 'vitest';
import { fill, langs, messages, pickLang, translator } from '.';
import { expectMatchingTables } from '../../testing/catalogs';

describe("central's message tables", () => {
  it('have the same keys in every language, each with the same placeholders, none empty', () => {
    expectMatchingTables(langs.map((lang) => messages[lang]));
  });

  it('has no Chinese in the English table but the switch’s own 中文', () => {
    const cjk = Object.entries(messages.en).filter(
      ([key, text]) => key !== 'lang.zh-CN' && /\p{Script=Han}/u.test(text),
    );
    expect(cjk).toEqual([]);
  });

  it('fills placeholders, and leaves one without a value as written', () => {
    expect(translator('en').t('queue.since', { time: '2026-11-27 10:05' })).toBe('Since 2026-11-27 10:05');
    expect(translator('zh-CN').t('queue.since', { time: '2026-11-27 10:05' })).toBe('自 2026-11-27 10:05');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks the language: the cookie, else Accept-Language by quality, else zh-CN', () => {
    expect(pickLang(undefined, undefined)).toBe('zh-CN');
    expect(pickLang(undefined, 'fr-FR,fr;q=0.9')).toBe('zh-CN');
    expect(pickLang(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLang(undefined, 'zh;q=0.5, en-GB;q=0.8')).toBe('en');
    expect(pickLang(undefined, 'de, en;q=0.7, zh-TW;q=0.9')).toBe('zh-CN');
    expect(pickLang('zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickLang('en', undefined)).toBe('en');
    expect(pickLang('xx', 'en')).toBe('en');
  });
});
