import * as fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { loadDocumentFont } from './font';
import { fontPath } from './testing/fixtures';

describe('document font', () => {
  it('is read once per path', async () => {
    const [a, b] = await Promise.all([loadDocumentFont(fontPath), loadDocumentFont(fontPath)]);
    expect(a).toBe(b);
    expect(await loadDocumentFont(fontPath)).toBe(a);
    expect(a.name).toBe('NotoSansSC-Regular');
  });

  it('measures Chinese as 1 em and Latin narrower', async () => {
    const font = await loadDocumentFont(fontPath);
    expect(font.widthOf('受理回执', 10)).toBeCloseTo(40, 5);
    expect(font.advance('中')).toBe(1);
    expect(font.advance('1')).toBeGreaterThan(0.4);
    expect(font.advance('1')).toBeLessThan(0.7);
    expect(font.widthOf('', 12)).toBe(0);
  });

  it('measures a character it lacks as 1 em and reports it, without throwing', async () => {
    const font = await loadDocumentFont(fontPath);
    expect(font.has('𪚥')).toBe(false);
    expect(font.advance('𪚥')).toBe(1);
    expect(font.widthOf('王𪚥明', 10)).toBeCloseTo(30, 5);
    expect(font.missing('王𪚥明𪚥，龘')).toEqual(['𪚥']);
    expect(font.missing('王晓明')).toEqual([]);
  });

  it('subsets to the characters asked for: small, and with the same advances', async () => {
    const font = await loadDocumentFont(fontPath);
    const text = '受理回执 370303-20261127 张店区市民中心，（）✓—𪚥';
    const bytes = await font.subset(text);
    expect(bytes.length).toBeLessThan(40_000);
    const subset = fontkit.create(Buffer.from(bytes));
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      if (!font.has(char)) {
        expect(subset.hasGlyphForCodePoint(cp)).toBe(false);
        continue;
      }
      expect(subset.hasGlyphForCodePoint(cp)).toBe(true);
      expect(subset.glyphForCodePoint(cp).advanceWidth / subset.unitsPerEm).toBeCloseTo(font.advance(char), 6);
    }
    // Layout gives the glyphs of the character map (no substitution the PDF would not know).
    const glyphs = subset.layout('91370303MA3C8XK12Q').glyphs;
    expect(glyphs.map((g) => g.id)).toEqual(
      [...'91370303MA3C8XK12Q'].map((c) => subset.glyphForCodePoint(c.codePointAt(0)!).id),
    );
  });

  it('a missing file fails, and is tried again next time', async () => {
    await expect(loadDocumentFont('/nonexistent/font.ttf')).rejects.toThrow();
    await expect(loadDocumentFont('/nonexistent/font.ttf')).rejects.toThrow();
  });
});
