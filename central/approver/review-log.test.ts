import { auditVerdicts } from '@yichuang/domain/protocol';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePut, engines, enrolWindow, startCentral, type RunningCentral } from '../testing/central';
import { pageClient, postFrom, signedIn, signInCookie, testPeople } from '../testing/pages';
import { auditActionLabels } from './pages/audit-labels';

/** A page's text as a reader sees it: no tags, no attributes (links' addresses are not read). */
const visibleText = (page: string) => page.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');

describe.each(engines)('the queue and the trail over %s', (engine) => {
  let c: RunningCentral;
  let clock = new Date('2026-11-27T01:00:00.000Z');
  let client: ReturnType<typeof pageClient>;
  let approver: string;
  let admin: string;
  const opened = casePut([]);
  const waiting = casePut([]);

  beforeAll(async () => {
    c = await startCentral({ engine, now: () => clock });
    client = pageClient(c.app);
    [approver, admin] = await signedIn(c.app, c.central, [testPeople.li, testPeople.admin], 'cli');
    const { workstation } = await enrolWindow(c.central, 3);
    await c.central.cases.put(workstation, opened, null);
    await c.central.cases.put(workstation, waiting, null);
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });
  /** The clock jumps by hours here, past the idle limit of a session: sign in again after each jump. */
  const jumpTo = async (iso: string) => {
    clock = new Date(iso);
    approver = await signInCookie(c.app, testPeople.li.username, testPeople.li.password);
    admin = await signInCookie(c.app, testPeople.admin.username, testPeople.admin.password);
  };

  it('gives 审查中 its own tab: who opened each case and since when, in hall time', async () => {
    await jumpTo('2026-11-27T02:05:00.000Z');
    expect((await client.get(`/approver/cases/${opened.id}`, approver)).statusCode).toBe(200);
    await jumpTo('2026-11-27T04:35:00.000Z');

    const submitted = (await client.get('/approver?tab=submitted', approver)).body;
    expect(submitted).toContain(waiting.number);
    expect(submitted).not.toContain(opened.number);
    expect(submitted).toContain('待审查（1）');
    expect(submitted).toContain('审查中（1）');

    const reviewing = (await client.get('/approver?tab=in_review', approver)).body;
    expect(reviewing).toContain(opened.number);
    expect(reviewing).not.toContain(waiting.number);
    expect(reviewing).toContain('审查人 · 开始审查');
    expect(reviewing).toContain('李审批');
    // 02:05 UTC is 10:05 in the hall (Beijing), whatever zone the server runs in.
    expect(reviewing).toContain('自 2026-11-27 10:05');
    expect(reviewing).toContain('已 2 小时 30 分');
    // The 审查中 count links to its tab.
    expect(reviewing).toContain('class="count st-in_review" href="/approver?tab=in_review"');
  });

  it('refreshes by a link, never by reloading itself', async () => {
    const page = (await client.get('/approver?tab=in_review', approver)).body;
    expect(page).not.toMatch(/http-equiv="refresh"/i);
    expect(page).toContain('<a href="/approver?tab=in_review">刷新列表</a>');
  });

  it('the trail (操作记录) says what happened in words, names cases by number, and shows no JSON or ids', async () => {
    const decided = await postFrom(
      c.app,
      approver,
      `/approver/cases/${opened.id}`,
      `/approver/cases/${opened.id}/decide`,
      {
        version: '1',
        action: 'approve',
        comment: '材料齐全，同意',
      },
    );
    expect(decided.statusCode).toBe(303);

    expect((await client.get('/approver/log', approver)).statusCode).toBe(403);
    const page = (await client.get('/approver/log', admin)).body;
    const text = visibleText(page);
    for (const words of ['窗口提交办件', '开始审查', '批准', '登录', '添加人员', '工作站注册', '生成注册码']) {
      expect(text).toContain(words);
    }
    expect(page).toContain(`<a class="num" href="/approver/cases/${opened.id}">${opened.number}</a>`);
    expect(text).toContain('第 1 版 · 意见：材料齐全，同意');
    expect(text).toContain('第 1 版 · 窗口决定：受理');
    expect(text).toContain('370303 · 3 号窗口（ws3）');
    expect(text).toContain('管理员 · 命令行');
    expect(text).toContain('角色：审批人 · 部门：公安分局');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toContain('{');
    expect(text).not.toMatch(/\b(case|person|enrolment)\.[a-z_]+/);
    // In hall time: the case was opened at 10:05 in the hall.
    expect(text).toContain('2026-11-27 10:05');
    // The admin page points to it and no longer lists raw entries.
    const adminPage = (await client.get('/approver/admin', admin)).body;
    expect(adminPage).toContain('href="/approver/log"');
    expect(adminPage).not.toContain('case.put');
  });
});

/** Every action central records, read from its source: the literals, and the few built from a list. */
function recordedActions(): string[] {
  const root = join(__dirname, '..');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('node_modules') && !f.startsWith('testing'),
  );
  const found = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const m of source.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
    if (source.includes('action: `case.${action}`'))
      for (const a of ['approve', 'deny', 'supplement']) found.add(`case.${a}`);
    if (source.includes('action: `${kind}.publish`'))
      for (const k of ['catalog', 'calendar']) found.add(`${k}.publish`);
    if (source.includes('action: `audit.${refusal.status}`'))
      for (const s of auditVerdicts.filter((v) => v !== 'ok')) found.add(`audit.${s}`);
  }
  return [...found].sort();
}

describe('the trail labels', () => {
  it('has a label for every action central records', () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(15);
    expect(actions.filter((a) => !auditActionLabels[a])).toEqual([]);
  });
});
