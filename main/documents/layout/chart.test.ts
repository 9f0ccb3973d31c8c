import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentFont, loadDocumentFont } from '../font';
import { fontPath } from '../testing/fixtures';
import { compact, glyphInk, pdfText } from '../testing/pdf-check';
import { niceScale } from './chart';
import { A4Document } from './document';
import type { DrawOp } from './page';

let font: DocumentFont;
beforeAll(async () => {
  font = await loadDocumentFont(fontPath);
});

const bars = [
  { label: '居住证申领', value: 42 },
  { label: '户口迁移（市内跨区迁移登记及相关证明开具）', value: 17 },
  { label: '营业执照', value: 8 },
  { label: '不动产登记', value: 0 },
];

const newDoc = () =>
  new A4Document(font, { title: '报表', createdAt: '2026-11-27T02:05:00Z', header: { left: '业务日报' } });

describe('niceScale', () => {
  it('rounds the axis up to a 1-2-5 step', () => {
    expect(niceScale(42)).toEqual({ step: 10, top: 50 });
    expect(niceScale(3)).toEqual({ step: 1, top: 3 });
    expect(niceScale(0)).toEqual({ step: 1, top: 1 });
    expect(niceScale(1234)).toEqual({ step: 500, top: 1500 });
  });

  it('counts take whole-number steps: one case is not drawn at 0.2, 0.4 … (it was)', () => {
    expect(niceScale(1)).toEqual({ step: 0.2, top: 1 });
    expect(niceScale(1, 5, true)).toEqual({ step: 1, top: 1 });
    expect(niceScale(4, 5, true)).toEqual({ step: 1, top: 4 });
    expect(niceScale(7, 5, true)).toEqual({ step: 2, top: 8 });
    for (const max of [1, 2, 3, 6, 11, 37]) expect(Number.isInteger(niceScale(max, 5, true).step)).toBe(true);
  });
});

describe('barChart', () => {
  it('draws horizontal bars with labels, values and gridlines', async () => {
    const doc = newDoc();
    doc.barChart({ title: '各事项受理件数', bars, height: 200, valueFormat: (v) => `${v} 件` });
    const page = doc.laidOut[0]!;
    if (page.kind !== 'flow') throw new Error('expected a flow page');
    const rects = page.ops.find((op): op is Extract<DrawOp, { kind: 'rects' }> => op.kind === 'rects')!;
    expect(rects.rects).toHaveLength(4);
    const widths = rects.rects.map(([, , w]) => w);
    expect(widths[0]! / widths[1]!).toBeCloseTo(42 / 17, 6);
    expect(widths[3]).toBe(0);
    const pdf = await doc.toPdf();
    const text = compact(await pdfText(pdf));
    for (const t of ['各事项受理件数', '居住证申领', '营业执照', '不动产登记', '42件', '17件', '0件', '50']) {
      expect(text).toContain(t);
    }
    // The long label is cut with an ellipsis.
    expect(text).toContain('户口迁移（');
    expect(text).toContain('…');
    expect(text).not.toContain('相关证明开具');
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('draws vertical bars, cutting labels to their slot', async () => {
    const doc = newDoc();
    doc.barChart({ bars, height: 220, orientation: 'vertical' });
    const page = doc.laidOut[0]!;
    if (page.kind !== 'flow') throw new Error('expected a flow page');
    const rects = page.ops.find((op): op is Extract<DrawOp, { kind: 'rects' }> => op.kind === 'rects')!;
    const heights = rects.rects.map(([, , , h]) => h);
    expect(heights[0]! / heights[2]!).toBeCloseTo(42 / 8, 6);
    const texts = page.ops.filter((op): op is Extract<DrawOp, { kind: 'text' }> => op.kind === 'text');
    const slot = (doc.right - doc.left) / 4;
    for (const t of texts) expect(font.widthOf(t.text, t.size)).toBeLessThan(slot);
    expect(await glyphInk(await doc.toPdf())).toEqual([]);
  });

  it('moves to the next page rather than cut a chart', () => {
    const doc = newDoc();
    doc.space(600);
    doc.barChart({ bars, height: 200 });
    expect(doc.pageCount).toBe(2);
  });
});
