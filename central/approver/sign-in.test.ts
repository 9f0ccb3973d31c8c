import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionLimits } from '../service/sessions';
import { startCentral, type RunningCentral } from '../testing/central';
import { csrfOf, pageClient, setCookie, signInCookie } from '../testing/pages';
import { translator } from './i18n';

/**
 * The approver page's sign-in, sessions and first administrator, against attacks tried for real:
 * guessing passwords (rate limit, lockout), telling names apart, a copied cookie, an idle session,
 * cookie flags, and the one-time setup token.
 */

const zh = translator('zh-CN');
const en = translator('en');
const minute = 60 * 1000;
const password = 'li-password-1';

/** The error box of a page ('' when none). */
const errorOf = (page: string) => /<div class="error" role="alert">([^<]*)<\/div>/.exec(page)?.[1] ?? '';

describe('approver sign-in and sessions', () => {
  let c: RunningCentral;
  let clock = Date.parse('2026-11-27T01:00:00.000Z');
  const advance = (ms: number) => (clock += ms);
  /** Each test signs in from an address of its own, so the rate limit of one does not touch another. */
  let address = 10;
  const nextAddress = () => `10.0.0.${address++}`;

  const signIn = (username: string, pw: string, remoteAddress: string, cookie?: string) =>
    c.app.inject({
      method: 'POST',
      url: '/approver/sign-in',
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      payload: new URLSearchParams({ username, password: pw }).toString(),
    });

  beforeAll(async () => {
    c = await startCentral({ engine: 'pglite', now: () => new Date(clock) });
    for (const username of ['admin', 'li', 'wu', 'zhou', 'sun']) {
      await c.central.people.create(
        {
          username,
          displayName: `${username} 审批`,
          role: username === 'admin' ? 'admin' : 'approver',
          password,
        },
        'test',
      );
    }
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('says the same for an unknown name, a wrong password and a disabled account', async () => {
    const from = nextAddress();
    const unknown = await signIn('nobody', password, from);
    const wrong = await signIn('li', 'wrong-password-1', from);
    const zhouId = (await c.central.people.list()).find((p) => p.username === 'zhou')!.id;
    await c.central.people.setDisabled(zhouId, true, 'test');
    const disabled = await signIn('zhou', password, from);
    for (const answer of [unknown, wrong, disabled]) {
      expect(answer.statusCode).toBe(200);
      expect(errorOf(answer.body)).toBe(zh.t('signIn.refused'));
      expect(setCookie(answer)).toBe('');
    }
    // The page's words are the same whatever the name (only the typed name differs).
    expect(unknown.body.replace('value="nobody"', '')).toBe(wrong.body.replace('value="li"', ''));
  });

  it('locks a name after 5 failures for 15 minutes, alike for the right password, and audits the lock once', async () => {
    const from = nextAddress();
    for (let i = 0; i < sessionLimits.failures; i += 1) {
      expect(errorOf((await signIn('wu', `wrong-${i}-password`, from)).body)).toBe(zh.t('signIn.refused'));
    }
    expect(await c.central.signIn.isLocked('wu')).toBe(true);
    // Locked: the right password is refused with the same words, and the lock is not extended.
    const locked = await signIn('wu', password, nextAddress());
    expect(errorOf(locked.body)).toBe(zh.t('signIn.refused'));
    expect(setCookie(locked)).toBe('');
    const locks = (await c.central.audit.list('wu')).filter((e) => e.action === 'person.locked');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actorKind: 'system', detail: { failures: sessionLimits.failures } });
    // Another name is not locked by it.
    expect((await signIn('li', password, nextAddress())).statusCode).toBe(303);

    advance(sessionLimits.lockMs - minute);
    expect(setCookie(await signIn('wu', password, nextAddress()))).toBe('');
    advance(2 * minute);
    const after = await signIn('wu', password, nextAddress());
    expect(after.statusCode).toBe(303);
    expect(await c.central.signIn.isLocked('wu')).toBe(false);
  });

  it('slows a client down: the 11th sign-in a minute from one address is 429 with the page, in its language', async () => {
    const from = nextAddress();
    for (let i = 0; i < sessionLimits.attemptsPerMinute; i += 1) {
      expect((await signIn(`guess${i}`, 'wrong-password-1', from)).statusCode).toBe(200);
    }
    const slowed = await signIn('li', password, from);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers['content-type']).toContain('text/html');
    expect(errorOf(slowed.body)).toBe(zh.t('signIn.tooMany'));
    expect(slowed.body).toContain('id="username"');
    expect(setCookie(slowed)).toBe('');
    const english = await signIn('li', password, from, 'lang=en');
    expect(english.statusCode).toBe(429);
    expect(errorOf(english.body)).toBe(en.t('signIn.tooMany'));
    // Another address is not slowed by it.
    expect((await signIn('li', password, nextAddress())).statusCode).toBe(303);
  });

  it('a copied cookie dies at sign-out', async () => {
    const cookie = setCookie(await signIn('li', password, nextAddress())).split(';')[0]!;
    const page = pageClient(c.app);
    const queue = await page.get('/approver', cookie);
    expect(queue.statusCode).toBe(200);
    const out = await page.post('/approver/sign-out', cookie, { csrf: csrfOf(queue.body) });
    expect(out.statusCode).toBe(303);
    expect(setCookie(out)).toMatch(/^central_session=;/);
    // The copy someone kept is replayed: it opens nothing.
    const replayed = await page.get('/approver', cookie);
    expect(replayed.statusCode).toBe(303);
    expect(replayed.headers.location).toBe('/approver/sign-in');
  });

  it('ends a session idle for 30 minutes, and any session after 10 hours', async () => {
    const cookie = setCookie(await signIn('li', password, nextAddress())).split(';')[0]!;
    const page = pageClient(c.app);
    advance(sessionLimits.idleMs - minute);
    expect((await page.get('/approver', cookie)).statusCode).toBe(200);
    advance(sessionLimits.idleMs - minute);
    expect((await page.get('/approver', cookie)).statusCode).toBe(200);
    advance(sessionLimits.idleMs + minute);
    expect((await page.get('/approver', cookie)).headers.location).toBe('/approver/sign-in');

    const busy = setCookie(await signIn('li', password, nextAddress())).split(';')[0]!;
    const started = clock;
    while (clock - started < sessionLimits.absoluteMs - 20 * minute) {
      advance(20 * minute);
      expect((await page.get('/approver', busy)).statusCode).toBe(200);
    }
    advance(21 * minute);
    expect((await page.get('/approver', busy)).headers.location).toBe('/approver/sign-in');
  });

  it('keeps only a hash of the session id', async () => {
    const cookie = setCookie(await signIn('sun', password, nextAddress())).split(';')[0]!;
    const id = cookie.slice('central_session='.length);
    const stored = JSON.stringify(await c.central.database.db.query.approverSessions.findMany());
    expect(stored).not.toContain(id);
  });

  it('sets the cookie HttpOnly and SameSite=Strict, Secure unless central was reached on loopback', async () => {
    // Over a real connection to 127.0.0.1: no Secure (the browser is on this machine).
    const local = await fetch(`${c.url}/approver/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'li', password }).toString(),
      redirect: 'manual',
    });
    const loopback = local.headers.get('set-cookie') ?? '';
    expect(loopback).toMatch(/HttpOnly/);
    expect(loopback).toMatch(/SameSite=Strict/);
    expect(loopback).not.toMatch(/Secure/);
    // A request not known to have come in on loopback: Secure.
    const remote = setCookie(await signIn('li', password, nextAddress()));
    expect(remote).toMatch(/HttpOnly/);
    expect(remote).toMatch(/SameSite=Strict/);
    expect(remote).toMatch(/Secure/);
  });
});

describe('central on loopback behind a TLS terminator', () => {
  let c: RunningCentral;
  beforeAll(async () => {
    c = await startCentral({ engine: 'pglite', behindTls: true });
    await c.central.people.create({ username: 'li', displayName: '李', role: 'approver', password }, 'test');
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('marks the cookie Secure even on loopback, and counts each forwarded client for the rate limit', async () => {
    const attempt = (forwarded: string) =>
      fetch(`${c.url}/approver/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwarded },
        body: new URLSearchParams({ username: 'li', password }).toString(),
        redirect: 'manual',
      });
    expect((await attempt('192.0.2.1')).headers.get('set-cookie')).toMatch(/Secure/);
    for (let i = 1; i < sessionLimits.attemptsPerMinute; i += 1) await attempt('192.0.2.1');
    expect((await attempt('192.0.2.1')).status).toBe(429);
    expect((await attempt('192.0.2.2')).status).toBe(303);
  });
});

