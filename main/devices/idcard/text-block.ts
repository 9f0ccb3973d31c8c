import type { Identity } from '../../../preload/contract/devices';
import { hallDate } from '@yichuang/domain/hall-time';
import { AppError, type ErrorParam } from '../../../preload/contract/errors';
import { isValidCitizenId } from '@yichuang/domain/id-numbers';
import { countryName, nationName } from './nations';

/**
 * The 256-byte text block of a card (GA 490-2013): UCS-2 little-endian fields padded with
 * spaces, at fixed offsets that depend on the card type letter at byte 248.
 *
 * Resident card (devices.md): name 30@0, sex 2@30, nation 4@32, birth 16@36, address 70@52,
 * number 36@122, issuer 30@158, valid from 16@188, valid to 16@204, reserved 36@220.
 *
 * 港澳台居民居住证 (`J`): the resident layout without the nation (reserved, spaces), then pass
 * number 18@220, issue count 4@238, reserved 6@242, `J` 2@248, reserved 6@250. Where from: two
 * independent public sources agree — a reader DLL header declaring `t_idcardinfor`
 * (`passID[18]`, `issuesNum[4]`, `rfuData1[6]`, `typeFlag[2]`, `rfuData2[6]` after `endDate`)
 * and a C# reader wrapper reading the pass number at 220 (18 bytes) and the issue count at 238
 * (4 bytes). Fairly sure.
 *
 * 外国人永久居留身份证 2017 (`I`): as devices.md (English name 120@0, sex 2@120, number 30@122,
 * nationality 6@152, Chinese name 30@158, valid from 16@188, valid to 16@204, birth 16@220,
 * version 4@236, issuing office 8@240, `I` 2@248). The same header (`t_idforeigner`) and the
 * C# wrapper (birth at 220, office at 240 for `I`) agree. Sure.
 *
 * 外国人永久居留身份证 2023 (`Y`): from one public source only, the same header's
 * `t_idforeigner2023`: Chinese name 30@0, sex 2@30, renewal count 4@32, birth 16@36, English
 * name part 1 (characters 1-35) 70@52, number 36@122, reserved 30@158, valid from 16@188,
 * valid to 16@204, English name part 2 (characters 36-46) 22@220, nationality 6@242, `Y`
 * 2@248, link to the holder's earlier 15-character number 6@250. The totals add up to 256 and
 * the dates sit where every other layout has them; still, only one source: verify with a card.
 * The identity schema has no place for the renewal count or the earlier-number link, so they
 * are not carried; `cardVersion` and `issuerCode` are empty for `Y` cards.
 */

export const textBlockLength = 256;

const isPadding = (c: string | undefined) => c === ' ' || c === '\0';

/** Cards pad with spaces; some readers leave NULs. Only the ends are trimmed. */
function trimPadding(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPadding(s[start])) start++;
  while (end > start && isPadding(s[end - 1])) end--;
  return s.slice(start, end);
}

/** Control characters or U+FFFD (what the decoder makes of a lone surrogate): not text a card holds. */
function hasBadCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x20 || unit === 0xfffd) return true;
  }
  return false;
}

/** ignoreBOM: every code unit is a character of the field, a leading FEFF included. */
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function rawField(block: Uint8Array, offset: number, length: number): string {
  return utf16.decode(block.subarray(offset, offset + length));
}

function field(block: Uint8Array, offset: number, length: number): string {
  return trimPadding(rawField(block, offset, length));
}

function writeField(block: Uint8Array, offset: number, length: number, value: string, label: string): void {
  if (value.length * 2 > length) {
    throw new AppError('card_field_too_long', { field: label, max: length / 2 }, { [label]: '过长' });
  }
  for (let i = 0; i < length / 2; i++) {
    const unit = i < value.length ? value.charCodeAt(i) : 0x20;
    block[offset + 2 * i] = unit & 0xff;
    block[offset + 2 * i + 1] = unit >> 8;
  }
}

