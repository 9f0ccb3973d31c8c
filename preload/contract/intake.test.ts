import { describe, expect, it } from 'vitest';
import type { FormField, MaterialItem, Matter } from '@yichuang/domain/catalog';
import {
  emptyDraft,
  emptyItemState,
  emptyPerson,
  type CaseDraft,
  type ItemFile,
  type ItemState,
} from '@yichuang/domain/cases';
import { errorText } from './errors';
import * as rules from './intake';
import { checklistComplete, checklistFor, type ChecklistEntry, type FieldProblem, type FieldProblems } from './intake';

/**
 * The rules answer codes; these tests read them as the zh-CN screen says them (the wording is
 * kept as it was), and `in English` below checks the codes and the English wording.
 */
function zh(problem: FieldProblem | null): string | null {
  return problem && errorText(problem.code, problem.params, 'zh-CN');
}
function zhAll(problems: FieldProblems): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, zh(p)!]));
}
const fieldProblem = (...args: Parameters<typeof rules.fieldProblem>) => zh(rules.fieldProblem(...args));
const personProblems = (...args: Parameters<typeof rules.personProblems>) => zhAll(rules.personProblems(...args));
const applicantProblems = (...args: Parameters<typeof rules.applicantProblems>) =>
  zhAll(rules.applicantProblems(...args));
const decisionProblems = (...args: Parameters<typeof rules.decisionProblems>) => zhAll(rules.decisionProblems(...args));

const today = '2026-11-27';

// 370303 19900101 123: Σ digit×weight = 212, 212 mod 11 = 3 → '10X98765432'[3] = '9'.
const validId = '370303199001011239';
// 9 1 370303 MA3C12345: Σ value×weight = 1644, 1644 mod 31 = 1, 31 − 1 = 30 → 'Y'.
const validCreditCode = '91370303MA3C12345Y';

function file(pages: number, mime: ItemFile['mime'] = 'image/jpeg'): ItemFile {
  return {
    sha256: 'a'.repeat(64),
    mime,
    pages,
    rotation: 0,
    name: mime === 'application/pdf' ? 'scan.pdf' : 'page.jpg',
    via: mime === 'application/pdf' ? 'hotFolder' : 'camera',
    addedAt: '2026-11-27T01:00:00.000Z',
  };
}

function state(partial: Partial<ItemState>): ItemState {
  return { ...emptyItemState(), ...partial };
}

function item(id: string, requirement: MaterialItem['requirement'], partial: Partial<MaterialItem> = {}): MaterialItem {
  return {
    id,
    name: id,
    requirement,
    ...(requirement === 'conditional' ? { condition: '已婚的' } : {}),
    originalCheck: false,
    copies: 0,
    eLicence: false,
    ...partial,
  };
}

function matter(partial: Partial<Matter> = {}): Matter {
  return {
    code: 'GA-TEST-001',
    name: '测试事项',
    department: '公安分局',
    subject: 'individual',
    legalBasis: '《测试条例》',
    statutoryDays: 15,
    promisedDays: 7,
    fee: 0,
    collection: '窗口领取',
    formFields: [],
    materials: [item('photo', 'required')],
    rejectReasons: [{ code: 'not-in-scope', text: '不属于本窗口受理范围' }],
    ...partial,
  };
}

function draft(partial: Partial<CaseDraft> = {}): CaseDraft {
  return { ...emptyDraft('GA-TEST-001'), ...partial };
}

function validPerson(name = '张三') {
  return { ...emptyPerson(), name, idNumber: validId, phone: '13812345678' };
}

