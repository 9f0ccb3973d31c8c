import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identitySchema, type Identity } from '../../../preload/contract/devices';
import { AppError } from '../../../preload/contract/errors';
import { citizenIdCheckChar, isValidCitizenId } from '@yichuang/domain/id-numbers';
import { countries, countryName, nationName, nations } from './nations';
import { sampleCards, sampleForeign2023 } from './sample-cards';
import {
  encodeAppendedAddress,
  encodeTextBlock,
  icaoCheckDigit,
  isValidPermitNumber,
  parseAppendedAddress,
  parseTextBlock,
} from './text-block';
import { appErrorOf } from '../../testing/wait';

/** Noon in Beijing on 2025-06-01, whatever the test machine's time zone. */
const now = new Date(Date.UTC(2025, 5, 1, 4));

/** A block written by hand at the offsets of devices.md, independent of encodeTextBlock. */
function handBlock(fields: [offset: number, text: string][]): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  for (const [offset, text] of fields) {
    for (let i = 0; i < text.length; i++) {
      block[offset + 2 * i] = text.charCodeAt(i) & 0xff;
      block[offset + 2 * i + 1] = text.charCodeAt(i) >> 8;
    }
  }
  return block;
}

const ucs2At = (block: Uint8Array, offset: number, chars: number) =>
  String.fromCharCode(
    ...Array.from({ length: chars }, (_, i) => block[offset + 2 * i]! | (block[offset + 2 * i + 1]! << 8)),
  );

