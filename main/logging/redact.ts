import { maskIdNumber } from '@yichuang/domain/id-numbers';

/** Personal data never reaches a log line whole: ID numbers are masked to the first 6 and last 4. */
const idNumberPattern = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

export function maskIdNumbers(text: string): string {
  return text.replace(idNumberPattern, (id) => maskIdNumber(id));
}

/** Keys whose values are replaced wherever they appear in a logged object. */
export const secretKeys = ['password', 'currentPassword', 'newPassword', 'temporaryPassword', 'passwordHash', 'token'];
