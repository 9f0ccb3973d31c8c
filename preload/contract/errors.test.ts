import { describe, expect, it } from 'vitest';
import { AppError, errorCatalog, errorText, isErrorCode, localizedError, type ErrorCode } from './errors';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const codes = Object.keys(errorCatalog) as ErrorCode[];

describe('the error catalog', () => {
  it.each(codes)('%s has a zh-CN and an English message with the same placeholders', (code) => {
    const text = errorCatalog[code];
    expect(text['zh-CN'].trim().length, `${code}: zh-CN`).toBeGreaterThan(0);
    expect(text.en.trim().length, `${code}: en`).toBeGreaterThan(0);
    expect(placeholders(text.en), code).toEqual(placeholders(text['zh-CN']));
  });

  it('keeps Chinese out of the English messages and in the Chinese ones', () => {
    const han = /\p{Script=Han}/u;
    expect(codes.filter((code) => han.test(errorCatalog[code].en))).toEqual([]);
    // A message made only of its params (a field's label and its problem) has no words of its own.
    const wordsOf = (text: string) => text.replace(/\{\w+\}/g, '').replace(/[\p{P}\s]/gu, '');
    const chinese = (text: string) => han.test(text) || wordsOf(text) === '';
    expect(codes.filter((code) => !chinese(errorCatalog[code]['zh-CN']))).toEqual([]);
  });

  it('has no two codes with the same message (one code per situation)', () => {
    const seen = new Map<string, ErrorCode>();
    const repeated: string[] = [];
    for (const code of codes) {
      const zh = errorCatalog[code]['zh-CN'];
      if (seen.has(zh)) repeated.push(`${seen.get(zh)} = ${code}`);
      seen.set(zh, code);
    }
    expect(repeated).toEqual([]);
  });
});

describe('errorText', () => {
  it('fills placeholders, a bilingual param in the asked language', () => {
    const params = { state: { 'zh-CN': '已受理', en: 'Accepted' }, action: { 'zh-CN': '受理', en: 'Accept' } };
    expect(errorText('case_wrong_state', params)).toBe('该办件状态为「已受理」，不能受理：请刷新后查看办件当前状态');
    expect(errorText('case_wrong_state', params, 'en')).toBe(
      'This case is “Accepted”, so “Accept” is not possible: refresh to see where it stands',
    );
    expect(errorText('material_too_many_pages', { name: 'a.pdf', pages: 120, max: 100 }, 'en')).toBe(
      'File a.pdf has 120 pages, over the limit of 100 per file: split it into several PDFs and import each',
    );
  });

  it('leaves a placeholder it has no value for visible instead of inventing one', () => {
    expect(errorText('username_taken', {})).toBe('用户名 {username} 已被使用：请换一个用户名');
  });
});

describe('AppError', () => {
  it('carries code, params and fields; its message is the zh-CN text', () => {
    const error = new AppError('username_taken', { username: 'li' }, { username: '用户名已被使用' });
    expect(error.message).toBe('用户名 li 已被使用：请换一个用户名');
    expect(error.toShape()).toEqual({
      code: 'username_taken',
      message: '用户名 li 已被使用：请换一个用户名',
      params: { username: 'li' },
      fields: { username: '用户名已被使用' },
    });
    expect(error.withFields({ x: 'y' }).toShape()).toMatchObject({ params: { username: 'li' }, fields: { x: 'y' } });
  });

  it('is told apart from codes the renderer does not know (a newer main)', () => {
    expect(isErrorCode('username_taken')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(localizedError({ code: 'from_the_future' as ErrorCode, message: '新的错误' }, 'en')).toBe('新的错误');
    expect(localizedError(new AppError('case_decided').toShape(), 'en')).toBe(errorCatalog.case_decided.en);
  });
});
