import { describe, expect, it } from 'vitest';
import { loadDocumentFont } from '../font';
import { fontPath } from '../testing/fixtures';
import { decodeQr, pdfWords } from '../testing/pdf-check';
import { A4Document } from './document';
import { qrRects, quietZone } from './qr';

describe('qrRects', () => {
  it('keeps a quiet zone of 4 modules inside the square', () => {
    const { rects } = qrRects('https://example.cn/p/370303-20261127-003-0001', 100, 200, 90);
    const xs = rects.map(([x]) => x);
    const ys = rects.map(([, y]) => y);
    const right = Math.max(...rects.map(([x, , w]) => x + w));
    const bottom = Math.max(...rects.map(([, y, , h]) => y + h));
    const modules = Math.round(90 / ((Math.min(...xs) - 100) / quietZone));
    const unit = 90 / modules;
    expect(Math.min(...xs) - 100).toBeCloseTo(quietZone * unit, 6);
    expect(Math.min(...ys) - 200).toBeCloseTo(quietZone * unit, 6);
    expect(190 - right).toBeCloseTo(quietZone * unit, 6);
    expect(290 - bottom).toBeGreaterThan(quietZone * unit - 0.02);
  });

  it('merges runs of dark modules into one rectangle', () => {
    const { rects } = qrRects('a', 0, 0, 100);
    // A finder pattern's top row is 7 modules in one rectangle.
    expect(rects.some(([, , w]) => Math.abs(w - 7 * (100 / (21 + 8))) < 1e-6)).toBe(true);
  });
});

describe('qr on a page', () => {
  it('decodes from the rendered page at a fixed place, with its caption under it', async () => {
    const doc = new A4Document(await loadDocumentFont(fontPath), {
      title: 'qr',
      createdAt: '2026-11-27T02:05:00Z',
      header: { left: '张店区市民中心' },
    });
    const url = 'https://zwfw.zibo.gov.cn/yc/progress?no=370303-20261127-003-0001&v=2';
    doc.qr(url, { at: { x: 200, y: 400 }, size: 100, caption: '扫码查询办理进度' });
    const pdf = await doc.toPdf();
    expect(await decodeQr(pdf)).toBe(url);
    const { words } = await pdfWords(pdf);
    const caption = words.find((w) => w.text === '扫码查询办理进度')!;
    expect(caption.yMin).toBeGreaterThan(480);
    expect(caption.yMax).toBeLessThan(520);
    expect((caption.xMin + caption.xMax) / 2).toBeCloseTo(250, 0);
  });
});
