import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  citizenIdCheckChar,
  citizenIdProblem,
  creditCodeCheckChar,
  creditCodeProblem,
  isOldForeignPermanentId,
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

describe('citizenIdProblem', () => {
  const today = '2026-11-27';
  // 370303 (张店区) + 19900101 + 123: Σ digit×weight = 212, 212 mod 11 = 3, '10X98765432'[3] = '9'.
  const zhangdian = '370303199001011239';

  it('accepts a valid number, also with surrounding spaces', () => {
    expect(citizenIdProblem(zhangdian, today)).toBeNull();
    expect(citizenIdProblem(`  ${zhangdian} `, today)).toBeNull();
  });

  it("accepts the standard's X example, in either case", () => {
    expect(citizenIdProblem('11010519491231002X', today)).toBeNull();
    expect(citizenIdProblem('11010519491231002x', today)).toBeNull();
  });

  it('asks for a number when there is none', () => {
    expect(citizenIdProblem('', today)).toEqual({ code: 'id_number_empty' });
    expect(citizenIdProblem('   ', today)).toEqual({ code: 'id_number_empty' });
  });

  it('refuses letters, and an X anywhere but last', () => {
    const message = { code: 'id_number_chars' };
    expect(citizenIdProblem('37030319900101123A', today)).toEqual(message);
    expect(citizenIdProblem('3703031990010112X9', today)).toEqual(message);
    expect(citizenIdProblem('ABC', today)).toEqual(message);
    expect(citizenIdProblem('3703 0319900101', today)).toEqual(message);
  });

  it('says how many digits a short number has now', () => {
    expect(citizenIdProblem('3', today)).toEqual({ code: 'id_number_length', params: { length: 1 } });
    expect(citizenIdProblem('37030319900101123', today)).toEqual({ code: 'id_number_length', params: { length: 17 } });
    // The X of a half-typed number is not allowed before the 18th place.
    expect(citizenIdProblem('3703031990010112X', today)).toEqual({ code: 'id_number_chars' });
  });

  it('refuses a province code outside GB/T 2260, even with a matching check digit', () => {
    const message = { code: 'id_number_region' };
    // 000303 19900101 123: Σ = 128, 128 mod 11 = 7 → '5'.
    expect(citizenIdProblem('000303199001011235', today)).toEqual(message);
    // 990303 19900101 123: Σ = 272, 272 mod 11 = 8 → '4'.
    expect(citizenIdProblem('990303199001011234', today)).toEqual(message);
  });

  it('takes the 2023 foreign permanent resident number: 9, then the issuing province', () => {
    // 9 37 156 19850315 001: Σ = 367, 367 mod 11 = 4 → '8' (issued in Shandong).
    expect(citizenIdProblem('937156198503150018', today)).toBeNull();
    // 9 00 …: there is no province 00, whatever the check digit.
    const first17 = '90015619850315001';
    expect(citizenIdProblem(first17 + citizenIdCheckChar(first17)!, today)).toEqual({ code: 'id_number_region' });
  });

  it('says a number is too long before anything else', () => {
    expect(citizenIdProblem('3703031990010112390', today)).toEqual({
      code: 'id_number_length',
      params: { length: 19 },
    });
  });

  it('accepts the Hong Kong / Macao / Taiwan residence permit prefix 81', () => {
    // 810000 19900101 123: Σ = 166, 166 mod 11 = 1 → '0'.
    expect(citizenIdProblem('810000199001011230', today)).toBeNull();
  });

  it('refuses impossible birth dates, even with a matching check digit', () => {
    const message = { code: 'id_number_birth_date' };
    // 1999-02-30 does not exist: Σ = 273, mod 11 = 9 → '3'.
    expect(citizenIdProblem('370303199902301233', today)).toEqual(message);
    // 2027-01-01 is after today: Σ = 184, mod 11 = 8 → '4'.
    expect(citizenIdProblem('370303202701011234', today)).toEqual(message);
    // 1899-12-31 is before 1900: Σ = 284, mod 11 = 9 → '3'.
    expect(citizenIdProblem('370303189912311233', today)).toEqual(message);
    // Month 13: Σ = 237, mod 11 = 6 → '6'.
    expect(citizenIdProblem('370303199013011236', today)).toEqual(message);
    // 1900 is not a leap year: 1900-02-29, Σ = 227, mod 11 = 7 → '5'.
    expect(citizenIdProblem('370303190002291235', today)).toEqual(message);
    // Tomorrow: 2026-11-28, Σ = 243, mod 11 = 1 → '0'.
    expect(citizenIdProblem('370303202611281230', today)).toEqual(message);
  });

  it('accepts a birth date of today and a leap day', () => {
    // 2026-11-27: Σ = 238, mod 11 = 7 → '5'.
    expect(citizenIdProblem('370303202611271235', today)).toBeNull();
    // 2000-02-29 (2000 is a leap year): Σ = 220, mod 11 = 0 → '1'.
    expect(citizenIdProblem('370303200002291231', today)).toBeNull();
  });

  it('refuses a wrong check digit last, after everything else passed', () => {
    expect(citizenIdProblem('370303199001011238', today)).toEqual({ code: 'id_number_check_digit' });
    expect(citizenIdProblem('110105194912310020', today)).toEqual({ code: 'id_number_check_digit' });
  });
});

