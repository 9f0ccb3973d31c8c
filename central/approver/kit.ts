import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Central } from '../central';
import { CentralError } from '../service/errors';
import type { Person } from '../service/people';
import { sessionLimits } from '../service/sessions';
import { href } from './html';
import { langCookie, pickLang, translator, type Lang } from './i18n';
import type { Ui, Viewer } from './pages/layout';
import { messagePage } from './pages/sign-in';

/** What every approver route shares: who is signed in, in which language, and the answers every page gives. */

export const sessionCookie = 'central_session';

/** The HTML pages load nothing from elsewhere and run no script. */
export const pageCsp =
  "default-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; frame-src 'self'; object-src 'self'; script-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const hidden = { schema: { hide: true } };
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Where sign-in (and the language switch) may send the person back to: a page of ours, never another site. */
export const nextPattern = /^\/approver(?:\/[A-Za-z0-9-]+)*\/?(?:\?[A-Za-z0-9=&_%-]*)?$/;

/** 127.0.0.0/8 and ::1 (also as IPv4-mapped IPv6): a browser on the same machine, where plain HTTP is safe. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The session cookie: HttpOnly, SameSite=Strict, and Secure unless the request came in on a
 * loopback address (the address central received it on, not anything the request says). An
 * unknown address counts as not loopback. `always`: Secure even on loopback (behind a TLS terminator).
 */
export function sessionCookieOptions(request: FastifyRequest, mode: 'auto' | 'always') {
  const secure = mode === 'always' || !isLoopback(request.socket.localAddress);
  return { path: '/', httpOnly: true, sameSite: 'strict', secure } as const;
}

/** A request the rate limit stopped: the page it came from answers 429 with its own words. */
export class TooManyAttempts extends Error {
  readonly statusCode = 429;
  constructor() {
    super('too many attempts');
    this.name = 'TooManyAttempts';
  }
}

/** The sign-in and setup forms: at most `attemptsPerMinute` posts a minute from one client address. */
export const attemptLimit = {
  config: {
    rateLimit: {
      max: sessionLimits.attemptsPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => request.ip,
      errorResponseBuilder: () => new TooManyAttempts(),
    },
  },
};

/** Just enough of a published catalog to label a matter's form fields. */
const catalogLabelsSchema = z.object({
  matters: z.array(
    z.object({
      code: z.string(),
      department: z.string().optional(),
      formFields: z.array(z.object({ key: z.string(), label: z.string() })),
    }),
  ),
});

/** A page's own refusal, already in its reader's words (the service's are CentralErrors). */
export class PageRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PageRefusal';
  }
}

/** A refusal as a page shows it: the service's in the reader's language, or the page's own; null for any other error. */
export function refusalOf(error: unknown, lang: Lang): { status: number; text: string } | null {
  if (error instanceof CentralError) return { status: error.status, text: error.text(lang) };
  if (error instanceof PageRefusal) return { status: error.status, text: error.message };
  return null;
}

/** A field of a parsed form (the parser gives strings only); '' when absent. */
export function field(body: unknown, name: string): string {
  if (body && typeof body === 'object' && Object.hasOwn(body, name)) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
  }
  return '';
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sendPage(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', pageCsp)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .send(text);
}

/** The page a request is about, for the language switch to come back to: itself (GET), or the page the form was on. */
function hereOf(request: FastifyRequest): string {
  if (request.method === 'GET' && nextPattern.test(request.url)) return request.url;
  const referer = request.headers.referer;
  if (referer) {
    try {
      const url = new URL(referer);
      const path = url.pathname + url.search;
      if (url.host === request.headers.host && nextPattern.test(path)) return path;
    } catch {
      // not an address: the queue
    }
  }
  return '/approver';
}

export type PageKit = ReturnType<typeof createPageKit>;

