import { describe, expect, it } from 'vitest';
import { CentralError, centralErrors, langs, notFound, refusalText } from '.';
import { expectMatchingTables } from '../../testing/catalogs';

describe("the catalog of central's refusals", () => {
  it('has the same keys in every language, each with the same placeholders, none empty', () => {
    expectMatchingTables(langs.map((lang) => centralErrors[lang]));
  });

  it('has no Chinese in English, and Chinese (or its punctuation) in every zh-CN text', () => {
    expect(Object.entries(centralErrors.en).filter(([, text]) => /\p{Script=Han}/u.test(text))).toEqual([]);
    expect(Object.entries(centralErrors['zh-CN']).filter(([, text]) => !/[\p{Script=Han}「」：]/u.test(text))).toEqual(
      [],
    );
  });

  it('keeps the Chinese as its message (what the workstation API answers) and says it in a page’s language', () => {
    const taken = new CentralError(409, 'username_taken', 'person.usernameTaken', { username: 'li' });
    expect(taken).toMatchObject({ status: 409, code: 'username_taken', message: '用户名 li 已存在' });
    expect(taken.text('zh-CN')).toBe('用户名 li 已存在');
    expect(taken.text('en')).toBe('The user name li is already taken');
    expect(notFound('notFound.case')).toMatchObject({ status: 404, code: 'not_found', message: '办件不存在' });
    expect(refusalText({ key: 'decision.commentTooLong', params: { max: 1000 } })).toBe('意见不超过 1000 字');
    expect(refusalText({ key: 'person.lastAdmin' }, 'en')).toBe(
      'The last administrator who can sign in cannot be disabled',
    );
  });
});