describe('creditCodeProblem', () => {
  // 9 1 370303 MA3C12345 → values 9,1,3,7,0,3,0,3,21,10,3,12,1,2,3,4,5; Σ value×weight = 1644,
  // 1644 mod 31 = 1, (31 − 1) mod 31 = 30 → 'Y'.
  const zibo = '91370303MA3C12345Y';

  it('accepts valid codes, in either case and with spaces around', () => {
    expect(creditCodeCheckChar('91370303MA3C12345')).toBe('Y');
    expect(creditCodeProblem(zibo)).toBeNull();
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem(' 91350100m000100y43 ')).toBeNull();
  });

  it('asks for a code when there is none', () => {
    expect(creditCodeProblem('')).toEqual({ code: 'credit_code_empty' });
    expect(creditCodeProblem('  ')).toEqual({ code: 'credit_code_empty' });
  });

  it('refuses I, O, S, V and Z, which the alphabet leaves out', () => {
    for (const letter of 'IOSVZ') {
      const code = `91370303M${letter}3C12345Y`;
      expect(creditCodeProblem(code), code).toEqual({ code: 'credit_code_chars' });
    }
    expect(creditCodeProblem('91370303MA3C1234-Y')).toEqual({ code: 'credit_code_chars' });
  });

  it('says how many characters a code of the wrong length has', () => {
    expect(creditCodeProblem('91370303MA3C12345')).toEqual({ code: 'credit_code_length', params: { length: 17 } });
    expect(creditCodeProblem('91370303MA3C12345YY')).toEqual({ code: 'credit_code_length', params: { length: 19 } });
  });

  it('refuses a wrong check character', () => {
    expect(creditCodeProblem('91370303MA3C12345X')).toEqual({ code: 'credit_code_check_digit' });
    expect(creditCodeProblem('91350100M000100Y44')).toEqual({ code: 'credit_code_check_digit' });
  });
});

describe('isOldForeignPermanentId', () => {
  it('accepts 3 letters and 12 digits, in either case and with spaces around', () => {
    expect(isOldForeignPermanentId('USA370319900101')).toBe(true);
    expect(isOldForeignPermanentId(' usa370319900101 ')).toBe(true);
  });

  it('refuses other shapes', () => {
    expect(isOldForeignPermanentId('US370319900101')).toBe(false); // 2 letters
    expect(isOldForeignPermanentId('USA37031990010')).toBe(false); // 11 digits
    expect(isOldForeignPermanentId('USA3703199001011')).toBe(false); // 13 digits
    expect(isOldForeignPermanentId('370303199001011239')).toBe(false); // a citizen number
    expect(isOldForeignPermanentId('')).toBe(false);
  });
});
