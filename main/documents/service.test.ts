import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '@yichuang/domain/catalog';
import type { CaseDraft, Decision } from '@yichuang/domain/cases';
import type { StoredFile } from '../../preload/contract/materials';
import type { Actor } from '../cases/model';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { liSiId, zhangSanId } from '@yichuang/domain/testing/ids';
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
  s.catalog.load(paperCatalog(), 'central');
  s.settings.update({ windowNumber: 3, hallAddress: '张店区人民西路 99 号', hallPhone: '0533-2186000' });
  clerk = await addClerk(s.staff, { username: 'lina', displayName: '李娜', windowNumber: 3 });
  png = await s.materials.put(makePng(80, 60, 3), 'id.png');
  lease = await s.materials.put(await makePdf(3, 'lease'), 'lease.pdf');
});

afterAll(async () => {
  await t.dispose();
});

/**
 * The test catalog plus a matter that lets the applicant choose how to receive the result, calls
 * the agent 代理人, and lists its materials in an order that is not the order of their ids.
 */
function paperCatalog(): Catalog {
  const catalog = testCatalog(9_000_000_002);
  const base = catalog.matters[0]!;
  const byId = (id: string) => base.materials.find((m) => m.id === id)!;
  catalog.matters.push({
    ...base,
    code: 'TEST-MAIL-001',
    name: '居民身份证换领',
    collection: '窗口领取或邮寄送达',
    delivery: { field: 'delivery', mailOption: '邮寄送达', addressField: 'mailAddress' },
    agentTerm: '代理人',
    formFields: [
      ...base.formFields,
      { key: 'delivery', label: '领取方式', type: 'select', required: true, options: ['窗口领取', '邮寄送达'] },
      { key: 'mailAddress', label: '邮寄地址', type: 'textarea', required: false },
    ],
    materials: [byId('residence-proof'), byId('photo'), byId('id-card'), byId('marriage')],
  });
  return catalog;
}

/** A complete draft of TEST-MAIL-001 with the given delivery, applied for by an agent. */
function mailDraft(form: Record<string, string>): CaseDraft {
  const draft = completeResidenceDraft(png);
  draft.matterCode = 'TEST-MAIL-001';
  draft.form = { ...draft.form, ...form };
  draft.hasAgent = true;
  draft.agent = { ...draft.agent, name: '李四', idNumber: liSiId, phone: '13900139000', source: 'typed' };
  const page = draft.items['id-card']!.files[0]!;
  for (const id of ['agent-authorisation', 'agent-id']) {
    draft.items[id] = { ...draft.items['id-card']!, files: [page], originalChecked: true };
  }
  return draft;
}

function decidedDraft(draft: CaseDraft): { id: string; number: string } {
  const cases = t.workstation.services.cases;
  const created = cases.create(clerk, draft.matterCode);
  const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
  const c = cases.decide(clerk, created.id, saved.revision, { kind: 'accept' });
  return { id: c.id, number: c.number! };
}

async function receiptText(caseId: string): Promise<string> {
  return pdfText((await t.workstation.services.documents.make({ kind: 'receipt', caseId }, 0)).pdf);
}

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

describe('the paper says what the applicant chose, in the order and words of the matter', () => {
  it('the receipt prints the delivery chosen: by post with the address, or at the window', async () => {
    const mail = await receiptText(
      decidedDraft(mailDraft({ delivery: '邮寄送达', mailAddress: '淄博市张店区华光路 8 号 王五 收' })).id,
    );
    expect(missingFields(mail, ['结果领取', '邮寄送达（邮寄地址：淄博市张店区华光路 8 号 王五 收）'])).toEqual([]);
    expect(compact(mail)).not.toContain('窗口领取或邮寄送达');
    expect(compact(mail)).toContain('办理结果将按上述地址邮寄送达');
    expect(compact(mail)).not.toContain('凭本回执和有效身份证件领取');

    const window = compact(await receiptText(decidedDraft(mailDraft({ delivery: '窗口领取' })).id));
    expect(window).toContain('结果领取：窗口领取');
    expect(window).not.toContain('邮寄');
  });

  it('the receipt and the bundle list the materials in the order of the matter, not by item id', async () => {
    const c = decidedDraft(mailDraft({ delivery: '窗口领取' }));
    const order = ['居住证明', '近期一寸免冠照片', '居民身份证', '授权委托书', '代理人身份证件'];
    // Where each name is in the table that follows `heading` (居民身份证 is also the ID's label above).
    const positions = (text: string, heading: string) => {
      const table = compact(text).slice(compact(text).indexOf(heading));
      return order.map((name) => table.indexOf(name));
    };
    const receipt = positions(await receiptText(c.id), '收取的申请材料如下');
    const bundle = await t.workstation.services.documents.make({ kind: 'bundle', caseId: c.id }, 0);
    const cover = positions((await pdfPages(bundle.pdf))[0]!, '材料清单');
    for (const found of [receipt, cover]) {
      expect(found.every((i) => i >= 0)).toBe(true);
      expect(found).toEqual([...found].sort((a, b) => a - b));
    }
  });

  it('calls the agent by the word of the matter on every paper: 代理人 here, 代办人 by default', async () => {
    const c = decidedDraft(mailDraft({ delivery: '窗口领取' }));
    const receipt = compact(await receiptText(c.id));
    expect(receipt).toContain('代理人：李四');
    expect(receipt).toContain('代理人身份证件');
    expect(receipt).not.toContain('代办人');
    const bundle = compact(
      await pdfText((await t.workstation.services.documents.make({ kind: 'bundle', caseId: c.id }, 0)).pdf),
    );
    expect(bundle).toContain('代理人身份证件');
    expect(bundle).not.toContain('代办人');

    const usual = mailDraft({});
    usual.matterCode = 'TEST-JZZ-001';
    const plain = decidedDraft(usual);
    const text = compact(await receiptText(plain.id));
    expect(text).toContain('代办人：李四');
    expect(text).toContain('代办人身份证件');
    expect(text).not.toContain('代理人');
  });
});
