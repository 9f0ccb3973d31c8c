import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentFont, loadDocumentFont } from '../font';
import { fontPath } from '../testing/fixtures';
import { compact, decodeQr, glyphInk, pdfPages, pdfText, pdfWords } from '../testing/pdf-check';
import { A4Document, type DocumentOptions } from './document';
import { a4, type DrawOp } from './page';

let font: DocumentFont;
beforeAll(async () => {
  font = await loadDocumentFont(fontPath);
});

const options = (over: Partial<DocumentOptions> = {}): DocumentOptions => ({
  title: '测试文书',
  createdAt: '2026-11-27T02:05:00.000Z',
  header: { left: '张店区市民中心', right: '办件编号 370303-20261127-003-0001' },
  ...over,
});

const paragraph = '申请人应当如实向行政机关提交有关材料和反映真实情况，并对其申请材料实质内容的真实性负责。';

function textOps(doc: A4Document, page = 0): Extract<DrawOp, { kind: 'text' }>[] {
  const content = doc.laidOut[page];
  if (content?.kind !== 'flow') return [];
  return content.ops.filter((op): op is Extract<DrawOp, { kind: 'text' }> => op.kind === 'text');
}

describe('A4Document', () => {
  it('is A4 portrait with a header and "第 x 页 共 y 页" on every page', async () => {
    const doc = new A4Document(font, options());
    for (let i = 0; i < 60; i += 1) doc.paragraph(`${i + 1}. ${paragraph}`);
    const pdf = await doc.toPdf();
    const loaded = await PDFDocument.load(pdf);
    const total = loaded.getPageCount();
    expect(total).toBeGreaterThan(2);
    for (const page of loaded.getPages()) {
      expect(page.getWidth()).toBeCloseTo(595.28, 2);
      expect(page.getHeight()).toBeCloseTo(841.89, 2);
    }
    const pages = await pdfPages(pdf);
    pages.forEach((text, i) => {
      expect(text).toContain('张店区市民中心');
      expect(text).toContain('办件编号 370303-20261127-003-0001');
      expect(compact(text)).toContain(`第${i + 1}页共${total}页`);
    });
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('keeps text inside the margins and above the footer', () => {
    const doc = new A4Document(font, options());
    for (let i = 0; i < 40; i += 1) doc.paragraph(paragraph);
    for (let p = 0; p < doc.pageCount; p += 1) {
      for (const op of textOps(doc, p)) {
        expect(op.x).toBeGreaterThanOrEqual(a4.left - 1e-6);
        expect(op.x + font.widthOf(op.text, op.size)).toBeLessThanOrEqual(a4.right + 1e-6);
        expect(op.y).toBeLessThanOrEqual(a4.bottom);
        expect(op.y).toBeGreaterThan(a4.top);
      }
    }
  });

  it('indents the first line of a paragraph by 2 em', () => {
    const doc = new A4Document(font, options());
    doc.paragraph(`${paragraph}${paragraph}`, { size: 10 });
    const [first, second] = textOps(doc);
    expect(first!.x).toBeCloseTo(a4.left + 20, 6);
    expect(second!.x).toBeCloseTo(a4.left, 6);
  });

  it('centres a heading in bold, and right-aligns nothing past the margin', () => {
    const doc = new A4Document(font, options());
    doc.heading('受理回执');
    const [title] = textOps(doc);
    expect(title!.bold).toBe(true);
    expect(title!.x + font.widthOf('受理回执', title!.size) / 2).toBeCloseTo(a4.width / 2, 3);
  });

  it('puts signature lines in a block at the right, centred in it', () => {
    const doc = new A4Document(font, options());
    doc.signature(['张店区市民中心（受理专用章）', '2026年11月27日']);
    const [seal, date] = textOps(doc);
    const sealWidth = font.widthOf(seal!.text, seal!.size);
    expect(seal!.x + sealWidth).toBeLessThanOrEqual(a4.right);
    expect(seal!.x + sealWidth).toBeGreaterThan(a4.right - 40);
    expect(date!.x + font.widthOf(date!.text, date!.size) / 2).toBeCloseTo(seal!.x + sealWidth / 2, 6);
    expect(date!.y).toBeGreaterThan(seal!.y);
  });

  it('wraps key/value rows beside their label column', () => {
    const doc = new A4Document(font, options());
    doc.keyValues([
      { label: '申请事项', value: '居住证申领' },
      { label: '结果领取', value: paragraph },
    ]);
    const ops = textOps(doc);
    const labels = ops.filter((op) => op.text.endsWith('：'));
    expect(labels.map((l) => l.text)).toEqual(['申请事项：', '结果领取：']);
    const values = ops.filter((op) => !op.text.endsWith('：'));
    expect(values.length).toBeGreaterThan(2);
    expect(new Set(values.map((v) => v.x)).size).toBe(1);
    expect(values[0]!.x).toBeGreaterThan(labels[0]!.x + font.widthOf('申请事项：', 11) - 1e-6);
  });

  it('breaks pages explicitly, never leaves an empty page, and keeps a block together', async () => {
    const doc = new A4Document(font, options());
    doc.pageBreak(); // nothing on the page yet: no new page
    expect(doc.pageCount).toBe(1);
    doc.paragraph('第一页');
    doc.pageBreak();
    doc.pageBreak();
    expect(doc.pageCount).toBe(2);
    doc.paragraph('第二页');
    doc.ensureSpace(100);
    expect(doc.pageCount).toBe(2);
    doc.space(a4.bottom);
    doc.ensureSpace(100);
    expect(doc.pageCount).toBe(3);
    doc.paragraph('第三页');
    doc.pageBreak();
    const pages = await pdfPages(await doc.toPdf());
    expect(pages).toHaveLength(3);
    expect(pages[2]).toContain('第三页');
  });

  it('flows text beside a float (the QR code) and not under it', async () => {
    const doc = new A4Document(font, options());
    const url = 'https://zwfw.zibo.gov.cn/yc/progress?no=370303-20261127-003-0001';
    doc.qr(url, { caption: '扫码查询办理进度' });
    for (let i = 0; i < 6; i += 1) doc.paragraph(paragraph, { indent: 0 });
    const pdf = await doc.toPdf();
    const { words } = await pdfWords(pdf);
    const caption = words.find((w) => w.text === '扫码查询办理进度')!;
    const qrLeft = a4.right - 84;
    const beside = words.filter((w) => w !== caption && w.yMax > a4.top && w.yMin < caption.yMax);
    expect(beside.length).toBeGreaterThan(3);
    for (const w of beside) expect(w.xMax).toBeLessThan(qrLeft);
    // Below the QR code the text takes the full width again.
    const below = words.filter((w) => w.yMin > caption.yMax + 20 && w.yMax < a4.bottom);
    expect(Math.max(...below.map((w) => w.xMax))).toBeGreaterThan(qrLeft + 20);
    expect(await decodeQr(pdf)).toBe(url);
  });

  it('stamps every page of a copy in red, and leaves the original unstamped', async () => {
    const fill = (doc: A4Document) => {
      doc.qr('https://example.cn/p/1', { caption: '扫码查询办理进度' });
      for (let i = 0; i < 40; i += 1) doc.paragraph(paragraph);
      return doc.toPdf();
    };
    const copy = await fill(new A4Document(font, options({ copyNumber: 2 })));
    const pages = await pdfPages(copy);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('副本 2');
    expect(await glyphInk(copy)).toEqual([]);
    const original = await fill(new A4Document(font, options()));
    expect(await pdfText(original)).not.toContain('副本');
    // Not over the QR code: the stamp sits in the header band.
    const { words } = await pdfWords(copy);
    const stamp = words.find((w) => w.text === '副本')!;
    expect(stamp.yMax).toBeLessThan(a4.top);
    expect(await decodeQr(copy)).toBe('https://example.cn/p/1');
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const make = () => {
      const doc = new A4Document(font, options({ copyNumber: 1, keywords: ['a', 'b'], subject: '测试' }));
      doc.heading('一次性补正告知书');
      doc.paragraph(paragraph);
      doc.qr('https://example.cn/p/2');
      doc.table({ columns: [{ header: '序号', width: 30 }, { header: '材料名称' }], rows: [['1', '居民身份证']] });
      return doc.toPdf();
    };
    const a = await make();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const b = await make();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('sets the metadata from the data, not the clock', async () => {
    const doc = new A4Document(font, options({ subject: '居住证申领（GA-JZZSL-001）', keywords: ['370303'] }));
    doc.paragraph('内容');
    const loaded = await PDFDocument.load(await doc.toPdf(), { updateMetadata: false });
    expect(loaded.getTitle()).toBe('测试文书');
    expect(loaded.getCreator()).toBe('Yichuang');
    expect(loaded.getProducer()).toContain('Yichuang');
    expect(loaded.getSubject()).toBe('居住证申领（GA-JZZSL-001）');
    expect(loaded.getCreationDate()?.toISOString()).toBe('2026-11-27T02:05:00.000Z');
    expect(loaded.getModificationDate()?.toISOString()).toBe('2026-11-27T02:05:00.000Z');
  });

  it('embeds one font subset to the characters used', async () => {
    const doc = new A4Document(font, options());
    doc.paragraph(paragraph);
    const pdf = await doc.toPdf();
    const loaded = await PDFDocument.load(pdf);
    const dicts = loaded.context
      .enumerateIndirectObjects()
      .map(([, obj]) => obj)
      .filter((obj): obj is PDFDict => obj instanceof PDFDict);
    const fontFiles = dicts.filter((d) => d.get(PDFName.of('FontFile2')));
    expect(fontFiles).toHaveLength(1);
    const type0 = dicts.filter((d) => d.get(PDFName.of('Subtype'))?.toString() === '/Type0');
    expect(type0.map((d) => d.get(PDFName.of('BaseFont'))?.toString())).toEqual([
      expect.stringMatching(/^\/[A-Z]{6}\+NotoSansSC-Regular$/),
    ]);
    expect(pdf.length).toBeLessThan(40_000);
  });

  it('reports characters the font lacks and still renders the rest', async () => {
    const doc = new A4Document(font, options());
    doc.paragraph('申请人：王𪚥明，住址：张店区', { indent: 0 });
    expect(doc.missingCharacters()).toEqual(['𪚥']);
    const pdf = await doc.toPdf();
    expect(compact(await pdfText(pdf))).toContain('申请人：王');
    expect(compact(await pdfText(pdf))).toContain('明，住址：张店区');
    expect(await glyphInk(pdf)).toEqual([]);
  });
});
