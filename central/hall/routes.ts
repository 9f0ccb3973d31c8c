import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actorOnlySchema,
  appointmentSchema,
  boardSchema,
  callResultSchema,
  checkInSchema,
  hallPrefix,
  hallQueueSchema,
  hallActorSchema,
  issuedTicketSchema,
  issueTicketSchema,
  linkCaseSchema,
  printerReportSchema,
  queueLetterSchema,
  queueNowSchema,
  rejoinSchema,
  statsQuerySchema,
  statsSchema,
  ticketIdSchema,
  ticketSchema,
  transferSchema,
  walkInSchema,
  windowNowSchema,
  windowNumberSchema,
  windowQueuesSchema,
  type HallActor,
} from '@yichuang/domain/hall-protocol';
import { errorBodySchema, idempotencyHeader, idempotencyKeySchema } from '@yichuang/domain/protocol';
import { CentralError } from '../service/errors';
import type { Workstation } from '../service/workstations';
import type { Hall } from './service';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const security = [{ workstation: [] }];
const tags = ['hall'];

function supervisorOnly(actor: HallActor, what: string): void {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') {
    throw new CentralError(403, 'forbidden', 'hall.supervisorOnly', { what });
  }
}

/**
 * The hall service's API for windows, kiosks and the supervisor's board: every request carries the
 * workstation's credential (one enrolment covers central and the hall); the window is the
 * workstation's own window number, never one the request names.
 */
