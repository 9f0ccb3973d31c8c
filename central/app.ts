import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiPrefix,
  auditAnchorSchema,
  auditBatchSchema,
  auditKeyRequestSchema,
  auditReportResponseSchema,
  caseMissingResponseSchema,
  casePutResponseSchema,
  casePutSchema,
  enrolRequestSchema,
  enrolResponseSchema,
  errorBodySchema,
  eventsQuerySchema,
  eventsResponseSchema,
  idempotencyHeader,
  idempotencyKeySchema,
  publishedQuerySchema,
  publishedSchema,
  ratingPutResponseSchema,
  ratingPutSchema,
  replayedHeader,
  timeResponseSchema,
  uploadsPath,
} from '@yichuang/domain/protocol';
import { CentralError } from './service/errors';
import type { PublishedKind } from './service/published';
import type { Workstation } from './service/workstations';
import { registerApproverPages } from './approver/routes';
import { registerUpdates } from './updates/routes';
import { registerHallApi } from './hall/routes';
import { registerHallDisplay } from './hall/display/routes';
import { registerRatingPage } from './rating-page/routes';
import { createCentral, sweepEveryMs, type Central, type CentralConfig } from './central';

const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Central's HTTP API, the tus endpoint, the OpenAPI document and docs page, and the approver page. */
export async function buildCentralApp(config: CentralConfig): Promise<{ app: FastifyInstance; central: Central }> {
  let logHallError = (_error: unknown): void => undefined;
  const central = await createCentral({
    ...config,
    onHallError: config.onHallError ?? ((error) => logHallError(error)),
  });
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: 4 * 1024 * 1024,
    // Stopping does not wait for an upload in flight: the workstation resumes it after the restart.
    forceCloseConnections: true,
    // Behind a TLS terminator on this host (CENTRAL_BEHIND_TLS=1) its X-Forwarded-For names the client; nobody else's is believed.
    trustProxy: config.behindTls ? 'loopback' : false,
  }).withTypeProvider<ZodTypeProvider>();
  logHallError = (error) => app.log.error({ err: error }, 'hall service: the board could not be pushed');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every answer carries central's clock: the workstation measures its skew from it.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('server-time', central.now().toISOString());
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof CentralError) {
      return reply.status(error.status).send({ code: error.code, message: error.message });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const where = first?.instancePath ? `（${first.instancePath}）` : '';
      return reply
        .status(400)
        .send({ code: 'invalid_input', message: `请求内容不符合接口定义${where}：${first?.message ?? ''}` });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ code: 'bad_request', message: `请求无效：${(error as Error).message}` });
    }
    request.log.error({ err: error }, 'central request failed');
    // The request id names the line in central's log; the workstation shows it with the item.
    return reply
      .status(500)
      .send({ code: 'internal', message: `中心内部错误（请求 ${request.id}）：已记入中心日志，请联系中心管理员` });
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '一窗 Yichuang — central approval API',
        description:
          'The API between window workstations and central approval. Every workstation request carries `Authorization: Bearer <credential>` (from enrolment) and every change an `Idempotency-Key`. Material files go over tus (resumable) at `' +
          uploadsPath +
          '`.',
        version: '1',
      },
      components: {
        securitySchemes: {
          workstation: {
            type: 'http',
            scheme: 'bearer',
            description: '`<workstationId>.<secret>` from POST /api/v1/enrol',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  const authed = async (request: FastifyRequest): Promise<Workstation> =>
    central.registry.authenticate(request.headers.authorization);
  const keyOf = (request: FastifyRequest): string | null => {
    const raw = request.headers[idempotencyHeader];
    if (raw === undefined) return null;
    const parsed = idempotencyKeySchema.safeParse(raw);
    if (!parsed.success) throw new CentralError(400, 'invalid_idempotency_key', 'api.idempotencyKeyInvalid');
    return parsed.data;
  };
  const security = [{ workstation: [] }];

  app.post(
    `${apiPrefix}/enrol`,
    {
      schema: {
        summary: 'Trade a one-time enrolment code for a workstation credential',
        body: enrolRequestSchema,
        response: { 200: enrolResponseSchema, ...errorResponses },
      },
    },
    async (request) => central.registry.enrol(request.body),
  );

  app.get(
    `${apiPrefix}/time`,
    { schema: { summary: "Central's clock", response: { 200: timeResponseSchema } } },
    () => ({ serverTime: central.now().toISOString() }),
  );

  // The hall service (queue, display, voice): inside central, or alone with `--only hall`.
  const hallOnly = config.only === 'hall';
  registerHallApi(app, { hall: central.hall, authenticate: (header) => central.registry.authenticate(header) });
  registerHallDisplay(app, { hall: central.hall, voiceDirs: config.voiceDir ? [config.voiceDir] : undefined });

  if (!hallOnly) {
    app.put(
      `${apiPrefix}/cases/:id`,
      {
        schema: {
          summary:
            'Send a case version (idempotent: the same body again answers the same; another body for the same version is 409)',
          security,
          params: z.object({ id: z.string().uuid() }),
          body: casePutSchema,
          response: { 201: casePutResponseSchema, 422: errorBodySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const ws = await authed(request);
        if (request.params.id !== request.body.id) throw new CentralError(400, 'id_mismatch', 'api.idMismatch');
        const result = await central.cases.put(ws, request.body, keyOf(request));
        if (result.replayed) reply.header(replayedHeader, 'true');
        return reply.status(result.status).send(result.body);
      },
    );

    app.put(
      `${apiPrefix}/ratings/:id`,
      {
        schema: {
          summary:
            'Send a 好差评 a citizen gave at the window (idempotent by id: the same body again answers the same with 200; another body for the id, or a second rating of the same visit, is 409)',
          security,
          params: z.object({ id: z.string().uuid() }),
          body: ratingPutSchema,
          response: { 200: ratingPutResponseSchema, 201: ratingPutResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const ws = await authed(request);
        if (request.params.id !== request.body.id) throw new CentralError(400, 'id_mismatch', 'api.ratingIdMismatch');
        // The key (`rating:<id>`) is checked for its form only: a rating is idempotent by its id and body.
        keyOf(request);
        const result = await central.ratings.put(ws, request.body);
        if (result.replayed) reply.header(replayedHeader, 'true');
        return reply.status(result.status).send(result.body);
      },
    );

    app.get(
      `${apiPrefix}/cases/:id/versions/:version/missing`,
      {
        schema: {
          summary: 'Which files of a case version central still needs',
          security,
          params: z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1) }),
          response: { 200: caseMissingResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const ws = await authed(request);
        const { id, version } = request.params;
        return { id, version, missing: await central.cases.missing(ws, id, version) };
      },
    );

    app.get(
      `${apiPrefix}/events`,
      {
        schema: {
          summary: "What happened to this workstation's cases, from a cursor",
          security,
          querystring: eventsQuerySchema,
          response: { 200: eventsResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const ws = await authed(request);
        const events = await central.cases.events(ws, request.query.after, request.query.limit);
        return { events, cursor: events.at(-1)?.seq ?? request.query.after, serverTime: central.now().toISOString() };
      },
    );

    app.get(
      `${apiPrefix}/audit/anchor`,
      {
        schema: {
          summary: 'The audit-chain head central anchored last for this workstation: the next report goes on from it',
          security,
          response: { 200: auditAnchorSchema, ...errorResponses },
        },
      },
      async (request) => central.auditHeads.anchor((await authed(request)).id),
    );

    app.put(
      `${apiPrefix}/audit/key`,
      {
        schema: {
          summary:
            'Register the audit-signing key of a workstation enrolled before keys existed (once; never replaced: 409)',
          security,
          body: auditKeyRequestSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await central.registry.registerAuditKey(await authed(request), request.body.publicKey);
        return reply.status(204).send(null);
      },
    );

    app.post(
      `${apiPrefix}/audit/entries`,
      {
        schema: {
          summary:
            "Report the workstation's audit entries after the anchored head, signed at the last one: accepted (the anchor moves) or refused and raised as an alert",
          security,
          body: auditBatchSchema,
          response: { 200: auditReportResponseSchema, ...errorResponses },
        },
      },
      async (request) => central.auditHeads.report((await authed(request)).id, request.body),
    );

    for (const kind of ['catalog', 'calendar'] as const satisfies readonly PublishedKind[]) {
      app.get(
        `${apiPrefix}/${kind}`,
        {
          schema: {
            summary: `The newest published ${kind} above a version (204 when up to date)`,
            security,
            querystring: publishedQuerySchema,
            response: { 200: publishedSchema, 204: z.null(), ...errorResponses },
          },
        },
        async (request, reply) => {
          await authed(request);
          const latest = await central.published.latest(kind, request.query.after);
          return latest ? latest : reply.status(204).send(null);
        },
      );
    }

    // tus: the raw request and response go to @tus/server; the body is never parsed by Fastify.
    await app.register((tus, _options, done) => {
      tus.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        reply.hijack();
        await central.uploads.server.handle(request.raw, reply.raw);
      };
      tus.all(uploadsPath, { schema: { hide: true } }, handler);
      tus.all(`${uploadsPath}/*`, { schema: { hide: true } }, handler);
      done();
    });

    registerUpdates(app, central);
    await registerApproverPages(app, central);
    // The public rating page a notice's QR code opens (docs/ratings.md).
    await registerRatingPage(app, central);
  }

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect(hallOnly ? '/docs' : '/approver'));

  // Housekeeping at start and hourly (central.sweep): a failed sweep is logged and tried again next hour.
  const sweep = async () => {
    try {
      const { uploads } = await central.sweep();
      if (uploads > 0) app.log.info({ uploads }, 'removed abandoned uploads');
    } catch (error) {
      app.log.error({ err: error }, 'housekeeping sweep failed');
    }
  };
  await sweep();
  const sweeper = setInterval(() => void sweep(), sweepEveryMs);
  sweeper.unref();

  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    central.hall.close();
    await central.database.close();
  });
  return { app, central };
}
