import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPrefix } from '@yichuang/domain/protocol';
import { emptyDraft } from '@yichuang/domain/cases';
import { zhangSanId } from '@yichuang/domain/testing/ids';
import { startCentral, type RunningCentral } from '@yichuang/central/testing';
import { outbox } from '../db/schema';
import { makePng } from '@yichuang/domain/testing/images';
import { startFlakyProxy, type FlakyProxy } from './testing/flaky-proxy';
import { createSyncWindow, type SyncWindow } from './testing/window';

/**
 * When central answers one item with an error (its own bug), the window stays honest: the item
 * waits out its backoff instead of going every pass, the same error five times sends it to 需处理
 * with central's message, and each change is one log line, not one per try. (It once looped every
 * 2 s for as long as the window ran: 669 tries in 23 minutes, 需处理 0, nothing logged.)
 */

let central: RunningCentral | null = null;
let proxy: FlakyProxy | null = null;
let w: SyncWindow | null = null;
let lines: { msg: string; level: number; caseNumber?: string }[] = [];

afterEach(async () => {
  await w?.t.dispose();
  await proxy?.close();
  await central?.dispose();
  w = proxy = central = null;
  lines = [];
});

async function setUp(maxSameErrors?: number) {
  central = await startCentral({ engine: 'pglite' });
  proxy = await startFlakyProxy(central.url);
  w = await createSyncWindow({
    config: {
      logLevel: 'info',
      logSink: (line) => lines.push(JSON.parse(line) as (typeof lines)[number]),
      sync: { autoStart: false },
    },
  });
  const s = w.t.workstation.services;
  if (maxSameErrors) s.settings.update({ syncMaxServerErrors: maxSameErrors });
  const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
  await s.sync.enrol({ centralUrl: proxy.url, code });
  return { c: central, p: proxy, win: w, s };
}

/** A rejection at the window with no file on any checklist item. */
function rejectWithoutMaterials(win: SyncWindow): { id: string; number: string } {
  const cases = win.t.workstation.services.cases;
  const created = cases.create(win.clerk, 'TEST-JZZ-001');
  const draft = emptyDraft('TEST-JZZ-001');
  draft.person = {
    ...draft.person,
    name: '张三',
    idNumber: zhangSanId,
    phone: '13800138000',
    source: 'typed',
  };
  const saved = cases.saveDraft(win.clerk, created.id, created.revision, draft);
  const decided = cases.decide(win.clerk, created.id, saved.revision, {
    kind: 'reject',
    reasonCode: 'not-eligible',
    text: '未在本区居住满半年',
  });
  return { id: decided.id, number: decided.number! };
}