describe('parseTextBlock', () => {
  it('reads a resident card at the offsets of devices.md', () => {
    const block = handBlock([
      [0, '张测试'],
      [30, '1'],
      [32, '01'],
      [36, '19850312'],
      [52, '山东省淄博市张店区人民西路88号'],
      [122, '37030319850312001X'],
      [158, '淄博市公安局张店分局'],
      [188, '20160420'],
      [204, '20360420'],
    ]);
    expect(parseTextBlock(block, now)).toEqual({
      cardType: 'resident',
      name: '张测试',
      sex: 'male',
      nationCode: '01',
      nation: '汉',
      birthDate: '1985-03-12',
      address: '山东省淄博市张店区人民西路88号',
      idNumber: '37030319850312001X',
      checkDigitValid: isValidCitizenId('37030319850312001X'),
      issuer: '淄博市公安局张店分局',
      validFrom: '2016-04-20',
      validTo: '2036-04-20',
      longTerm: false,
      appendedAddress: null,
    });
  });

  it('reads 长期, impossible dates, sex codes, NUL padding and a lower-case x', () => {
    const block = handBlock([
      [0, '王示范\0\0'],
      [30, '9'],
      [32, '98'],
      [36, '19580230'],
      [122, '11010519491231002x'],
      [188, '2008O506'],
      [204, '长期'],
    ]);
    const identity = parseTextBlock(block, now);
    expect(identity).toMatchObject({
      name: '王示范',
      sex: 'unknown',
      nation: '外国血统中国籍人士',
      birthDate: null,
      validFrom: null,
      validTo: null,
      longTerm: true,
      idNumber: '11010519491231002X',
      checkDigitValid: true,
    });
  });

  it('takes a birth date after `now` for a misread', () => {
    const block = handBlock([
      [0, '未来'],
      [36, '20250602'],
      [122, '11010519491231002X'],
    ]);
    expect(parseTextBlock(block, now).birthDate).toBeNull();
    expect(parseTextBlock(block, new Date(Date.UTC(2025, 5, 2, 4))).birthDate).toBe('2025-06-02');
  });

  it('reads a 港澳台居民居住证 (J) with pass number at 220 and issue count at 238', () => {
    const block = handBlock([
      [0, '陈示例'],
      [30, '2'],
      [36, '19900815'],
      [52, '山东省淄博市张店区新村西路77号'],
      [122, '810000199008150026'],
      [158, '淄博市公安局张店分局'],
      [188, '20240301'],
      [204, '20290301'],
      [220, 'H12345678'],
      [238, '03'],
      [248, 'J'],
    ]);
    expect(parseTextBlock(block, now)).toEqual({
      cardType: 'hk_macao_taiwan',
      name: '陈示例',
      sex: 'female',
      birthDate: '1990-08-15',
      address: '山东省淄博市张店区新村西路77号',
      idNumber: '810000199008150026',
      checkDigitValid: isValidCitizenId('810000199008150026'),
      issuer: '淄博市公安局张店分局',
      validFrom: '2024-03-01',
      validTo: '2029-03-01',
      longTerm: false,
      passNumber: 'H12345678',
      issueCount: 3,
    });
  });

  it('reads a 2017 foreign permanent resident card (I) and checks its ICAO digit', () => {
    const block = handBlock([
      [0, 'KAZAKH, SAMPLE'],
      [120, '2'],
      [122, 'KAZ110090123105'],
      [152, 'KAZ'],
      [158, '样例'],
      [188, '20180701'],
      [204, '20280701'],
      [220, '19901231'],
      [236, '01'],
      [240, '1100'],
      [248, 'I'],
    ]);
    expect(parseTextBlock(block, now)).toEqual({
      cardType: 'foreign_permanent',
      name: '样例',
      englishName: 'KAZAKH, SAMPLE',
      sex: 'female',
      birthDate: '1990-12-31',
      idNumber: 'KAZ110090123105',
      checkDigitValid: true,
      nationalityCode: 'KAZ',
      nationality: '哈萨克斯坦',
      validFrom: '2018-07-01',
      validTo: '2028-07-01',
      longTerm: false,
      cardVersion: '01',
      issuerCode: '1100',
      typeLetter: 'I',
    });
  });

  it('reads a 2023 foreign permanent resident card (Y) with the English name in two parts', () => {
    const block = handBlock([
      [0, '样例'],
      [30, '1'],
      [32, '00'],
      [36, '19901231'],
      [52, 'EXAMPLE, MARIA ISABEL SAMPLE-PERSON'],
      [122, '911398199012310021'],
      [188, '20240115'],
      [204, '20340115'],
      [220, ' TESTING'],
      [242, 'KAZ'],
      [248, 'Y'],
    ]);
    expect(parseTextBlock(block, now)).toMatchObject({
      cardType: 'foreign_permanent',
      name: '样例',
      englishName: 'EXAMPLE, MARIA ISABEL SAMPLE-PERSON TESTING',
      sex: 'male',
      birthDate: '1990-12-31',
      idNumber: '911398199012310021',
      checkDigitValid: true,
      nationality: '哈萨克斯坦',
      typeLetter: 'Y',
    });
  });

  it('throws AppError in Chinese for a wrong length, an implausible block or an unknown card letter', () => {
    const wrongLength = appErrorOf(() => parseTextBlock(new Uint8Array(255)));
    expect(wrongLength.code).toBe('idcard_text_length');
    expect(wrongLength.message).toContain('256');
    expect(appErrorOf(() => parseTextBlock(new Uint8Array(256))).code).toBe('idcard_field_empty');
    expect(appErrorOf(() => parseTextBlock(handBlock([[0, '张三']]))).message).toContain('证件号码');
    expect(appErrorOf(() => parseTextBlock(handBlock([[122, '11010519491231002X']]))).message).toContain('姓名为空');
    expect(appErrorOf(() => parseTextBlock(handBlock([[248, 'Q']]))).code).toBe('idcard_unknown_type_letter');
  });
});

describe('check digits of card numbers', () => {
  it('checks 2017 permit numbers with ICAO 7-3-1 and 2023 numbers with GB 11643', () => {
    expect(icaoCheckDigit('KAZ11009012310')).toBe('5');
    expect(isValidPermitNumber('KAZ110090123105')).toBe(true);
    expect(isValidPermitNumber('KAZ110090123107')).toBe(false);
    expect(isValidPermitNumber('KAZ11009012310')).toBe(false);
    expect(isValidPermitNumber('911398199012310021')).toBe(true);
    expect(isValidPermitNumber('911398199012310022')).toBe(false);
    expect(icaoCheckDigit('abc')).toBeNull();
  });
});

