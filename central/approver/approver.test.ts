import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft } from '@yichuang/domain/cases';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import { validCitizenId } from '@yichuang/domain/testing/ids';
import { makePng } from '@yichuang/domain/testing/images';
import { buildTrail, rehashTrail, testSigner } from '@yichuang/domain/testing/audit-trail';
import { buildCentralApp } from '../app';
import type { Central } from '../central';
import { casePutSchema, type CasePut, type CentralFile } from '@yichuang/domain/protocol';
import type { Workstation } from '../service/workstations';
import { csrfOf, pageClient, setCookie, signInCookie } from '../testing/pages';
import { escapeHtml, html } from './html';

const idNumber = validCitizenId('37030319900101123');
const adminPassword = 'admin-password-1';
const approverPassword = 'approver-password-1';

let dataDir: string;
let app: FastifyInstance;
let central: Central;
let ws: Workstation;
const signer = testSigner();
let signInBeforePeople: string;
let approverCookie: string;
let adminCookie: string;

const png = makePng(40, 30, 3);
const pngSha = createHash('sha256').update(png).digest('hex');
const missingPng = makePng(20, 20, 7);
const missingSha = createHash('sha256').update(missingPng).digest('hex');

function pngFile(sha256: string, bytes: number, name: string): CentralFile {
  return { sha256, mime: 'image/png', bytes, pages: 1, name };
}

function caseBody(
  number: string,
  name: string,
  files: CentralFile[],
  form: Record<string, string> = { reason: '务工' },
): CasePut {
  const draft = emptyDraft('SD-JZZ-001');
  draft.person = {
    ...draft.person,
    name,
    idNumber,
    sex: '男',
    nation: '汉',
    birthDate: '1990-01-01',
    phone: '13800138000',
    address: '山东省淄博市张店区人民西路 1 号',
    source: 'card',
  };
  draft.form = form;
  const at = new Date().toISOString();
  return casePutSchema.parse({
    id: randomUUID(),
    version: 1,
    number,
    windowState: 'accepted',
    matter: { code: 'SD-JZZ-001', name: '居住证签注', department: '公安局' },
    catalogVersion: 1,
    subject: 'individual',
    districtCode: '370303',
    windowNumber: 3,
    clerk: { staffId: 1, username: 'wang', displayName: '王晓' },
    decision: { kind: 'accept' },
    decidedAt: at,
    acceptedAt: at,
    promisedDate: '2026-12-04',
    promisedProvisional: false,
    contentHash: 'ab'.repeat(32),
    draft,
    materials: [
      {
        itemId: 'id-card',
        name: '居民身份证',
        required: true,
        status: 'complete',
        pages: 1,
        originalChecked: true,
        copies: 1,
        eLicence: false,
        files,
      },
    ],
  });
}

const get = (url: string, cookie?: string) => pageClient(app).get(url, cookie);
const post = (url: string, cookie: string | undefined, fields: Record<string, string>) =>
  pageClient(app).post(url, cookie, fields);

async function signIn(username: string, password: string): Promise<string> {
  const cookie = await signInCookie(app, username, password);
  expect(cookie).not.toBe('');
  return cookie;
}

let first: CasePut;
let hostile: CasePut;
let receiving: CasePut;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'central-approver-'));
  ({ app, central } = await buildCentralApp({ dataDir, databaseUrl: undefined, name: '张店区 中心审批' }));
  signInBeforePeople = (await get('/approver/sign-in')).body;

  await central.people.create(
    { username: 'admin', displayName: '管理员甲', role: 'admin', password: adminPassword },
    'test',
  );
  await central.people.create(
    { username: 'li', displayName: '李审批', role: 'approver', password: approverPassword, department: '公安局' },
    'test',
  );
  await central.people.create(
    {
      username: 'zhao',
      displayName: '赵审批',
      role: 'approver',
      password: approverPassword,
      department: '市场监督管理局',
    },
    'test',
  );

  const { code } = await central.registry.createCode('3 号窗口', 'test');
  const { credential } = await central.registry.enrol({
    code,
    districtCode: '370303',
    windowNumber: 3,
    hallName: '张店区市民中心',
    hostname: 'ws3',
    auditKey: signer.publicKey,
  });
  ws = await central.registry.authenticate(`Bearer ${credential}`);

  // The file arrives without tus: written where a verified upload goes, then recorded.
  const path = central.uploads.blobPath(pngSha);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, png);

  first = caseBody('370303-20261127-003-0001', '张三', [pngFile(pngSha, png.length, '身份证正面.png')]);
  await central.cases.put(ws, first, null);
  await central.cases.fileVerified(pngSha, png.length, 'image/png');

  hostile = caseBody(
    '370303-20261127-003-0002',
    '<script>alert(1)</script>',
    [pngFile(pngSha, png.length, '"><img src=x onerror=alert(2)>.png')],
    {
      reason: '"><b onmouseover=alert(3)>x</b>',
    },
  );
  await central.cases.put(ws, hostile, null);

  receiving = caseBody('370303-20261127-003-0003', '王五', [pngFile(missingSha, missingPng.length, '户口簿.png')]);
  await central.cases.put(ws, receiving, null);
}, 60_000);