// Each test boots real central (PGlite) and waits out real backoffs: a loaded machine needs the room.
describe('central answers an outbox item with an error', { timeout: 60_000 }, () => {
  it('a rejection with no materials reaches real central and is acknowledged (it was a 500)', async () => {
    const { c, win, s } = await setUp();
    const r = rejectWithoutMaterials(win);
    const items = s.db.select().from(outbox).where(eq(outbox.caseId, r.id)).all();
    expect(items.map((i) => i.kind)).toEqual(['case']);
    await s.sync.syncNow();
    expect(s.db.select().from(outbox).where(eq(outbox.caseId, r.id)).get()).toMatchObject({
      state: 'acknowledged',
      lastError: null,
    });
    expect((await c.central.cases.detail(r.id))?.row).toMatchObject({ number: r.number, version: 1 });
  });

  it('the same 500 waits out its backoff, goes to 需处理 after the setting (5), and is logged once per change', async () => {
    const { p, win, s } = await setUp();
    const png = await s.materials.put(makePng(50, 40, 3), 'scan.png');
    const bad = win.accept([png]);
    const good = win.accept([png]);
    const badPath = `${apiPrefix}/cases/${bad.id}`;
    const centralMessage = '中心内部错误（请求 req-7）：已记入中心日志，请联系中心管理员';
    p.answer = (method, path) =>
      method === 'PUT' && path === badPath
        ? { status: 500, body: { code: 'internal', message: centralMessage } }
        : null;
    const badItem = () => s.db.select().from(outbox).where(eq(outbox.caseId, bad.id)).all()[0]!;

    // Pass 1: the bad case fails; the good one goes through, and central counts as online.
    await s.sync.syncNow();
    expect(badItem()).toMatchObject({ state: 'retrying', failure: 'central_error', sameErrors: 1, attempts: 1 });
    expect(badItem().lastError).toContain(centralMessage);
    expect(s.sync.status()).toMatchObject({ online: true, needsAttention: 0 });
    expect(s.cases.get(good.id).state).toBe('submitted');

    // Twenty passes within the backoff: the decisions feed answering does not wake the bad item.
    for (let i = 0; i < 20; i++) await s.sync.syncNow();
    expect(p.answered.get(`PUT ${badPath}`)).toBe(1);
    expect(badItem().attempts).toBe(1);

    // Each time its backoff has passed it goes once; the fifth identical answer ends the retries.
    for (let attempt = 2; attempt <= 5; attempt++) {
      win.clock.advance(10 * 60_000);
      await s.sync.syncNow();
      await s.sync.syncNow();
      expect(p.answered.get(`PUT ${badPath}`)).toBe(attempt);
    }
    expect(badItem()).toMatchObject({ state: 'needs_attention', sameErrors: 5, nextAttemptAt: null });
    expect(badItem().lastError).toContain(centralMessage);
    expect(badItem().lastError).toContain('连续 5 次相同错误');
    expect(s.sync.status()).toMatchObject({ needsAttention: 1, online: true });
    win.clock.advance(60 * 60_000);
    await s.sync.syncNow();
    expect(p.answered.get(`PUT ${badPath}`)).toBe(5);

    // Logged: the first failure and the move to 需处理 — two lines for five tries, none with the body.
    const about = lines.filter((l) => l.caseNumber === bad.number);
    expect(about.map((l) => l.msg)).toEqual([
      'central answered an outbox item with an error; retrying with backoff',
      'outbox item needs attention',
    ]);
    expect(JSON.stringify(lines)).not.toContain(zhangSanId);

    // Central is fixed; the clerk presses 重试: it goes, and its delivery is logged once.
    p.answer = null;
    s.sync.retry(badItem().id);
    await s.sync.syncNow();
    expect(badItem()).toMatchObject({ state: 'acknowledged', sameErrors: 0, failure: null });
    expect(s.sync.status().needsAttention).toBe(0);
  });

  it('an item that failed while central was unreachable goes as soon as central answers again', async () => {
    const { p, win, s } = await setUp();
    const png = await s.materials.put(makePng(50, 40, 4), 'scan.png');
    // One item central answers with its own error, before the outage.
    const bad = win.accept([png]);
    const badPath = `${apiPrefix}/cases/${bad.id}`;
    const bug = (method: string, path: string) =>
      method === 'PUT' && path === badPath ? { status: 500, body: { message: '中心内部错误' } } : null;
    p.answer = bug;
    await s.sync.syncNow();
    expect(p.answered.get(`PUT ${badPath}`)).toBe(1);

    const waiting = win.accept([png]);
    p.answer = () => ({ status: 503, body: { message: 'proxy: central is down' } });
    await s.sync.syncNow();
    const item = () => s.db.select().from(outbox).where(eq(outbox.caseId, waiting.id)).all()[0]!;
    expect(item()).toMatchObject({ state: 'retrying', failure: 'unreachable' });
    expect(s.sync.status().online).toBe(false);
    expect(lines.filter((l) => l.msg === 'central unreachable')).toHaveLength(1);

    // Central is back: the next pass (no clock moved past the backoff) sends it, and only it: the
    // item central itself refused keeps its backoff.
    p.answer = bug;
    await s.sync.syncNow();
    await s.sync.syncNow();
    expect(item().state).toBe('acknowledged');
    expect(p.answered.get(`PUT ${badPath}`)).toBe(1);
    expect(s.cases.get(waiting.id).state).toBe('submitted');
    expect(lines.filter((l) => l.msg === 'central reachable again')).toHaveLength(1);
  });

  it('a different error starts the count again; the setting decides how many in a row', async () => {
    const { p, win, s } = await setUp(2);
    const png = await s.materials.put(makePng(50, 40, 5), 'scan.png');
    const c = win.accept([png]);
    const path = `${apiPrefix}/cases/${c.id}`;
    let n = 0;
    p.answer = (method, at) =>
      method === 'PUT' && at === path ? { status: 500, body: { message: `错误 ${++n % 2 === 0 ? 'A' : 'B'}` } } : null;
    const item = () => s.db.select().from(outbox).where(eq(outbox.caseId, c.id)).all()[0]!;
    for (let i = 0; i < 4; i++) {
      await s.sync.syncNow();
      win.clock.advance(10 * 60_000);
    }
    // A, B, A, B: never twice the same in a row, so it keeps retrying.
    expect(item()).toMatchObject({ state: 'retrying', sameErrors: 1, attempts: 4 });
    p.answer = (method, at) => (method === 'PUT' && at === path ? { status: 500, body: { message: '错误 C' } } : null);
    await s.sync.syncNow();
    win.clock.advance(10 * 60_000);
    await s.sync.syncNow();
    expect(item()).toMatchObject({ state: 'needs_attention', sameErrors: 2 });
  });
});
