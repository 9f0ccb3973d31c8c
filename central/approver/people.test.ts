import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { engines, startCentral, type RunningCentral } from '../testing/central';
import { csrfOf, pageClient, setCookie, signedIn, signInCookie, testPeople } from '../testing/pages';

/** The password a page shows once (the big code box), or null. */
const shownPassword = (page: string) => /<div class="code">([^<]+)<\/div>/.exec(page)?.[1] ?? null;

describe.each(engines)('the people page over %s', (engine) => {
  let c: RunningCentral;
  let client: ReturnType<typeof pageClient>;
  let adminCookie: string;
  let approverCookie: string;
  let csrf: string;

  const idOf = async (username: string) => (await c.central.people.list()).find((p) => p.username === username)!.id;

  beforeAll(async () => {
    c = await startCentral({ engine });
    client = pageClient(c.app);
    const catalog = testCatalog();
    await c.central.published.publish('catalog', catalog.version, catalog, 'test');
    [adminCookie, approverCookie] = await signedIn(c.app, c.central, [testPeople.admin, testPeople.li]);
    csrf = csrfOf((await client.get('/approver/people', adminCookie)).body);
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('is for administrators only, and its forms need the form token', async () => {
    expect((await client.get('/approver/people')).statusCode).toBe(303);
    const denied = await client.get('/approver/people', approverCookie);
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('仅限管理员');
    expect((await client.get(`/approver/people/${await idOf('admin')}`, approverCookie)).statusCode).toBe(403);
    const approverCsrf = csrfOf((await client.get('/approver', approverCookie)).body);
    const fields = { username: 'x1', displayName: '某人', role: 'admin', department: '', password: 'x1-password-1' };
    expect((await client.post('/approver/people', approverCookie, { ...fields, csrf: approverCsrf })).statusCode).toBe(
      403,
    );
    expect((await client.post('/approver/people', adminCookie, fields)).statusCode).toBe(403);
    expect((await c.central.people.list()).map((p) => p.username)).not.toContain('x1');
    // The top bar offers it to an administrator only.
    expect((await client.get('/approver', adminCookie)).body).toContain('href="/approver/people"');
    expect((await client.get('/approver', approverCookie)).body).not.toContain('href="/approver/people"');
  });

  it('lists the people with role, department and status', async () => {
    const page = (await client.get('/approver/people', adminCookie)).body;
    expect(page).toContain('李审批');
    expect(page).toContain('公安分局');
    expect(page).toContain('可登录');
    expect(page).toContain('<option value="市场监督管理局">');
  });

  it('refuses bad input with a Chinese message and keeps what was typed (never the password)', async () => {
    const typed = { username: 'Bad Name', displayName: '钱<审批>', role: 'approver', department: '公安分局' };
    const bad = await client.post('/approver/people', adminCookie, { ...typed, password: 'typed-secret-1', csrf });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('用户名为 2–40 位');
    expect(bad.body).toContain('value="Bad Name"');
    expect(bad.body).toContain('value="钱&lt;审批&gt;"');
    expect(bad.body).toContain('value="公安分局"');
    expect(bad.body).not.toContain('typed-secret-1');

    const unknown = await client.post('/approver/people', adminCookie, {
      ...typed,
      username: 'qian',
      department: '不存在的局',
      csrf,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('部门「不存在的局」不在事项目录的部门中');
    expect(unknown.body).toContain('value="qian"');

    const taken = await client.post('/approver/people', adminCookie, { ...typed, username: 'li', csrf });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('用户名 li 已存在');
    expect((await c.central.people.list()).map((p) => p.username)).not.toContain('qian');
  });

  it('adds an approver with a department; a password central made is shown once and works', async () => {
    const added = await client.post('/approver/people', adminCookie, {
      username: 'Qian',
      displayName: '钱审批',
      role: 'approver',
      department: '市场监督管理局',
      password: '',
      csrf,
    });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('已添加');
    expect(added.body).toContain('此密码只显示这一次');
    const password = shownPassword(added.body);
    expect(password).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const id = await idOf('qian');
    expect(await c.central.people.get(id)).toMatchObject({ role: 'approver', department: '市场监督管理局' });
    // Shown once: not on the person's page, not in the trail.
    expect((await client.get(`/approver/people/${id}`, adminCookie)).body).not.toContain(password!);
    expect(JSON.stringify(await c.central.audit.list())).not.toContain(password!);
    const cookie = await signInCookie(c.app, 'qian', password!);
    expect(cookie).not.toBe('');
    const queue = await client.get('/approver', cookie);
    expect(queue.body).toContain('市场监督管理局');
    const entry = (await c.central.audit.list('qian')).find((e) => e.action === 'person.create');
    expect(entry).toMatchObject({
      action: 'person.create',
      actor: '管理员甲（admin）',
      detail: { role: 'approver', department: '市场监督管理局' },
    });
  });

  it('changes a department; a refused one stays in the box with the message', async () => {
    const id = await idOf('qian');
    const refused = await client.post(`/approver/people/${id}/department`, adminCookie, {
      department: '某某局',
      csrf,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('不在事项目录的部门中');
    expect(refused.body).toContain('value="某某局"');
    const saved = await client.post(`/approver/people/${id}/department`, adminCookie, { department: '公安分局', csrf });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/approver/people/${id}?done=department`);
    expect((await c.central.people.get(id))?.department).toBe('公安分局');
    expect((await client.get(String(saved.headers.location), adminCookie)).body).toContain('已保存部门');
    expect((await c.central.audit.list('qian')).map((e) => e.action)).toContain('person.department');
  });

  it('disables someone: they cannot sign in, and the session they had ends', async () => {
    const id = await idOf('li');
    const unconfirmed = await client.post(`/approver/people/${id}/disable`, adminCookie, { csrf });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('请先勾选');
    expect((await client.get('/approver', approverCookie)).statusCode).toBe(200);

    const disabled = await client.post(`/approver/people/${id}/disable`, adminCookie, { confirm: 'yes', csrf });
    expect(disabled.statusCode).toBe(303);
    expect((await client.get('/approver', approverCookie)).statusCode).toBe(303);
    expect(await signInCookie(c.app, 'li', 'li-password-1')).toBe('');
    const list = (await client.get('/approver/people', adminCookie)).body;
    expect(list).toContain('已停用');
    expect((await c.central.audit.list('li')).map((e) => e.action)).toContain('person.disable');

    expect((await client.post(`/approver/people/${id}/enable`, adminCookie, { csrf })).statusCode).toBe(303);
    expect(await signInCookie(c.app, 'li', 'li-password-1')).not.toBe('');
  });

  it('never lets an administrator disable their own account', async () => {
    const id = await idOf('admin');
    const page = (await client.get(`/approver/people/${id}`, adminCookie)).body;
    expect(page).toContain('不能停用自己正在使用的账户');
    const refused = await client.post(`/approver/people/${id}/disable`, adminCookie, { confirm: 'yes', csrf });
    expect(refused.statusCode).toBe(400);
    expect((await c.central.people.get(id))?.disabledAt).toBeNull();
  });

  it('resets a password: made by central and shown once, or typed by the administrator; old sessions end', async () => {
    const id = await idOf('li');
    const before = await signInCookie(c.app, 'li', 'li-password-1');
    const short = await client.post(`/approver/people/${id}/password`, adminCookie, { password: 'short', csrf });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('密码至少 10 位');

    const made = await client.post(`/approver/people/${id}/password`, adminCookie, { password: '', csrf });
    expect(made.statusCode).toBe(200);
    const password = shownPassword(made.body)!;
    expect(password).toBeTruthy();
    expect((await client.get('/approver', before)).statusCode).toBe(303);
    expect(await signInCookie(c.app, 'li', 'li-password-1')).toBe('');
    expect(await signInCookie(c.app, 'li', password)).not.toBe('');

    const typed = await client.post(`/approver/people/${id}/password`, adminCookie, {
      password: 'chosen-by-admin-1',
      csrf,
    });
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe(`/approver/people/${id}?done=password`);
    expect(await signInCookie(c.app, 'li', 'chosen-by-admin-1')).not.toBe('');
    const trail = JSON.stringify(await c.central.audit.list('li'));
    expect(trail).toContain('person.password_reset');
    expect(trail).not.toContain('chosen-by-admin-1');
    expect(trail).not.toContain(password);
  });

  it('an administrator who resets their own password stays signed in with a new session', async () => {
    const id = await idOf('admin');
    const reset = await client.post(`/approver/people/${id}/password`, adminCookie, {
      password: 'admin-password-2',
      csrf,
    });
    expect(reset.statusCode).toBe(303);
    const fresh = setCookie(reset).split(';')[0]!;
    expect(fresh).toMatch(/^central_session=/);
    expect((await client.get('/approver/people', adminCookie)).statusCode).toBe(303);
    expect((await client.get('/approver/people', fresh)).statusCode).toBe(200);
    adminCookie = fresh;
    csrf = csrfOf((await client.get('/approver/people', adminCookie)).body);
  });

  it('answers an unknown person with a 404 page', async () => {
    expect((await client.get('/approver/people/999999', adminCookie)).statusCode).toBe(404);
    expect((await client.get('/approver/people/abc', adminCookie)).statusCode).toBe(404);
    expect(
      (await client.post('/approver/people/999999/disable', adminCookie, { confirm: 'yes', csrf })).statusCode,
    ).toBe(404);
  });
});
