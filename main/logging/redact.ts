/** Personal data never reaches a log line whole: ID numbers are masked to the first 6 and last 4. */
const idNumberPattern = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;

export function maskIdNumbers(text: string): string {
  return text.replace(idNumberPattern, (_m, head: string, tail: string) => `${head}********${tail}`);
}

/** Keys whose values are replaced wherever they appear in a logged object. */
export const secretKeys = ['password', 'currentPassword', 'newPassword', 'temporaryPassword', 'passwordHash', 'token'];
