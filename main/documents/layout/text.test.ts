import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines, closingPunctuation, lineWidth, openingPunctuation, truncate, type WidthOf } from './text';

/** Chinese characters and full-width punctuation 10 wide, ASCII 5.5, a space 2.5. */
const width: WidthOf = (text) => {
  let w = 0;
  for (const char of text) w += char === ' ' ? 2.5 : (char.codePointAt(0) ?? 0) < 0x80 ? 5.5 : 10;
  return w;
};

const lines = (text: string, w: number, indent = 0) => breakLines(text, width, { width: w, firstLineIndent: indent });

describe('breakLines', () => {
  it('breaks between Chinese characters to fill the width', () => {
    expect(lines('一二三四五六七八九十', 40)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('never starts a line with closing punctuation: the last character moves down with it', () => {
    expect(lines('一二三四，五六', 40)).toEqual(['一二三', '四，五六']);
    expect(lines('一二三四。」五', 40)).toEqual(['一二三', '四。」五']);
  });

  it('never ends a line with opening punctuation', () => {
    expect(lines('一二三（四五）', 40)).toEqual(['一二三', '（四五）']);
    expect(lines('一二三「四五」', 40)).toEqual(['一二三', '「四五」']);
  });

  it('keeps a case number, a date and a word whole', () => {
    const text = '办件编号370303-20261127-003-0001已受理';
    const out = lines(text, 150);
    expect(out).toEqual(['办件编号', '370303-20261127-003-0001已', '受理']);
    expect(lines('承诺办结日期 2026-12-08，请按时领取', 100)).toEqual(['承诺办结日期 ', '2026-12-08，请按时', '领取']);
  });

  it('breaks a URL only when it is longer than a line', () => {
    const url = 'https://zwfw.zibo.gov.cn/yc/progress?no=370303-20261127-003-0001';
    const out = lines(`请访问 ${url} 查询`, 120);
    expect(out.join('')).toBe(`请访问 ${url} 查询`);
    for (const line of out) expect(lineWidth(line, width)).toBeLessThanOrEqual(120);
    expect(out.length).toBeGreaterThan(3);
    // Short enough: whole on its own line.
    expect(lines('网址 https://a.cn/x 查询', 90)).toEqual(['网址 ', 'https://a.cn/x 查', '询']);
  });

  it('keeps half-width closing punctuation with the word before it', () => {
    expect(lines('共计 items, total) 完', 40)).toEqual(['共计 ', 'items, ', 'total) ', '完']);
  });

  it('honours explicit line breaks, and empty lines stay', () => {
    expect(lines('第一段\n\n第三段', 100)).toEqual(['第一段', '', '第三段']);
  });

  it('indents the first line of every paragraph', () => {
    expect(lines('一二三四五六七八\n一二三四五六', 60, 20)).toEqual(['一二三四', '五六七八', '一二三四', '五六']);
  });

  it('lets spaces hang at the end of a line', () => {
    const out = lines('ab cd ef gh', 25);
    expect(out).toEqual(['ab cd ', 'ef gh']);
    expect(lineWidth(out[0]!, width)).toBeLessThanOrEqual(25);
  });

  it('keeps a dash pair and an ellipsis together', () => {
    expect(lines('一二三——四五', 40)).toEqual(['一二三', '——四五']);
    expect(lines('一二三四——五', 40)).toEqual(['一二三四', '——五']);
    expect(lines('一二三—', 30)).toEqual(['一二三', '—']);
    expect(lines('一二三……四五', 40)).toEqual(['一二', '三……四', '五']);
  });

  it('gives a character wider than the line a line of its own', () => {
    expect(lines('一二三', 5)).toEqual(['一', '二', '三']);
  });

  it('takes a width per line (narrower beside a QR code)', () => {
    const out = breakLines('一二三四五六七八九十', width, { width: (i) => (i === 0 ? 20 : 40) });
    expect(out).toEqual(['一二', '三四五六', '七八九十']);
  });

  it('keeps surrogate pairs whole', () => {
    expect(lines('𠀀𪚥𠀀𪚥', 20)).toEqual(['𠀀𪚥', '𠀀𪚥']);
  });
});

describe('breakLines properties', () => {
  const cjk = fc.constantFrom(...'政务服务一窗受理申请材料办件编号张店区市民中心'.split(''));
  const closing = fc.constantFrom(...'，。、；：？！）」』》'.split(''));
  const opening = fc.constantFrom(...'（「『《【“'.split(''));
  const ascii = fc.stringMatching(/^[A-Za-z0-9-]{1,6}$/);
  // Tokens as real text has them: punctuation attached to a character, never long runs of it.
  const token = fc.oneof(
    { weight: 6, arbitrary: cjk },
    { weight: 2, arbitrary: fc.tuple(cjk, closing).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: fc.tuple(cjk, closing, closing).map(([a, b, c]) => a + b + c) },
    { weight: 2, arbitrary: fc.tuple(opening, cjk).map(([a, b]) => a + b) },
    { weight: 2, arbitrary: ascii },
    { weight: 1, arbitrary: fc.constant(' ') },
    { weight: 1, arbitrary: fc.constant('\n') },
  );
  const text = fc.array(token, { maxLength: 80 }).map((t) => t.join(''));
  const lineWidthArb = fc.integer({ min: 80, max: 300 });

  it('every character appears exactly once, in order', () => {
    fc.assert(
      fc.property(text, lineWidthArb, fc.integer({ min: 0, max: 20 }), (t, w, indent) => {
        expect(lines(t, w, indent).join('')).toBe(t.replace(/\n/g, ''));
      }),
    );
  });

  it('no line is wider than the width', () => {
    fc.assert(
      fc.property(text, lineWidthArb, (t, w) => {
        for (const line of lines(t, w)) {
          const chars = [...line.trimEnd()];
          if (chars.length > 1) expect(lineWidth(line, width)).toBeLessThanOrEqual(w + 1e-9);
        }
      }),
    );
  });

  it('no line starts with closing or ends with opening punctuation', () => {
    fc.assert(
      fc.property(text, lineWidthArb, (t, w) => {
        const out = lines(t, w);
        const paragraphStarts = new Set<number>();
        let i = 0;
        for (const paragraph of t.split('\n')) {
          paragraphStarts.add(i);
          i += breakLines(paragraph, width, { width: w }).length;
        }
        out.forEach((line, n) => {
          const chars = [...line.replace(/ +$/, '')];
          const first = chars[0];
          if (first !== undefined && !paragraphStarts.has(n)) expect(closingPunctuation.has(first)).toBe(false);
          const last = chars[chars.length - 1];
          const endsParagraph = paragraphStarts.has(n + 1) || n === out.length - 1;
          if (last !== undefined && !endsParagraph) expect(openingPunctuation.has(last)).toBe(false);
        });
      }),
    );
  });

  it('fills every line but the last when nothing forbids a break', () => {
    fc.assert(
      fc.property(fc.array(cjk, { maxLength: 60 }), fc.integer({ min: 10, max: 200 }), (chars, w) => {
        const out = lines(chars.join(''), w);
        const perLine = Math.floor(w / 10);
        out.slice(0, -1).forEach((line) => expect([...line]).toHaveLength(perLine));
      }),
    );
  });
});

describe('truncate', () => {
  it('cuts with an ellipsis only when needed', () => {
    expect(truncate('居住证申领', 60, width)).toBe('居住证申领');
    expect(truncate('居住证申领业务统计', 60, width)).toBe('居住证申领…');
    expect(truncate('居住证申领业务统计', 55, width)).toBe('居住证申…');
    expect(width(truncate('居住证申领业务统计', 60, width))).toBeLessThanOrEqual(60);
  });
});
