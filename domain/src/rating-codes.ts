import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The one-time code printed on each notice (评价码) beside the QR code that opens central's rating
 * page: with the case number it lets the citizen rate the visit later on their phone, once, within
 * the days the window set. Central keeps only the code's digest, bound to the case.
 */
export const ratingCodeLength = 8;

export const ratingCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{8}$/, '评价码为回执上印的 8 位数字');

export function newRatingCode(): string {
  return String(randomInt(0, 10 ** ratingCodeLength)).padStart(ratingCodeLength, '0');
}

/** SHA-256 of the code bound to its case and version: a code of one case never opens another's. */
export function ratingCodeDigest(caseId: string, version: number, code: string): string {
  return createHash('sha256').update(`yichuang-rating-code\n${caseId}\n${version}\n${code}`).digest('hex');
}

/** Whether `code` is the one whose digest central holds (in constant time). */
export function ratingCodeMatches(caseId: string, version: number, code: string, digest: string): boolean {
  const given = Buffer.from(ratingCodeDigest(caseId, version, code), 'hex');
  const held = Buffer.from(digest, 'hex');
  return given.length === held.length && timingSafeEqual(given, held);
}