describe('the first administrator, through a one-time setup token', () => {
  let c: RunningCentral;
  const clock = Date.parse('2026-11-27T01:00:00.000Z');

  beforeAll(async () => {
    c = await startCentral({ engine: 'pglite', now: () => new Date(clock) });
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  const setup = (fields: Record<string, string>) => pageClient(c.app).post('/approver/setup', undefined, fields);

  it('works once with the token from the 0600 file; the page then refuses', async () => {
    const page = pageClient(c.app);
    // Nobody yet: the sign-in page points to the setup page, which is closed until central issued a token.
    expect((await page.get('/approver/sign-in')).body).toContain('href="/approver/setup"');
    expect((await page.get('/approver/setup')).statusCode).toBe(410);

    const { token, file } = await c.central.setup.issue();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const form = await page.get('/approver/setup');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(zh.t('setup.title'));

    const fields = { token, username: 'chief', password: 'chief-password-1', again: 'chief-password-1' };
    const wrong = await setup({ ...fields, token: 'not-the-token' });
    expect(wrong.statusCode).toBe(403);
    expect(errorOf(wrong.body)).toBe('设置口令无效、已用过或已过期：请重新启动中心，取得新的设置口令');
    const differ = await setup({ ...fields, again: 'other-password-1' });
    expect(errorOf(differ.body)).toBe('两次输入的密码不一致');
    const short = await setup({ ...fields, password: 'short', again: 'short' });
    expect(errorOf(short.body)).toBe('密码至少 10 位');
    expect(await c.central.people.adminCount()).toBe(0);

    const done = await setup(fields);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/approver/people');
    const cookie = setCookie(done).split(';')[0]!;
    expect((await page.get('/approver/people', cookie)).statusCode).toBe(200);
    expect(await signInCookie(c.app, 'chief', 'chief-password-1')).not.toBe('');
    expect((await c.central.people.list()).map((p) => [p.username, p.role])).toEqual([['chief', 'admin']]);
    expect(() => statSync(file)).toThrow();

    // A second use, of the same token or any: refused, and nobody else is made an administrator.
    const again = await setup({ ...fields, username: 'mallory' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain(zh.t('setup.closed'));
    expect((await page.get('/approver/setup')).statusCode).toBe(410);
    expect(await c.central.people.adminCount()).toBe(1);
  });
});

describe('a setup token that was not used', () => {
  let c: RunningCentral;
  let clock = Date.parse('2026-11-27T01:00:00.000Z');
  beforeAll(async () => {
    c = await startCentral({ engine: 'pglite', now: () => new Date(clock) });
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('expires after 24 hours, and a newer token replaces an older one', async () => {
    const older = await c.central.setup.issue();
    const { token } = await c.central.setup.issue();
    const fields = { username: 'chief', password: 'chief-password-1', again: 'chief-password-1' };
    const page = pageClient(c.app);
    expect((await page.post('/approver/setup', undefined, { ...fields, token: older.token })).statusCode).toBe(403);
    clock += 24 * 60 * minute + 1000;
    expect((await page.get('/approver/setup')).statusCode).toBe(410);
    expect((await page.post('/approver/setup', undefined, { ...fields, token })).statusCode).toBe(410);
    expect(await c.central.people.adminCount()).toBe(0);
  });
});
