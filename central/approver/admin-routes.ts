import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ratingExportFileName, ratingExportHead, ratingExportLines, ratingExportTypes } from '../service/rating-export';
import { CentralError } from '../service/errors';
import { checkHallDayRange, ratingExportFormats, type HallDayRange, type RatingExportFormat } from '../service/ratings';
import { field, hidden, PageRefusal, sendPage, uuidPattern, type PageKit } from './kit';
import { adminPage, type AdminPageData } from './pages/admin';
import { auditCaseIds } from './pages/audit-labels';
import type { Viewer } from './pages/layout';
import { logPage } from './pages/log';

/**
 * 管理 and 操作记录 (administrators only): enrolment codes, workstations and their revocation, audit
 * anomalies, the 好差评 export, the trail.
 */
export function registerAdminPages(scope: FastifyInstance, kit: PageKit): void {
  const { central, serviceName, signedIn } = kit;

  async function renderAdmin(
    request: FastifyRequest,
    viewer: Viewer,
    extra: Partial<Pick<AdminPageData, 'created' | 'note' | 'error' | 'notice'>>,
    range: HallDayRange = central.ratings.currentMonth(),
  ): Promise<string> {
    return adminPage({
      ui: kit.ui(request),
      serviceName,
      viewer,
      workstations: await central.registry.list(),
      anomalies: await central.auditHeads.anomalies(),
      ratingRange: range,
      ratingSummary: await central.ratings.summary(range),
      refusals: await central.ratings.refusalCounts(range),
      created: null,
      note: '',
      error: null,
      notice: null,
      ...extra,
    });
  }

  // `from` and `to` (hall days): the 好差评 figures of that range (the export form's 查看统计).
  scope.get<{ Querystring: { done?: string; from?: unknown; to?: unknown } }>(
    '/admin',
    hidden,
    async (request, reply) => {
      const viewer = await signedIn(request, reply, { admin: true });
      if (!viewer) return reply;
      const notice = request.query.done === 'revoked' ? kit.ui(request).t('admin.notice.revoked') : null;
      if (request.query.from === undefined && request.query.to === undefined) {
        return sendPage(reply, 200, await renderAdmin(request, viewer, { notice }));
      }
      try {
        const range = checkHallDayRange(request.query);
        return sendPage(reply, 200, await renderAdmin(request, viewer, { notice }, range));
      } catch (error) {
        if (!(error instanceof CentralError)) throw error;
        const text = error.text(kit.ui(request).lang);
        return sendPage(reply, error.status, await renderAdmin(request, viewer, { notice, error: text }));
      }
    },
  );

  scope.post('/admin/enrolment-codes', hidden, async (request, reply) => {
    const viewer = await signedIn(request, reply, { form: true, admin: true });
    if (!viewer) return reply;
    const note = field(request.body, 'note').trim();
    if (!note || note.length > 100) {
      const error = kit.ui(request).t(note ? 'admin.error.noteTooLong' : 'admin.error.noteMissing');
      return sendPage(reply, 400, await renderAdmin(request, viewer, { note, error }));
    }
    const created = await central.registry.createCode(note, kit.actorName(viewer.person));
    return sendPage(reply, 200, await renderAdmin(request, viewer, { created: { ...created, note } }));
  });

  scope.post<{ Params: { id: string } }>('/admin/workstations/:id/revoke', hidden, async (request, reply) => {
    const viewer = await signedIn(request, reply, { form: true, admin: true });
    if (!viewer) return reply;
    const { id } = request.params;
    const target = uuidPattern.test(id) ? (await central.registry.list()).find((w) => w.id === id) : undefined;
    if (!target) return kit.notFoundPage(request, reply, viewer, kit.ui(request).t('admin.error.noWorkstation'));
    if (field(request.body, 'confirm') !== 'yes') {
      const error = kit.ui(request).t('admin.error.confirmRevoke');
      return sendPage(reply, 400, await renderAdmin(request, viewer, { error }));
    }
    if (!target.revokedAt) await central.registry.revoke(id, kit.actorName(viewer.person));
    return reply.redirect('/approver/admin?done=revoked', 303);
  });

  // The provincial 好差评 export (docs/ratings.md): a download, streamed a batch at a time; who
  // exported which range goes to the trail first (the file holds applicants' identities).
  scope.get<{ Querystring: { from?: unknown; to?: unknown; format?: unknown } }>(
    '/ratings/export',
    hidden,
    async (request, reply) => {
      const viewer = await signedIn(request, reply, { admin: true });
      if (!viewer) return reply;
      const { format } = request.query;
      if (typeof format !== 'string' || !(ratingExportFormats as readonly string[]).includes(format)) {
        throw new PageRefusal(400, kit.ui(request).t('admin.ratings.badFormat'));
      }
      const chosen = format as RatingExportFormat;
      const range = checkHallDayRange(request.query);
      const { total } = await central.ratings.summary(range);
      await central.ratings.recordExport(kit.actorName(viewer.person), range, chosen, total);
      async function* lines(): AsyncGenerator<string> {
        yield ratingExportHead(chosen);
        for await (const batch of central.ratings.exportBatches(range)) yield ratingExportLines(chosen, batch);
      }
      return reply
        .status(200)
        .header('content-type', ratingExportTypes[chosen])
        .header('content-disposition', `attachment; filename="${ratingExportFileName(range, chosen)}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()));
    },
  );

  scope.get('/log', hidden, async (request, reply) => {
    const viewer = await signedIn(request, reply, { admin: true });
    if (!viewer) return reply;
    const entries = await central.audit.list();
    const names = {
      caseNumbers: await central.cases.numbers(auditCaseIds(entries)),
      workstations: new Map((await central.registry.list()).map((w) => [w.id, w])),
    };
    return sendPage(reply, 200, logPage({ ui: kit.ui(request), serviceName, viewer, entries, names }));
  });
}
