import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@yichuang/domain/cases';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { companyCode, zhangSanId } from '@yichuang/domain/testing/ids';
import { citizenViewSchema } from '../../preload/contract/citizen';
import type { CaseDecisionRecord } from '../../preload/contract/cases';
import { citizenViewOf, type CaseForView } from './view';

const matter = (code: string) => testCatalog().matters.find((m) => m.code === code)!;

const decision = (over: Partial<CaseDecisionRecord>): CaseDecisionRecord => ({
  version: 1,
  kind: 'accept',
  at: '2026-09-30T02:00:00.000Z',
  clerkName: '王窗口',
  windowNumber: 5,
  supplementItems: [],
  rejectReason: null,
  note: '',
  contentHash: 'x',
  ...over,
});

function view(c: CaseForView) {
  return citizenViewOf({
    locale: 'zh-CN',
    counter: null,
    ticket: null,
    case: c,
    rating: null,
    notices: [],
    matters: [],
  });
}

describe('the citizen view', () => {
  it('masks the enterprise matter’s 经办人 and agent, and shows the enterprise as registered', () => {
    const draft = emptyDraft('TEST-GSSL-001');
    draft.person = { ...draft.person, name: '欧阳小明', idNumber: zhangSanId.toLowerCase(), phone: '13912345678' };
    draft.enterprise = { ...draft.enterprise, name: '淄博测试有限公司', creditCode: companyCode.toLowerCase() };
    draft.hasAgent = true;
    draft.agent = { ...draft.agent, name: 'John Wang', idType: 'foreign_permanent', idNumber: '', phone: '' };
    const shown = view({
      draft,
      matter: matter('TEST-GSSL-001'),
      number: null,
      promisedDate: null,
      decision: null,
      supplementDue: null,
    });
    expect(citizenViewSchema.parse(shown)).toEqual(shown);
    expect(shown.case).toMatchObject({
      applicant: {
        name: '欧**明',
        idNumber: `${zhangSanId.slice(0, 6)}********${zhangSanId.slice(-4)}`,
        phone: '139****5678',
      },
      enterprise: { name: '淄博测试有限公司', creditCode: companyCode },
      agent: { name: 'J*** W***', idNumber: '', phone: '' },
      notice: null,
      promisedDate: null,
    });
    expect(JSON.stringify(shown)).not.toContain(zhangSanId.slice(6, 14));
  });

  it('words the supplement and the rejection notice from the decision', () => {
    const base: CaseForView = {
      draft: emptyDraft('TEST-JZZ-001'),
      matter: matter('TEST-JZZ-001'),
      number: '370303-20260930-005-0001',
      promisedDate: null,
      decision: null,
      supplementDue: '2026-10-28',
    };
    const supplement = view({
      ...base,
      decision: decision({
        kind: 'supplement',
        supplementItems: [{ itemId: 'photo', name: '照片', reason: '背景不是白色' }],
      }),
    });
    expect(supplement.case?.notice).toEqual({
      kind: 'supplement',
      title: '一次性补正告知书',
      caseNumber: '370303-20260930-005-0001',
      lines: [{ name: '照片', reason: '背景不是白色' }],
      dueDate: '2026-10-28',
    });
    expect(supplement.case?.applicant).toBeNull();
    const rejected = view({
      ...base,
      decision: decision({ kind: 'reject', rejectReason: { code: 'x', text: '不符合条件', basis: '第二条' } }),
    });
    expect(rejected.case?.notice).toMatchObject({
      kind: 'rejection',
      title: '不予受理通知书',
      lines: [{ name: '不符合条件', reason: '第二条' }],
    });
  });
});
