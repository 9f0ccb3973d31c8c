import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Central } from '../central';
import { registerAdminPages } from './admin-routes';
import { registerCasePages } from './case-routes';
import { chinaDate, href } from './html';
import { langCookie, type Lang } from './i18n';
import {
  attemptLimit,
  createPageKit,
  field,
  hidden,
  nextPattern,
  refusalOf,
  sameText,
  sendPage,
  TooManyAttempts,
  type PageKit,
} from './kit';
import { queuePage, queueTabs } from './pages/queue';
import { setupPage } from './pages/setup';
import { signInPage } from './pages/sign-in';
import { registerPeoplePages } from './people-routes';
import { registerSetupPage } from './setup-routes';

/**
 * The approver pages (server-rendered, zh-CN or English): sign-in, the language switch and the
 * queue here; a case and its decisions in case-routes.ts; admin and the trail in admin-routes.ts;
 * people in people-routes.ts. The checks every route makes (signed in, form token, role) are in kit.ts.
 */

/** Form posts are small: a comment of at most 1000 characters is the largest field. */
const formBodyLimit = 64 * 1024;
/** The language cookie lasts a year; it says nothing about the person. */
const langCookieOptions = { path: '/approver', sameSite: 'lax', maxAge: 31536000 } as const;

/** The sign-in page, with the setup hint while there is no administrator yet. */
async function sendSignIn(
  kit: PageKit,
  reply: FastifyReply,
  ui: ReturnType<PageKit['ui']>,
  data: { error: string | null; username: string; next: string },
  status = 200,
): Promise<FastifyReply> {
  const noAdmin = (await kit.central.people.adminCount()) === 0;
  return sendPage(reply, status, signInPage({ ui, serviceName: kit.serviceName, noAdmin, ...data }));
}

/** 429: the form the attempt came from again, saying to wait (the limit is checked before the form is read). */
async function tooMany(kit: PageKit, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const ui = kit.ui(request);
  const error = ui.t('signIn.tooMany');
  if (request.url.startsWith('/approver/setup')) {
    return sendPage(reply, 429, setupPage({ ui, serviceName: kit.serviceName, error, username: '' }));
  }
  return sendSignIn(kit, reply, ui, { error, username: '', next: '' }, 429);
}

function registerSignIn(scope: FastifyInstance, kit: PageKit): void {
  const { central } = kit;
  const sendSignInPage = (reply: FastifyReply, ui: ReturnType<PageKit['ui']>, data: Parameters<typeof sendSignIn>[3]) =>
    sendSignIn(kit, reply, ui, data);

  scope.get<{ Querystring: { next?: string } }>('/sign-in', hidden, async (request, reply) => {
    if (await kit.viewerOf(request)) return reply.redirect('/approver', 303);
    const next =
      typeof request.query.next === 'string' && nextPattern.test(request.query.next) ? request.query.next : '';
    return sendSignInPage(reply, kit.ui(request), { error: null, username: '', next });
  });

  scope.post('/sign-in', { ...hidden, ...attemptLimit }, async (request, reply) => {
    const ui = kit.ui(request);
    const username = field(request.body, 'username').trim();
    const password = field(request.body, 'password');
    const nextField = field(request.body, 'next');
    const next = nextPattern.test(nextField) ? nextField : '';
    const again = (error: string) => sendSignInPage(reply, ui, { error, username, next });
    if (!username || !password) return again(ui.t('signIn.missing'));
    // Unknown, wrong, locked, disabled: one answer, in the same time (service/sign-in.ts).
    const person = await central.signIn.attempt(username, password, request.ip);
    if (!person) {
      await central.audit.record({
        actorKind: 'system',
        actor: 'central',
        action: 'person.sign_in_failed',
        target: username.toLowerCase().slice(0, 60),
        detail: { ip: request.ip },
      });
      return again(ui.t('signIn.refused'));
    }
    await central.audit.record({
      actorKind: person.role,
      actor: kit.actorName(person),
      action: 'person.sign_in',
      target: person.username,
      detail: { ip: request.ip },
    });
    await kit.startSession(request, reply, person);
    return reply.redirect(next || '/approver', 303);
  });

  scope.post('/sign-out', hidden, async (request, reply) => {
    const viewer = await kit.viewerOf(request);
    if (viewer && !sameText(field(request.body, 'csrf'), viewer.csrf)) return kit.staleForm(request, reply, viewer);
    await kit.endSession(request, reply);
    return reply.redirect('/approver/sign-in', 303);
  });

  // 中文 / English: a plain link; the cookie it sets wins over the browser's language from then on.
  scope.get<{ Querystring: { to?: string; back?: string } }>('/lang', hidden, async (request, reply) => {
    const to: Lang = request.query.to === 'en' ? 'en' : 'zh-CN';
    const back =
      typeof request.query.back === 'string' && nextPattern.test(request.query.back) ? request.query.back : '/approver';
    reply.setCookie(langCookie, to, langCookieOptions);
    return reply.redirect(back, 303);
  });
}

