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

/**
 * Shown in lists, events and logs: the first 6 and the last 4 characters, the rest as `*`.
 * Shorter numbers (passes, 2017 permits) keep 2 and 2; very short ones are hidden whole.
 */
export function maskIdNumber(id: string): string {
  if (id.length > 10) return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
  if (id.length >= 7) return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
  return '*'.repeat(id.length);
}
