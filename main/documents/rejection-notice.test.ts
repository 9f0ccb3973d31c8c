import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentFont, loadDocumentFont } from './font';
import { rejectionNoticePdf } from './rejection-notice';
import { fontPath, sampleEnterprise, sampleRejection } from './testing/fixtures';
import { decodeQr, glyphInk, missingFields, pdfPages, pdfText } from './testing/pdf-check';

let font: DocumentFont;
beforeAll(async () => {
  font = await loadDocumentFont(fontPath);
});

describe('rejectionNoticePdf', () => {
  it('gives the reason, its basis and the remedies, all of it visible', async () => {
    const data = sampleRejection();
    const pdf = await rejectionNoticePdf(data, font);
    const text = await pdfText(pdf);
    expect(
      missingFields(text, [
        '不予受理通知书',
        data.caseNumber,
        `${data.applicant.name}：`,
        data.matterName,
        data.matterCode,
        `经审查，您的申请${data.reason}，根据${data.reasonBasis!}，决定不予受理。`,
        data.text,
        '如不服本决定，可以自收到本通知书之日起六十日内向淄博市张店区人民政府申请行政复议，' +
          '或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。',
        '《中华人民共和国行政复议法》第二十条',
        '《中华人民共和国行政诉讼法》第四十六条',
        '（受理专用章）',
        '2026年11月27日',
        data.applicant.idShown,
        data.department,
        '3 号窗口',
        data.clerkName,
        data.hall.address,
        data.hall.phone,
        '扫码查询办理进度',
      ]),
    ).toEqual([]);
    expect(text).not.toContain('副本');
    expect(await pdfPages(pdf)).toHaveLength(1);
    expect(await glyphInk(pdf)).toEqual([]);
    expect(await decodeQr(pdf)).toBe(data.progressUrl);
  });

  it("prints the matter's basis when the reason has none, and no empty explanation", async () => {
    const data = sampleRejection({ reasonBasis: null, text: '', applicant: sampleEnterprise });
    const text = await pdfText(await rejectionNoticePdf(data, font));
    expect(missingFields(text, [`根据${data.matterBasis}，决定不予受理。`, sampleEnterprise.name])).toEqual([]);
    expect(text).not.toContain('说明：');
    expect(text).not.toContain('第三十二条第一款第（二）项');
  });

  it('stamps a copy', async () => {
    const pdf = await rejectionNoticePdf(sampleRejection({ copy: { copyNumber: 2 } }), font);
    for (const page of await pdfPages(pdf)) expect(page).toContain('副本 2');
    expect(await decodeQr(pdf)).toBe(sampleRejection().progressUrl);
  });

  it('is deterministic', async () => {
    const a = await rejectionNoticePdf(sampleRejection(), font);
    const b = await rejectionNoticePdf(sampleRejection(), font);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
