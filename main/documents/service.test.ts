import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '@yichuang/domain/cases';
import type { StoredFile } from '../../preload/contract/materials';
import type { Actor } from '../cases/model';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { zhangSanId } from '@yichuang/domain/testing/ids';
import { makePdf } from '../testing/sample-files';
import { makePng } from '@yichuang/domain/testing/images';
import { appErrorOf } from '../testing/wait';
import { addClerk, createFakeClock, createTestWorkstation, type TestWorkstation } from '../testing/workstation';
import { compact, decodeQr, glyphInk, missingFields, pdfPages, pdfText } from './testing/pdf-check';
import { progressUrlOf, supplementLegalBasis } from './service';

/**
 * The documents made from real decided cases: what the service gathers from the database (the
 * decision, the materials, the settings, the calendar) reaches the paper, masked.
 */
let t: TestWorkstation;
let clerk: Actor;
let png: StoredFile;
let lease: StoredFile;

beforeAll(async () => {
  // Friday 2026-12-18 10:00 in Beijing: a supplement deadline of 15 working days reaches into
  // 2027, whose holidays are not published yet.
  t = await createTestWorkstation({ clock: createFakeClock('2026-12-18T02:00:00.000Z') });
  const s = t.workstation.services;
  s.catalog.load(testCatalog(), 'central');
  s.settings.update({ windowNumber: 3, hallAddress: '张店区人民西路 99 号', hallPhone: '0533-2186000' });
  clerk = await addClerk(s.staff, { username: 'lina', displayName: '李娜', windowNumber: 3 });
  png = await s.materials.put(makePng(80, 60, 3), 'id.png');
  lease = await s.materials.put(await makePdf(3, 'lease'), 'lease.pdf');
});

afterAll(async () => {
  await t.dispose();
});

function decided(decision: Decision): { id: string; number: string } {
  const cases = t.workstation.services.cases;
  const created = cases.create(clerk, 'TEST-JZZ-001');
  const draft = completeResidenceDraft(png);
  draft.items['residence-proof']!.files = [
    {
      sha256: lease.sha256,
      mime: lease.mime,
      pages: 3,
      rotation: 90,
      name: '租赁合同.pdf',
      via: 'import',
      addedAt: '',
    },
  ];
  const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
  const c = cases.decide(clerk, created.id, saved.revision, decision);
  return { id: c.id, number: c.number! };
}

describe('documents from decided cases', () => {
  it('the receipt: case, matter, applicant masked, the materials received, the promised date, the hall', async () => {
    const c = decided({ kind: 'accept' });
    const made = await t.workstation.services.documents.make({ kind: 'receipt', caseId: c.id }, 0);
    const text = await pdfText(made.pdf);
    expect(
      missingFields(text, [
        c.number,
        '受理回执',
        '张三',
        `${zhangSanId.slice(0, 6)}********${zhangSanId.slice(-4)}`,
        '居民身份证',
        '张店区人民西路 99 号',
        '0533-2186000',
        '李娜',
      ]),
    ).toEqual([]);
    expect(compact(text)).not.toContain(zhangSanId);
    expect(made.documentKey).toBe(`case/${c.id}/v1/receipt`);
    expect(await decodeQr(made.pdf)).toBe(
      progressUrlOf(t.workstation.services.settings.get().progressUrlTemplate, c.number),
    );
  });

  it('the supplement notice: every item with its reason, the deadline in working days (provisional in 2027), the law', async () => {
    const c = decided({
      kind: 'supplement',
      items: [{ itemId: 'residence-proof', reason: '租赁合同未备案，请提供备案后的合同' }],
      note: '',
    });
    const text = await pdfText(
      (await t.workstation.services.documents.make({ kind: 'supplement_notice', caseId: c.id }, 0)).pdf,
    );
    // 15 working days from Friday 12-18: Dec 21–25, 28–31 (9), then 2027 on weekends only: Jan 1, 4–8 (6).
    expect(
      missingFields(text, [
        c.number,
        '一次性补正告知书',
        '租赁合同未备案',
        '2027年1月8日',
        '暂按周末计算',
        supplementLegalBasis,
      ]),
    ).toEqual([]);
  });

  it('the rejection notice: the reason, its basis, and the remedies with the reconsideration body', async () => {
    const c = decided({ kind: 'reject', reasonCode: 'not-eligible', text: '未在本区居住满半年' });
    const made = await t.workstation.services.documents.make({ kind: 'rejection_notice', caseId: c.id }, 2);
    const text = await pdfText(made.pdf);
    expect(
      missingFields(text, [
        '不予受理通知书',
        '申请人不符合居住证申领条件',
        '《居住证暂行条例》第二条',
        '未在本区居住满半年',
        '六十日内向张店区人民政府申请行政复议',
        '六个月内',
        '副本 2',
      ]),
    ).toEqual([]);
    expect(await glyphInk(made.pdf)).toEqual([]);
  });

  it('the bundle: a cover with the checklist, then every captured page (a PDF of 3 pages included)', async () => {
    const c = decided({ kind: 'accept' });
    const made = await t.workstation.services.documents.make({ kind: 'bundle', caseId: c.id }, 0);
    const pages = await pdfPages(made.pdf);
    // Cover, then id-card (1), photo (1), the 3-page lease.
    expect(pages).toHaveLength(1 + 1 + 1 + 3);
    expect(missingFields(pages[0]!, ['材料汇编', c.number, '居民身份证', '租赁合同.pdf'])).toEqual([]);
  });

  it('refuses a notice the case has no decision for, saying what to do', async () => {
    const c = decided({ kind: 'accept' });
    const error = await t.workstation.services.documents.make({ kind: 'rejection_notice', caseId: c.id }, 0).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'document_without_decision' });
    expect(
      appErrorOf(() => t.workstation.services.documents.keyOf({ kind: 'supplement_notice', caseId: c.id })).code,
    ).toBe('document_without_decision');
  });
});
