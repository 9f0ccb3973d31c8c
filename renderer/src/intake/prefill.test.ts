import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import type { ApplicantHistory } from '../../../preload/contract/cases';
import { prefillEnterprise, prefillForm } from './prefill';

const history = (over: Partial<ApplicantHistory> = {}): ApplicantHistory => ({
  found: true,
  caseCount: 1,
  name: '张三',
  form: {},
  phone: '13800138000',
  address: null,
  details: {},
  actedFor: null,
  ...over,
});

/** 居住证签注 as the shipped catalog has it: its address field holds where the applicant lives. */
const endorsement: Matter = {
  code: 'GA-JZZQZ-002',
  name: '居住证签注',
  department: '公安分局',
  subject: 'individual',
  legalBasis: '《居住证暂行条例》',
  statutoryDays: 15,
  promisedDays: 7,
  fee: 0,
  collection: '窗口领取',
  formFields: [
    { key: 'phone', label: '联系电话', type: 'phone', required: true, prefill: 'phone' },
    { key: 'permitNumber', label: '居住证号码', type: 'text', required: true },
    { key: 'residenceAddress', label: '居住地址', type: 'textarea', required: true, prefill: 'residenceAddress' },
  ],
  materials: [],
  rejectReasons: [],
} as unknown as Matter;

describe('prefill', () => {
  it('fills 居住证签注 from the detail given in an earlier case of another matter, whatever its field was called', () => {
    const draft = emptyDraft(endorsement.code);
    draft.person = { ...draft.person, name: '张三', phone: '13800138000' };
    const filled = prefillForm(endorsement, draft, history({ details: { residenceAddress: '张店区华光路 1 号' } }));
    expect(filled.form).toMatchObject({ residenceAddress: '张店区华光路 1 号', phone: '13800138000' });
  });

  it('never puts the card address where the applicant lives now, and never overwrites what was typed', () => {
    const draft = emptyDraft(endorsement.code);
    draft.person = { ...draft.person, address: '户籍地址' };
    expect(prefillForm(endorsement, draft, null).form.residenceAddress).toBeUndefined();
    draft.form = { residenceAddress: '新地址' };
    const kept = prefillForm(endorsement, draft, history({ details: { residenceAddress: '旧地址' } }));
    expect(kept.form.residenceAddress).toBe('新地址');
  });

  it('an agent brings the enterprise they last acted for, where nothing of it is typed', () => {
    const actedFor = {
      name: '淄博一窗',
      creditCode: '91370303MA3C2B4X1X',
      legalRepresentative: '王',
      phone: '',
      address: '',
    };
    const empty = emptyDraft(null).enterprise;
    expect(prefillEnterprise(empty, history({ actedFor }))).toMatchObject({
      name: '淄博一窗',
      legalRepresentative: '王',
    });
    const typed = { ...empty, name: '另一家' };
    expect(prefillEnterprise(typed, history({ actedFor })).name).toBe('另一家');
  });
});