function registerQueue(scope: FastifyInstance, kit: PageKit): void {
  const { central, serviceName } = kit;
  scope.get<{ Querystring: { tab?: string } }>('/', hidden, async (request, reply) => {
    const viewer = await kit.signedIn(request, reply);
    if (!viewer) return reply;
    const tab = queueTabs.find((t) => t.key === request.query.tab) ?? queueTabs[0];
    const limit = 200;
    // An approver with a department sees that department's cases; an administrator sees all.
    const department = viewer.person.department;
    const rows = await central.cases.queue(tab.states, limit, department);
    const counts = await central.cases.counts(department);
    const workstations = new Map((await central.registry.list()).map((w) => [w.id, w]));
    const ids = await central.cases.applicantIds(rows.map((r) => r.id));
    const reviewStarts = await central.cases.reviewStarts(rows.filter((r) => r.state === 'in_review').map((r) => r.id));
    const now = central.now();
    return sendPage(
      reply,
      200,
      queuePage({
        ui: kit.ui(request),
        serviceName,
        viewer,
        tab,
        rows,
        counts,
        workstations,
        applicantIds: ids,
        reviewStarts,
        self: href('/approver', { tab: tab.key }),
        today: chinaDate(now),
        now,
        limit,
      }),
    );
  });
}

/** The approver pages: sign-in, the queue, a case with its materials, decisions; admin: enrolment codes, workstations, audit anomalies, people, the trail. */
export async function registerApproverPages(app: FastifyInstance, central: Central): Promise<void> {
  const kit = createPageKit(central);
  await app.register(
    async (scope) => {
      // Cookies, forms and the sign-in rate limit for these pages only (the API has none of them).
      await scope.register(fastifyCookie);
      await scope.register(fastifyFormbody, { bodyLimit: formBodyLimit });
      await scope.register(fastifyRateLimit, { global: false });

      scope.setErrorHandler(async (error, request, reply) => {
        const ui = kit.ui(request);
        if (error instanceof TooManyAttempts) return tooMany(kit, request, reply);
        const t = ui.t.bind(ui);
        const refusal = refusalOf(error, ui.lang);
        const status = refusal?.status ?? (error as { statusCode?: number }).statusCode ?? 500;
        if (status >= 500) request.log.error({ err: error }, 'approver page failed');
        const text =
          status >= 500
            ? t('error.internal')
            : (refusal?.text ?? t('error.badRequest', { message: (error as Error).message }));
        const viewer = await kit.viewerOf(request).catch(() => null);
        return kit.message(
          request,
          reply,
          status,
          viewer,
          t(status >= 500 ? 'error.internalTitle' : 'error.badRequestTitle'),
          text,
        );
      });

      scope.setNotFoundHandler(async (request, reply) => kit.notFoundPage(request, reply, await kit.viewerOf(request)));

      registerSignIn(scope, kit);
      registerQueue(scope, kit);
      registerCasePages(scope, kit);
      registerAdminPages(scope, kit);
      registerPeoplePages(scope, kit);
      registerSetupPage(scope, kit);
    },
    { prefix: '/approver' },
  );
}
