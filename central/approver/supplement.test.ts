import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasePut } from '@yichuang/domain/protocol';
import type { Workstation } from '../service/workstations';
import { casePut, engines, enrolWindow, paperMaterial, startCentral, type RunningCentral } from '../testing/central';
import { pageClient, postFrom, signedIn, testPeople } from '../testing/pages';

/**
 * 要求补正 on central's case page: the approver ticks the case's materials that need supplementing,
 * writes what is wrong with each, and the request reaches the window's feed with that list
 * (one-time and complete, like the window's own notice).
 */

describe.each(engines)('the supplement list on the approver form over %s', (engine) => {
  let c: RunningCentral;
  let client: ReturnType<typeof pageClient>;
  let approver: string;
  let workstation: Workstation;
  const withMaterials = (): CasePut => ({
    ...casePut([]),
    materials: [
      paperMaterial('id-card', '居民身份证'),
      paperMaterial('residence-proof', '居住证明'),
      paperMaterial('photo', '照片'),
    ],
  });
  const asked = withMaterials();
  const approved = withMaterials();

  beforeAll(async () => {
    c = await startCentral({ engine });
    client = pageClient(c.app);
    [approver] = await signedIn(c.app, c.central, [testPeople.li]);
    ({ workstation } = await enrolWindow(c.central, 3));
    await c.central.cases.put(workstation, asked, null);
    await c.central.cases.put(workstation, approved, null);
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  async function decide(id: string, fields: Record<string, string>) {
    return postFrom(c.app, approver, `/approver/cases/${id}`, `/approver/cases/${id}/decide`, {
      version: '1',
      ...fields,
    });
  }

  it('lists every material of the case to tick, each with a labelled reason box', async () => {
    const page = (await client.get(`/approver/cases/${asked.id}`, approver)).body;
    expect(page).toContain('<fieldset class="supp">');
    for (const [i, id] of ['id-card', 'residence-proof', 'photo'].entries()) {
      expect(page).toContain(`id="supp-item-${i}"`);
      expect(page).toContain(`name="item.${id}"`);
      expect(page).toContain(`name="reason.${id}"`);
      expect(page).toContain(`for="supp-item-${i}"`);
    }
    expect(page).toContain('aria-label="「居住证明」需补正的内容"');
  });

  it('refuses a supplement that names no material, or a ticked one without its reason, and keeps what was typed', async () => {
    const none = await decide(asked.id, { action: 'supplement', comment: '请补充材料' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('要求补正须勾选需补正的材料');

    const half = await decide(asked.id, {
      action: 'supplement',
      comment: '原件一并带来',
      'item.residence-proof': '1',
      'item.photo': '1',
      'reason.photo': '须为白底照片',
    });
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('「居住证明」：请写明需补正的内容');
    // What was ticked and typed is there again.
    expect(half.body).toMatch(/name="item\.residence-proof"\s+value="1"\s+checked/);
    expect(half.body).toMatch(/name="item\.photo"\s+value="1"\s+checked/);
    expect(half.body).toContain('value="须为白底照片"');
    expect(half.body).toContain('原件一并带来</textarea>');
    expect((await c.central.cases.detail(asked.id))?.row.state).toBe('in_review');
  });

  it('refuses an approval with materials ticked, and a material that is not the case’s', async () => {
    const approve = await decide(approved.id, { action: 'approve', 'item.photo': '1', 'reason.photo': '模糊' });
    expect(approve.statusCode).toBe(400);
    expect(approve.body).toContain('已勾选需补正的材料');
    const stranger = await decide(approved.id, { action: 'supplement', 'item.passport': '1', 'reason.passport': 'x' });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('材料 passport 不在该办件的材料清单中');
    expect((await c.central.cases.detail(approved.id))?.row.state).toBe('in_review');
  });

  it('sends the list to the window in the checklist’s order, named as received, with the comment', async () => {
    const done = await decide(asked.id, {
      action: 'supplement',
      comment: '原件一并带来',
      'item.photo': '1',
      'reason.photo': '须为白底照片',
      // A reason typed without ticking the box still counts: the approver wrote what is wrong.
      'reason.residence-proof': '租房合同未备案',
    });
    expect(done.statusCode).toBe(303);
    const feed = await c.central.cases.events(workstation, 0, 100);
    const request = feed.find((e) => e.caseId === asked.id && e.kind === 'supplement_requested');
    expect(request?.comment).toBe('原件一并带来');
    expect(request?.items).toEqual([
      { itemId: 'residence-proof', name: '居住证明', reason: '租房合同未备案' },
      { itemId: 'photo', name: '照片', reason: '须为白底照片' },
    ]);
    // Other events carry no list.
    expect(feed.filter((e) => e.kind !== 'supplement_requested').every((e) => e.items.length === 0)).toBe(true);
    const page = (await client.get(`/approver/cases/${asked.id}`, approver)).body;
    expect(page).toContain('<li><b>居住证明</b>：租房合同未备案</li>');
    expect(page).toContain('<li><b>照片</b>：须为白底照片</li>');
  });
});
