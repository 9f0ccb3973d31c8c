// Longer than most files on purpose: every route of the approver pages in one place, so the order of
// the checks each one makes (signed in, form token, role, department) can be read and compared at a
// glance. The pages themselves are in pages/, the data in the services.
import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Central } from '../central';
import type { ApproverAction } from '../service/cases';
import type { SupplementChoice } from '../service/supplement';
import { CentralError } from '../service/errors';
import { chinaDate, href } from './html';
import { registerPeoplePages } from './people-routes';
import { adminPage, type AdminPageData } from './pages/admin';
import { auditCaseIds } from './pages/audit-labels';
import { casePage } from './pages/case';
import type { CaseDetailData, Viewer } from './pages/layout';
import { logPage } from './pages/log';
import { queuePage, queueTabs } from './pages/queue';
import { messagePage, signInPage } from './pages/sign-in';

export const sessionCookie = 'central_session';

/** The HTML pages load nothing from elsewhere and run no script. */
export const pageCsp =
  "default-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; frame-src 'self'; object-src 'self'; script-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Form posts are small: a comment of at most 1000 characters is the largest field. */
const formBodyLimit = 64 * 1024;
const hidden = { schema: { hide: true } };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256Pattern = /^[0-9a-f]{64}$/;
/** Where sign-in may send the person back to: a page of ours, never another site. */
const nextPattern = /^\/approver(?:\/[A-Za-z0-9-]+)*\/?(?:\?[A-Za-z0-9=&_%-]*)?$/;

const actions: readonly ApproverAction[] = ['approve', 'deny', 'supplement'];
const doneNotices: Record<string, string> = {
  approve: '已批准。',
  deny: '已作出不予批准的决定。',
  supplement: '已要求补正：窗口将收到通知。',
  complete: '已办结。',
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

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** A field of a parsed form (the parser below gives strings only); '' when absent. */
function field(body: unknown, name: string): string {
  if (body && typeof body === 'object' && Object.hasOwn(body, name)) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
  }
  return '';
}

/**
 * The materials the approver marked for a supplement on the case page's form: each ticked
 * (`item.<id>`) or given a reason (`reason.<id>`), with the reason as typed.
 */