/** `YYYYMMDD` to `YYYY-MM-DD`; anything that is not a real calendar date is null. */
function parseDate(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function encodeDate(date: string | null): string {
  return date ? date.replace(/-/g, '') : '';
}

const longTermText = '长期';

function parseValidity(
  from: string,
  to: string,
): { validFrom: string | null; validTo: string | null; longTerm: boolean } {
  const longTerm = to === longTermText;
  return { validFrom: parseDate(from), validTo: longTerm ? null : parseDate(to), longTerm };
}

function parseSex(code: string): 'male' | 'female' | 'unknown' {
  if (code === '1') return 'male';
  if (code === '2') return 'female';
  return 'unknown';
}

/** GB/T 2261.1: 1 male, 2 female, 0 unknown. */
function encodeSex(sex: Identity['sex']): string {
  return sex === 'male' ? '1' : sex === 'female' ? '2' : '0';
}

/**
 * ICAO 9303 check digit (weights 7 3 1, letters A=10 … Z=35). The 15-character number of the
 * 2017 foreign permanent resident card (3-letter nationality, 4-digit office, YYMMDD, sequence,
 * check) ends with this digit according to public validators (e.g. xiahaimoyu credentialkit,
 * which accepts `KAZ110090123105`); it has no GB 11643 digit. Fairly sure.
 */
export function icaoCheckDigit(text: string): string | null {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const value = /\d/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : c === '<' ? 0 : -1;
    if (value < 0) return null;
    sum += value * weights[i % 3]!;
  }
  return String(sum % 10);
}

/** A 2017 permit number whose check digit matches; 18-digit numbers follow GB 11643. */
export function isValidPermitNumber(id: string): boolean {
  if (id.length === 18) return isValidCitizenId(id);
  return /^[A-Z]{3}\d{12}$/.test(id) && icaoCheckDigit(id.slice(0, 14)) === id[14];
}

/** The parsed fields a misread can leave empty or garbled, named in both languages for the message. */
const nameLabel: ErrorParam = { 'zh-CN': '姓名', en: 'the name' };
const addedAddressLabel: ErrorParam = { 'zh-CN': '追加住址', en: 'the added address' };
// The number itself is never put in a message: messages reach logs.
const idNumberLabel: ErrorParam = { 'zh-CN': '证件号码', en: 'the ID number' };
const permitNumberLabel: ErrorParam = { 'zh-CN': '永久居留证号码', en: 'the permanent residence card number' };

function checkName(name: string, label: ErrorParam): void {
  if (name === '') throw new AppError('idcard_field_empty', { field: label });
  if (hasBadCharacters(name)) throw new AppError('idcard_field_garbled', { field: label });
}

const citizenNumber = /^\d{17}[\dX]$/;

/**
 * Parses the text block into an identity with the number unmasked. `now` only rejects a birth
 * date after today (Beijing date): shown as unknown (null), a misread, as no one is born tomorrow.
 */
export function parseTextBlock(text: Uint8Array, now: Date = new Date()): Identity {
  if (text.length !== textBlockLength) {
    throw new AppError('idcard_text_length', { expected: textBlockLength, actual: text.length });
  }
  const today = hallDate(now);
  const birth = (offset: number) => {
    const date = parseDate(field(text, offset, 16));
    return date !== null && date > today ? null : date;
  };
  const letter = field(text, 248, 2);

  if (letter === '' || letter === 'J') {
    const name = field(text, 0, 30);
    checkName(name, nameLabel);
    const idNumber = field(text, 122, 36).toUpperCase();
    if (!citizenNumber.test(idNumber)) throw new AppError('idcard_number_malformed', { field: idNumberLabel });
    const common = {
      name,
      sex: parseSex(field(text, 30, 2)),
      birthDate: birth(36),
      ...parseValidity(field(text, 188, 16), field(text, 204, 16)),
      idNumber,
      checkDigitValid: isValidCitizenId(idNumber),
      address: field(text, 52, 70),
      issuer: field(text, 158, 30),
    };
    if (letter === '') {
      const nationCode = field(text, 32, 4);
      return { cardType: 'resident', ...common, nationCode, nation: nationName(nationCode), appendedAddress: null };
    }
    const count = field(text, 238, 4);
    return {
      cardType: 'hk_macao_taiwan',
      ...common,
      passNumber: field(text, 220, 18),
      issueCount: /^\d{1,2}$/.test(count) ? Number(count) : null,
    };
  }

  if (letter === 'I') {
    const englishName = field(text, 0, 120);
    const name = field(text, 158, 30);
    checkName(englishName || name, nameLabel);
    const idNumber = field(text, 122, 30).toUpperCase();
    if (!/^[A-Z0-9]{15,18}$/.test(idNumber))
      throw new AppError('idcard_number_malformed', { field: permitNumberLabel });
    const nationalityCode = field(text, 152, 6);
    return {
      cardType: 'foreign_permanent',
      name,
      englishName,
      sex: parseSex(field(text, 120, 2)),
      birthDate: birth(220),
      ...parseValidity(field(text, 188, 16), field(text, 204, 16)),
      idNumber,
      checkDigitValid: isValidPermitNumber(idNumber),
      nationalityCode,
      nationality: countryName(nationalityCode),
      cardVersion: field(text, 236, 4),
      issuerCode: field(text, 240, 8),
      typeLetter: 'I',
    };
  }

  if (letter === 'Y') {
    const name = field(text, 0, 30);
    const englishName = trimPadding(rawField(text, 52, 70) + rawField(text, 220, 22));
    checkName(name || englishName, nameLabel);
    const idNumber = field(text, 122, 36).toUpperCase();
    if (!citizenNumber.test(idNumber)) throw new AppError('idcard_number_malformed', { field: permitNumberLabel });
    const nationalityCode = field(text, 242, 6);
    return {
      cardType: 'foreign_permanent',
      name,
      englishName,
      sex: parseSex(field(text, 30, 2)),
      birthDate: birth(36),
      ...parseValidity(field(text, 188, 16), field(text, 204, 16)),
      idNumber,
      checkDigitValid: isValidCitizenId(idNumber),
      nationalityCode,
      nationality: countryName(nationalityCode),
      cardVersion: '',
      issuerCode: '',
      typeLetter: 'Y',
    };
  }

  throw new AppError('idcard_unknown_type_letter', { letter });
}

