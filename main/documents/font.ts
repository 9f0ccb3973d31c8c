import { readFile } from 'node:fs/promises';
import type { create as createFont } from '@pdf-lib/fontkit';

/**
 * The one typeface of the printed documents (Noto Sans SC Regular). Layout measures with the full
 * font; the PDF embeds a subset of exactly the characters a document uses, made with HarfBuzz,
 * because pdf-lib's own subsetter drops CJK glyphs (see docs: toolchain, pdf-lib/CJK).
 */
export interface DocumentFont {
  readonly path: string;
  /** PostScript name of the font, e.g. NotoSansSC-Regular. */
  readonly name: string;
  /** Ascent and descent as fractions of the em (descent negative). */
  readonly ascent: number;
  readonly descent: number;
  /** Whether the font has a glyph for the character. */
  has(char: string): boolean;
  /** Advance of one character in em; a character the font lacks measures 1 em. */
  advance(char: string): number;
  /** Width of a string at a size in pt. */
  widthOf(text: string, size: number): number;
  /** The characters of `text` the font lacks (生僻字 outside its coverage), each once, in order. */
  missing(text: string): string[];
  /** A TrueType font with only these characters (and what their layout needs). */
  subset(chars: Iterable<string>): Promise<Uint8Array>;
}

const loaded = new Map<string, Promise<DocumentFont>>();

/** The font at `path`, read and parsed once per path for the life of the process. */
export function loadDocumentFont(path: string): Promise<DocumentFont> {
  let font = loaded.get(path);
  if (!font) {
    font = readFile(path).then((bytes) => createDocumentFont(path, bytes));
    // A failed read is not cached: the next call tries again (e.g. after the file is restored).
    font.catch(() => loaded.delete(path));
    loaded.set(path, font);
  }
  return font;
}

/**
 * fontkit, on first use. Its CommonJS module keeps `create` on its default export, which a native
 * dynamic import (the bundled app) does not spread into the namespace, while vitest's does.
 */
async function loadFontkit(): Promise<{ create: typeof createFont }> {
  const mod: { create?: unknown; default?: unknown } = await import('@pdf-lib/fontkit');
  const fontkit = typeof mod.create === 'function' ? mod : mod.default;
  return fontkit as { create: typeof createFont };
}

/**
 * A font from bytes already in memory (no cache). fontkit and HarfBuzz load here, on the first
 * document, not when the workstation starts.
 */
async function createDocumentFont(path: string, bytes: Buffer): Promise<DocumentFont> {
  const fontkit = await loadFontkit();
  const font = fontkit.create(bytes);
  const em = font.unitsPerEm;
  const advances = new Map<number, number>();

  const advanceOf = (codePoint: number): number => {
    let advance = advances.get(codePoint);
    if (advance === undefined) {
      advance = font.hasGlyphForCodePoint(codePoint) ? font.glyphForCodePoint(codePoint).advanceWidth / em : 1;
      advances.set(codePoint, advance);
    }
    return advance;
  };
  const has = (char: string): boolean => font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0);

  return {
    path,
    name: font.postscriptName ?? 'DocumentFont',
    ascent: font.ascent / em,
    descent: font.descent / em,
    has,
    advance: (char) => advanceOf(char.codePointAt(0) ?? 0),
    widthOf(text, size) {
      let width = 0;
      for (const char of text) width += advanceOf(char.codePointAt(0) ?? 0);
      return width * size;
    },
    missing(text) {
      const out = new Set<string>();
      for (const char of text) if (!isControl(char) && !has(char)) out.add(char);
      return [...out];
    },
    async subset(chars) {
      const text = [...new Set(chars)]
        .filter((c) => !isControl(c) && has(c))
        .sort()
        .join('');
      // Without layout tables: pdf-lib shapes text with fontkit, and a substituted glyph (the font
      // swaps digits next to letters) is missing from the PDF's widths and ToUnicode map.
      const { default: subsetFont } = await import('subset-font');
      const subset = await subsetFont(bytes, text, {
        targetFormat: 'truetype',
        keepFeatures: [],
        noLayoutClosure: true,
        dropTables: ['GSUB', 'GPOS', 'GDEF'],
      });
      return new Uint8Array(subset);
    },
  };
}

function isControl(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return cp < 0x20 || cp === 0x7f;
}