export function registerHallApi(
  server: FastifyInstance,
  deps: { hall: Hall; authenticate: (authorization: string | undefined) => Promise<Workstation> },
): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { hall } = deps;
  const ws = (request: FastifyRequest) => deps.authenticate(request.headers.authorization);
  const requestKey = (request: FastifyRequest, workstation: Workstation): string | null => {
    const raw = request.headers[idempotencyHeader];
    if (raw === undefined) return null;
    const parsed = idempotencyKeySchema.safeParse(raw);
    if (!parsed.success) throw new CentralError(400, 'invalid_idempotency_key', 'api.idempotencyKeyInvalid');
    return `${workstation.id}:${parsed.data}`;
  };
  const schema = <T extends object>(summary: string, rest: T) => ({ schema: { summary, tags, security, ...rest } });

  app.get(
    `${hallPrefix}/queues`,
    schema('The queues now: open or why not, how many wait (the kiosk)', {
      response: { 200: z.array(queueNowSchema), ...errors },
    }),
    async (request) => {
      await ws(request);
      return hall.queuesNow();
    },
  );

  app.put(
    `${hallPrefix}/queues/:letter`,
    schema('Add or change a queue (supervisor)', {
      params: z.object({ letter: queueLetterSchema }),
      body: z.object({ queue: hallQueueSchema, actor: hallActorSchema }).strict(),
      response: { 200: z.array(queueNowSchema), ...errors },
    }),
    async (request) => {
      await ws(request);
      supervisorOnly(request.body.actor, '设置队列');
      if (request.body.queue.letter !== request.params.letter)
        throw new CentralError(400, 'invalid_input', 'hall.queueInvalid', { detail: 'letter' });
      await hall.queues.put(request.body.queue);
      hall.push.changed();
      return hall.queuesNow();
    },
  );

  app.post(
    `${hallPrefix}/queues/:letter/closed`,
    schema('Close a queue for the rest of the hall day, or open it again (supervisor)', {
      params: z.object({ letter: queueLetterSchema }),
      body: z.object({ closed: z.boolean(), actor: hallActorSchema }).strict(),
      response: { 200: z.array(queueNowSchema), ...errors },
    }),
    async (request) => {
      await ws(request);
      supervisorOnly(request.body.actor, '停止或恢复取号');
      await hall.queues.closeToday(request.params.letter, request.body.closed);
      hall.push.changed();
      return hall.queuesNow();
    },
  );

  app.put(
    `${hallPrefix}/windows/:window/queues`,
    schema('Set the queues a window serves (supervisor; changeable during the day)', {
      params: z.object({ window: z.coerce.number().pipe(windowNumberSchema) }),
      body: windowQueuesSchema,
      response: { 200: boardSchema, ...errors },
    }),
    async (request) => {
      await ws(request);
      supervisorOnly(request.body.actor, '设置窗口办理的队列');
      await hall.queues.setWindowQueues(request.params.window, request.body.queues);
      hall.push.changed();
      return hall.board.snapshot();
    },
  );

  app.post(
    `${hallPrefix}/tickets`,
    schema('Issue a ticket (kiosk or counter); the same Idempotency-Key gives the same ticket', {
      body: issueTicketSchema,
      response: { 200: issuedTicketSchema, ...errors },
    }),
    async (request) => {
      const workstation = await ws(request);
      const { row, existing } = await hall.issuing.issue({
        ...request.body,
        requestKey: requestKey(request, workstation),
      });
      return hall.issued(row, existing);
    },
  );

  app.post(
    `${hallPrefix}/check-in`,
    schema('Check in an appointment of today by booking code or ID number', {
      body: checkInSchema,
      response: { 200: issuedTicketSchema, ...errors },
    }),
    async (request) => {
      await ws(request);
      const { row, existing } = await hall.issuing.checkIn(request.body);
      return hall.issued(row, existing);
    },
  );

  app.post(
    `${hallPrefix}/appointments`,
    schema('Add an appointment (the booking system or the supervisor)', {
      body: appointmentSchema,
      response: { 204: z.null(), ...errors },
    }),
    async (request, reply) => {
      await ws(request);
      supervisorOnly(request.body.actor, '登记预约');
      await hall.issuing.addAppointment(request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${hallPrefix}/window`,
    schema("This workstation's window: its queues, the ticket at the counter, those held, how many wait", {
      response: { 200: windowNowSchema, ...errors },
    }),
    async (request) => hall.windowNow((await ws(request)).windowNumber),
  );

  app.post(
    `${hallPrefix}/window/open`,
    schema('The window opens (a clerk signed in) or closes (signed out): the board shows who serves', {
      body: z.object({ open: z.boolean(), actor: hallActorSchema }).strict(),
      response: { 200: windowNowSchema, ...errors },
    }),
    async (request) => {
      const workstation = await ws(request);
      await hall.queues.setWindowOpen(
        workstation.windowNumber,
        workstation.id,
        request.body.open ? request.body.actor : null,
      );
      hall.push.changed();
      return hall.windowNow(workstation.windowNumber);
    },
  );

  app.post(
    `${hallPrefix}/window/call-next`,
    schema('Call next: finishes the ticket at the counter and calls the next one for this window', {
      body: actorOnlySchema,
      response: { 200: callResultSchema, ...errors },
    }),
    async (request) => {
      const { windowNumber } = await ws(request);
      const { called, finished } = await hall.tickets.callNext(windowNumber, request.body.actor);
      return {
        called: called ? await hall.tickets.view(called) : null,
        finished: finished ? await hall.tickets.view(finished) : null,
        window: await hall.windowNow(windowNumber),
      };
    },
  );

  app.post(
    `${hallPrefix}/window/walk-in`,
    schema('Serve someone without a ticket (recorded as a walk-in)', {
      body: walkInSchema,
      response: { 200: ticketSchema, ...errors },
    }),
    async (request) => {
      const { windowNumber } = await ws(request);
      return hall.tickets.view(await hall.tickets.walkIn(windowNumber, request.body.queue, request.body.actor));
    },
  );

  for (const action of ['recall', 'serve', 'finish', 'skip', 'hold', 'resume'] as const) {
    app.post(
      `${hallPrefix}/tickets/:id/${action}`,
      schema(`${action} a ticket at this window`, {
        params: z.object({ id: ticketIdSchema }),
        body: actorOnlySchema,
        response: { 200: ticketSchema, ...errors },
      }),
      async (request) => {
        const { windowNumber } = await ws(request);
        const { id } = request.params;
        const row =
          action === 'recall'
            ? await hall.tickets.recall(id, windowNumber, request.body.actor)
            : await hall.tickets.act(id, action, windowNumber, request.body.actor);
        return hall.tickets.view(row);
      },
    );
  }

  app.post(
    `${hallPrefix}/tickets/:id/transfer`,
    schema('Transfer a ticket to another queue or window, keeping its original time', {
      params: z.object({ id: ticketIdSchema }),
      body: transferSchema,
      response: { 200: ticketSchema, ...errors },
    }),
    async (request) => {
      const { windowNumber } = await ws(request);
      const { actor, ...target } = request.body;
      return hall.tickets.view(await hall.tickets.transfer(request.params.id, target, windowNumber, actor));
    },
  );

  app.post(
    `${hallPrefix}/tickets/:id/case`,
    schema('The case a ticket became (for the statistics joined to cases)', {
      params: z.object({ id: ticketIdSchema }),
      body: linkCaseSchema,
      response: { 200: ticketSchema, ...errors },
    }),
    async (request) => {
      const { windowNumber } = await ws(request);
      const { caseNumber, matterCode } = request.body;
      return hall.tickets.view(await hall.tickets.linkCase(request.params.id, windowNumber, caseNumber, matterCode));
    },
  );

  app.post(
    `${hallPrefix}/rejoin`,
    schema('A skipped ticket rejoins the queue (once, by setting)', {
      body: rejoinSchema,
      response: { 200: issuedTicketSchema, ...errors },
    }),
    async (request) => {
      await ws(request);
      return hall.issued(await hall.tickets.rejoin(request.body.number, request.body.actor), false);
    },
  );

  app.put(
    `${hallPrefix}/printer`,
    schema("This workstation's ticket printer now (paper out, cover open …), for the supervisor's board", {
      body: printerReportSchema,
      response: { 204: z.null(), ...errors },
    }),
    async (request, reply) => {
      const workstation = await ws(request);
      if (await hall.printers.report(workstation, request.body)) hall.push.changed();
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${hallPrefix}/board`,
    schema('The hall now: waiting per queue, longest wait, windows and whom they serve, the last calls', {
      response: { 200: boardSchema, ...errors },
    }),
    async (request) => {
      await ws(request);
      return hall.board.snapshot();
    },
  );

  app.get(
    `${hallPrefix}/stats`,
    schema(
      'Wait and handling times, no-shows and transfers from the events, per queue, window, clerk, matter and hour',
      {
        querystring: statsQuerySchema,
        response: { 200: statsSchema, ...errors },
      },
    ),
    async (request) => {
      await ws(request);
      return hall.stats.range(request.query.from, request.query.to);
    },
  );

  app.post(
    `${hallPrefix}/display-address`,
    schema(
      "The hall display's address (with its token); `renew` makes a new token and locks out old screens (supervisor)",
      {
        body: z.object({ renew: z.boolean().default(false), actor: hallActorSchema }).strict(),
        response: { 200: z.object({ path: z.string() }), ...errors },
      },
    ),
    async (request) => {
      await ws(request);
      supervisorOnly(request.body.actor, '查看或更换大厅显示屏地址');
      const token = request.body.renew ? await hall.settings.renewDisplayToken() : hall.settings.displayToken();
      return { path: `/hall/display?token=${token}` };
    },
  );

  app.get(
    `${hallPrefix}/stream`,
    schema('The push channel (Server-Sent Events): `board` at once and after every change, `call` for each call', {}),
    async (request, reply) => {
      await ws(request);
      reply.hijack();
      await hall.push.subscribe(reply.raw, 'workstation');
    },
  );
}
