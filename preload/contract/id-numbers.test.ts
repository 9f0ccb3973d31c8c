import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  citizenIdCheckChar,
  creditCodeCheckChar,
  isValidCitizenId,
  isValidCreditCode,
  maskIdNumber,
} from './id-numbers';

describe('GB 11643 citizen numbers', () => {
  it("accepts the standard's own example and rejects it with any other check character", () => {
    expect(isValidCitizenId('11010519491231002X')).toBe(true);
    expect(isValidCitizenId('11010519491231002x')).toBe(true);
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
    for (const c of '0123456789') expect(isValidCitizenId(`11010519491231002${c}`)).toBe(false);
  });

  it('rejects numbers of the wrong shape', () => {
    for (const bad of ['', '11010519491231002', '11010519491231002XX', '1101051949123100AX', '110105194912310 2X']) {
      expect(isValidCitizenId(bad)).toBe(false);
    }
    expect(citizenIdCheckChar('1101051949123100')).toBeNull();
  });

  it('catches every single-digit error and every swap of neighbouring different digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.nat(16), fc.integer({ min: 1, max: 9 }), (first17, at, delta) => {
        const valid = first17 + citizenIdCheckChar(first17)!;
        expect(isValidCitizenId(valid)).toBe(true);
        const changed = valid.slice(0, at) + String((Number(valid[at]) + delta) % 10) + valid.slice(at + 1);
        expect(isValidCitizenId(changed)).toBe(false);
        if (at < 16 && valid[at] !== valid[at + 1]) {
          const swapped = valid.slice(0, at) + valid[at + 1]! + valid[at]! + valid.slice(at + 2);
          expect(isValidCitizenId(swapped)).toBe(false);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('GB 32100 统一社会信用代码', () => {
  it("accepts the standard's own example and rejects it with any other check character", () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY'.replace('3', '')) {
      expect(isValidCreditCode(`91350100M000100Y4${c}`)).toBe(false);
    }
  });

  it('rejects codes of the wrong length or with letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false); // I is not in the alphabet
    expect(creditCodeCheckChar('91350100O000100Y4')).toBeNull();
  });
});

describe('maskIdNumber', () => {
  it('keeps 6 and 4 of long numbers and hides the rest', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('123456')).toBe('******');
  });
});
