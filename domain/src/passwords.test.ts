import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, isStrongPassword, verifyPassword } from './passwords';

describe('isStrongPassword', () => {
  it.each([
    ['lower + upper + digit', 'Abcdefg1'],
    ['lower + upper + symbol', 'Abcdefg!'],
    ['lower + digit + symbol', 'abcdef1!'],
    ['upper + digit + symbol', 'ABCDEF1!'],
    ['all four classes', 'Yichuang#2025'],
    ['three classes with CJK counted as symbol', '一窗abc123'],
  ])('accepts 8+ characters of 3 classes: %s', (_name, password) => {
    expect(isStrongPassword(password)).toBe(true);
  });

  it.each([
    ['7 characters, 4 classes', 'Abc12!x'],
    ['empty', ''],
    ['only lower case', 'abcdefghijkl'],
    ['only digits', '1234567890'],
    ['lower + upper', 'AbcdefghIJK'],
    ['lower + digit', 'abcdef123456'],
    ['upper + symbol', 'ABCDEF!!!!'],
    ['digit + symbol', '1234!!!!'],
  ])('rejects %s', (_name, password) => {
    expect(isStrongPassword(password)).toBe(false);
  });

  it('counts characters, not UTF-16 units: 7 characters with an astral one are too short', () => {
    // '𝒜' is one character but two UTF-16 units: 8 units, 7 characters.
    expect('Ab1!xy𝒜'.length).toBe(8);
    expect(isStrongPassword('Ab1!xy𝒜')).toBe(false);
    expect(isStrongPassword('Ab1!xyz𝒜')).toBe(true);
  });

  it('draws the length line exactly at 8', () => {
    expect(isStrongPassword('Abcd12!')).toBe(false);
    expect(isStrongPassword('Abcd123!')).toBe(true);
  });
});

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and refuses a wrong one; salts differ', async () => {
    const a = await hashPassword('Yichuang#2025');
    const b = await hashPassword('Yichuang#2025');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Yichuang#2025');
    expect(await verifyPassword('Yichuang#2025', a)).toBe(true);
    expect(await verifyPassword('Yichuang#2026', a)).toBe(false);
    expect(await verifyPassword('yichuang#2025', a)).toBe(false);
  });

  it('treats NFKC-equivalent spellings as the same password', async () => {
    const stored = await hashPassword('Ｐａｓｓ１２３！'); // full-width
    expect(await verifyPassword('Pass123!', stored)).toBe(true);
  });

  it('refuses malformed stored hashes and never matches the decoy', async () => {
    expect(await verifyPassword('anything', '')).toBe(false);
    expect(await verifyPassword('anything', 'bcrypt$1$2$3$4$5')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$16384$8$1$')).toBe(false);
    expect(await verifyPassword('', decoyHash)).toBe(false);
    expect(await verifyPassword('Yichuang#2025', decoyHash)).toBe(false);
  });
});
