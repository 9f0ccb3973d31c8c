import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApproverAction } from '../service/cases';
import type { SupplementChoice } from '../service/supplement';
import { chinaDate, href } from './html';
import { hasKey } from './i18n';
import { field, hidden, PageRefusal, refusalOf, sendPage, uuidPattern, type PageKit } from './kit';
import { casePage } from './pages/case';
import type { CaseDetailData, Viewer } from './pages/layout';

/** A case under review: its page (which starts the review), the decisions on it, its files. */

const sha256Pattern = /^[0-9a-f]{64}$/;
const actions: readonly ApproverAction[] = ['approve', 'deny', 'supplement'];

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

export function registerCasePages(scope: FastifyInstance, kit: PageKit): void {
  const { central, serviceName, signedIn, notFoundPage } = kit;

  /** An approver with a department decides only that department's cases. */
  const inScope = (viewer: Viewer, department: string) =>
    !viewer.person.department || viewer.person.department === department;
  const outOfScope = (request: FastifyRequest, reply: FastifyReply, viewer: Viewer, department: string) =>
    kit.forbidden(
      request,
      reply,
      viewer,
      kit.ui(request).t('error.outOfScope', { department, own: viewer.person.department }),
    );
  const noCase = (request: FastifyRequest, reply: FastifyReply, viewer: Viewer) =>
    notFoundPage(request, reply, viewer, kit.ui(request).t('error.noCase'));

  async function renderCase(
    request: FastifyRequest,
    viewer: Viewer,
    detail: CaseDetailData,
    extra: {
      error: string | null;
      notice: string | null;
      comment: string;
      choices: SupplementChoice[];
      revealId?: boolean;
    },
  ): Promise<string> {
    const workstation = (await central.registry.list()).find((w) => w.id === detail.row.workstationId);
    return casePage({
      ui: kit.ui(request),
      serviceName,
      viewer,
      detail,
      workstation,
      formLabels: await kit.formLabels(detail.row.matterCode),
      today: chinaDate(central.now()),
      ...extra,
    });
  }

  scope.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/cases/:id',
    hidden,
    async (request, reply) => {
      const viewer = await signedIn(request, reply);
      if (!viewer) return reply;
      const { id } = request.params;
      if (!uuidPattern.test(id)) return noCase(request, reply, viewer);
      let detail = await central.cases.detail(id);
      if (!detail) return noCase(request, reply, viewer);
      if (!inScope(viewer, detail.row.department)) return outOfScope(request, reply, viewer, detail.row.department);
      // Looking at it (GET, not a HEAD probe) starts the review.
      if (detail.row.state === 'submitted' && request.method === 'GET') {
        await central.cases.open(id, viewer.person.displayName);
        detail = (await central.cases.detail(id)) ?? detail;
      }
      const doneKey = `done.${request.query.done}`;
      const notice = typeof request.query.done === 'string' && hasKey(doneKey) ? kit.ui(request).t(doneKey) : null;
      return sendPage(
        reply,
        200,
        await renderCase(request, viewer, detail, { error: null, notice, comment: '', choices: [] }),
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
    if (!uuidPattern.test(id)) return noCase(request, reply, viewer);
    const comment = field(request.body, 'comment');
    const choices = supplementChoices(request.body);
    const target = await central.cases.detail(id);
    if (target && !inScope(viewer, target.row.department)) {
      return outOfScope(request, reply, viewer, target.row.department);
    }
    try {
      const version = Number(field(request.body, 'version'));
      if (!Number.isInteger(version) || version < 1) {
        throw new PageRefusal(400, kit.ui(request).t('error.badVersion'));
      }
      await run(viewer, version);
    } catch (error) {
      const refusal = refusalOf(error, kit.ui(request).lang);
      if (!refusal) throw error;
      const detail = await central.cases.detail(id);
      if (!detail) return noCase(request, reply, viewer);
      return sendPage(
        reply,
        refusal.status,
        await renderCase(request, viewer, detail, { error: refusal.text, notice: null, comment, choices }),
      );
    }
    return reply.redirect(href(`/approver/cases/${id}`, { done }), 303);
  }

  scope.post<{ Params: { id: string } }>('/cases/:id/decide', hidden, async (request, reply) => {
    const action = field(request.body, 'action');
    return onCase(request, reply, action, async (viewer, version) => {
      const chosen = actions.find((a) => a === action);
      if (!chosen) throw new PageRefusal(400, kit.ui(request).t('error.chooseAction'));
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

  // 显示完整证件号: the case page again with the ID numbers whole, for this approver this once; audited.
  scope.post<{ Params: { id: string } }>('/cases/:id/reveal-id', hidden, async (request, reply) => {
    const viewer = await signedIn(request, reply, { form: true });
    if (!viewer) return reply;
    const { id } = request.params;
    const detail = uuidPattern.test(id) ? await central.cases.detail(id) : null;
    if (!detail) return noCase(request, reply, viewer);
    if (!inScope(viewer, detail.row.department)) return outOfScope(request, reply, viewer, detail.row.department);
    await central.audit.record({
      actorKind: viewer.person.role,
      actor: kit.actorName(viewer.person),
      action: 'case.reveal_id',
      target: id,
      detail: { number: detail.row.number, version: detail.row.version },
    });
    const notice = kit.ui(request).t('case.idRevealed');
    return sendPage(
      reply,
      200,
      await renderCase(request, viewer, detail, { error: null, notice, comment: '', choices: [], revealId: true }),
    );
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
      // Another department's file is as absent as one never sent (404): nothing says it exists.
      const mime = sha256Pattern.test(sha256)
        ? await central.cases.verifiedFileMime(sha256, viewer.person.department)
        : null;
      const size = mime ? await central.uploads.blobSize(sha256) : null;
      if (!mime || size === null) {
        return reply
          .status(404)
          .header('content-type', 'text/plain; charset=utf-8')
          .header('x-content-type-options', 'nosniff')
          .send(kit.ui(request).t('error.noFile'));
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
}