afterAll(async () => {
  await app?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('html', () => {
  it('escapes every value and keeps its own markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', 1, null, false]}</p>`.html).toBe('<p><b>&lt;i&gt;</b>&lt;1</p>');
  });
});

describe('approver page', () => {
  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const queue = await get('/approver');
    expect(queue.statusCode).toBe(303);
    expect(queue.headers.location).toBe('/approver/sign-in');
    const detail = await get(`/approver/cases/${first.id}`);
    expect(detail.statusCode).toBe(303);
    expect(detail.headers.location).toBe(`/approver/sign-in?next=${encodeURIComponent(`/approver/cases/${first.id}`)}`);
    expect((await get(`/approver/files/${pngSha}`)).statusCode).toBe(303);
    expect((await get('/approver/admin')).statusCode).toBe(303);
    const decide = await post(`/approver/cases/${first.id}/decide`, undefined, { action: 'approve', version: '1' });
    expect(decide.statusCode).toBe(303);
    expect(decide.headers.location).toBe('/approver/sign-in');
  });

  it('points to the setup page while there is no administrator', async () => {
    expect(signInBeforePeople).toContain('href="/approver/setup"');
    const now = await get('/approver/sign-in');
    expect(now.statusCode).toBe(200);
    expect(now.body).not.toContain('/approver/setup');
    expect(now.headers['content-security-policy']).toContain("script-src 'none'");
  });

  it('refuses a wrong password on the same page', async () => {
    const response = await post('/approver/sign-in', undefined, { username: 'li', password: 'wrong-password' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('用户名或密码错误，或账户已停用、已锁定');
    expect(response.body).toContain('value="li"');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie (Secure: not known to be loopback)', async () => {
    const response = await post('/approver/sign-in', undefined, { username: 'li', password: approverPassword });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/approver');
    const cookie = setCookie(response);
    expect(cookie).toMatch(/^central_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    approverCookie = cookie.split(';')[0]!;
    adminCookie = await signIn('admin', adminPassword);
    // Sign-in goes back to the page asked for, never to another site.
    const next = await post('/approver/sign-in', undefined, {
      username: 'li',
      password: approverPassword,
      next: `/approver/cases/${first.id}`,
    });
    expect(next.headers.location).toBe(`/approver/cases/${first.id}`);
    const away = await post('/approver/sign-in', undefined, {
      username: 'li',
      password: approverPassword,
      next: '//evil.example/approver',
    });
    expect(away.headers.location).toBe('/approver');
  });

  it('shows the queue of cases to review, with the ID number masked', async () => {
    const response = await get('/approver', approverCookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    const page = response.body;
    expect(page).toContain('370303-20261127-003-0001');
    expect(page).toContain('待审查');
    expect(page).toContain('张三');
    expect(page).toContain('张店区市民中心');
    // No page reloads itself (a meta refresh takes the page from under a reader): a link refreshes it.
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).toContain('<a href="/approver?tab=submitted">刷新列表</a>');
    expect(page).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(page).not.toContain(idNumber);
    // The case still receiving files is on its own tab.
    expect(page).not.toContain('370303-20261127-003-0003');
    const receivingTab = await get('/approver?tab=receiving', approverCookie);
    expect(receivingTab.body).toContain('370303-20261127-003-0003');
    expect(receivingTab.body).not.toContain('370303-20261127-003-0001');
  });

  it("keeps an approver to their department's cases", async () => {
    const other = await signIn('zhao', approverPassword);
    const queue = await get('/approver', other);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).not.toContain('370303-20261127-003-0001');
    const opened = await get(`/approver/cases/${first.id}`, other);
    expect(opened.statusCode).toBe(403);
    expect(opened.body).toContain('不在您的审批范围');
    // Not opened by looking: still waiting for its own department.
    expect((await central.cases.detail(first.id))?.row.state).toBe('submitted');
    const csrf = csrfOf(queue.body);
    const decided = await post(`/approver/cases/${first.id}/decide`, other, {
      csrf,
      version: '1',
      action: 'approve',
      comment: '',
    });
    expect(decided.statusCode).toBe(403);
    expect((await central.cases.detail(first.id))?.row.state).toBe('submitted');
  });

  it('opens a case: the applicant, the materials, and the case goes into review', async () => {
    expect((await central.cases.detail(first.id))?.row.state).toBe('submitted');
    const response = await get(`/approver/cases/${first.id}`, approverCookie);
    expect(response.statusCode).toBe(200);
    const page = response.body;
    expect(page).toContain('张三');
    // The ID number masked (isolation.test.ts: 显示完整证件号).
    expect(page).not.toContain(idNumber);
    expect(page).toContain(maskIdNumber(idNumber));
    expect(page).toContain('居住证签注');
    expect(page).toContain('居民身份证');
    expect(page).toContain(`<img src="/approver/files/${pngSha}"`);
    expect(page).toContain('审查中');
    expect(page).toContain('name="action" value="approve"');
    const detail = await central.cases.detail(first.id);
    expect(detail?.row.state).toBe('in_review');
    expect(detail?.row.approver).toBe('李审批');
    expect(detail?.events.map((e) => e.kind)).toEqual(['in_review', 'submitted']);
  });

  it('marks the files not received yet and offers no decision', async () => {
    const page = (await get(`/approver/cases/${receiving.id}`, approverCookie)).body;
    expect(page).toContain('尚未收到');
    expect(page).not.toContain(`<img src="/approver/files/${missingSha}"`);
    expect(page).not.toContain('name="action"');
    expect((await central.cases.detail(receiving.id))?.row.state).toBe('receiving');
  });

  it('refuses a decision without the form token', async () => {
    const none = await post(`/approver/cases/${first.id}/decide`, approverCookie, {
      action: 'approve',
      version: '1',
      comment: '',
    });
    expect(none.statusCode).toBe(403);
    const adminToken = csrfOf((await get('/approver', adminCookie)).body);
    const others = await post(`/approver/cases/${first.id}/decide`, approverCookie, {
      action: 'approve',
      version: '1',
      csrf: adminToken,
    });
    expect(others.statusCode).toBe(403);
    expect((await central.cases.detail(first.id))?.row.state).toBe('in_review');
  });

  it('shows a refused decision on the case page and keeps what was typed', async () => {
    const csrf = csrfOf((await get(`/approver/cases/${first.id}`, approverCookie)).body);
    const deny = await post(`/approver/cases/${first.id}/decide`, approverCookie, {
      action: 'deny',
      version: '1',
      comment: '  ',
      csrf,
    });
    expect(deny.statusCode).toBe(400);
    expect(deny.body).toContain('class="error"');
    expect(deny.body).toContain('不予批准须写明理由');
    const typed = '材料<不全>，请补交';
    const badVersion = await post(`/approver/cases/${first.id}/decide`, approverCookie, {
      action: 'deny',
      version: 'x',
      comment: typed,
      csrf,
    });
    expect(badVersion.statusCode).toBe(400);
    expect(badVersion.body).toContain(`>${escapeHtml(typed)}</textarea>`);
    expect((await central.cases.detail(first.id))?.row.state).toBe('in_review');
  });

  it('approves with a comment: the event goes to the window', async () => {
    const csrf = csrfOf((await get(`/approver/cases/${first.id}`, approverCookie)).body);
    const response = await post(`/approver/cases/${first.id}/decide`, approverCookie, {
      action: 'approve',
      version: '1',
      comment: '材料齐全，同意签注',
      csrf,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/approver/cases/${first.id}?done=approve`);
    expect((await central.cases.detail(first.id))?.row.state).toBe('approved');
    const approved = (await central.cases.events(ws, 0, 100)).find(
      (e) => e.caseId === first.id && e.kind === 'approved',
    );
    expect(approved).toMatchObject({ comment: '材料齐全，同意签注', approver: '李审批' });
    const page = (await get(`/approver/cases/${first.id}?done=approve`, approverCookie)).body;
    expect(page).toContain('已批准');
    expect(page).toContain('action="/approver/cases/' + first.id + '/complete"');

    // The same form again: the case moved on, and the page says so.
    const again = await post(`/approver/cases/${first.id}/decide`, approverCookie, {
      action: 'deny',
      version: '1',
      comment: '再议',
      csrf,
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('状态已变化');
    expect(again.body).toContain('再议');
  });

  it('completes an approved case', async () => {
    const csrf = csrfOf((await get(`/approver/cases/${first.id}`, approverCookie)).body);
    const response = await post(`/approver/cases/${first.id}/complete`, approverCookie, { version: '1', csrf });
    expect(response.statusCode).toBe(303);
    expect((await central.cases.detail(first.id))?.row.state).toBe('completed');
    const events = await central.cases.events(ws, 0, 100);
    expect(events.some((e) => e.caseId === first.id && e.kind === 'completed')).toBe(true);
    const completedTab = await get('/approver?tab=completed', approverCookie);
    expect(completedTab.body).toContain('370303-20261127-003-0001');
    const twice = await post(`/approver/cases/${first.id}/complete`, approverCookie, { version: '1', csrf });
    expect(twice.statusCode).toBe(409);
  });

  it('serves a verified file to a signed-in person only', async () => {
    const response = await get(`/approver/files/${pngSha}`, approverCookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-security-policy']).toBe('sandbox');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(response.rawPayload, png)).toBe(0);
    const download = await get(`/approver/files/${pngSha}?download=1`, approverCookie);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${pngSha.slice(0, 16)}.png"`);
    expect((await get(`/approver/files/${'0'.repeat(64)}`, approverCookie)).statusCode).toBe(404);
    expect((await get(`/approver/files/${missingSha}`, approverCookie)).statusCode).toBe(404);
    expect((await get('/approver/files/not-a-hash', approverCookie)).statusCode).toBe(404);
    expect((await get(`/approver/files/${pngSha.toUpperCase()}`, approverCookie)).statusCode).toBe(404);
  });

  it('escapes what the window typed', async () => {
    const queue = (await get('/approver', approverCookie)).body;
    expect(queue).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(queue).not.toContain('<script>alert(1)</script>');
    const page = (await get(`/approver/cases/${hostile.id}`, approverCookie)).body;
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b onmouseover');
    expect(page).toContain('&quot;&gt;&lt;b onmouseover=alert(3)&gt;x&lt;/b&gt;');
  });

  it('keeps approvers out of the admin pages', async () => {
    const page = await get('/approver/admin', approverCookie);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('仅限管理员');
    expect(page.body).not.toContain('href="/approver/admin"');
    const csrf = csrfOf((await get('/approver', approverCookie)).body);
    const code = await post('/approver/admin/enrolment-codes', approverCookie, { note: '4 号窗口', csrf });
    expect(code.statusCode).toBe(403);
    const revoke = await post(`/approver/admin/workstations/${ws.id}/revoke`, approverCookie, { confirm: 'yes', csrf });
    expect(revoke.statusCode).toBe(403);
  });

  it('lets an admin create an enrolment code and manage workstations', async () => {
    const admin = await get('/approver/admin', adminCookie);
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('ws3');
    expect(admin.body).toContain('张店区市民中心');
    expect(admin.body).toContain('未发现异常');
    const csrf = csrfOf(admin.body);

    const noNote = await post('/approver/admin/enrolment-codes', adminCookie, { note: ' ', csrf });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('请填写用途说明');

    const created = await post('/approver/admin/enrolment-codes', adminCookie, { note: '4 号窗口', csrf });
    expect(created.statusCode).toBe(200);
    const code = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(created.body)?.[0];
    expect(code).toBeTruthy();
    expect(created.body).toContain('只显示这一次');
    const enrolled = await central.registry.enrol({
      code: code!,
      districtCode: '370303',
      windowNumber: 4,
      hallName: '张店区市民中心',
      hostname: 'ws4',
      auditKey: testSigner().publicKey,
    });
    expect((await get('/approver/admin', adminCookie)).body).toContain('ws4');

    const unconfirmed = await post(`/approver/admin/workstations/${enrolled.workstationId}/revoke`, adminCookie, {
      csrf,
    });
    expect(unconfirmed.statusCode).toBe(400);
    const noToken = await post(`/approver/admin/workstations/${enrolled.workstationId}/revoke`, adminCookie, {
      confirm: 'yes',
    });
    expect(noToken.statusCode).toBe(403);
    const revoked = await post(`/approver/admin/workstations/${enrolled.workstationId}/revoke`, adminCookie, {
      confirm: 'yes',
      csrf,
    });
    expect(revoked.statusCode).toBe(303);
    expect((await central.registry.list()).find((w) => w.id === enrolled.workstationId)?.revokedAt).toBeTruthy();
    await expect(central.registry.authenticate(`Bearer ${enrolled.credential}`)).rejects.toThrow();
    expect((await get('/approver/admin?done=revoked', adminCookie)).body).toContain('已吊销');
    expect(
      (await post(`/approver/admin/workstations/${randomUUID()}/revoke`, adminCookie, { confirm: 'yes', csrf }))
        .statusCode,
    ).toBe(404);
  });

  it('shows the audit reports central refused: an old one replayed, a rewritten trail', async () => {
    const trail = buildTrail(10);
    expect((await central.auditHeads.report(ws.id, signer.batch(ws.id, trail.slice(0, 4)))).status).toBe('ok');
    expect((await central.auditHeads.report(ws.id, signer.batch(ws.id, trail.slice(4)))).status).toBe('ok');
    expect((await central.auditHeads.report(ws.id, signer.batch(ws.id, trail.slice(0, 4)))).status).toBe('replayed');
    const rewritten = rehashTrail(trail.map((e) => (e.seq === 5 ? { ...e, username: 'someone' } : e)));
    expect((await central.auditHeads.report(ws.id, signer.batch(ws.id, rewritten))).status).toBe('forked');
    const page = (await get('/approver/admin', adminCookie)).body;
    expect(page).toContain('旧的报送被重放或记录被截短');
    expect(page).toContain('审计记录被改写（分叉）');
    expect(page).toContain('3 号窗口');
    // Why, in the reader's language: the facts are stored, the words are the page's.
    expect(page).toContain('报送止于第 4 条，中心已确认到第 10 条');
    expect(page).toContain('第 5 条审计记录与中心已确认的不同');
    const english = (await get('/approver/admin', `${adminCookie}; lang=en`)).body;
    expect(english).toContain('The report ends at entry 4; central has confirmed up to entry 10');
    expect(english).toContain('Entry 5 differs from the one central confirmed');
    expect(english).not.toContain('报送止于');
    // Central's own trail says the same in its detail column.
    const log = (await get('/approver/log', adminCookie)).body;
    expect(log).toContain('报送止于第 4 条，中心已确认到第 10 条');
  });

  it('answers unknown pages with an HTML 404 and unknown cases too', async () => {
    const nowhere = await get('/approver/nowhere', approverCookie);
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.headers['content-type']).toContain('text/html');
    expect((await get(`/approver/cases/${randomUUID()}`, approverCookie)).statusCode).toBe(404);
    expect((await get('/approver/cases/not-a-uuid', approverCookie)).statusCode).toBe(404);
  });

  it('signs out with the form token', async () => {
    const csrf = csrfOf((await get('/approver', approverCookie)).body);
    expect((await post('/approver/sign-out', approverCookie, {})).statusCode).toBe(403);
    const out = await post('/approver/sign-out', approverCookie, { csrf });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/approver/sign-in');
    expect(setCookie(out)).toMatch(/^central_session=;.*Expires=Thu, 01 Jan 1970/);
    // The session ended at central: the cookie from before opens nothing.
    expect((await get('/approver', approverCookie)).headers.location).toBe('/approver/sign-in');
  });
});
