import type { FastifyInstance } from 'fastify';

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
