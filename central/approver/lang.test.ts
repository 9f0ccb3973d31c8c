import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startCentral, type RunningCentral } from '../testing/central';
import { pageClient, setCookie, signedIn, testPeople } from '../testing/pages';

/** A page's text as a reader sees it: no tags, no styles. */
const visibleText = (page: string) => page.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
const han = /\p{Script=Han}/u;

describe.each(engines)("central's pages in zh-CN and English over %s", (engine) => {
  let c: RunningCentral;
  let admin: string;
  const get = (url: string, headers: Record<string, string>) => c.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    c = await startCentral({ engine });
    [admin] = await signedIn(c.app, c.central, [testPeople.admin]);
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('speaks zh-CN without a choice, or for a language it does not speak', async () => {
    for (const headers of [{}, { 'accept-language': 'fr-FR,fr;q=0.9' }] as Record<string, string>[]) {
      const page = (await get('/approver/sign-in', headers)).body;
      expect(page).toContain('<html lang="zh-CN">');
      expect(page).toContain('审批人登录');
    }
  });

  it('follows the browser’s Accept-Language, and the switch’s cookie over it', async () => {
    const english = (await get('/approver/sign-in', { 'accept-language': 'en-US,en;q=0.9' })).body;
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Approver sign-in');
    const chosen = (await get('/approver/sign-in', { 'accept-language': 'en-US', cookie: 'lang=zh-CN' })).body;
    expect(chosen).toContain('<html lang="zh-CN">');
  });

  it('switches by a plain link that sets the cookie and comes back to the page', async () => {
    const queue = (await get('/approver?tab=approved', { cookie: admin })).body;
    expect(queue).toContain('href="/approver/lang?to=en&amp;back=%2Fapprover%3Ftab%3Dapproved"');
    const switched = await get('/approver/lang?to=en&back=%2Fapprover%3Ftab%3Dapproved', { cookie: admin });
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/approver?tab=approved');
    expect(setCookie(switched)).toMatch(/^lang=en;/);
    expect(setCookie(switched)).toContain('Path=/approver');
    // Never to another site.
    expect((await get('/approver/lang?to=en&back=https%3A%2F%2Fevil.example', {})).headers.location).toBe('/approver');
  });

  it('shows every admin page in English with no Chinese but the switch’s 中文 and the data', async () => {
    const cookie = `${admin}; lang=en`;
    for (const url of ['/approver', '/approver/admin', '/approver/people', '/approver/log', '/approver/nowhere']) {
      const page = await get(url, { cookie });
      expect(page.body, url).toContain('<html lang="en">');
      // The data stays as entered: the service's name, the admin's name (管理员甲); the switch says 中文.
      const text = visibleText(page.body)
        .replace('中文', '')
        .replaceAll(c.central.name, '')
        .replaceAll(testPeople.admin.displayName, '');
      expect(
        text.split(/\s+/).filter((w) => han.test(w)),
        url,
      ).toEqual([]);
    }
    const people = (await get('/approver/people', { cookie })).body;
    expect(people).toContain('Approvers and administrators (1)');
    const refused = await pageClient(c.app).post('/approver/sign-in', 'lang=en', { username: 'admin', password: 'x' });
    expect(refused.body).toContain('Sign-in failed: wrong username or password');
  });
});
