import { describe, expect, it } from 'vitest';
import { maskIdNumbers, secretKeys } from './redact';

describe('maskIdNumbers', () => {
  it('masks an 18-digit ID number to the first 6 + ******** + last 4', () => {
    expect(maskIdNumbers('370303199001011234')).toBe('370303********1234');
  });

  it('masks an ID number with an X check digit, upper or lower case', () => {
    expect(maskIdNumbers('37030319900101123X')).toBe('370303********123X');
    expect(maskIdNumbers('37030319900101123x')).toBe('370303********123x');
  });

  it('masks ID numbers inside Chinese text and punctuation, every one of them', () => {
    expect(maskIdNumbers('申请人身份证号370303199001011234，配偶110105198512312345。')).toBe(
      '申请人身份证号370303********1234，配偶110105********2345。',
    );
    expect(maskIdNumbers('id=370303199001011234&x=1')).toBe('id=370303********1234&x=1');
    expect(maskIdNumbers('"370303199001011234"')).toBe('"370303********1234"');
  });

  it('never lets the birth date through', () => {
    const masked = maskIdNumbers('身份证 370303199001011234');
    expect(masked).not.toContain('19900101');
    expect(masked).toBe('身份证 370303********1234');
  });

  it.each([
    ['6 digits (district code)', '370303'],
    ['11 digits (mobile)', '13912345678'],
    ['15 digits', '370303900101123'],
    ['16 digits (bank card)', '6222021234567890'],
    ['17 digits', '37030319900101123'],
  ])('leaves shorter digit runs alone: %s', (_name, digits) => {
    expect(maskIdNumbers(`号码 ${digits} 结束`)).toBe(`号码 ${digits} 结束`);
  });

  it('leaves longer digit runs and runs glued to letters alone (not an ID number)', () => {
    expect(maskIdNumbers('6222021234567890123')).toBe('6222021234567890123');
    expect(maskIdNumbers('A370303199001011234')).toBe('A370303199001011234');
    expect(maskIdNumbers('370303199001011234B')).toBe('370303199001011234B');
  });

  it('leaves text without numbers unchanged', () => {
    expect(maskIdNumbers('窗口 7 已登录')).toBe('窗口 7 已登录');
    expect(maskIdNumbers('')).toBe('');
  });
});

describe('secretKeys', () => {
  it('covers every password field of the contract and the token', () => {
    for (const key of ['password', 'currentPassword', 'newPassword', 'temporaryPassword', 'passwordHash', 'token']) {
      expect(secretKeys).toContain(key);
    }
  });
});
