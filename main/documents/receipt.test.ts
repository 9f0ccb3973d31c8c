import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentFont, loadDocumentFont } from './font';
import { promiseText, receiptPdf } from './receipt';
import { fontPath, longMaterialList, sampleAgent, sampleEnterprise, sampleReceipt } from './testing/fixtures';
import { decodeQr, glyphInk, missingFields, pdfPages, pdfText } from './testing/pdf-check';

let font: DocumentFont;
beforeAll(async () => {
  font = await loadDocumentFont(fontPath);
});

describe('receiptPdf', () => {
  it('prints every field of a typical case on one page, all of it visible', async () => {
    const data = sampleReceipt();
    const pdf = await receiptPdf(data, font);
    const text = await pdfText(pdf);
    expect(
      missingFields(text, [
        '受理回执',
        data.caseNumber,
        data.hall.name,
        data.matterName,
        data.matterCode,
        data.department,
        data.applicant.name,
        '个人',
        data.applicant.idLabel,
        data.applicant.idShown,
        data.applicant.phoneMasked,
        ...data.materials.map((m) => m.name),
        '名称',
        '页数',
        '原件核验',
        '复印件份数',
        '电子证照',
        '承诺时限 7 个工作日（法定时限 15 个工作日），承诺办结日期 2026年12月8日',
        '（暂按周末计算，以国家公布的节假日安排为准）',
        '不收费',
        data.collection,
        '3 号窗口',
        data.clerkName,
        '2026年11月27日 10:05',
        data.hall.address,
        data.hall.phone,
        '扫码查询办理进度',
        '请您对本次服务进行评价：可在窗口群众屏上当场评价',
        '评价码 40271938',
        '受理专用章',
      ]),
    ).toEqual([]);
    expect(text).not.toContain('副本');
    expect(await pdfPages(pdf)).toHaveLength(1);
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('carries the progress address and the rating page in QR codes that scan from the printed page', async () => {
    const data = sampleReceipt();
    const pdf = await receiptPdf(data, font);
    expect(await decodeQr(pdf, 1)).toBe(data.progressUrl);
    expect(await decodeQr(pdf, 1, 170, 'bottom')).toBe(data.rating!.url);
    expect(await pdfText(pdf)).toContain('扫码评价');
  });

  it('asks for the rating on the citizen screen when the window offers no 评价码', async () => {
    const pdf = await receiptPdf(sampleReceipt({ rating: null }), font);
    const text = await pdfText(pdf);
    expect(text).toContain(
      '请您对本次服务进行评价：非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意。可在窗口的群众屏上评价。',
    );
    expect(text).not.toContain('评价码');
    expect(await decodeQr(pdf, 1, 170, 'bottom')).toBeNull();
  });

  it('is small: a typical receipt is under 150 KB', async () => {
    const pdf = await receiptPdf(sampleReceipt(), font);
    console.log(`receipt.bytes ${pdf.length}`);
    expect(pdf.length).toBeLessThan(150 * 1024);
  });

  it('keeps twelve materials, an enterprise and an agent on one page', async () => {
    const data = sampleReceipt({ applicant: sampleEnterprise, agent: sampleAgent, materials: longMaterialList(12) });
    const pdf = await receiptPdf(data, font);
    expect(await pdfPages(pdf)).toHaveLength(1);
    const text = await pdfText(pdf);
    expect(
      missingFields(text, [
        sampleEnterprise.name,
        '企业',
        '统一社会信用代码',
        sampleEnterprise.idShown,
        '法定代表人',
        sampleEnterprise.legalRepresentative!,
        '代办人',
        sampleAgent.name,
        sampleAgent.idShown,
        ...data.materials.map((m) => m.name),
      ]),
    ).toEqual([]);
  });

  it('flows a long material list onto page 2 with the table header repeated', async () => {
    const data = sampleReceipt({ materials: longMaterialList(30) });
    const pdf = await receiptPdf(data, font);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= 2; p += 1) {
      const page = await pdfText(pdf, { first: p });
      for (const header of ['序号', '材料名称', '页数', '原件核验', '复印件份数', '电子证照'])
        expect(page).toContain(header);
    }
    expect(
      missingFields(
        pages.join(''),
        data.materials.map((m) => m.name),
      ),
    ).toEqual([]);
    expect(await glyphInk(pdf)).toEqual([]);
  });

  it('stamps a copy "副本 2" on every page; the original has no stamp', async () => {
    const copy = await receiptPdf(sampleReceipt({ copy: { copyNumber: 2 }, materials: longMaterialList(30) }), font);
    const pages = await pdfPages(copy);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toContain('副本 2');
    const original = await receiptPdf(sampleReceipt({ materials: longMaterialList(30) }), font);
    expect(await pdfText(original)).not.toContain('副本');
  });

  it('leaves the provisional words out when the calendar is published, and prints a fee', async () => {
    const pdf = await receiptPdf(sampleReceipt({ promisedProvisional: false, fee: 35 }), font);
    const text = await pdfText(pdf);
    expect(text).not.toContain('暂按周末计算');
    expect(missingFields(text, ['承诺办结日期 2026年12月8日', '35.00 元'])).toEqual([]);
    expect(text).not.toContain('不收费');
  });

  it('is deterministic, and dated by the decision', async () => {
    const a = await receiptPdf(sampleReceipt(), font);
    const b = await receiptPdf(sampleReceipt(), font);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-27T02:05:00.000Z');
    expect(doc.getTitle()).toBe('受理回执 370303-20261127-003-0001');
  });

  it('still prints a name with a character the font lacks', async () => {
    const data = sampleReceipt({ applicant: { ...sampleReceipt().applicant, name: '王𪚥明' } });
    const missing: string[][] = [];
    const pdf = await receiptPdf(data, font, { onMissingCharacters: (chars) => missing.push(chars) });
    expect(missingFields(await pdfText(pdf), ['王', '明（个人）'])).toEqual([]);
    expect(missing).toEqual([['𪚥']]);
    expect(await glyphInk(pdf)).toEqual([]);
  });
});

describe('promiseText', () => {
  it('marks a provisional date', () => {
    const base = { promisedDays: 5, statutoryDays: 20, promisedDate: '2027-01-08' };
    expect(promiseText({ ...base, promisedProvisional: false })).toBe(
      '承诺时限 5 个工作日（法定时限 20 个工作日），承诺办结日期 2027年1月8日',
    );
    expect(promiseText({ ...base, promisedProvisional: true })).toContain(
      '（暂按周末计算，以国家公布的节假日安排为准）',
    );
  });
});
