import { PDFDocument, concatTransformationMatrix, fill, rectangle } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeEncryptedPdf, makeJpeg, makePdf } from '../testing/sample-files';
import { makePng } from '@yichuang/domain/testing/images';
import { bundlePdf } from './bundle';
import { type DocumentFont, loadDocumentFont } from './font';
import { fontPath, sampleBundle } from './testing/fixtures';
import { type GrayPage, glyphInk, missingFields, pdfPages, pdfText, pdfWords, renderPage } from './testing/pdf-check';

let font: DocumentFont;
beforeAll(async () => {
  font = await loadDocumentFont(fontPath);
});

/** The box of non-white pixels above the footer, in pixels. */
function inkBox(page: GrayPage, dpi: number): { width: number; height: number } {
  const footerTop = page.height - Math.round((60 * dpi) / 72);
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < footerTop; y += 1) {
    for (let x = 0; x < page.width; x += 1) {
      if ((page.gray[y * page.width + x] ?? 255) < 245) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return { width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

describe('bundlePdf', () => {
  it('makes a cover, then a PNG page, a turned JPEG page and the three PDF pages', async () => {
    const data = await sampleBundle();
    const pdf = await bundlePdf(data, font);
    const pages = await pdfPages(pdf);
    const cover = pages.findIndex((p) => p.includes('居民身份证 · 第 1/1 页'));
    expect(cover).toBe(1);
    expect(pages).toHaveLength(cover + 1 + 1 + 3);
    expect(
      missingFields(pages[0]!, [
        '材料汇编',
        data.caseNumber,
        data.matterName,
        data.matterCode,
        data.applicant.name,
        data.applicant.idShown,
        data.hall.name,
        data.clerkName,
        '2026年11月27日 10:05',
        ...data.checklist.map((c) => c.name),
        '齐全',
        '未提交',
        '电子证照',
        ...data.files.map((f) => f.name),
      ]),
    ).toEqual([]);
    expect(pages[cover + 1]).toContain('近期一寸免冠白底彩色照片 · 第 1/1 页');
    for (let k = 1; k <= 3; k += 1) expect(pages[cover + 1 + k]).toContain(`房屋租赁合同 · 第 ${k}/3 页`);
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('turns a picture clockwise as on screen: a portrait JPEG turned 90° is landscape on the page', async () => {
    const data = await sampleBundle();
    const pdf = await bundlePdf(data, font);
    const turned = inkBox(await renderPage(pdf, 3, 30), 30);
    expect(turned.width).toBeGreaterThan(turned.height * 1.5);
    const upright = await bundlePdf({ ...data, files: [{ ...data.files[1]!, rotation: 0 }] }, font);
    const box = inkBox(await renderPage(upright, 2, 30), 30);
    expect(box.height).toBeGreaterThan(box.width * 1.5);
    // The picture fills the width between the margins.
    expect(turned.width).toBeGreaterThan(((595 - 112) * 30) / 72 - 3);
  });

  it('turns clockwise: the top-left corner of the picture ends at the top right', async () => {
    // makePng's gradient is black at its top-left corner and light elsewhere.
    const file = {
      itemName: '照片',
      mime: 'image/png' as const,
      bytes: makePng(60, 40, 0),
      rotation: 90 as const,
      name: 'p.png',
    };
    const pdf = await bundlePdf({ ...(await sampleBundle()), files: [file] }, font);
    const page = await renderPage(pdf, 2, 30);
    let darkest = { x: 0, y: 0, v: 255 };
    for (let y = 0; y < page.height - 30; y += 1) {
      for (let x = 0; x < page.width; x += 1) {
        const v = page.gray[y * page.width + x]!;
        if (v < darkest.v) darkest = { x, y, v };
      }
    }
    expect(darkest.x).toBeGreaterThan(page.width / 2);
    expect(darkest.y).toBeLessThan(page.height / 2);
  });

  it('turns appended PDF pages with their rotation and keeps the footer readable', async () => {
    const data = await sampleBundle();
    const pdf = await bundlePdf({ ...data, files: [{ ...data.files[2]!, rotation: 90 }] }, font);
    const loaded = await PDFDocument.load(pdf);
    const material = loaded.getPages().slice(-3);
    for (const page of material) expect(page.getRotation().angle).toBe(90);
    const last = await renderPage(pdf, loaded.getPageCount(), 30);
    expect(last.width).toBeGreaterThan(last.height);
    expect(await pdfText(pdf, { first: loaded.getPageCount() })).toContain('房屋租赁合同 · 第 3/3 页');
    // The footer reads left to right along the bottom of the page as seen.
    const { pages, words } = await pdfWords(pdf);
    const size = pages[pages.length - 1]!;
    const seenHeight = Math.min(size.width, size.height); // pdftotext gives the unturned size
    const label = words.find((w) => w.page === pages.length && w.text === '房屋租赁合同')!;
    expect(label.xMax - label.xMin).toBeGreaterThan((label.yMax - label.yMin) * 3);
    expect(label.yMax).toBeGreaterThan(seenHeight - 40);
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('places the footer right on an appended page whose drawing leaves the transform changed', async () => {
    const source = await PDFDocument.create();
    source
      .addPage([595, 842])
      .pushOperators(concatTransformationMatrix(0.5, 0, 0, 0.5, 100, 100), rectangle(0, 0, 200, 200), fill());
    const file = {
      itemName: '合同',
      mime: 'application/pdf' as const,
      bytes: await source.save(),
      rotation: 0 as const,
      name: 'c.pdf',
    };
    const pdf = await bundlePdf({ ...(await sampleBundle()), files: [file] }, font);
    const { words } = await pdfWords(pdf);
    const label = words.find((w) => w.page === 2 && w.text === '合同')!;
    expect(label.xMin).toBeGreaterThan(50);
    expect(label.xMin).toBeLessThan(60);
    expect(label.yMax).toBeGreaterThan(842 - 40);
  });

  it('puts a page saying so in place of a file that cannot be read', async () => {
    const data = await sampleBundle();
    const files = [
      {
        itemName: '在职证明',
        mime: 'application/pdf' as const,
        bytes: new Uint8Array([1, 2, 3]),
        rotation: 0 as const,
        name: '在职证明.pdf',
      },
      {
        itemName: '在职证明',
        mime: 'application/pdf' as const,
        bytes: await makeEncryptedPdf(),
        rotation: 0 as const,
        name: '加密.pdf',
      },
      {
        itemName: '居民身份证',
        mime: 'image/png' as const,
        bytes: Buffer.from('not a png'),
        rotation: 0 as const,
        name: '坏图.png',
      },
      {
        itemName: '居民身份证',
        mime: 'image/jpeg' as const,
        bytes: makeJpeg(8, 8),
        rotation: 180 as const,
        name: '好图.jpg',
      },
    ];
    const pdf = await bundlePdf({ ...data, files }, font);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1 + 4);
    expect(
      missingFields(pages[1]!, ['无法显示的文件', '在职证明.pdf', '文件已损坏或格式无法识别', '在职证明 · 第 1/2 页']),
    ).toEqual([]);
    expect(missingFields(pages[2]!, ['加密.pdf', '文件已加密，无法读取', '在职证明 · 第 2/2 页'])).toEqual([]);
    expect(missingFields(pages[3]!, ['坏图.png', '图片已损坏或格式无法识别'])).toEqual([]);
    expect(pages[4]).toContain('居民身份证 · 第 2/2 页');
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('flows a long checklist over more cover pages before the files', async () => {
    const data = await sampleBundle();
    const checklist = Array.from({ length: 45 }, (_, i) => ({ ...data.checklist[0]!, name: `申请材料第 ${i + 1} 项` }));
    const files = [
      {
        itemName: '申请材料第 1 项',
        mime: 'image/png' as const,
        bytes: makePng(40, 30),
        rotation: 270 as const,
        name: 'a.png',
      },
      {
        itemName: '申请材料第 2 项',
        mime: 'application/pdf' as const,
        bytes: await makePdf(2),
        rotation: 180 as const,
        name: 'b.pdf',
      },
    ];
    const pdf = await bundlePdf({ ...data, checklist, files }, font);
    const pages = await pdfPages(pdf);
    const cover = pages.findIndex((p) => p.includes('申请材料第 1 项 · 第 1/1 页'));
    expect(cover).toBeGreaterThanOrEqual(2);
    expect(pages).toHaveLength(cover + 1 + 2);
    for (const page of pages.slice(0, cover)) expect(page).toContain('材料名称');
  });

  it('is deterministic', async () => {
    const data = await sampleBundle();
    const a = await bundlePdf(data, font);
    const b = await bundlePdf(data, font);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