/** The inverse of parseTextBlock (for the simulator and tests); fields that do not fit are invalid_input. */
export function encodeTextBlock(identity: Identity): Uint8Array {
  const block = new Uint8Array(textBlockLength);
  const put = (offset: number, length: number, value: string, label: string) =>
    writeField(block, offset, length, value, label);
  put(0, textBlockLength, '', '文字信息'); // all spaces
  put(188, 16, encodeDate(identity.validFrom), '签发日期');
  put(204, 16, identity.longTerm ? longTermText : encodeDate(identity.validTo), '有效期至');

  switch (identity.cardType) {
    case 'resident':
    case 'hk_macao_taiwan':
      put(0, 30, identity.name, '姓名');
      put(30, 2, encodeSex(identity.sex), '性别');
      put(36, 16, encodeDate(identity.birthDate), '出生日期');
      put(52, 70, identity.address, '住址');
      put(122, 36, identity.idNumber, '证件号码');
      put(158, 30, identity.issuer, '签发机关');
      if (identity.cardType === 'resident') {
        put(32, 4, identity.nationCode, '民族');
      } else {
        put(220, 18, identity.passNumber, '通行证号码');
        put(238, 4, identity.issueCount === null ? '' : String(identity.issueCount).padStart(2, '0'), '签发次数');
        put(248, 2, 'J', '证件类型');
      }
      return block;
    case 'foreign_permanent':
      if (identity.typeLetter === 'I') {
        put(0, 120, identity.englishName, '英文姓名');
        put(120, 2, encodeSex(identity.sex), '性别');
        put(122, 30, identity.idNumber, '证件号码');
        put(152, 6, identity.nationalityCode, '国籍');
        put(158, 30, identity.name, '中文姓名');
        put(220, 16, encodeDate(identity.birthDate), '出生日期');
        put(236, 4, identity.cardVersion, '证件版本');
        put(240, 8, identity.issuerCode, '受理机关代码');
        put(248, 2, 'I', '证件类型');
        return block;
      }
      if (identity.typeLetter === 'Y') {
        const english = identity.englishName;
        if (english.length > 46)
          throw new AppError('card_field_too_long', { field: '英文姓名', max: 46 }, { 英文姓名: '过长' });
        put(0, 30, identity.name, '中文姓名');
        put(30, 2, encodeSex(identity.sex), '性别');
        put(36, 16, encodeDate(identity.birthDate), '出生日期');
        put(52, 70, english.slice(0, 35), '英文姓名');
        put(122, 36, identity.idNumber, '证件号码');
        put(220, 22, english.slice(35), '英文姓名');
        put(242, 6, identity.nationalityCode, '国籍');
        put(248, 2, 'Y', '证件类型');
        return block;
      }
      throw new AppError('card_type_letter_invalid', { letter: identity.typeLetter });
  }
}

/** The appended address (读追加住址, 70 bytes UCS-2); null when the card has none. */
export function parseAppendedAddress(data: Uint8Array): string | null {
  if (data.length % 2 !== 0) throw new AppError('idcard_address_odd_length', { length: data.length });
  const address = trimPadding(utf16.decode(data));
  if (address === '') return null;
  if (hasBadCharacters(address)) throw new AppError('idcard_field_garbled', { field: addedAddressLabel });
  return address;
}

export function encodeAppendedAddress(address: string): Uint8Array {
  const data = new Uint8Array(70);
  writeField(data, 0, 70, address, '追加住址');
  return data;
}
