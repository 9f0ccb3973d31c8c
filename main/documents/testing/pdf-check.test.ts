import { readFile } from 'node:fs/promises';
import * as fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadDocumentFont } from '../font';
import { A4Document } from '../layout/document';
import { fontPath } from './fixtures';
import { compact, decodeQr, glyphInk, parsePgm, pdfPages, pdfText, renderPage } from './pdf-check';

const chinese = '受理回执 张店区市民中心 居住证申领';

/** The known bug: pdf-lib's own subsetting of the CJK font. */
async function pdfLibSubsetPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await readFile(fontPath), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(chinese, { x: 72, y: 700, size: 24, font });
  return doc.save();
}

async function ourPdf(): Promise<Uint8Array> {
  const doc = new A4Document(await loadDocumentFont(fontPath), {
    title: 'check',
    createdAt: '2026-11-27T02:05:00Z',
    header: { left: '张店区市民中心', right: '第一页' },
  });
  doc.paragraph(chinese, { size: 24, indent: 0 });
  doc.qr('https://zwfw.zibo.gov.cn/yc/progress?no=370303-20261127-003-0001', { at: { x: 300, y: 300 }, size: 120 });
  doc.pageBreak();
  doc.paragraph('第二页的内容', { size: 14 });
  return doc.toPdf();
}

describe('pdf checks', () => {
  it('glyphInk catches pdf-lib dropping CJK glyphs, though the text extracts', async () => {
    const broken = await pdfLibSubsetPdf();
    expect(compact(await pdfText(broken))).toContain(compact(chinese));
    const blank = await glyphInk(broken);
    expect(blank.map((w) => w.text)).toEqual(chinese.split(' '));
  }, 20_000);

  it('glyphInk finds ink under every word of our rendering', async () => {
    const pdf = await ourPdf();
    expect(compact(await pdfText(pdf))).toContain(compact(chinese));
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('splits the text by page and reads one page', async () => {
    const pdf = await ourPdf();
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(2);
    // pdftotext drops the narrow space around a lone digit between Chinese characters.
    expect(compact(pages[0]!)).toContain('第1页共2页');
    expect(pages[1]).toContain('第二页的内容');
    expect(await pdfText(pdf, { first: 2 })).not.toContain('受理回执');
  });

  it('renders a page to grey pixels at a resolution', async () => {
    const pdf = await ourPdf();
    const page = await renderPage(pdf, 1, 36);
    expect(page.width).toBe(Math.round((595.28 * 36) / 72));
    expect(page.height).toBe(Math.round((841.89 * 36) / 72));
    expect(page.gray).toHaveLength(page.width * page.height);
    expect(page.gray.reduce((a, b) => Math.min(a, b), 255)).toBeLessThan(50);
    expect(page.gray[0]).toBe(255);
  });

  it('decodes the QR code drawn as vector squares', async () => {
    expect(await decodeQr(await ourPdf(), 1)).toBe('https://zwfw.zibo.gov.cn/yc/progress?no=370303-20261127-003-0001');
    expect(await decodeQr(await ourPdf(), 2)).toBeNull();
  });

  it('parses PGM headers with comments', () => {
    const pgm = Buffer.concat([Buffer.from('P5\n# made by a test\n3 2\n255\n'), Buffer.from([0, 128, 255, 1, 2, 3])]);
    expect(parsePgm(pgm)).toEqual({ width: 3, height: 2, gray: new Uint8Array([0, 128, 255, 1, 2, 3]) });
    expect(() => parsePgm(Buffer.from('P6\n1 1\n255\n\0\0\0'))).toThrow();
  });
});
