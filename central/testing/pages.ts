import type { FastifyInstance } from 'fastify';
import type { Central } from '../central';

/** Test helpers for the approver pages: GET and form POST through `app.inject`, sign-in, the form token. */

type Answer = Awaited<ReturnType<FastifyInstance['inject']>>;

export function pageClient(app: FastifyInstance) {
  function get(url: string, cookie?: string): Promise<Answer> {
    return app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  }

  function post(url: string, cookie: string | undefined, fields: Record<string, string>): Promise<Answer> {
    return app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  return { get, post };
}

/** The `Set-Cookie` an answer carries ('' for none). */
export function setCookie(response: Answer): string {
  const raw = response.headers['set-cookie'];
  return Array.isArray(raw) ? (raw[0] ?? '') : typeof raw === 'string' ? raw : '';
}

/** Signs in; the `name=value` cookie, or '' when sign-in was refused. */
export async function signInCookie(app: FastifyInstance, username: string, password: string): Promise<string> {
  const response = await pageClient(app).post('/approver/sign-in', undefined, { username, password });
  return response.statusCode === 303 ? setCookie(response).split(';')[0]! : '';
}

/** The form token a page's forms carry (throws when the page has none). */
export function csrfOf(page: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('the page has no form token');
  return token;
}

/** The people the page tests sign in as: an administrator and an approver of 公安分局. */
export const testPeople = {
  admin: { username: 'admin', displayName: '管理员甲', role: 'admin', password: 'admin-password-1' },
  li: { username: 'li', displayName: '李审批', role: 'approver', password: 'li-password-1', department: '公安分局' },
} as const satisfies Record<string, Parameters<Central['people']['create']>[0]>;

/** Adds each person to central (`by` is who the trail says added them) and signs them in; their cookies, in order. */
export async function signedIn<const P extends readonly Parameters<Central['people']['create']>[0][]>(
  app: FastifyInstance,
  central: Central,
  people: P,
  by = 'test',
): Promise<{ [K in keyof P]: string }> {
  for (const person of people) await central.people.create(person, by);
  const cookies = await Promise.all(people.map((p) => signInCookie(app, p.username, p.password)));
  return cookies as { [K in keyof P]: string };
}

/** Posts a form as the page at `from` would send it: with that page's form token. */
export async function postFrom(
  app: FastifyInstance,
  cookie: string,
  from: string,
  url: string,
  fields: Record<string, string>,
): Promise<Answer> {
  const client = pageClient(app);
  const csrf = csrfOf((await client.get(from, cookie)).body);
  return client.post(url, cookie, { csrf, ...fields });
}
