import {
  boardSchema,
  callResultSchema,
  hallPrefix,
  issuedTicketSchema,
  queueNowSchema,
  ticketSchema,
  type PrinterReport,
  windowNowSchema,
  type HallActor,
} from '@yichuang/domain/hall-protocol';
import { idempotencyHeader, versionHeader } from '@yichuang/domain/protocol';
import { z } from 'zod';

const displayPathSchema = z.object({ path: z.string() });
import { failureOfBody, networkFailure, CentralCallError } from '../sync/client';

export interface HallClientOptions {
  /** The hall service's address (central's, or the hall's own machine with `--only hall`). */
  baseUrl: string;
  /** The enrolment's credential: one enrolment covers central and the hall. */
  credential: string;
  /** A request without an answer for this long fails (default 5 s: a clerk is waiting). */
  timeoutMs?: number;
  appVersion?: string | undefined;
}

export type TicketCommand = 'recall' | 'serve' | 'finish' | 'skip' | 'hold' | 'resume';

/**
 * The window's HTTP client to the hall service: one request per press, answers parsed with the
 * hall protocol's schemas. A failure is a CentralCallError (sync/client.ts), sorted the same way.
 */
export function createHallClient(options: HallClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    key?: string,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.credential}` };
    // A kiosk's double tap (or a retry after a lost answer) is one ticket.
    if (key) headers[idempotencyHeader] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.appVersion) headers[versionHeader] = options.appVersion;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}${hallPrefix}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw networkFailure(error);
    }
    if (!response.ok) throw failureOfBody(response.status, text);
    // 204 No Content answers with nothing: that is `null` to its schema; a body that is not JSON fails it.
    let answer: unknown;
    try {
      answer = text ? JSON.parse(text) : null;
    } catch {
      answer = undefined;
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new CentralCallError('server', `大厅服务的回答不符合接口定义（${path}）`, response.status);
    }
    return parsed.data;
  }

  return {
    baseUrl: base,
    windowNow: () => call('GET', '/window', windowNowSchema),
    setOpen: (open: boolean, actor: HallActor) => call('POST', '/window/open', windowNowSchema, { open, actor }),
    callNext: (actor: HallActor) => call('POST', '/window/call-next', callResultSchema, { actor }),
    walkIn: (queue: string | undefined, actor: HallActor) =>
      call('POST', '/window/walk-in', ticketSchema, { ...(queue ? { queue } : {}), actor }),
    ticket: (id: string, command: TicketCommand, actor: HallActor) =>
      call('POST', `/tickets/${id}/${command}`, ticketSchema, { actor }),
    transfer: (id: string, target: { toQueue?: string; toWindow?: number }, actor: HallActor) =>
      call('POST', `/tickets/${id}/transfer`, ticketSchema, { ...target, actor }),
    linkCase: (id: string, caseNumber: string, matterCode: string, actor: HallActor) =>
      call('POST', `/tickets/${id}/case`, ticketSchema, { caseNumber, matterCode, actor }),
    board: () => call('GET', '/board', boardSchema),
    queues: () => call('GET', '/queues', queueNowSchema.array()),
    issue: (input: { queue: string; idNumber?: string; priority: boolean }, actor: HallActor, key: string) =>
      call('POST', '/tickets', issuedTicketSchema, { ...input, actor }, key),
    checkIn: (input: { code?: string; idNumber?: string }, actor: HallActor) =>
      call('POST', '/check-in', issuedTicketSchema, { ...input, actor }),
    setWindowQueues: (window: number, queues: string[], actor: HallActor) =>
      call('PUT', `/windows/${window}/queues`, boardSchema, { queues, actor }),
    closeQueue: (letter: string, closed: boolean, actor: HallActor) =>
      call('POST', `/queues/${letter}/closed`, queueNowSchema.array(), { closed, actor }),
    rejoin: (number: string, actor: HallActor) => call('POST', '/rejoin', issuedTicketSchema, { number, actor }),
    reportPrinter: (report: PrinterReport) => call('PUT', '/printer', z.null(), report),
    displayPath: (actor: HallActor) => call('POST', '/display-address', displayPathSchema, { actor }),
    /** The push channel's address and headers (stream.ts opens it). */
    stream: { url: `${base}${hallPrefix}/stream`, headers: { authorization: `Bearer ${options.credential}` } },
  };
}

export type HallClient = ReturnType<typeof createHallClient>;
