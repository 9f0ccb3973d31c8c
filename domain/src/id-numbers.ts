/**
 * Check digits of Chinese identification numbers. Pure functions: the renderer checks as the
 * clerk types, the devices layer checks what a card reader returns.
 */

const citizenWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const citizenCheckChars = '10X98765432';

/** GB 11643: the check character of an 18-digit citizen number from its first 17 digits. */
export function citizenIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * citizenWeights[i]!;
  return citizenCheckChars[sum % 11]!;
}

/** An 18-character citizen number (also the 2023 foreign permanent resident number) whose check digit matches. */
export function isValidCitizenId(id: string): boolean {
  const value = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  return citizenIdCheckChar(value.slice(0, 17)) === value[17];
}

/** GB 32100 alphabet: digits and capitals without I, O, S, V, Z; values 0..30. */
const creditAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 32100: the check character of a 统一社会信用代码 from its first 17 characters. */
export function creditCodeCheckChar(first17: string): string | null {
  const value = first17.toUpperCase();
  if (value.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = creditAlphabet.indexOf(value[i]!);
    if (v < 0) return null;
    sum += v * creditWeights[i]!;
  }
  return creditAlphabet[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(code: string): boolean {
  const value = code.toUpperCase();
  if (value.length !== 18) return false;
  const check = creditCodeCheckChar(value.slice(0, 17));
  return check !== null && check === value[17];
}

/** How a number is compared and shown: trimmed, upper case (X check digits, credit code letters). */
export function normalizeIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

/**
 * Shown in lists, events and logs: the first 6 and the last 4 characters, the rest as `*`.
 * Shorter numbers (passes, 2017 permits) keep 2 and 2; very short ones are hidden whole.
 */
export function maskIdNumber(id: string): string {
  if (id.length > 10) return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
  if (id.length >= 7) return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
  return '*'.repeat(id.length);
}

/** A phone number as lists and paper show it: first 3 and last 4 (138****5678); short ones hidden. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p ? '****' : '';
}

/**
 * A name as the hall may see it (the kiosk, the citizen screen): the first and last character
 * kept, the middle hidden (张*, 张*三, 欧**明); a Latin name keeps each word's first letter (J*** W***).
 */
export function maskName(name: string): string {
  const text = name.trim();
  if (!text) return '';
  if (/^[\x20-\x7e]+$/.test(text)) {
    return text
      .split(/\s+/)
      .map((word) => `${word[0]}${'*'.repeat(Math.max(word.length - 1, 1))}`)
      .join(' ');
  }
  const chars = Array.from(text);
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Province-level codes of GB/T 2260 (the first two digits), plus 81/82/83 for Hong Kong, Macao and Taiwan residents. */
const provinceCodes = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
  '91',
]);

/** A real calendar date not after `today` (YYYY-MM-DD) and not before 1900. */
function isPlausibleBirthDate(yyyymmdd: string, today: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return false;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` <= today;
}

/**
 * What is wrong with a number, as a code (and the length typed, where it matters) that the screen
 * words in the clerk's language: `id_number_length` 证件号码应为 18 位，现在是 {length} 位, …
 */
export type IdNumberProblem =
  | {
      code:
        'id_number_empty' | 'id_number_chars' | 'id_number_region' | 'id_number_birth_date' | 'id_number_check_digit';
    }
  | { code: 'id_number_length'; params: { length: number } };

/**
 * What is wrong with an 18-character citizen number, as the first thing to fix; null when it is
 * valid. Checks length and characters, the province code, the birth date and the GB 11643 check
 * digit, in that order, so a half-typed number gets the first problem.
 */
export function citizenIdProblem(id: string, today: string): IdNumberProblem | null {
  const value = id.trim().toUpperCase();
  if (!value) return { code: 'id_number_empty' };
  if (value.length > 18) return { code: 'id_number_length', params: { length: value.length } };
  if (!/^\d{0,17}$|^\d{17}[\dX]$/.test(value)) return { code: 'id_number_chars' };
  if (value.length < 18) return { code: 'id_number_length', params: { length: value.length } };
  // The 2023 foreign permanent resident number is 9, then the issuing province's code.
  const province = value[0] === '9' ? value.slice(1, 3) : value.slice(0, 2);
  if (!provinceCodes.has(province)) return { code: 'id_number_region' };
  if (!isPlausibleBirthDate(value.slice(6, 14), today)) return { code: 'id_number_birth_date' };
  if (citizenIdCheckChar(value.slice(0, 17)) !== value[17]) return { code: 'id_number_check_digit' };
  return null;
}

/** The 2017 foreign permanent resident number: 3 letters (nationality) and 12 digits. */
export function isOldForeignPermanentId(id: string): boolean {
  return /^[A-Z]{3}\d{12}$/.test(id.trim().toUpperCase());
}

/** What is wrong with a 统一社会信用代码, as a code the screen words; null when it is valid. */
export type CreditCodeProblem =
  | { code: 'credit_code_empty' | 'credit_code_chars' | 'credit_code_check_digit' }
  | { code: 'credit_code_length'; params: { length: number } };

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  const value = code.trim().toUpperCase();
  if (!value) return { code: 'credit_code_empty' };
  if (!/^[0-9A-HJ-NP-RTUW-Y]*$/.test(value)) return { code: 'credit_code_chars' };
  if (value.length !== 18) return { code: 'credit_code_length', params: { length: value.length } };
  if (!isValidCreditCode(value)) return { code: 'credit_code_check_digit' };
  return null;
}