function entry(entries: ChecklistEntry[], id: string): ChecklistEntry {
  const found = entries.find((e) => e.item.id === id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
}

describe('checklistFor', () => {
  it('lists the matter items in catalog order, with no agent items when nobody acts for the applicant', () => {
    const m = matter({ materials: [item('b', 'required'), item('a', 'optional'), item('c', 'conditional')] });
    const entries = checklistFor(m, draft());
    expect(entries.map((e) => e.item.id)).toEqual(['b', 'a', 'c']);
    expect(entries.every((e) => !e.forAgent)).toBe(true);
  });

  it('reports a required item with nothing collected as missing', () => {
    const m = matter({ materials: [item('photo', 'required'), item('id-card', 'required', { eLicence: true })] });
    const entries = checklistFor(m, draft());
    expect(entry(entries, 'photo')).toMatchObject({
      required: true,
      status: 'missing',
      pages: 0,
      problem: '未采集',
    });
    // An item that takes an electronic licence says so.
    expect(entry(entries, 'id-card')).toMatchObject({
      required: true,
      status: 'missing',
      problem: '未采集（可用电子证照）',
    });
  });

  it('requires a conditional item only when the clerk says it applies', () => {
    const m = matter({ materials: [item('marriage', 'conditional')] });
    const notApplying = checklistFor(m, draft({ items: { marriage: state({ files: [file(1)] }) } }));
    // Not applying: not required and not applicable, even with a page collected.
    expect(notApplying[0]).toMatchObject({ required: false, status: 'not_applicable', problem: null });

    const applyingEmpty = checklistFor(m, draft({ items: { marriage: state({ applies: true }) } }));
    expect(applyingEmpty[0]).toMatchObject({ required: true, status: 'missing', problem: '未采集' });

    const applyingDone = checklistFor(m, draft({ items: { marriage: state({ applies: true, files: [file(1)] }) } }));
    expect(applyingDone[0]).toMatchObject({ required: true, status: 'complete', problem: null });
  });

  it('never requires an optional item', () => {
    const m = matter({ materials: [item('extra', 'optional', { originalCheck: true })] });
    const empty = checklistFor(m, draft());
    expect(empty[0]).toMatchObject({ required: false, status: 'optional_empty', problem: null });
    // Even `applies` does not make it required.
    const ticked = checklistFor(m, draft({ items: { extra: state({ applies: true }) } }));
    expect(ticked[0]).toMatchObject({ required: false, status: 'optional_empty' });
    // A page without the original checked is still complete and shows no problem.
    const collected = checklistFor(m, draft({ items: { extra: state({ files: [file(1)] }) } }));
    expect(collected[0]).toMatchObject({ required: false, status: 'complete', problem: null, pages: 1 });
  });

  it('appends the two agent items, required, when an agent applies', () => {
    const m = matter({ materials: [item('photo', 'required')] });
    const entries = checklistFor(m, draft({ hasAgent: true }));
    expect(entries.map((e) => [e.item.id, e.forAgent, e.required])).toEqual([
      ['photo', false, true],
      ['agent-authorisation', true, true],
      ['agent-id', true, true],
    ]);
    expect(entry(entries, 'agent-authorisation')).toMatchObject({ status: 'missing', problem: '未采集' });
    expect(entry(entries, 'agent-id')).toMatchObject({ status: 'missing', problem: '未采集（可用电子证照）' });
  });

  it('leaves agent states out when nobody acts for the applicant', () => {
    const entries = checklistFor(matter(), draft({ items: { 'agent-id': state({ files: [file(1)] }) } }));
    expect(entries.map((e) => e.item.id)).toEqual(['photo']);
  });

  it('takes an electronic licence as complete without pages and without the original check', () => {
    const m = matter({ materials: [item('id-card', 'required', { eLicence: true, originalCheck: true })] });
    const entries = checklistFor(m, draft({ items: { 'id-card': state({ eLicence: true }) } }));
    expect(entries[0]).toMatchObject({ required: true, status: 'complete', pages: 0, problem: null });
  });

  it('does not take an electronic licence for an item that does not accept one', () => {
    const m = matter({ materials: [item('photo', 'required', { eLicence: false })] });
    const entries = checklistFor(m, draft({ items: { photo: state({ eLicence: true }) } }));
    expect(entries[0]).toMatchObject({ status: 'missing', problem: '未采集' });
  });

  it('wants the original checked for an item collected on paper', () => {
    const m = matter({ materials: [item('deed', 'required', { originalCheck: true, eLicence: true })] });
    const unchecked = checklistFor(m, draft({ items: { deed: state({ files: [file(1)] }) } }));
    expect(unchecked[0]).toMatchObject({ required: true, status: 'missing', problem: '原件未核验', pages: 1 });
    const checked = checklistFor(m, draft({ items: { deed: state({ files: [file(1)], originalChecked: true }) } }));
    expect(checked[0]).toMatchObject({ status: 'complete', problem: null });
  });

  it('does not want the original checked for an item without originalCheck', () => {
    const m = matter({ materials: [item('photo', 'required', { originalCheck: false })] });
    const entries = checklistFor(m, draft({ items: { photo: state({ files: [file(1)] }) } }));
    expect(entries[0]).toMatchObject({ status: 'complete', problem: null });
  });

  it('sums pages over all files of an item, multi-page PDFs included', () => {
    const m = matter({ materials: [item('contract', 'required')] });
    const files = [file(1), file(12, 'application/pdf'), file(3, 'application/pdf'), file(1, 'image/png')];
    const entries = checklistFor(m, draft({ items: { contract: state({ files }) } }));
    expect(entries[0]?.pages).toBe(17); // 1 + 12 + 3 + 1
    expect(entries[0]?.state.files).toHaveLength(4);
  });
});

describe('checklistComplete', () => {
  const m = matter({
    materials: [item('photo', 'required'), item('marriage', 'conditional'), item('extra', 'optional')],
  });

  it('is true when every required item is complete, whatever the conditional and optional ones', () => {
    const entries = checklistFor(m, draft({ items: { photo: state({ files: [file(1)] }) } }));
    expect(checklistComplete(entries)).toBe(true);
  });

  it('is false when a required item is missing', () => {
    expect(checklistComplete(checklistFor(m, draft()))).toBe(false);
  });

  it('is false when a conditional item that applies is missing', () => {
    const entries = checklistFor(
      m,
      draft({ items: { photo: state({ files: [file(1)] }), marriage: state({ applies: true }) } }),
    );
    expect(checklistComplete(entries)).toBe(false);
  });

  it('is false when an agent item is missing', () => {
    const entries = checklistFor(m, draft({ hasAgent: true, items: { photo: state({ files: [file(1)] }) } }));
    expect(checklistComplete(entries)).toBe(false);
  });

  it('is true for no entries at all', () => {
    expect(checklistComplete([])).toBe(true);
  });
});

describe('fieldProblem', () => {
  function field(partial: Partial<FormField> & Pick<FormField, 'type'>): FormField {
    return { key: 'f', label: '字段', required: true, ...partial };
  }

  it('asks for a required value that is empty, blank or absent', () => {
    const f = field({ type: 'text', label: '姓名' });
    expect(fieldProblem(f, '', today)).toBe('请填写姓名');
    expect(fieldProblem(f, '   ', today)).toBe('请填写姓名');
    expect(fieldProblem(f, undefined, today)).toBe('请填写姓名');
  });

  it('lets an optional field stay empty, whatever its type', () => {
    for (const type of ['text', 'number', 'date', 'phone', 'idNumber'] as const) {
      expect(fieldProblem(field({ type, required: false }), '', today), type).toBeNull();
    }
    expect(fieldProblem(field({ type: 'select', required: false, options: ['甲'] }), ' ', today)).toBeNull();
  });

  it('limits the length of text, counting the trimmed value', () => {
    const f = field({ type: 'text', label: '姓名', maxLength: 4 });
    expect(fieldProblem(f, '欧阳娜娜', today)).toBeNull();
    expect(fieldProblem(f, '  欧阳娜娜  ', today)).toBeNull();
    expect(fieldProblem(f, '欧阳娜娜娜', today)).toBe('姓名不超过 4 个字');
  });

  it('takes numbers within min and max and refuses everything else', () => {
    const f = field({ type: 'number', label: '面积', min: 1, max: 500 });
    expect(fieldProblem(f, '1', today)).toBeNull();
    expect(fieldProblem(f, '500', today)).toBeNull();
    expect(fieldProblem(f, '89.5', today)).toBeNull();
    expect(fieldProblem(f, '0.5', today)).toBe('面积不能小于 1');
    expect(fieldProblem(f, '-3', today)).toBe('面积不能小于 1');
    expect(fieldProblem(f, '500.01', today)).toBe('面积不能大于 500');
    for (const bad of ['abc', '1e3', '1,000', '12.', '.5', '0x10', '十']) {
      expect(fieldProblem(f, bad, today), bad).toBe('面积须为数字');
    }
  });

  it('takes any number when there is no min or max', () => {
    expect(fieldProblem(field({ type: 'number' }), '-123456.75', today)).toBeNull();
  });

  it('takes real calendar dates in YYYY-MM-DD only', () => {
    const f = field({ type: 'date', label: '登记日期' });
    expect(fieldProblem(f, '2026-11-27', today)).toBeNull();
    expect(fieldProblem(f, '2028-02-29', today)).toBeNull(); // 2028 is a leap year
    const message = '登记日期须为日期，格式 YYYY-MM-DD';
    expect(fieldProblem(f, '2026-02-29', today)).toBe(message); // 2026 is not
    expect(fieldProblem(f, '2026-04-31', today)).toBe(message); // April has 30 days
    expect(fieldProblem(f, '2026/11/27', today)).toBe(message);
    expect(fieldProblem(f, '2026-1-5', today)).toBe(message);
    expect(fieldProblem(f, '20261127', today)).toBe(message);
    // An impossible month or day is refused, not thrown.
    expect(fieldProblem(f, '2026-13-01', today)).toBe(message);
    expect(fieldProblem(f, '2026-00-10', today)).toBe(message);
    expect(fieldProblem(f, '2026-01-32', today)).toBe(message);
  });

  it('takes only listed options for a select', () => {
    const f = field({ type: 'select', label: '领取方式', options: ['窗口领取', '邮寄送达'] });
    expect(fieldProblem(f, '邮寄送达', today)).toBeNull();
    expect(fieldProblem(f, '快递', today)).toBe('请从列表中选择领取方式');
    expect(fieldProblem(f, '窗口', today)).toBe('请从列表中选择领取方式'); // a part is not an option
  });

  it('takes mobile numbers and landlines with an area code', () => {
    const f = field({ type: 'phone', label: '联系电话' });
    for (const ok of ['13812345678', '19912345678', '0533-1234567', '05331234567', '010-12345678']) {
      expect(fieldProblem(f, ok, today), ok).toBeNull();
    }
    const message = '联系电话应为 11 位手机号或带区号的固定电话';
    for (const bad of ['12812345678', '1381234567', '138123456789', '1234567', '0533-123456', '+8613812345678']) {
      expect(fieldProblem(f, bad, today), bad).toBe(message);
    }
  });

  it('checks an ID number field and names the field in the message', () => {
    const f = field({ type: 'idNumber', label: '公民身份号码' });
    expect(fieldProblem(f, validId, today)).toBeNull();
    expect(fieldProblem(f, validId.slice(0, 17), today)).toBe('公民身份号码：证件号码应为 18 位，现在是 17 位');
    expect(fieldProblem(f, '370303199001011238', today)).toBe(
      '公民身份号码：证件号码校验位不符：请逐位核对，或改用读卡器读取',
    );
  });

  it('matches the whole value against a pattern, with its message', () => {
    const f = field({ type: 'text', label: '邮政编码', pattern: '\\d{6}', patternMessage: '邮政编码为 6 位数字' });
    expect(fieldProblem(f, '255000', today)).toBeNull();
    expect(fieldProblem(f, '25500', today)).toBe('邮政编码为 6 位数字');
    expect(fieldProblem(f, '2550001', today)).toBe('邮政编码为 6 位数字'); // anchored at the end too
  });

  it('uses a default message for a pattern without one', () => {
    const f = field({ type: 'text', label: '车牌号', pattern: '鲁C[A-Z0-9]{5}' });
    expect(fieldProblem(f, '鲁C12345', today)).toBeNull();
    expect(fieldProblem(f, '鲁A12345', today)).toBe('车牌号格式不正确');
  });

  it('anchors a pattern with alternatives as a whole', () => {
    // Without the group, ^A|B$ would take "AX".
    const f = field({ type: 'text', label: '类别', pattern: 'A|B' });
    expect(fieldProblem(f, 'B', today)).toBeNull();
    expect(fieldProblem(f, 'AX', today)).toBe('类别格式不正确');
    expect(fieldProblem(f, 'XB', today)).toBe('类别格式不正确');
  });
});

describe('personProblems', () => {
  it('wants a name and an ID number', () => {
    expect(personProblems(emptyPerson(), today)).toEqual({ name: '请输入姓名', idNumber: '请输入证件号码' });
    expect(personProblems({ ...emptyPerson(), name: '  ', idNumber: validId }, today)).toEqual({
      name: '请输入姓名',
    });
  });

  it('has nothing to say about a complete person, with or without a phone', () => {
    expect(personProblems(validPerson(), today)).toEqual({});
    expect(personProblems({ ...validPerson(), phone: '' }, today)).toEqual({});
    expect(personProblems({ ...validPerson(), phone: ' 0533-1234567 ' }, today)).toEqual({});
  });

  it('refuses a phone of the wrong shape and a wrong ID number', () => {
    expect(personProblems({ ...validPerson(), phone: '12345' }, today)).toEqual({
      phone: '电话号码应为 11 位手机号或带区号的固定电话',
    });
    expect(personProblems({ ...validPerson(), idNumber: '370303199001011238' }, today)).toEqual({
      idNumber: '证件号码校验位不符：请逐位核对，或改用读卡器读取',
    });
  });

  it('takes the 2017 foreign permanent resident number only for that ID type', () => {
    const old = 'USA370319900101';
    expect(personProblems({ ...validPerson(), idType: 'foreign_permanent', idNumber: old }, today)).toEqual({});
    expect(personProblems({ ...validPerson(), idType: 'resident', idNumber: old }, today)).toEqual({
      idNumber: '证件号码只能是数字，最后一位可以是 X',
    });
  });
});

describe('applicantProblems', () => {
  const individual = matter({ subject: 'individual' });
  const enterprise = matter({ subject: 'enterprise' });
  const newEnterprise = matter({ subject: 'enterprise', newEnterprise: true });
  const company = {
    name: '淄博某某有限公司',
    creditCode: validCreditCode,
    legalRepresentative: '李四',
    address: '',
    phone: '',
  };

  it('checks the person of an individual matter, under person.', () => {
    expect(applicantProblems(individual, draft(), today)).toEqual({
      'person.name': '请输入姓名',
      'person.idNumber': '请输入证件号码',
    });
    expect(applicantProblems(individual, draft({ person: validPerson() }), today)).toEqual({});
  });

  it('checks the enterprise of an enterprise matter and not the person', () => {
    expect(applicantProblems(enterprise, draft(), today)).toEqual({
      'enterprise.name': '请输入企业名称',
      'enterprise.creditCode': '请输入统一社会信用代码',
      'enterprise.legalRepresentative': '请输入法定代表人姓名',
    });
    expect(applicantProblems(enterprise, draft({ enterprise: company }), today)).toEqual({});
    expect(
      applicantProblems(enterprise, draft({ enterprise: { ...company, creditCode: '91370303MA3C12345X' } }), today),
    ).toEqual({ 'enterprise.creditCode': '统一社会信用代码校验位不符：请逐位核对营业执照' });
  });

  it('lets a new enterprise have no credit code yet, but checks one that is typed', () => {
    expect(applicantProblems(newEnterprise, draft({ enterprise: { ...company, creditCode: '' } }), today)).toEqual({});
    expect(applicantProblems(newEnterprise, draft({ enterprise: { ...company, creditCode: '  ' } }), today)).toEqual(
      {},
    );
    expect(
      applicantProblems(newEnterprise, draft({ enterprise: { ...company, creditCode: '91370303MA3C' } }), today),
    ).toEqual({ 'enterprise.creditCode': '统一社会信用代码应为 18 位，现在是 12 位' });
    expect(applicantProblems(newEnterprise, draft({ enterprise: company }), today)).toEqual({});
  });

  it('checks the agent, under agent., only when an agent applies', () => {
    const d = draft({ person: validPerson(), agent: { ...emptyPerson(), name: '王五' } });
    expect(applicantProblems(individual, d, today)).toEqual({});
    expect(applicantProblems(individual, { ...d, hasAgent: true }, today)).toEqual({
      'agent.idNumber': '请输入证件号码',
    });
    expect(applicantProblems(enterprise, { ...d, enterprise: company, hasAgent: true }, today)).toEqual({
      'agent.idNumber': '请输入证件号码',
    });
  });
});

describe('decisionProblems', () => {
  const m = matter({
    formFields: [
      { key: 'phone', label: '联系电话', type: 'phone', required: true },
      { key: 'remark', label: '备注', type: 'text', required: false },
    ],
    materials: [item('photo', 'required'), item('extra', 'optional')],
  });

  it('asks for the matter first, and only for it', () => {
    for (const kind of ['accept', 'supplement', 'reject'] as const) {
      expect(decisionProblems(null, draft(), kind, today), kind).toEqual({ matter: '请先选择事项' });
    }
  });

  it('needs the applicant, the form and the checklist to accept', () => {
    expect(decisionProblems(m, draft(), 'accept', today)).toEqual({
      'person.name': '请输入姓名',
      'person.idNumber': '请输入证件号码',
      'form.phone': '请填写联系电话',
      'items.photo': 'photo：未采集',
    });
  });

  it('has nothing against accepting a complete case', () => {
    const d = draft({
      person: validPerson(),
      form: { phone: '13812345678' },
      items: { photo: state({ files: [file(1)] }) },
    });
    expect(decisionProblems(m, d, 'accept', today)).toEqual({});
  });

  it('names the agent items that stop an acceptance', () => {
    const d = draft({
      person: validPerson(),
      hasAgent: true,
      agent: validPerson('王五'),
      form: { phone: '13812345678' },
      items: { photo: state({ files: [file(1)] }), 'agent-id': state({ files: [file(1)] }) },
    });
    expect(decisionProblems(m, d, 'accept', today)).toEqual({
      'items.agent-authorisation': '授权委托书：未采集',
      'items.agent-id': '代办人身份证件：原件未核验',
    });
  });

  it('needs only the applicant for a supplement notice or a rejection', () => {
    const incomplete = draft({ person: validPerson() });
    expect(decisionProblems(m, incomplete, 'supplement', today)).toEqual({});
    expect(decisionProblems(m, incomplete, 'reject', today)).toEqual({});
    const nobody = draft();
    const applicant = { 'person.name': '请输入姓名', 'person.idNumber': '请输入证件号码' };
    expect(decisionProblems(m, nobody, 'supplement', today)).toEqual(applicant);
    expect(decisionProblems(m, nobody, 'reject', today)).toEqual(applicant);
  });
});

describe('in English', () => {
  const en = (problem: FieldProblem | null) => problem && errorText(problem.code, problem.params, 'en');
  const cjk = /[\u4e00-\u9fff]/;

  it('answers codes with params, and the catalog says them in English (with the English label where the catalog has one)', () => {
    const area: FormField = { key: 'area', label: '面积', labelEn: 'Area', type: 'number', required: true, min: 1 };
    expect(rules.fieldProblem(area, '', today)).toEqual({
      code: 'field_required',
      params: { label: { 'zh-CN': '面积', en: 'Area' } },
    });
    expect(en(rules.fieldProblem(area, '', today))).toBe('Fill in Area');
    expect(en(rules.fieldProblem(area, '0.5', today))).toBe('Area must not be less than 1');
    const id: FormField = {
      key: 'id',
      label: '公民身份号码',
      labelEn: 'Citizen ID number',
      type: 'idNumber',
      required: true,
    };
    expect(en(rules.fieldProblem(id, '370303199001011238', today))).toBe(
      'Citizen ID number: The ID number’s check digit does not match: check it digit by digit, or read the card instead',
    );
    expect(en(rules.fieldProblem(id, validId.slice(0, 17), today))).toBe(
      'Citizen ID number: The ID number has 18 characters; this one has 17',
    );
    for (const p of Object.values(rules.personProblems({ ...emptyPerson(), phone: '12345' }, today))) {
      expect(en(p)).not.toMatch(cjk);
    }
  });

  it("keeps the catalog's label when it has no English one (catalog data), and its pattern message as given", () => {
    const f: FormField = {
      key: 'zip',
      label: '邮政编码',
      type: 'text',
      required: true,
      pattern: '\\d{6}',
      patternMessage: '邮政编码为 6 位数字',
    };
    expect(en(rules.fieldProblem(f, '', today))).toBe('Fill in 邮政编码');
    expect(rules.fieldProblem(f, '1', today)).toEqual({
      code: 'field_pattern_message',
      params: { message: '邮政编码为 6 位数字' },
    });
  });
});
