import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';

/**
 * Test helpers only: look at a PDF the way a person would, with poppler. Text extraction alone
 * passes when glyphs are blank (pdf-lib's CJK subsetting bug), so `glyphInk` checks that every
 * word pdftotext finds has ink under it on the rendered page.
 */

const run = promisify(execFile);

async function withPdf<T>(bytes: Uint8Array, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'yichuang-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, bytes);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function pdftotext(file: string, args: string[]): Promise<string> {
  const { stdout } = await run('pdftotext', [...args, file, '-'], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** The text of the PDF (`pdftotext -layout`), or of pages `first`..`last` (1-based; `last` defaults to `first`). */
export async function pdfText(
  bytes: Uint8Array,
  options: { first?: number; last?: number; layout?: boolean } = {},
): Promise<string> {
  const args: string[] = options.layout === false ? [] : ['-layout'];
  if (options.first !== undefined) args.push('-f', String(options.first));
  const last = options.last ?? options.first;
  if (last !== undefined) args.push('-l', String(last));
  return withPdf(bytes, (file) => pdftotext(file, args));
}

/** The text of each page, in order (its length is the page count). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const text = await pdfText(bytes);
  // pdftotext ends every page with a form feed.
  const pages = text.split('\f');
  pages.pop();
  return pages;
}

/** `text` without any whitespace: for finding a field a line break may have cut. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The fields not found in `text`, whitespace ignored (a field may wrap across lines). */
export function missingFields(text: string, fields: string[]): string[] {
  const haystack = compact(text);
  return fields.filter((field) => !haystack.includes(compact(field)));
}

export interface GrayPage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  gray: Uint8Array;
}

/** Parses a binary PGM (P5, 8-bit). */
export function parsePgm(data: Uint8Array): GrayPage {
  let at = 0;
  const token = (): string => {
    for (;;) {
      while (at < data.length && /\s/.test(String.fromCharCode(data[at]!))) at += 1;
      if (data[at] !== 0x23) break; // '#': a comment to the end of the line
      while (at < data.length && data[at] !== 0x0a) at += 1;
    }
    let out = '';
    while (at < data.length && !/\s/.test(String.fromCharCode(data[at]!))) out += String.fromCharCode(data[at++]!);
    return out;
  };
  if (token() !== 'P5') throw new Error('not a binary PGM');
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error(`PGM depth ${max} is not 8-bit`);
  at += 1; // the single whitespace after the header
  const gray = new Uint8Array(data.subarray(at, at + width * height));
  if (gray.length !== width * height) throw new Error('PGM is truncated');
  return { width, height, gray };
}

/** Page `page` (1-based) rendered in grey at `dpi`. */
export async function renderPage(bytes: Uint8Array, page: number, dpi: number): Promise<GrayPage> {
  return withPdf(bytes, async (file, dir) => {
    const out = join(dir, 'page');
    await run('pdftoppm', [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      out,
    ]);
    return parsePgm(await readFile(`${out}.pgm`));
  });
}

export interface Word {
  page: number;
  text: string;
  /** In pt from the page's top-left corner (as seen, after rotation). */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/**
 * Every word pdftotext finds, with its box (`-bbox`). Page sizes are the media box before any
 * /Rotate; word boxes are on the page as seen (as `renderPage` draws it).
 */
export async function pdfWords(
  bytes: Uint8Array,
): Promise<{ pages: { width: number; height: number }[]; words: Word[] }> {
  const html = await withPdf(bytes, (file) => pdftotext(file, ['-bbox']));
  const pages: { width: number; height: number }[] = [];
  const words: Word[] = [];
  const tag =
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(tag)) {
    if (m[1] !== undefined) {
      pages.push({ width: Number(m[1]), height: Number(m[2]) });
      continue;
    }
    words.push({
      page: pages.length,
      text: decodeEntities(m[7] ?? ''),
      xMin: Number(m[3]),
      yMin: Number(m[4]),
      xMax: Number(m[5]),
      yMax: Number(m[6]),
    });
  }
  return { pages, words };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The words with a blank character: a reader would not see it (e.g. a glyph the embedded font
 * lacks). Each word's box is cut into one slice per character (exact for Chinese, close enough for
 * the rest) and every slice of a letter or digit must have dark pixels. An empty list means all
 * extracted text shows.
 */
export async function glyphInk(bytes: Uint8Array, dpi = 100): Promise<Word[]> {
  const { words } = await pdfWords(bytes);
  const blank: Word[] = [];
  const scale = dpi / 72;
  const pageNumbers = [...new Set(words.map((w) => w.page))];
  for (const page of pageNumbers) {
    const image = await renderPage(bytes, page, dpi);
    const inked = (x0: number, x1: number, y0: number, y1: number) => {
      for (let y = Math.max(0, y0); y <= Math.min(image.height - 1, y1); y += 1) {
        for (let x = Math.max(0, x0); x <= Math.min(image.width - 1, x1); x += 1) {
          if ((image.gray[y * image.width + x] ?? 255) < 160) return true;
        }
      }
      return false;
    };
    for (const word of words.filter((w) => w.page === page)) {
      const chars = [...word.text.trim()];
      if (chars.length === 0) continue;
      // The middle of the box: the font's ascent and descent leave room above and below the glyphs.
      const h = word.yMax - word.yMin;
      const y0 = Math.floor((word.yMin + h * 0.15) * scale);
      const y1 = Math.ceil((word.yMax - h * 0.1) * scale);
      // Slices in proportion to the usual advances: 1 em for Chinese and full-width forms, about half for the rest.
      const weights = chars.map((c) => ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.55));
      const unit = (word.xMax - word.xMin) / weights.reduce((a, b) => a + b, 0);
      let x = word.xMin;
      const visible = chars.every((char, i) => {
        const from = x;
        x += (weights[i] ?? 1) * unit;
        // Punctuation leaves most of its cell empty: the letters around it carry the check.
        if (/[\p{P}\p{S}]/u.test(char)) return true;
        return inked(Math.floor(from * scale), Math.ceil(x * scale), y0, y1);
      });
      if (!visible) blank.push(word);
    }
  }
  return blank;
}

/**
 * The text of the QR code on page `page` (1-based), or null when none is found. A notice has two:
 * the progress code at the top, the rating code in the footer; `half` says which half to read.
 */
export async function decodeQr(
  bytes: Uint8Array,
  page = 1,
  dpi = 170,
  half: 'top' | 'bottom' = 'top',
): Promise<string | null> {
  const image = await renderPage(bytes, page, dpi);
  // Overlapping 60 % of the page each: a code near the middle is whole in one of them.
  const rows = Math.floor(image.height * 0.6);
  const first = half === 'top' ? 0 : image.height - rows;
  const rgba = new Uint8ClampedArray(image.width * rows * 4);
  for (let i = 0; i < image.width * rows; i += 1) {
    const v = image.gray[first * image.width + i] ?? 255;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, image.width, rows)?.data ?? null;
}