function supplementChoices(body: unknown): SupplementChoice[] {
  if (!body || typeof body !== 'object') return [];
  const ids = new Set<string>();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    if (key.startsWith('item.') && value === '1') ids.add(key.slice('item.'.length));
    else if (key.startsWith('reason.') && value.trim()) ids.add(key.slice('reason.'.length));
  }
  return [...ids].map((itemId) => ({ itemId, reason: field(body, `reason.${itemId}`) }));
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendPage(reply: FastifyReply, status: number, text: string): FastifyReply {
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

/**
 * The session cookie's attributes. Behind a TLS terminator set CENTRAL_SECURE_COOKIES=1, so the
 * browser never sends the session over plain HTTP (central itself cannot tell it is behind TLS).
 */
const cookieAttributes = `Path=/; HttpOnly; SameSite=Strict${process.env.CENTRAL_SECURE_COOKIES === '1' ? '; Secure' : ''}`;

/** The approver page (Chinese, server-rendered): sign-in, the queue, a case with its materials, decisions; admin: enrolment codes, workstations, audit anomalies, people, the trail. */
export async function registerApproverPages(app: FastifyInstance, central: Central): Promise<void> {
  const serviceName = central.name;

  async function viewerOf(request: FastifyRequest): Promise<Viewer | null> {
    const session = cookieValue(request.headers.cookie, sessionCookie);
    if (!session) return null;
    const person = await central.people.fromSession(session);
    return person ? { person, csrf: central.people.formToken(session) } : null;
  }

  function toSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const next = request.method === 'GET' && nextPattern.test(request.url) ? request.url : undefined;
    return reply.redirect(href('/approver/sign-in', { next: next === '/approver' ? undefined : next }), 303);
  }

  function message(
    reply: FastifyReply,
    status: number,
    viewer: Viewer | null,
    title: string,
    text: string,
  ): FastifyReply {
    return sendPage(reply, status, messagePage({ serviceName, viewer, title, message: text }));
  }

  /** An approver with a department decides only that department's cases. */
  const inScope = (viewer: Viewer, department: string) =>
    !viewer.person.department || viewer.person.department === department;
  const outOfScope = (reply: FastifyReply, viewer: Viewer, department: string) =>
    forbidden(reply, viewer, `该办件由「${department}」审批，不在您的审批范围（${viewer.person.department}）内。`);
  const forbidden = (reply: FastifyReply, viewer: Viewer | null, text: string) =>
    message(reply, 403, viewer, '无权操作', text);
  const notFoundPage = (reply: FastifyReply, viewer: Viewer | null, text = '您要找的页面不存在。') =>
    message(reply, 404, viewer, '未找到', text);
  const staleForm = (reply: FastifyReply, viewer: Viewer) =>
    forbidden(reply, viewer, '表单已过期或来源不明，操作未执行：请回到页面刷新后再试。');

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
    else if (need.form && !sameText(field(request.body, 'csrf'), viewer.csrf)) staleForm(reply, viewer);
    else if (need.admin && viewer.person.role !== 'admin') forbidden(reply, viewer, '管理页面仅限管理员使用。');
    else return viewer;
    return null;
  }

  const actorName = (person: Viewer['person']) => `${person.displayName}（${person.username}）`;

  async function startSession(reply: FastifyReply, person: Viewer['person']): Promise<string> {
    const session = await central.people.sessionFor(person);
    reply.header('set-cookie', `${sessionCookie}=${session}; ${cookieAttributes}`);
    return session;
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
  const formLabels = async (matterCode: string) =>
    (await catalogInfo()).byMatter.get(matterCode) ?? new Map<string, string>();

  async function renderCase(
    viewer: Viewer,
    detail: CaseDetailData,
    extra: { error: string | null; notice: string | null; comment: string; choices: SupplementChoice[] },
  ): Promise<string> {
    const workstation = (await central.registry.list()).find((w) => w.id === detail.row.workstationId);
    return casePage({
      serviceName,
      viewer,
      detail,
      workstation,
      formLabels: await formLabels(detail.row.matterCode),
      today: chinaDate(central.now()),
      ...extra,
    });
  }

  async function renderAdmin(
    viewer: Viewer,
    extra: Partial<Pick<AdminPageData, 'created' | 'note' | 'error' | 'notice'>>,
  ): Promise<string> {
    return adminPage({
      serviceName,
      viewer,
      workstations: await central.registry.list(),
      anomalies: await central.auditHeads.anomalies(),
      created: null,
      note: '',
      error: null,
      notice: null,
      ...extra,
    });
  }

  /** The sign-in page, with the first-administrator hint while there is no one to sign in as. */
  async function sendSignIn(
    reply: FastifyReply,
    data: { error: string | null; username: string; next: string },
  ): Promise<FastifyReply> {
    const noPeople = (await central.people.count()) === 0;
    return sendPage(reply, 200, signInPage({ serviceName, noPeople, ...data }));
  }

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
        const status =
          error instanceof CentralError ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
        if (status >= 500) request.log.error({ err: error }, 'approver page failed');
        const text =
          status >= 500
            ? '中心内部错误：请稍后重试。'
            : error instanceof CentralError
              ? error.message
              : `请求无效：${(error as Error).message}`;
        const viewer = await viewerOf(request).catch(() => null);
        return message(reply, status, viewer, status >= 500 ? '出错了' : '请求无效', text);
      });

      scope.setNotFoundHandler(async (request, reply) => notFoundPage(reply, await viewerOf(request)));

      scope.get<{ Querystring: { next?: string } }>('/sign-in', hidden, async (request, reply) => {
        if (await viewerOf(request)) return reply.redirect('/approver', 303);
        const next =
          typeof request.query.next === 'string' && nextPattern.test(request.query.next) ? request.query.next : '';
        return sendSignIn(reply, { error: null, username: '', next });
      });

      scope.post('/sign-in', hidden, async (request, reply) => {
        const username = field(request.body, 'username').trim();
        const password = field(request.body, 'password');
        const nextField = field(request.body, 'next');
        const next = nextPattern.test(nextField) ? nextField : '';
        const again = (error: string) => sendSignIn(reply, { error, username, next });
        if (!username || !password) return again('请输入用户名和密码');
        const person = await central.people.verify(username, password);
        if (!person) {
          await central.audit.record({
            actorKind: 'system',
            actor: 'central',
            action: 'person.sign_in_failed',
            target: username.toLowerCase().slice(0, 60),
            detail: { ip: request.ip },
          });
          return again('用户名或密码错误');
        }
        await central.audit.record({
          actorKind: person.role,
          actor: actorName(person),
          action: 'person.sign_in',
          target: person.username,
          detail: { ip: request.ip },
        });
        await startSession(reply, person);
        return reply.redirect(next || '/approver', 303);
      });

      scope.post('/sign-out', hidden, async (request, reply) => {
        const viewer = await viewerOf(request);
        if (viewer && !sameText(field(request.body, 'csrf'), viewer.csrf)) return staleForm(reply, viewer);
        reply.header('set-cookie', `${sessionCookie}=; ${cookieAttributes}; Max-Age=0`);
        return reply.redirect('/approver/sign-in', 303);
      });

      scope.get<{ Querystring: { tab?: string } }>('/', hidden, async (request, reply) => {
        const viewer = await signedIn(request, reply);
        if (!viewer) return reply;
        const tab = queueTabs.find((t) => t.key === request.query.tab) ?? queueTabs[0];
        const limit = 200;
        // An approver with a department sees that department's cases; an administrator sees all.
        const department = viewer.person.department;
        const rows = await central.cases.queue(tab.states, limit, department);
        const counts = await central.cases.counts(department);
        const workstations = new Map((await central.registry.list()).map((w) => [w.id, w]));
        const ids = await central.cases.applicantIds(rows.map((r) => r.id));
        const reviewStarts = await central.cases.reviewStarts(
          rows.filter((r) => r.state === 'in_review').map((r) => r.id),
        );
        const now = central.now();
        return sendPage(
          reply,
          200,
          queuePage({
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

      scope.get<{ Params: { id: string }; Querystring: { done?: string } }>(
        '/cases/:id',
        hidden,
        async (request, reply) => {
          const viewer = await signedIn(request, reply);
          if (!viewer) return reply;
          const { id } = request.params;
          if (!uuidPattern.test(id)) return notFoundPage(reply, viewer, '办件不存在。');
          let detail = await central.cases.detail(id);
          if (!detail) return notFoundPage(reply, viewer, '办件不存在。');
          if (!inScope(viewer, detail.row.department)) return outOfScope(reply, viewer, detail.row.department);
          // Looking at it (GET, not a HEAD probe) starts the review.
          if (detail.row.state === 'submitted' && request.method === 'GET') {
            await central.cases.open(id, viewer.person.displayName);
            detail = (await central.cases.detail(id)) ?? detail;
          }
          const done = request.query.done;
          const notice = typeof done === 'string' ? (doneNotices[done] ?? null) : null;
          return sendPage(
            reply,
            200,
            await renderCase(viewer, detail, { error: null, notice, comment: '', choices: [] }),
          );
        },
      );

      /** Runs a decision; a refusal shows the case again with the message and what was typed. */
      async function onCase(
        request: FastifyRequest<{ Params: { id: string } }>,
        reply: FastifyReply,
        done: string,
        run: (viewer: Viewer, version: number) => Promise<void>,
      ): Promise<FastifyReply> {
        const viewer = await signedIn(request, reply, { form: true });
        if (!viewer) return reply;
        const { id } = request.params;
        if (!uuidPattern.test(id)) return notFoundPage(reply, viewer, '办件不存在。');
        const comment = field(request.body, 'comment');
        const choices = supplementChoices(request.body);
        const target = await central.cases.detail(id);
        if (target && !inScope(viewer, target.row.department)) return outOfScope(reply, viewer, target.row.department);
        try {
          const version = Number(field(request.body, 'version'));
          if (!Number.isInteger(version) || version < 1) {
            throw new CentralError(400, 'invalid_input', '办件版本无效：请刷新页面后再试');
          }
          await run(viewer, version);
        } catch (error) {
          if (!(error instanceof CentralError)) throw error;
          const detail = await central.cases.detail(id);
          if (!detail) return notFoundPage(reply, viewer, '办件不存在。');
          return sendPage(
            reply,
            error.status,
            await renderCase(viewer, detail, { error: error.message, notice: null, comment, choices }),
          );
        }
        return reply.redirect(href(`/approver/cases/${id}`, { done }), 303);
      }

      scope.post<{ Params: { id: string } }>('/cases/:id/decide', hidden, async (request, reply) => {
        const action = field(request.body, 'action');
        return onCase(request, reply, action, async (viewer, version) => {
          const chosen = actions.find((a) => a === action);
          if (!chosen) throw new CentralError(400, 'invalid_input', '请选择批准、不予批准或要求补正');
          await central.cases.decide(
            request.params.id,
            version,
            chosen,
            field(request.body, 'comment'),
            viewer.person.displayName,
            supplementChoices(request.body),
          );
        });
      });

      scope.post<{ Params: { id: string } }>('/cases/:id/complete', hidden, async (request, reply) =>
        onCase(request, reply, 'complete', (viewer, version) =>
          central.cases.complete(request.params.id, version, viewer.person.displayName),
        ),
      );

      scope.get<{ Params: { sha256: string }; Querystring: { download?: string } }>(
        '/files/:sha256',
        hidden,
        async (request, reply) => {
          const viewer = await signedIn(request, reply);
          if (!viewer) return reply;
          const { sha256 } = request.params;
          const mime = sha256Pattern.test(sha256) ? await central.cases.verifiedFileMime(sha256) : null;
          const size = mime ? await central.uploads.blobSize(sha256) : null;
          if (!mime || size === null) {
            return reply
              .status(404)
              .header('content-type', 'text/plain; charset=utf-8')
              .header('x-content-type-options', 'nosniff')
              .send('文件不存在或尚未收到');
          }
          const extension =
            mime === 'application/pdf' ? 'pdf' : mime === 'image/png' ? 'png' : mime === 'image/jpeg' ? 'jpg' : 'bin';
          reply
            .header('content-type', mime)
            .header('content-length', size)
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'private, no-store')
            .header('referrer-policy', 'no-referrer')
            .header(
              'content-disposition',
              request.query.download === '1' ? `attachment; filename="${sha256.slice(0, 16)}.${extension}"` : 'inline',
            );
          // Nothing in a material runs script or reaches this origin (Chromium still shows PDFs under it).
          reply.header('content-security-policy', 'sandbox');
          return reply.send(createReadStream(central.uploads.blobPath(sha256)));
        },
      );

      scope.get<{ Querystring: { done?: string } }>('/admin', hidden, async (request, reply) => {
        const viewer = await signedIn(request, reply, { admin: true });
        if (!viewer) return reply;
        const notice =
          request.query.done === 'revoked' ? '已吊销该工作站：它的请求将被拒绝，须重新注册才能再连接中心。' : null;
        return sendPage(reply, 200, await renderAdmin(viewer, { notice }));
      });

      scope.post('/admin/enrolment-codes', hidden, async (request, reply) => {
        const viewer = await signedIn(request, reply, { form: true, admin: true });
        if (!viewer) return reply;
        const note = field(request.body, 'note').trim();
        if (!note || note.length > 100) {
          const error = note ? '用途说明不超过 100 字' : '请填写用途说明，如“张店区市民中心 3 号窗口”';
          return sendPage(reply, 400, await renderAdmin(viewer, { note, error }));
        }
        const created = await central.registry.createCode(note, actorName(viewer.person));
        return sendPage(reply, 200, await renderAdmin(viewer, { created: { ...created, note } }));
      });

      scope.post<{ Params: { id: string } }>('/admin/workstations/:id/revoke', hidden, async (request, reply) => {
        const viewer = await signedIn(request, reply, { form: true, admin: true });
        if (!viewer) return reply;
        const { id } = request.params;
        const target = uuidPattern.test(id) ? (await central.registry.list()).find((w) => w.id === id) : undefined;
        if (!target) return notFoundPage(reply, viewer, '工作站不存在。');
        if (field(request.body, 'confirm') !== 'yes') {
          return sendPage(reply, 400, await renderAdmin(viewer, { error: '请先勾选“确认”再吊销工作站。' }));
        }
        if (!target.revokedAt) await central.registry.revoke(id, actorName(viewer.person));
        return reply.redirect('/approver/admin?done=revoked', 303);
      });

      scope.get('/log', hidden, async (request, reply) => {
        const viewer = await signedIn(request, reply, { admin: true });
        if (!viewer) return reply;
        const entries = await central.audit.list();
        const names = {
          caseNumbers: await central.cases.numbers(auditCaseIds(entries)),
          workstations: new Map((await central.registry.list()).map((w) => [w.id, w])),
        };
        return sendPage(reply, 200, logPage({ serviceName, viewer, entries, names }));
      });

      registerPeoplePages(scope, central, {
        serviceName,
        signedIn,
        sendPage,
        notFoundPage,
        field,
        actorName,
        startSession,
        departments: async () => (await catalogInfo()).departments,
      });

      registered();
    },
    { prefix: '/approver' },
  );
}
