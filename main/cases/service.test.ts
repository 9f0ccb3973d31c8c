import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDraft, CaseState, Decision } from '@yichuang/domain/cases';
import { caseNumberPattern, emptyItemState } from '@yichuang/domain/cases';
import { localizedError } from '../../preload/contract/errors';
import type { StoredFile } from '../../preload/contract/materials';
import { companyCode, liSiId, zhangSanId } from '@yichuang/domain/testing/ids';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { makePng } from '@yichuang/domain/testing/images';
import { appErrorOf } from '../testing/wait';
import { addClerk, createFakeClock, createTestWorkstation, type TestWorkstation } from '../testing/workstation';
import { and, eq } from 'drizzle-orm';
import { caseMaterials } from '../db/schema';
import type { Actor } from './model';
import type { CaseService } from './service';

let t: TestWorkstation;
let cases: CaseService;
let clerk: Actor;
let other: Actor;
let png: StoredFile;

function makeActor(username: string, displayName: string): Promise<Actor> {
  return addClerk(t.workstation.services.staff, { username, displayName, windowNumber: 5 });
}

async function open(dataDir?: string): Promise<void> {
  // 2026-09-30 10:00 in Beijing: the day before the National Day holiday.
  t = await createTestWorkstation({
    clock: createFakeClock('2026-09-30T02:00:00.000Z'),
    ...(dataDir ? { dataDir } : {}),
  });
  cases = t.workstation.services.cases;
  if (!dataDir) {
    t.workstation.services.catalog.load(testCatalog(), 'central');
    t.workstation.services.settings.update({ districtCode: '370303', windowNumber: 5 });
    clerk = await makeActor('wang', '王窗口');
    other = await makeActor('zhao', '赵窗口');
  }
  png = await t.workstation.services.materials.put(makePng(40, 30, 1), 'scan.png');
}

/** A draft of 居住证申领 ready to accept, saved; returns its id and revision. */
function readyCase(draft: CaseDraft = completeResidenceDraft(png)): { id: string; revision: number } {
  const created = cases.create(clerk, 'TEST-JZZ-001');
  const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
  return { id: created.id, revision: saved.revision };
}

function decide(kind: Decision['kind'], c = readyCase()) {
  const decision: Decision =
    kind === 'accept'
      ? { kind }
      : kind === 'supplement'
        ? { kind, items: [{ itemId: 'residence-proof', reason: '租房合同未备案' }], note: '' }
        : { kind, reasonCode: 'not-eligible', text: '未在本区居住满半年' };
  return cases.decide(clerk, c.id, c.revision, decision);
}

function codeOf(fn: () => unknown): string {
  return appErrorOf(fn).code;
}

/** The field problems a refused decision names. */
function fieldsOf(fn: () => unknown): Record<string, string> {
  const error = appErrorOf(fn);
  expect(['invalid_input', 'decision_incomplete']).toContain(error.code);
  return error.fields ?? {};
}

beforeEach(async () => {
  await open();
});
afterEach(async () => {
  await t.dispose();
});