describe('encodeTextBlock', () => {
  it('writes the type letter at 248 and J fields at 220 and 238', () => {
    const j = encodeTextBlock(sampleCards.hk_macao_taiwan);
    expect(ucs2At(j, 248, 1)).toBe('J');
    expect(ucs2At(j, 220, 9)).toBe('H12345678');
    expect(ucs2At(j, 238, 2)).toBe('01');
    expect(ucs2At(encodeTextBlock(sampleCards.foreign_permanent), 248, 1)).toBe('I');
    expect(ucs2At(encodeTextBlock(sampleForeign2023), 248, 1)).toBe('Y');
    expect(ucs2At(encodeTextBlock(sampleCards.resident_zhang), 248, 1)).toBe(' ');
    expect(ucs2At(encodeTextBlock(sampleCards.resident_long_term), 204, 2)).toBe('长期');
  });

  it('round-trips every sample card', () => {
    for (const card of [...Object.values(sampleCards), sampleForeign2023]) {
      expect(parseTextBlock(encodeTextBlock(card), now)).toEqual(card);
    }
  });

  it('refuses fields that do not fit', () => {
    const tooLong = { ...sampleCards.resident_zhang, name: '很'.repeat(16) };
    expect(appErrorOf(() => encodeTextBlock(tooLong)).code).toBe('card_field_too_long');
    if (sampleForeign2023.cardType !== 'foreign_permanent') throw new Error('the Y sample is a foreign card');
    const longEnglish = { ...sampleForeign2023, englishName: 'A'.repeat(47) };
    expect(appErrorOf(() => encodeTextBlock(longEnglish)).code).toBe('card_field_too_long');
  });
});

