import { z } from 'zod';
import { provincialRatingSchema, type ProvincialRating } from '@yichuang/domain/ratings';
import type { RatingExportFormat } from './ratings';

/**
 * The one export format for the provincial 好差评 system (docs/ratings.md): a rating's provincial
 * data elements under their provincial names, in `provincialRatingSchema`'s order, either as JSON
 * lines (one object a line) or as CSV with the same columns — arrays joined with `;`, the
 * evaluated person as three columns `evaluatedPersonInfo.name|staffNumber|windowNumber`, UTF-8
 * with a byte-order mark for Excel, CRLF line ends, RFC 4180 quoting, and no cell a spreadsheet
 * would run as a formula.
 */

type Shape = typeof provincialRatingSchema.shape;
type Key = keyof Shape;

/** The provincial elements in order, with an object element's own keys as `element.key` columns. */
function columnsOf(): { name: string; get: (record: ProvincialRating) => unknown }[] {
  const out: { name: string; get: (record: ProvincialRating) => unknown }[] = [];
  for (const key of Object.keys(provincialRatingSchema.shape) as Key[]) {
    const element: unknown = provincialRatingSchema.shape[key];
    if (element instanceof z.ZodObject) {
      for (const inner of Object.keys(element.shape)) {
        out.push({
          name: `${key}.${inner}`,
          get: (record) => (record[key] as unknown as Record<string, unknown>)[inner],
        });
      }
    } else out.push({ name: key, get: (record) => record[key] });
  }
  return out;
}

const columns = columnsOf();

/** The CSV header, in order (and the JSON lines' keys, the person's three flattened). */
export const ratingCsvColumns: readonly string[] = columns.map((c) => c.name);

export const ratingExportTypes: Record<RatingExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const bom = '\uFEFF';
const crlf = '\r\n';
/** What a spreadsheet takes as the start of a formula (= + - @, and tab / CR, which some also do). */
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;
const needsQuotes = /[",\r\n]/;

/** A scalar as text (the elements are strings and numbers; anything else as its JSON). */
function plain(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : (JSON.stringify(value) ?? '');
}

/**
 * One cell: a number as it is; an array's items joined with `;`; text that would start a formula
 * gets a leading apostrophe (a plain negative number stays a number); text with a comma, quote or
 * line break is quoted, its quotes doubled.
 */
export function ratingCsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const raw = Array.isArray(value) ? value.map(plain).join(';') : plain(value);
  const text = formulaStart.test(raw) && !plainNumber.test(raw) ? `'${raw}` : raw;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The start of the file: the CSV's byte-order mark and header; nothing for JSON lines. */
export function ratingExportHead(format: RatingExportFormat): string {
  return format === 'csv' ? bom + ratingCsvColumns.map(ratingCsvCell).join(',') + crlf : '';
}

/** Records as lines of the format, each ended (LF for JSON lines, CRLF for CSV). */
export function ratingExportLines(format: RatingExportFormat, records: readonly ProvincialRating[]): string {
  if (format === 'jsonl') return records.map((r) => `${JSON.stringify(r)}\n`).join('');
  return records.map((r) => columns.map((c) => ratingCsvCell(c.get(r))).join(',') + crlf).join('');
}

/** The download's file name: `ratings-FROM-TO.jsonl` or `.csv`. */
export function ratingExportFileName(range: { from: string; to: string }, format: RatingExportFormat): string {
  return `ratings-${range.from}-${range.to}.${format}`;
}