describe('case states', () => {
  it('draft → accepted gives a number, the promised date and the audit entry in one go', () => {
    const detail = decide('accept');
    expect(detail.state).toBe('accepted');
    expect(detail.number).toBe('370303-20260930-005-0001');
    expect(detail.number).toMatch(caseNumberPattern);
    // 7 working days from Wed 2026-09-30: Oct 1–7 off; Oct 8 (1), 9 (2), Sat 10 make-up (3), 12 (4), 13 (5), 14 (6), 15 (7).
    expect(detail.promisedDate).toBe('2026-10-15');
    expect(detail.promisedProvisional).toBe(false);
    expect(detail.daysLeft).toBe(7);
    expect(detail.decisions).toEqual([
      expect.objectContaining({ version: 1, kind: 'accept', clerkName: '王窗口', windowNumber: 5 }),
    ]);
    expect(detail.decisions[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.timeline.map((e) => e.action)).toEqual(['cases.create', 'cases.accept']);
    expect(detail.timeline[1]!.detail).toMatchObject({ number: detail.number, promisedDate: '2026-10-15' });
  });

  it("the materials as decided come back in the matter's checklist order, whatever order the rows were written in", () => {
    const detail = decide('accept');
    // The matter lists 居民身份证, 照片, 居住证明, then 婚姻证明: not the order of their ids.
    const checklist = ['id-card', 'photo', 'residence-proof', 'marriage'];
    expect([...checklist].sort()).not.toEqual(checklist);
    const db = t.workstation.services.db;
    const where = and(eq(caseMaterials.caseId, detail.id), eq(caseMaterials.version, 1));
    const rows = db.select().from(caseMaterials).where(where).all();
    db.delete(caseMaterials).where(where).run();
    for (const r of [...rows].reverse()) db.insert(caseMaterials).values(r).run();

    expect(cases.decidedMaterials(detail.id, 1).map((m) => m.itemId)).toEqual(checklist);
  });

  it('draft → supplement_requested records each item and its reason; the clock is paused', () => {
    const detail = decide('supplement');
    expect(detail.state).toBe('supplement_requested');
    expect(detail.number).toMatch(caseNumberPattern);
    expect(detail.paused).toBe(true);
    expect(detail.daysLeft).toBeNull();
    expect(detail.promisedDate).toBeNull();
    expect(detail.decisions[0]!.supplementItems).toEqual([
      { itemId: 'residence-proof', name: '居住证明', reason: '租房合同未备案' },
    ]);
  });

  it('draft → rejected records the reason from the matter and its legal basis', () => {
    const detail = decide('reject');
    expect(detail.state).toBe('rejected');
    expect(detail.decisions[0]!.rejectReason).toEqual({
      code: 'not-eligible',
      text: '申请人不符合居住证申领条件',
      basis: '《居住证暂行条例》第二条',
    });
    expect(detail.decisions[0]!.note).toBe('未在本区居住满半年');
  });

  it('supplement_requested → draft (resume) → accepted keeps the number; the promised date counts from the new acceptance', () => {
    const first = decide('supplement');
    t.clock.set('2026-10-09T02:00:00.000Z'); // Fri 2026-10-09
    const resumed = cases.resume(clerk, first.id);
    expect(resumed).toMatchObject({ state: 'draft', version: 2, number: first.number });
    const accepted = cases.decide(clerk, first.id, resumed.revision, { kind: 'accept' });
    expect(accepted.number).toBe(first.number);
    // From Fri 10-09: Sat 10 make-up (1), 12 (2), 13 (3), 14 (4), 15 (5), 16 (6), 19 (7).
    expect(accepted.promisedDate).toBe('2026-10-19');
    expect(accepted.decisions.map((d) => [d.version, d.kind])).toEqual([
      [1, 'supplement'],
      [2, 'accept'],
    ]);
  });

  it('a draft never decided can be discarded; a resumed one goes back to waiting', () => {
    const c = cases.create(clerk, null);
    cases.discard(clerk, c.id);
    expect(codeOf(() => cases.get(c.id))).toBe('case_not_found');

    const waiting = decide('supplement');
    cases.resume(clerk, waiting.id);
    cases.discard(clerk, waiting.id);
    expect(cases.get(waiting.id)).toMatchObject({ state: 'supplement_requested', version: 1 });
  });

  const actions = ['accept', 'supplement', 'reject', 'resume', 'discard', 'save'] as const;
  const legalFrom: Record<(typeof actions)[number], CaseState> = {
    accept: 'draft',
    supplement: 'draft',
    reject: 'draft',
    resume: 'supplement_requested',
    discard: 'draft',
    save: 'draft',
  };
  // The window's own states; the states central moves a case to are covered by the sync tests.
  const reach: Partial<Record<CaseState, () => { id: string; revision: number }>> = {
    draft: () => readyCase(),
    accepted: () => decide('accept'),
    supplement_requested: () => decide('supplement'),
    rejected: () => decide('reject'),
  };

  describe.each(Object.keys(reach) as CaseState[])('from %s', (state) => {
    it.each(actions.filter((a) => legalFrom[a] !== state))('%s is refused with a clear error', (action) => {
      const c = reach[state]!();
      const before = cases.get(c.id);
      const attempt = () => {
        if (action === 'resume') return cases.resume(clerk, c.id);
        if (action === 'discard') return cases.discard(clerk, c.id);
        if (action === 'save') return cases.saveDraft(clerk, c.id, before.revision, before.draft);
        return decide(action, { id: c.id, revision: before.revision });
      };
      let message = '';
      try {
        attempt();
      } catch (error) {
        message = (error as Error).message;
        expect(['case_wrong_state', 'case_decided']).toContain((error as { code: string }).code);
      }
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
      const after = cases.get(c.id);
      expect(after.state).toBe(state);
      expect(after.decisions).toEqual(before.decisions);
    });
  });
});

describe('what a decision needs', () => {
  it('accept is refused until every required item is complete, naming each one', () => {
    const draft = completeResidenceDraft(png);
    delete draft.items['photo'];
    draft.items['residence-proof'] = { ...draft.items['residence-proof']!, originalChecked: false };
    const c = readyCase(draft);
    const fields = fieldsOf(() => cases.decide(clerk, c.id, c.revision, { kind: 'accept' }));
    expect(fields).toEqual({
      'items.photo': '近期一寸免冠照片：未采集',
      'items.residence-proof': '居住证明：原件未核验',
    });
    expect(cases.get(c.id).state).toBe('draft');
    // The same draft can get a supplement notice instead.
    expect(
      cases.decide(clerk, c.id, c.revision, {
        kind: 'supplement',
        items: [{ itemId: 'photo', reason: '缺少照片' }],
        note: '',
      }).state,
    ).toBe('supplement_requested');
  });

  it('a conditional item applies only when the clerk says so; an agent adds the authorisation letter', () => {
    const draft = completeResidenceDraft(png);
    draft.items['marriage'] = { ...emptyItemState(), applies: true };
    draft.hasAgent = true;
    draft.agent = { ...draft.agent, name: '李四', idNumber: liSiId };
    const c = readyCase(draft);
    const fields = fieldsOf(() => cases.decide(clerk, c.id, c.revision, { kind: 'accept' }));
    expect(Object.keys(fields).sort()).toEqual(['items.agent-authorisation', 'items.agent-id', 'items.marriage']);
  });

  it('an invalid ID number or form value is refused with what to fix; nothing is recorded', () => {
    const draft = completeResidenceDraft(png);
    draft.person.idNumber = zhangSanId.slice(0, 17) + (zhangSanId.endsWith('1') ? '2' : '1');
    draft.person.phone = '12345';
    draft.form.residenceAddress = '';
    const c = readyCase(draft);
    const fields = fieldsOf(() => cases.decide(clerk, c.id, c.revision, { kind: 'accept' }));
    expect(fields['person.idNumber']).toContain('校验位不符');
    // The phone is the applicant's, typed once: its problem is named there, not twice.
    expect(fields['person.phone']).toContain('11 位手机号');
    expect(fields['form.phone']).toBeUndefined();
    expect(fields['form.residenceAddress']).toBe('请填写居住地址');
    expect(cases.get(c.id).decisions).toEqual([]);
    // The message names the first problem in both languages: the English screen says it in English.
    const refused = appErrorOf(() => cases.decide(clerk, c.id, c.revision, { kind: 'accept' }));
    expect(localizedError(refused, 'en')).toBe(
      'The decision cannot be made yet: The ID number’s check digit does not match: check it digit by digit, or read the card instead',
    );
    expect(localizedError(refused, 'zh-CN')).toBe('还不能作出决定：证件号码校验位不符：请逐位核对，或改用读卡器读取');
  });

  it('a file the store does not have cannot be accepted', () => {
    const draft = completeResidenceDraft({ ...png, sha256: 'f'.repeat(64) });
    const c = readyCase(draft);
    expect(codeOf(() => cases.decide(clerk, c.id, c.revision, { kind: 'accept' }))).toBe('decision_incomplete');
  });

  it('a reject reason must come from the matter', () => {
    const c = readyCase();
    const refused = appErrorOf(() =>
      cases.decide(clerk, c.id, c.revision, { kind: 'reject', reasonCode: 'made-up', text: '' }),
    );
    expect(refused.code).toBe('decision_incomplete');
    expect(refused.fields).toEqual({ reasonCode: '请从列表中选择不予受理的原因' });
    expect(localizedError(refused, 'en')).toBe(
      'The decision cannot be made yet: Choose the reason for rejection from the list',
    );
  });

  it('only the clerk who started a draft saves or decides it', () => {
    const c = readyCase();
    expect(codeOf(() => cases.decide(other, c.id, c.revision, { kind: 'accept' }))).toBe('draft_of_other_clerk');
  });

  it('the enterprise matter needs a valid credit code and a legal representative', () => {
    const created = cases.create(clerk, 'TEST-GSSL-001');
    const draft = created.draft;
    draft.enterprise = {
      name: '淄博一窗科技有限公司',
      creditCode: companyCode.slice(0, 17) + (companyCode.endsWith('0') ? '1' : '0'),
      legalRepresentative: '',
      address: '',
      phone: '',
    };
    const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
    const fields = fieldsOf(() =>
      cases.decide(clerk, created.id, saved.revision, {
        kind: 'supplement',
        items: [{ itemId: 'articles', reason: '章程未签字' }],
        note: '',
      }),
    );
    expect(fields).toEqual({
      'enterprise.creditCode': '统一社会信用代码校验位不符：请逐位核对营业执照',
      'enterprise.legalRepresentative': '请输入法定代表人姓名',
    });
    draft.enterprise = { ...draft.enterprise, creditCode: companyCode, legalRepresentative: '张三' };
    const again = cases.saveDraft(clerk, created.id, saved.revision, draft);
    const decided = cases.decide(clerk, created.id, again.revision, {
      kind: 'supplement',
      items: [{ itemId: 'articles', reason: '章程未签字' }],
      note: '',
    });
    expect(decided.enterprise).toEqual({
      name: '淄博一窗科技有限公司',
      creditCode: companyCode,
      legalRepresentative: '张三',
    });
    expect(decided.applicantIdMasked).toBe(`${companyCode.slice(0, 6)}********${companyCode.slice(-4)}`);
  });
});

describe('case numbers', () => {
  it('count up per window and day, start again the next day, and survive a restart', async () => {
    const a = decide('accept');
    const b = decide('reject');
    const c = decide('supplement');
    expect([a.number, b.number, c.number]).toEqual([
      '370303-20260930-005-0001',
      '370303-20260930-005-0002',
      '370303-20260930-005-0003',
    ]);

    // 23:59:59 Beijing is still the same hall day; midnight Beijing is the next.
    t.clock.set('2026-09-30T15:59:59.000Z');
    expect(decide('accept').number).toBe('370303-20260930-005-0004');
    t.clock.set('2026-09-30T16:00:00.000Z');
    expect(decide('accept').number).toBe('370303-20261001-005-0001');

    t.workstation.services.settings.update({ windowNumber: 12 });
    expect(decide('accept').number).toBe('370303-20261001-012-0001');

    const dataDir = t.dataDir;
    await t.workstation.close();
    await open(dataDir);
    t.clock.set('2026-10-01T03:00:00.000Z');
    expect(decide('accept').number).toBe('370303-20261001-012-0002');
  });
});

describe('drafts', () => {
  it('every save is kept; after a restart the clerk is offered the draft exactly as it was', async () => {
    const created = cases.create(clerk, 'TEST-JZZ-001');
    const draft = completeResidenceDraft(png);
    draft.form.residenceAddress = '张店区共青团西路 88 号 3 单元';
    draft.selectedItemId = 'photo';
    draft.items['photo']!.files[0] = { ...draft.items['photo']!.files[0]!, rotation: 90 };
    const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
    expect(saved.revision).toBe(created.revision + 1);

    const dataDir = t.dataDir;
    await t.workstation.close();
    await open(dataDir);
    const offered = cases.myDrafts(clerk);
    expect(offered.map((d) => d.id)).toEqual([created.id]);
    expect(offered[0]).toMatchObject({ applicantName: '张三', matterName: '居住证申领', state: 'draft' });
    const restored = cases.get(created.id, clerk);
    expect(restored.draft).toEqual(draft);
    expect(restored.revision).toBe(saved.revision);
    expect(cases.myDrafts(other)).toEqual([]);
  });

  it('only the clerk continuing their own draft sees its numbers whole; everyone else sees them masked', () => {
    const created = cases.create(clerk, 'TEST-JZZ-001');
    const draft = completeResidenceDraft(png);
    draft.form.phone = '13800138000';
    const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
    expect(cases.get(created.id, clerk).draft.person.idNumber).toBe(zhangSanId);
    const masked = `${zhangSanId.slice(0, 6)}********${zhangSanId.slice(-4)}`;
    for (const seen of [cases.get(created.id, other), cases.get(created.id)]) {
      expect(seen.draft.person.idNumber).toBe(masked);
      expect(seen.draft.person.phone).toBe('138****8000');
      expect(seen.draft.form.phone).toBe('138****8000');
      expect(JSON.stringify(seen)).not.toContain(zhangSanId);
    }
    cases.decide(clerk, created.id, saved.revision, { kind: 'accept' });
    expect(JSON.stringify(cases.get(created.id, clerk))).not.toContain(zhangSanId);
  });

  it('a save with a stale revision is refused and changes nothing', () => {
    const created = cases.create(clerk, 'TEST-JZZ-001');
    const first = completeResidenceDraft(png);
    cases.saveDraft(clerk, created.id, created.revision, first);
    const stale = { ...first, form: { ...first.form, residenceAddress: '旧窗口里的地址' } };
    expect(codeOf(() => cases.saveDraft(clerk, created.id, created.revision, stale))).toBe('draft_changed_elsewhere');
    expect(cases.get(created.id, clerk).draft).toEqual(first);
  });

  it('a matter not in the catalog is refused', () => {
    const created = cases.create(clerk, null);
    const draft = { ...created.draft, matterCode: 'NO-SUCH-1' };
    expect(codeOf(() => cases.saveDraft(clerk, created.id, created.revision, draft))).toBe('matter_not_in_catalog');
  });
});

describe('finding cases', () => {
  it('by number (whole or its start), by name start, by whole ID number; rows never show the whole number', () => {
    const a = decide('accept');
    t.clock.advanceMinutes(5);
    const draft = completeResidenceDraft(png);
    draft.person = { ...draft.person, name: '李四', idNumber: liSiId };
    const b = decide('reject', readyCase(draft));

    const search = (s: string) => cases.list({ search: s, offset: 0, limit: 50 }).rows.map((r) => r.id);
    expect(search(a.number!)).toEqual([a.id]);
    expect(search(a.number!.replaceAll('-', ''))).toEqual([a.id]);
    expect(search('370303-20260930')).toEqual([b.id, a.id]);
    expect(search('张')).toEqual([a.id]);
    expect(search('李四')).toEqual([b.id]);
    expect(search(liSiId)).toEqual([b.id]);
    expect(search(liSiId.toLowerCase())).toEqual([b.id]);
    expect(search(liSiId.slice(0, 10))).toEqual([]);

    const all = cases.list({ offset: 0, limit: 50 });
    expect(all.total).toBe(2);
    expect(JSON.stringify(all)).not.toContain(liSiId);
    expect(all.rows.find((r) => r.id === b.id)!.applicantIdMasked).toBe(
      `${liSiId.slice(0, 6)}********${liSiId.slice(-4)}`,
    );
  });

  it('filters by state, matter, clerk, dates and due within n working days', () => {
    const a = decide('accept');
    decide('supplement');
    t.clock.set('2026-10-12T02:00:00.000Z');
    const later = decide('accept');
    const ids = (q: Partial<Parameters<CaseService['list']>[0]>) =>
      cases.list({ offset: 0, limit: 50, ...q }).rows.map((r) => r.id);
    expect(ids({ states: ['accepted'] })).toEqual([later.id, a.id]);
    expect(ids({ from: '2026-10-01' })).toEqual([later.id]);
    expect(ids({ to: '2026-09-30', states: ['accepted'] })).toEqual([a.id]);
    expect(ids({ matterCode: 'TEST-GSSL-001' })).toEqual([]);
    expect(ids({ clerkId: other.id })).toEqual([]);
    // Today 10-12: a is due 10-15 (3 working days left), later is due 10-21.
    expect(ids({ dueWithin: 3 })).toEqual([a.id]);
    expect(cases.list({ offset: 0, limit: 50, states: ['accepted'] }).rows.map((r) => r.daysLeft)).toEqual([7, 3]);
  });

  it('the history of an applicant prefills the next case', () => {
    decide('accept');
    const history = cases.history('person', zhangSanId);
    expect(history).toMatchObject({ found: true, caseCount: 1, name: '张三', phone: '13800138000' });
    expect(history.form).toMatchObject({ residenceAddress: '张店区人民西路 1 号', reason: '务工' });
    expect(cases.history('person', liSiId).found).toBe(false);
  });

  it('keeps each applicant detail by what it is, so another matter whose field is named otherwise gets it', () => {
    decide('accept');
    // 居住证申领 names it residenceAddress; any matter's field holding the same detail is offered it.
    expect(cases.history('person', zhangSanId).details).toMatchObject({
      residenceAddress: '张店区人民西路 1 号',
      phone: '13800138000',
    });
  });

  it('remembers the enterprise an agent acted for, to offer it when the agent comes again', () => {
    const created = cases.create(clerk, 'TEST-GSSL-001');
    const draft = created.draft;
    draft.enterprise = { ...draft.enterprise, name: '淄博一窗科技有限公司', creditCode: companyCode };
    draft.enterprise.legalRepresentative = '张三';
    draft.hasAgent = true;
    draft.agent = { ...draft.agent, name: '李四', idNumber: liSiId, phone: '13900139000' };
    const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
    cases.decide(clerk, created.id, saved.revision, {
      kind: 'supplement',
      items: [{ itemId: 'articles', reason: '章程未签字' }],
      note: '',
    });
    expect(cases.history('person', liSiId)).toMatchObject({
      found: true,
      phone: '13900139000',
      actedFor: { name: '淄博一窗科技有限公司', creditCode: companyCode, legalRepresentative: '张三' },
    });
  });

  it('stores the form copy of a panel entry as the panel entry: one phone, typed once', () => {
    const created = cases.create(clerk, 'TEST-JZZ-001');
    const draft = completeResidenceDraft(png);
    draft.person.phone = '13911112222';
    draft.form.phone = '13800138000';
    const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
    expect(cases.get(created.id).draft.form.phone).toBe('139****2222');
    // A draft that had the phone only in the form keeps it, in the panel: the case page shows it.
    const older = completeResidenceDraft(png);
    older.person.phone = '';
    cases.saveDraft(clerk, created.id, saved.revision, older);
    expect(cases.get(created.id).applicant?.phoneMasked).toBe('138****8000');
    expect(cases.get(created.id).draft.form.phone).toBe('138****8000');
  });
});

describe('through the router', () => {
  it('a failed decision is audited by the router; a successful one once, by the service', async () => {
    const { newSession } = await import('../testing/workstation');
    const session = newSession();
    session.userId = clerk.id;
    const c = cases.create(clerk, 'TEST-JZZ-001');
    const refused = await t.workstation.router.call(session, 'cases.decide', {
      caseId: c.id,
      revision: c.revision,
      decision: { kind: 'accept' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'decision_incomplete' } });
    const saved = cases.saveDraft(clerk, c.id, c.revision, completeResidenceDraft(png));
    const done = await t.workstation.router.call(session, 'cases.decide', {
      caseId: c.id,
      revision: saved.revision,
      decision: { kind: 'accept' },
    });
    expect(done).toMatchObject({ ok: true, value: { state: 'accepted' } });
    const timeline = cases.get(c.id).timeline.map((e) => [e.action, e.result]);
    expect(timeline).toEqual([
      ['cases.create', 'ok'],
      ['cases.decide', 'failed'],
      ['cases.accept', 'ok'],
    ]);
  });
});
