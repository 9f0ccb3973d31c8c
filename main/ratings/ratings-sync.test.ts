import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '@yichuang/central/testing';
import { hallDate } from '@yichuang/domain/hall-time';
import { zhangSanId } from '@yichuang/domain/testing/ids';
import { makePng } from '@yichuang/domain/testing/images';
import type { CitizenHello } from '../../preload/contract/citizen';
import type { SessionUser } from '../../preload/contract/schemas';
import { outbox } from '../db/schema';
import { compact, pdfText } from '../documents/testing/pdf-check';
import { createSyncWindow, type SyncWindow } from '../sync/testing/window';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { createFakeClock, newSession, type TestSession } from '../testing/workstation';

/**
 * A rating given on the citizen screen travels to central through the outbox, after its case, with
 * every provincial data element; sent twice (a crash before the acknowledgement), central keeps one.
 */

let central: RunningCentral;
let w: SyncWindow;
const clock = createFakeClock('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  central = await startCentral({ engine: 'pglite', now: () => clock.now() });
  w = await createSyncWindow({ clock });
  const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
  await w.t.workstation.services.sync.enrol({ centralUrl: central.url, code });
}, 60_000);

afterAll(async () => {
  await w?.t.dispose();
  await central?.dispose();
});

const lastHello = (session: TestSession): CitizenHello => {
  const found = session.events.findLast((e) => e.event === 'citizen.view');
  if (!found) throw new Error('no view was pushed');
  return found.payload as CitizenHello;
};

describe('a rating reaches central', () => {
  it('after its case, once, with every data element', async () => {
    const s = w.t.workstation.services;
    const user: SessionUser = { ...w.clerk, role: 'clerk', windowNumber: 3, mustChangePassword: false };
    const clerkSession = newSession();
    const citizenSession = newSession();
    // Both screens are open ones (the hub knows them); the clerk's is signed in.
    clerkSession.userId = w.clerk.id;
    w.t.workstation.hub.add(clerkSession);
    w.t.workstation.hub.add(citizenSession);
    const hello = s.citizen.hello(citizenSession, undefined);
    if (hello.paired) throw new Error('expected a code');
    s.citizen.pair(user, hello.code);

    const png = await s.materials.put(makePng(60, 40, 3), 'scan.png');
    const created = s.cases.create(w.clerk, 'TEST-JZZ-001');
    s.citizen.show(clerkSession, user, created.id);
    const saved = s.cases.saveDraft(w.clerk, created.id, created.revision, completeResidenceDraft(png));
    const decided = s.cases.decide(w.clerk, created.id, saved.revision, { kind: 'accept' });
    await Promise.resolve();
    const prompt = (lastHello(citizenSession) as Extract<CitizenHello, { paired: true }>).view.rating;
    expect(prompt).toMatchObject({ stage: 'accepted', state: 'open' });
    s.citizen.rate(citizenSession, prompt!.promptId, {
      level: 'very_unsatisfied',
      reasons: ['attitude', 'other'],
      text: '态度生硬',
    });

    const kinds = s.db
      .select()
      .from(outbox)
      .where(eq(outbox.caseId, created.id))
      .all()
      .map((r) => r.kind);
    expect(kinds).toEqual(['case', 'file', 'rating']);
    await s.sync.syncNow();
    expect(s.sync.status()).toMatchObject({ backlog: 0, needsAttention: 0 });

    const day = hallDate(clock.now());
    const rows = await central.central.ratings.exportRows({ from: day, to: day });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      version: 2,
      evaluateChannel: 'PJQ',
      projNo: decided.number,
      projName: '居住证申领',
      serviceCode: 'TEST-JZZ-001',
      handleStateCode: '1',
      regionCode: '370303',
      applicantName: '张三',
      applicantCardNumber: zhangSanId,
      applicantPhone: '13800138000',
      userProp: '1',
      userPageType: '111',
      evaluatedPersonInfo: { name: '李四', staffNumber: 'lisi', windowNumber: 3 },
      evaluateLevel: 1,
      evaluateLevelName: '非常不满意',
      evaluateReasons: ['attitude', 'other'],
      evaluateText: '态度生硬',
    });
    for (const key of [
      'serviceVersion',
      'serviceDepartment',
      'serviceDepartmentCode',
      'applyTime',
      'transactionTime',
      'evaluateTime',
    ])
      expect(rows[0]).toHaveProperty(key);

    // A resend after a crash before the acknowledgement is the same request: central keeps one.
    const item = s.db.select().from(outbox).where(eq(outbox.kind, 'rating')).get()!;
    s.db.update(outbox).set({ state: 'queued', acknowledgedAt: null }).where(eq(outbox.id, item.id)).run();
    await s.sync.syncNow();
    expect(s.sync.status()).toMatchObject({ backlog: 0, needsAttention: 0 });
    expect(await central.central.ratings.exportRows({ from: day, to: day })).toHaveLength(1);
  });

  it('the 评价码 printed on a notice opens its own visit on central’s page, and nothing else', async () => {
    const s = w.t.workstation.services;
    const png = await s.materials.put(makePng(60, 40, 4), 'scan.png');
    const decided = w.accept([png]);
    const invitation = s.ratings.invitation(decided.id, 1)!;
    expect(invitation.code).toMatch(/^\d{8}$/);
    expect(invitation.until > hallDate(clock.now())).toBe(true);
    // The notice prints it beside the QR code of central's page for this case; a reprint, the same code.
    const receipt = await pdfText((await s.documents.make({ kind: 'receipt', caseId: decided.id }, 0)).pdf);
    expect(compact(receipt)).toContain(`评价码${invitation.code}`);
    const again = await pdfText((await s.documents.make({ kind: 'receipt', caseId: decided.id }, 1)).pdf);
    expect(compact(again)).toContain(`评价码${invitation.code}`);
    await s.sync.syncNow();

    const form = (body: Record<string, string>) =>
      fetch(`${central.url}/rate/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    const wrong = invitation.code === '00000000' ? '00000001' : '00000000';
    expect((await form({ case: decided.number, code: wrong, level: 'satisfied', text: '' })).status).toBe(403);
    const rated = await form({ case: decided.number, code: invitation.code, level: 'satisfied', text: '' });
    expect(rated.status).toBe(200);
    const day = hallDate(clock.now());
    const online = (await central.central.ratings.exportRows({ from: day, to: day })).filter(
      (r) => r.projNo === decided.number,
    );
    expect(online).toMatchObject([{ evaluateChannel: 'EWM', evaluateLevel: 4, applicantCardNumber: zhangSanId }]);
  });
});
