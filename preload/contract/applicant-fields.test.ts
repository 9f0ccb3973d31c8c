import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { zhangSanId } from '@yichuang/domain/testing/ids';
import { learnedDetails, withPanelFields } from './applicant-fields';
import { errorText } from './errors';
import { applicantProblems, decisionProblems, ownFormFields } from './intake';

const residence: Matter = testCatalog().matters.find((m) => m.code === 'TEST-JZZ-001')!;

describe('applicant details and form fields, one rule', () => {
  it('the phone a matter asks for is the applicant panel one: not in the form, required in the panel', () => {
    expect(ownFormFields(residence).map((f) => f.key)).toEqual(['residenceAddress', 'reason']);
    const draft = emptyDraft(residence.code);
    draft.person = { ...draft.person, name: '张三', idNumber: zhangSanId };
    const phone = decisionProblems(residence, draft, 'accept', '2026-10-01')['person.phone']!;
    expect(errorText(phone.code, phone.params)).toBe('请填写联系电话');
    // A supplement notice or a rejection does not need it.
    expect(decisionProblems(residence, draft, 'reject', '2026-10-01')).toEqual({});
    expect(applicantProblems(residence, draft, '2026-10-01')).toEqual({});
    draft.person.phone = '13800138000';
    const stored = withPanelFields(residence, draft);
    expect(stored.form.phone).toBe('13800138000');
    const problems = decisionProblems(residence, stored, 'accept', '2026-10-01');
    expect(Object.keys(problems).filter((k) => k.endsWith('phone'))).toEqual([]);
  });

  it('a phone only a form had (an older draft) moves into the panel, nothing lost', () => {
    const draft = emptyDraft(residence.code);
    draft.form = { phone: '13800138000' };
    expect(withPanelFields(residence, draft).person.phone).toBe('13800138000');
  });

  it('a decided case teaches the registry the form details by what they are', () => {
    const draft = emptyDraft(residence.code);
    draft.form = { phone: '13800138000', residenceAddress: '张店区人民西路 1 号', reason: '务工' };
    expect(learnedDetails(residence, draft)).toEqual({ residenceAddress: '张店区人民西路 1 号' });
  });
});
