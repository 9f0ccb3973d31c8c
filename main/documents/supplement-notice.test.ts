import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentFont, loadDocumentFont } from './font';
import { supplementNoticePdf } from './supplement-notice';
import { fontPath, sampleAgent, sampleSupplement } from './testing/fixtures';
import { decodeQr, glyphInk, missingFields, pdfPages, pdfText } from './testing/pdf-check';

let font: DocumentFont;
beforeAll(async () => {
  font = await loadDocumentFont(fontPath);
});

describe('supplementNoticePdf', () => {
  it('tells every item once, with the deadline and its consequences, all of it visible', async () => {
    const data = sampleSupplement({ agent: sampleAgent });
    const pdf = await supplementNoticePdf(data, font);
    const text = await pdfText(pdf);
    expect(
      missingFields(text, [
        '一次性补正告知书',
        data.caseNumber,
        `${data.applicant.name}：`,
        '您于 2026年11月27日 申请办理的「居住证申领」，经审查，申请材料不齐全或者不符合法定形式。',
        `根据${data.legalBasis}，现一次性告知您需要补正的全部内容如下：`,
        '序号',
        '材料名称',
        '需补正的内容',
        ...data.items.flatMap((item) => [item.name, item.reason]),
        data.note,
        '请于 2027年1月8日 前（暂按周末计算，以国家公布的节假日安排为准）携带上述材料到张店区市民中心 3 号窗口补正',
        '补齐全部材料之日起重新计算承诺办理时限',
        '逾期未补正的，视为放弃申请（可重新申请）',
        data.matterCode,
        data.department,
        data.applicant.idShown,
        sampleAgent.name,
        '3 号窗口',
        data.clerkName,
        '2026年11月27日 10:05',
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

  it('leaves out the provisional words and an empty note', async () => {
    const pdf = await supplementNoticePdf(sampleSupplement({ deadlineProvisional: false, note: '' }), font);
    const text = await pdfText(pdf);
    expect(text).not.toContain('暂按周末计算');
    expect(text).not.toContain('其他说明');
    expect(missingFields(text, ['请于 2027年1月8日 前携带上述材料'])).toEqual([]);
  });

  it('flows a long list onto more pages with the header repeated, and stamps copies', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      name: `补充材料第 ${i + 1} 项`,
      reason: '材料内容与申请表不一致，请核对后重新提供加盖公章的原件及复印件。',
    }));
    const pdf = await supplementNoticePdf(sampleSupplement({ items, copy: { copyNumber: 2 } }), font);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(page).toContain('副本 2');
      expect(page).toContain('需补正的内容');
    }
    expect(
      missingFields(
        pages.join(''),
        items.map((i) => i.name),
      ),
    ).toEqual([]);
  });

  it('is deterministic', async () => {
    const a = await supplementNoticePdf(sampleSupplement(), font);
    const b = await supplementNoticePdf(sampleSupplement(), font);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
