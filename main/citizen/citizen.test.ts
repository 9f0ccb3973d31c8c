import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBridge, type Bridge } from '../../preload/contract/bridge';
import type { CitizenHello, CitizenStatus } from '../../preload/contract/citizen';
import { decodeMessage } from '../../preload/contract/codec';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { zhangSanId } from '@yichuang/domain/testing/ids';
import { makePng } from '@yichuang/domain/testing/images';
import { provincialRatingSchema } from '@yichuang/domain/ratings';
import { startBrowserHost, type BrowserHost } from '../browser-host/server';
import { ratings } from '../db/schema';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { until } from '../testing/wait';
import {
  addClerk,
  createFakeClock,
  createTestWorkstation,
  makeTempDir,
  removeTempDir,
  setUpAdmin,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import { frame, nodeTransport } from '../testing/ws-transport';

/**
 * The citizen screen over the browser host's real WebSocket: a citizen page paired by code sees the
 * clerk's case masked and nothing else (every byte it receives is checked), rates the visit once, and
 * a page that drops comes back without a new code.
 */

const token = 'citizen-test-token-0123456789';
let t: TestWorkstation;
let host: BrowserHost;
let dir: string;
let clerk: Bridge;
const clerkEvents: { event: string; payload: unknown }[] = [];

/** A citizen page: its bridge, and every frame it received, decoded as text. */
interface CitizenPage {
  bridge: Bridge;
  frames: string[];
  views: CitizenHello[];
  close(): void;
}

function citizenPage(): CitizenPage {
  const url = `ws://127.0.0.1:${host.port}/ws?token=${token}`;
  const raw = new WebSocket(url);
  const frames: string[] = [];
  const views: CitizenHello[] = [];
  // A second socket would be a second session: the bridge rides on this one, which records every frame.
  raw.on('message', (data) => {
    const message = decodeMessage(frame(data)) as { event?: string; payload?: unknown };
    frames.push(JSON.stringify(message));
    if (message.event === 'citizen.view') views.push(message.payload as CitizenHello);
  });
  return { bridge: createBridge(nodeTransport(raw)), frames, views, close: () => raw.close() };
}

const lastView = (page: CitizenPage) => {
  const last = page.views.at(-1);
  if (!last?.paired) throw new Error('the page is not paired');
  return last.view;
};

beforeAll(async () => {
  t = await createTestWorkstation({ clock: createFakeClock('2026-09-30T02:00:00.000Z') });
  t.workstation.services.catalog.load(testCatalog(), 'central');
  await setUpAdmin(t.workstation);
  t.workstation.services.settings.update({ districtCode: '370303', windowNumber: 5 });
  await addClerk(t.workstation.services.staff, { username: 'wang01', displayName: '王窗口', windowNumber: 5 });
  dir = makeTempDir('yichuang-citizen-');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>一窗</title>');
  host = await startBrowserHost({ workstation: t.workstation, rendererDir, port: 0, token });
  clerk = createBridge(nodeTransport(`ws://127.0.0.1:${host.port}/ws?token=${token}`));
  clerk.on('citizen.changed', (payload) => clerkEvents.push({ event: 'citizen.changed', payload }));
  const signedIn = await clerk.api.auth.signIn({ username: 'wang01', password: strongPassword });
  expect(signedIn.ok).toBe(true);
});

afterAll(async () => {
  await host?.close();
  await t?.dispose();
  if (dir) removeTempDir(dir);
});

describe('the citizen screen', () => {
  let page: CitizenPage;
  let caseId = '';
  let promptId = '';

  it('pairs by the code the page shows; a wrong code is refused and the field says why', async () => {
    page = citizenPage();
    const hello = await page.bridge.api.citizen.hello({});
    if (!hello.ok || hello.value.paired) throw new Error('expected a pairing code');
    expect(hello.value.code).toMatch(/^\d{6}$/);

    const other = hello.value.code === '000000' ? '000001' : '000000';
    const wrong = await clerk.api.citizen.pair({ code: other });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'citizen_code_unknown', fields: { code: '配对码不对或已过期' } },
    });
    const bad = await clerk.api.citizen.pair({ code: '12ab' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const paired = await clerk.api.citizen.pair({ code: hello.value.code });
    expect(paired).toMatchObject({ ok: true, value: { screen: 'paired', caseId: null, rating: null } });
    await until(() => page.views.length > 0, 2000, 'the first view');
    expect(lastView(page)).toMatchObject({
      counter: { hallName: '张店区市民中心', windowNumber: 5, clerkName: '王窗口', staffNumber: 'wang01' },
      case: null,
      rating: null,
    });
    expect(lastView(page).idle.notices.length).toBeGreaterThan(0);
    expect(lastView(page).idle.matters.length).toBeGreaterThan(0);
  });

  it('shows the case as the clerk saves it, masked, with what is still missing', async () => {
    const created = await clerk.api.cases.create({ matterCode: 'TEST-JZZ-001' });
    if (!created.ok) throw new Error(created.error.code);
    caseId = created.value.id;
    expect((await clerk.api.citizen.show({ caseId })).ok).toBe(true);

    const png = await t.workstation.services.materials.put(makePng(40, 30, 1), 'scan.png');
    const draft = completeResidenceDraft(png);
    delete draft.items['residence-proof'];
    const saved = await clerk.api.cases.saveDraft({ caseId, revision: created.value.revision, draft });
    if (!saved.ok) throw new Error(saved.error.code);
    await until(() => lastView(page).case?.applicant !== null, 2000, 'the applicant on the citizen screen');
    const shown = lastView(page).case!;
    expect(shown.applicant).toEqual({
      name: '张*',
      idType: 'resident',
      idNumber: `${zhangSanId.slice(0, 6)}********${zhangSanId.slice(-4)}`,
      phone: '138****8000',
    });
    expect(shown.matterName).toBe(testCatalog().matters.find((m) => m.code === 'TEST-JZZ-001')!.name);
    expect(shown.checklist.filter((e) => e.status === 'missing').map((e) => e.name)).toHaveLength(1);
    expect(shown.notice).toBeNull();

    // Complete, then accept: the receipt's first page and the rating the citizen is asked for.
    const complete = await clerk.api.cases.saveDraft({
      caseId,
      revision: saved.value.revision,
      draft: completeResidenceDraft(png),
    });
    if (!complete.ok) throw new Error(complete.error.code);
    const decided = await clerk.api.cases.decide({
      caseId,
      revision: complete.value.revision,
      decision: { kind: 'accept' },
    });
    if (!decided.ok) throw new Error(decided.error.code);
    await until(() => lastView(page).rating !== null, 2000, 'the rating prompt');
    const view = lastView(page);
    expect(view.case?.notice).toMatchObject({ kind: 'receipt', title: '受理回执', caseNumber: decided.value.number });
    expect(view.case?.promisedDate).toBe(decided.value.promisedDate);
    expect(view.rating).toMatchObject({ stage: 'accepted', state: 'open' });
    promptId = view.rating!.promptId;
    const status = await clerk.api.citizen.status({});
    expect(status).toMatchObject({ ok: true, value: { rating: 'unrated' } });
  });

  it('takes the rating from the citizen page only, once, with every data element', async () => {
    // The window cannot rate, not even its own visit.
    expect(
      await clerk.api.citizen.rate({ promptId, rating: { level: 'very_satisfied', reasons: [], text: '' } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A 差评 needs its reason; a forged prompt is refused.
    expect(
      await page.bridge.api.citizen.rate({ promptId, rating: { level: 'unsatisfied', reasons: [], text: '' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'rating.reasons': '请选择不满意的原因' } },
    });
    expect(
      await page.bridge.api.citizen.rate({ promptId: 'forged', rating: { level: 'satisfied', reasons: [], text: '' } }),
    ).toMatchObject({ ok: false, error: { code: 'rating_not_open' } });
    expect((await clerk.api.citizen.status({})).ok && clerkEvents.length).toBeTruthy();

    const rated = await page.bridge.api.citizen.rate({
      promptId,
      rating: { level: 'unsatisfied', reasons: ['waiting'], text: '等了四十分钟' },
    });
    expect(rated).toEqual({ ok: true, value: { rated: true } });
    const again = await page.bridge.api.citizen.rate({
      promptId,
      rating: { level: 'very_satisfied', reasons: [], text: '' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'rating_already_given' } });
    await until(() => lastView(page).rating?.state === 'rated', 2000, 'the thanks');
    await until(
      () => (clerkEvents.at(-1)?.payload as CitizenStatus | undefined)?.rating === 'rated',
      2000,
      'the clerk told 已评价',
    );
    // The clerk learns only that it was rated: no level anywhere in what the clerk was sent.
    expect(JSON.stringify(clerkEvents)).not.toMatch(/unsatisfied|不满意|waiting/);

    const rows = t.workstation.services.db.select().from(ratings).where(eq(ratings.caseId, caseId)).all();
    expect(rows).toHaveLength(1);
    const record = provincialRatingSchema.parse(JSON.parse(rows[0]!.record));
    expect(record).toMatchObject({
      version: 2,
      evaluateChannel: 'PJQ',
      projNo: rows[0]!.caseNumber,
      serviceCode: 'TEST-JZZ-001',
      handleStateCode: '1',
      regionCode: '370303',
      applicantName: '张三',
      applicantCardNumber: zhangSanId,
      applicantPhone: '13800138000',
      userProp: '1',
      userPageType: '111',
      evaluatedPersonInfo: { name: '王窗口', staffNumber: 'wang01', windowNumber: 5 },
      evaluateLevel: 2,
      evaluateReasons: ['waiting'],
      evaluateText: '等了四十分钟',
    });
  });

  it('never receives anything but its own masked view', async () => {
    // Things the hub broadcasts to signed-in screens: a card read, an arrival, the unseen count.
    t.workstation.hub.broadcast('cases.unseenChanged', { count: 3 });
    const denied = await page.bridge.api.cases.list({ offset: 0, limit: 10 });
    expect(denied).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const bytes = page.frames.join('\n');
    expect(bytes).not.toContain(zhangSanId);
    expect(bytes).not.toContain('13800138000');
    expect(bytes).not.toContain('张三');
    const events = page.frames.map((f) => (JSON.parse(f) as { event?: string }).event).filter(Boolean);
    expect(new Set(events)).toEqual(new Set(['citizen.view']));
  });

  it('goes idle while the clerk is locked, and a page that dropped comes back without a new code', async () => {
    const locked = await clerk.api.session.lock({ reason: 'manual' });
    expect(locked.ok).toBe(true);
    await until(() => lastView(page).case === null && lastView(page).counter === null, 3000, 'the idle screen');
    const unlocked = await clerk.api.session.unlock({ password: strongPassword });
    expect(unlocked.ok).toBe(true);
    await until(() => lastView(page).case !== null, 3000, 'the case back');

    const resume = (page.views.at(-1) as { resume: string }).resume;
    page.close();
    await until(
      () => (clerkEvents.at(-1)?.payload as CitizenStatus | undefined)?.screen === 'none',
      2000,
      'the clerk told the screen left',
    );
    const back = citizenPage();
    const hello = await back.bridge.api.citizen.hello({ resume });
    expect(hello).toMatchObject({ ok: true, value: { paired: true, view: { counter: { windowNumber: 5 } } } });
    expect((await clerk.api.citizen.status({})).ok && clerkEvents.at(-1)?.payload).toMatchObject({ screen: 'paired' });
    // Unpaired by the clerk: the page is handed a new code.
    await clerk.api.citizen.unpair({});
    await until(() => back.views.at(-1)?.paired === false, 2000, 'a new code');
    back.close();
  });
});