describe('text block properties', () => {
  const hanzi = [
    ...'张王李赵陈刘杨黄周吴测试样例示范山东省淄博市张店区人民西路号楼单元室公安局分局华光路柳泉新村共青团',
  ];
  const digits = [...'0123456789'];
  const cn = (min: number, max: number, extra: string[] = []) =>
    fc.string({ unit: fc.constantFrom(...hanzi, ...extra), minLength: min, maxLength: max });
  const latin = (max: number) =>
    fc
      .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ, -'), minLength: 1, maxLength: max })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = (max: Date) =>
    fc
      .date({ min: new Date(Date.UTC(1900, 0, 1)), max, noInvalidDate: true })
      .map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  const birth = fc.option(date(new Date(Date.UTC(2025, 4, 31))));
  const validity = fc.oneof(
    fc.record({
      validFrom: fc.option(date(new Date(Date.UTC(2099, 0, 1)))),
      validTo: date(new Date(Date.UTC(2099, 0, 1))),
      longTerm: fc.constant(false),
    }),
    fc.record({
      validFrom: fc.option(date(new Date(Date.UTC(2099, 0, 1)))),
      validTo: fc.constant(null),
      longTerm: fc.boolean(),
    }),
  );
  const sex = fc.constantFrom('male' as const, 'female' as const, 'unknown' as const);
  /** 18-character numbers: a valid one half the time, otherwise any check character. */
  const number18 = (prefix: RegExp) =>
    fc.oneof(
      fc.stringMatching(prefix).map((first17) => first17 + citizenIdCheckChar(first17)!),
      fc.tuple(fc.stringMatching(prefix), fc.constantFrom(...digits, 'X')).map(([first17, c]) => first17 + c),
    );

  const resident = fc
    .record({
      name: cn(1, 15),
      sex,
      nationCode: fc.oneof(fc.constantFrom(...Object.keys(nations)), fc.stringMatching(/^\d{2}$/)),
      birthDate: birth,
      address: cn(0, 35, digits),
      idNumber: number18(/^\d{17}$/),
      issuer: cn(0, 15),
      validity,
    })
    .map(({ validity: v, ...r }): Identity => ({
      cardType: 'resident',
      ...r,
      ...v,
      nation: nationName(r.nationCode),
      checkDigitValid: isValidCitizenId(r.idNumber),
      appendedAddress: null,
    }));

  const hkMacaoTaiwan = fc
    .record({
      name: cn(1, 15),
      sex,
      birthDate: birth,
      address: cn(0, 35, digits),
      idNumber: number18(/^8[123]0000\d{11}$/),
      issuer: cn(0, 15),
      validity,
      passNumber: fc.stringMatching(/^[HM]?\d{8}$/),
      issueCount: fc.option(fc.integer({ min: 0, max: 99 })),
    })
    .map(({ validity: v, ...r }): Identity => ({
      cardType: 'hk_macao_taiwan',
      ...r,
      ...v,
      checkDigitValid: isValidCitizenId(r.idNumber),
    }));

  const nationality = fc.oneof(fc.constantFrom(...Object.keys(countries)), fc.stringMatching(/^[A-Z]{3}$/));

  const foreign2017 = fc
    .record({
      englishName: latin(60),
      name: cn(0, 15),
      sex,
      birthDate: birth,
      idNumber: fc.oneof(
        fc.stringMatching(/^[A-Z]{3}\d{11}$/).map((first14) => first14 + icaoCheckDigit(first14)!),
        fc.stringMatching(/^[A-Z]{3}\d{12}$/),
      ),
      nationalityCode: nationality,
      validity,
      cardVersion: fc.stringMatching(/^(\d{2})?$/),
      issuerCode: fc.stringMatching(/^(\d{4})?$/),
    })
    .map(({ validity: v, ...r }): Identity => ({
      cardType: 'foreign_permanent',
      ...r,
      ...v,
      nationality: countryName(r.nationalityCode),
      checkDigitValid: isValidPermitNumber(r.idNumber),
      typeLetter: 'I',
    }));

  const foreign2023 = fc
    .record({
      englishName: latin(46),
      name: cn(0, 15),
      sex,
      birthDate: birth,
      idNumber: number18(/^9\d{16}$/),
      nationalityCode: nationality,
      validity,
    })
    .map(({ validity: v, ...r }): Identity => ({
      cardType: 'foreign_permanent',
      ...r,
      ...v,
      nationality: countryName(r.nationalityCode),
      checkDigitValid: isValidCitizenId(r.idNumber),
      cardVersion: '',
      issuerCode: '',
      typeLetter: 'Y',
    }));

  for (const [kind, arb] of [
    ['resident', resident],
    ['hk_macao_taiwan (J)', hkMacaoTaiwan],
    ['foreign_permanent 2017 (I)', foreign2017],
    ['foreign_permanent 2023 (Y)', foreign2023],
  ] as const) {
    it(`round-trips random ${kind} identities`, () => {
      fc.assert(
        fc.property(arb, (identity) => {
          expect(identitySchema.parse(identity)).toEqual(identity);
          expect(parseTextBlock(encodeTextBlock(identity), now)).toEqual(identity);
        }),
        { numRuns: 10_000 },
      );
    });
  }

  /** Parses or throws an AppError; what it returns must satisfy the contract schema. */
  function parsesOrAppError(block: Uint8Array): void {
    try {
      identitySchema.parse(parseTextBlock(block, now));
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
    }
  }

  it('never throws anything but AppError on random or truncated blocks', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.uint8Array({ maxLength: 300 })),
        parsesOrAppError,
      ),
      { numRuns: 10_000 },
    );
  });

  it('never throws anything but AppError on damaged real blocks', () => {
    const cards = [...Object.values(sampleCards), sampleForeign2023].map(encodeTextBlock);
    fc.assert(
      fc.property(
        fc.constantFrom(...cards),
        fc.array(fc.tuple(fc.nat(255), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        fc.nat(256),
        (card, damage, cut) => {
          const block = card.slice();
          for (const [at, value] of damage) block[at] = value;
          parsesOrAppError(block);
          parsesOrAppError(block.subarray(0, cut));
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('appended address', () => {
  it('reads 70 bytes of UCS-2, none when blank, and rejects odd lengths', () => {
    expect(parseAppendedAddress(encodeAppendedAddress('山东省淄博市张店区柳泉路55号'))).toBe(
      '山东省淄博市张店区柳泉路55号',
    );
    expect(parseAppendedAddress(encodeAppendedAddress(''))).toBeNull();
    expect(parseAppendedAddress(new Uint8Array(0))).toBeNull();
    expect(appErrorOf(() => parseAppendedAddress(new Uint8Array(3))).code).toBe('idcard_address_odd_length');
    expect(appErrorOf(() => encodeAppendedAddress('很'.repeat(36))).code).toBe('card_field_too_long');
  });
});

describe('nations and countries', () => {
  it('has the 56 nations of GB/T 3304 plus 97 and 98, and falls back to the code', () => {
    expect(Object.keys(nations)).toHaveLength(58);
    expect(nationName('01')).toBe('汉');
    expect(nationName('56')).toBe('基诺');
    expect(nationName('97')).toBe('其他');
    expect(nationName('57')).toBe('57');
    expect(countryName('USA')).toBe('美国');
    expect(countryName('XXA')).toBe('XXA');
  });
});
