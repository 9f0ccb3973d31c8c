import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Central } from '../central';
import { registerAdminPages } from './admin-routes';
import { registerCasePages } from './case-routes';
import { chinaDate, href } from './html';
import { langCookie, type Lang } from './i18n';
import {
  cookieAttributes,
  createPageKit,
  field,
  hidden,
  nextPattern,
  refusalOf,
  sameText,
  sendPage,
  sessionCookie,
  type PageKit,
} from './kit';
import { queuePage, queueTabs } from './pages/queue';
import { signInPage } from './pages/sign-in';
import { registerPeoplePages } from './people-routes';

/**
 * The approver pages (server-rendered, zh-CN or English): sign-in, the language switch and the
 * queue here; a case and its decisions in case-routes.ts; admin and the trail in admin-routes.ts;
 * people in people-routes.ts. The checks every route makes (signed in, form token, role) are in kit.ts.
 */

/** Form posts are small: a comment of at most 1000 characters is the largest field. */
const formBodyLimit = 64 * 1024;
/** The language cookie lasts a year; it says nothing about the person. */
const langCookieAttributes = 'Path=/approver; SameSite=Lax; Max-Age=31536000';

function registerSignIn(scope: FastifyInstance, kit: PageKit): void {
  const { central, serviceName } = kit;

  /** The sign-in page, with the first-administrator hint while there is no one to sign in as. */
  async function sendSignIn(
    reply: FastifyReply,
    ui: ReturnType<PageKit['ui']>,
    data: { error: string | null; username: string; next: string },
  ): Promise<FastifyReply> {
    const noPeople = (await central.people.count()) === 0;
    return sendPage(reply, 200, signInPage({ ui, serviceName, noPeople, ...data }));
  }

  scope.get<{ Querystring: { next?: string } }>('/sign-in', hidden, async (request, reply) => {
    if (await kit.viewerOf(request)) return reply.redirect('/approver', 303);
    const next =
      typeof request.query.next === 'string' && nextPattern.test(request.query.next) ? request.query.next : '';
    return sendSignIn(reply, kit.ui(request), { error: null, username: '', next });
  });

  scope.post('/sign-in', hidden, async (request, reply) => {
    const ui = kit.ui(request);
    const username = field(request.body, 'username').trim();
    const password = field(request.body, 'password');
    const nextField = field(request.body, 'next');
    const next = nextPattern.test(nextField) ? nextField : '';
    const again = (error: string) => sendSignIn(reply, ui, { error, username, next });
    if (!username || !password) return again(ui.t('signIn.missing'));
    const person = await central.people.verify(username, password);
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
    await kit.startSession(reply, person);
    return reply.redirect(next || '/approver', 303);
  });

  scope.post('/sign-out', hidden, async (request, reply) => {
    const viewer = await kit.viewerOf(request);
    if (viewer && !sameText(field(request.body, 'csrf'), viewer.csrf)) return kit.staleForm(request, reply, viewer);
    reply.header('set-cookie', `${sessionCookie}=; ${cookieAttributes}; Max-Age=0`);
    return reply.redirect('/approver/sign-in', 303);
  });

  // 中文 / English: a plain link; the cookie it sets wins over the browser's language from then on.
  scope.get<{ Querystring: { to?: string; back?: string } }>('/lang', hidden, async (request, reply) => {
    const to: Lang = request.query.to === 'en' ? 'en' : 'zh-CN';
    const back =
      typeof request.query.back === 'string' && nextPattern.test(request.query.back) ? request.query.back : '/approver';
    reply.header('set-cookie', `${langCookie}=${to}; ${langCookieAttributes}`);
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
    (scope, _options, registered) => {
      // Fastify has no form parser of its own; this one is for these pages only.
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: formBodyLimit },
        (_request, body, done) => {
          const fields = Object.create(null) as Record<string, string>;
          for (const [k, v] of new URLSearchParams(body as string)) if (!Object.hasOwn(fields, k)) fields[k] = v;
          done(null, fields);
        },
      );

      scope.setErrorHandler(async (error, request, reply) => {
        const ui = kit.ui(request);
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

      registered();
    },
    { prefix: '/approver' },
  );
}