/** The checks and answers every approver page shares, bound to one central. */
export function createPageKit(central: Central) {
  const serviceName = central.name;

  /** The reader's language (the switch's cookie, else the browser's Accept-Language, else zh-CN) and page. */
  function ui(request: FastifyRequest): Ui {
    const lang = pickLang(request.cookies[langCookie], request.headers['accept-language']);
    return { ...translator(lang), here: hereOf(request) };
  }

  async function viewerOf(request: FastifyRequest): Promise<Viewer | null> {
    const session = request.cookies[sessionCookie];
    const personId = await central.sessions.resolve(session);
    const person = personId === null ? null : await central.people.active(personId);
    return person && session ? { person, csrf: central.sessions.formToken(session) } : null;
  }

  function toSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const next = request.method === 'GET' && nextPattern.test(request.url) ? request.url : undefined;
    return reply.redirect(href('/approver/sign-in', { next: next === '/approver' ? undefined : next }), 303);
  }

  function message(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    viewer: Viewer | null,
    title: string,
    text: string,
  ): FastifyReply {
    return sendPage(reply, status, messagePage({ ui: ui(request), serviceName, viewer, title, message: text }));
  }

  const forbidden = (request: FastifyRequest, reply: FastifyReply, viewer: Viewer | null, text: string) =>
    message(request, reply, 403, viewer, ui(request).t('error.forbiddenTitle'), text);
  const notFoundPage = (request: FastifyRequest, reply: FastifyReply, viewer: Viewer | null, text?: string) =>
    message(request, reply, 404, viewer, ui(request).t('error.notFoundTitle'), text ?? ui(request).t('error.notFound'));
  const staleForm = (request: FastifyRequest, reply: FastifyReply, viewer: Viewer) =>
    forbidden(request, reply, viewer, ui(request).t('error.staleForm'));

  /**
   * Signed in; with `form`, the form carries this session's token; with `admin`, an administrator.
   * Otherwise null, and the answer (to sign-in, or 403) is already sent.
   */
  async function signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
    need: { form?: boolean; admin?: boolean } = {},
  ): Promise<Viewer | null> {
    const viewer = await viewerOf(request);
    if (!viewer) toSignIn(request, reply);
    else if (need.form && !sameText(field(request.body, 'csrf'), viewer.csrf)) staleForm(request, reply, viewer);
    else if (need.admin && viewer.person.role !== 'admin') {
      forbidden(request, reply, viewer, ui(request).t('error.adminOnly'));
    } else return viewer;
    return null;
  }

  const actorName = (person: Person) => `${person.displayName}（${person.username}）`;

  /** Sets a fresh session cookie (after sign-in, or for someone who just reset their own password); the viewer it makes. */
  async function startSession(request: FastifyRequest, reply: FastifyReply, person: Person): Promise<Viewer> {
    const session = await central.sessions.start(person.id);
    reply.setCookie(sessionCookie, session, sessionCookieOptions(request, central.secureCookies));
    return { person, csrf: central.sessions.formToken(session) };
  }

  /** Sign-out: the session ends at central (a copy of the cookie opens nothing) and the browser forgets it. */
  async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await central.sessions.end(request.cookies[sessionCookie]);
    reply.clearCookie(sessionCookie, sessionCookieOptions(request, central.secureCookies));
  }

  /** Form labels by matter code and the departments, from the newest published catalog (kept until a newer one appears). */
  let labelCache: { version: number; byMatter: Map<string, Map<string, string>>; departments: string[] } | null = null;
  async function catalogInfo(): Promise<{ byMatter: Map<string, Map<string, string>>; departments: string[] }> {
    const newest = await central.published.newestVersion('catalog');
    if (newest === null) return { byMatter: new Map(), departments: [] };
    if (labelCache?.version !== newest) {
      const latest = await central.published.latest('catalog', newest - 1);
      const parsed = catalogLabelsSchema.safeParse(latest?.data);
      const byMatter = new Map<string, Map<string, string>>();
      const departments = new Set<string>();
      if (parsed.success) {
        for (const m of parsed.data.matters) {
          byMatter.set(m.code, new Map(m.formFields.map((f) => [f.key, f.label])));
          if (m.department) departments.add(m.department);
        }
      }
      labelCache = {
        version: newest,
        byMatter,
        departments: [...departments].sort((a, b) => a.localeCompare(b, 'zh-CN')),
      };
    }
    return labelCache;
  }

  return {
    central,
    serviceName,
    ui,
    viewerOf,
    signedIn,
    message,
    forbidden,
    notFoundPage,
    staleForm,
    actorName,
    startSession,
    endSession,
    /** The departments of the published catalog (empty before one is published). */
    departments: async () => (await catalogInfo()).departments,
    /** A matter's form field labels by key, from the published catalog. */
    formLabels: async (matterCode: string) =>
      (await catalogInfo()).byMatter.get(matterCode) ?? new Map<string, string>(),
  };
}
