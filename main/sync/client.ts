import { DefaultHttpStack, Upload, type HttpRequest, type HttpStack } from 'tus-js-client';
import {
  apiPrefix,
  caseMissingResponseSchema,
  casePutResponseSchema,
  enrolResponseSchema,
  eventsResponseSchema,
  auditAnchorSchema,
  auditReportResponseSchema,
  idempotencyHeader,
  publishedSchema,
  ratingPutResponseSchema,
  uploadsPath,
  versionHeader,
  type AuditAnchor,
  type AuditBatch,
  type AuditReportResponse,
  type CasePut,
  type CasePutResponse,
  type EnrolRequest,
  type EnrolResponse,
  type EventsResponse,
  type RatingPut,
  type RatingPutResponse,
} from '@yichuang/domain/protocol';
import type { z } from 'zod';

/**
 * Why a call to central failed, sorted by what happens next:
 * - `network` and `server` (no answer, 5xx, 429): it may pass — retried by itself with backoff;
 * - `unauthorized` (401): the enrolment is gone — needs an administrator;
 * - `refused` (4xx): central said no to this request — needs a person;
 * - `checksum` (460): the bytes arrived damaged — that file starts again.
 */
export type CallFailure = 'network' | 'server' | 'unauthorized' | 'refused' | 'checksum';

export class CentralCallError extends Error {
  constructor(
    readonly failure: CallFailure,
    message: string,
    readonly status: number | null = null,
    /** Central's own words for a refusal, or the network's reason (ECONNREFUSED, 等待超时); null when neither. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'CentralCallError';
  }
  get transient(): boolean {
    return this.failure === 'network' || this.failure === 'server';
  }
  /**
   * Central itself could not be reached: no answer, or the proxy in front of it said so (502, 503,
   * 504). Any other answer, a 500 included, came from central: it is there, and said no.
   */
  get unreachable(): boolean {
    return this.failure === 'network' || (this.status !== null && gatewayStatuses.has(this.status));
  }
}

const gatewayStatuses = new Set([502, 503, 504]);

/** Plain Chinese for an HTTP answer that is not a success. */
export function failureOf(status: number, centralMessage: string | null): CentralCallError {
  if (status === 401) {
    return new CentralCallError(
      'unauthorized',
      '中心不认可本工作站的凭据（可能已被吊销）：请管理员在"设置 → 中心"重新注册',
      status,
    );
  }
  if (status === 460)
    return new CentralCallError('checksum', '文件到达中心后校验不符（SHA-256）：将重新上传该文件', status);
  if (status >= 500 || status === 429 || status === 408) {
    const said = centralMessage ? `：${centralMessage}` : '';
    return new CentralCallError('server', `中心暂时无法处理（HTTP ${status}）${said}。稍后自动重试`, status);
  }
  return new CentralCallError(
    'refused',
    `中心拒绝了该请求（HTTP ${status}）：${centralMessage ?? '未说明原因'}`,
    status,
    centralMessage,
  );
}

/** The failure for an answer that is not a success, with central's message if its body is central's JSON. */
export function failureOfBody(status: number, body: string): CentralCallError {
  let message: string | null = null;
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? null;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return failureOf(status, message);
}

export function networkFailure(error: unknown): CentralCallError {
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  const detail = (error as Error).name === 'TimeoutError' ? '等待超时' : (cause ?? (error as Error).message);
  return new CentralCallError('network', `无法连接中心（${detail}）：网络恢复后自动重试`, null, detail);
}

/**
 * HEAD answered 5xx must not make tus-js-client start the upload again from byte 0 (it creates a
 * new upload for any non-2xx HEAD): turn it into an error, so the item is retried later and resumes.
 */
class ResumeGuardStack implements HttpStack {
  private readonly inner = new DefaultHttpStack({});
  createRequest(method: string, url: string): HttpRequest {
    const request = this.inner.createRequest(method, url);
    const send = request.send.bind(request);
    request.send = async (body: unknown) => {
      const response = await send(body);
      if (method === 'HEAD' && response.getStatus() >= 500) {
        throw new Error(`resume check answered HTTP ${response.getStatus()}`);
      }
      return response;
    };
    return request;
  }
  getName(): string {
    return 'ResumeGuardStack';
  }
}

export interface UploadJob {
  caseId: string;
  sha256: string;
  fileName: string;
  mime: string;
  data: Uint8Array;
  /** Where an earlier attempt created the upload (resume), or null to create one. */
  uploadUrl: string | null;
  /** Called before the first byte is sent; must persist the address. */
  onUploadUrl(url: string): void;
  onProgress(bytesSent: number): void;
}

export interface ClientOptions {
  baseUrl: string;
  credential: string | null;
  /** The PC clock (ms), to measure the skew against central's `server-time`. */
  now: () => number;
  /** Bytes per PATCH request; an interrupted upload re-sends at most this much. */
  chunkSize?: number;
  /** A request without an answer for this long fails (default 30 s); an upload without progress too. */
  timeoutMs?: number;
  /** This workstation's app version, sent as `x-yichuang-version` with every request (central's 管理 page shows it). */
  appVersion?: string | undefined;
}

/** The HTTP client to central: JSON calls with fetch, material uploads with tus-js-client. */
export function createCentralClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const chunkSize = options.chunkSize ?? 2 * 1024 * 1024;
  let skewMs: number | null = null;

  function noteServerTime(header: string | null, sentAt: number): void {
    const server = header ? Date.parse(header) : NaN;
    if (Number.isNaN(server)) return;
    skewMs = server - (sentAt + options.now()) / 2;
  }

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    init: { body?: unknown; key?: string; auth?: boolean } = {},
  ): Promise<{ status: number; body: z.output<S> | null }> {
    const headers: Record<string, string> = {};
    if (init.auth !== false) {
      if (!options.credential)
        throw new CentralCallError('unauthorized', '本工作站尚未在中心注册：请在"设置 → 中心"填写中心地址和注册码');
      headers.authorization = `Bearer ${options.credential}`;
    }
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.key) headers[idempotencyHeader] = init.key;
    if (options.appVersion) headers[versionHeader] = options.appVersion;
    const sentAt = options.now();
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw networkFailure(error);
    }
    noteServerTime(response.headers.get('server-time'), sentAt);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw networkFailure(error);
    }
    if (!response.ok) throw failureOfBody(response.status, text);
    if (!schema || response.status === 204) return { status: response.status, body: null };
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new CentralCallError('server', `中心的回答不符合接口定义（${path}）：稍后自动重试`, response.status);
    }
    return { status: response.status, body: parsed.data };
  }

  return {
    get skewMs(): number | null {
      return skewMs;
    },

    async enrol(request: EnrolRequest): Promise<EnrolResponse> {
      return (await call('POST', `${apiPrefix}/enrol`, enrolResponseSchema, { body: request, auth: false })).body!;
    },

    async putCase(body: CasePut, key: string): Promise<CasePutResponse> {
      return (await call('PUT', `${apiPrefix}/cases/${body.id}`, casePutResponseSchema, { body, key })).body!;
    },

    async putRating(body: RatingPut, key: string): Promise<RatingPutResponse> {
      return (await call('PUT', `${apiPrefix}/ratings/${body.id}`, ratingPutResponseSchema, { body, key })).body!;
    },

    async missing(caseId: string, version: number): Promise<string[]> {
      return (await call('GET', `${apiPrefix}/cases/${caseId}/versions/${version}/missing`, caseMissingResponseSchema))
        .body!.missing;
    },

    async events(after: number): Promise<EventsResponse> {
      return (await call('GET', `${apiPrefix}/events?after=${after}&limit=200`, eventsResponseSchema)).body!;
    },

    async auditAnchor(): Promise<AuditAnchor> {
      return (await call('GET', `${apiPrefix}/audit/anchor`, auditAnchorSchema)).body!;
    },

    async registerAuditKey(publicKey: string): Promise<void> {
      await call('PUT', `${apiPrefix}/audit/key`, null, { body: { publicKey } });
    },

    async reportAudit(batch: AuditBatch): Promise<AuditReportResponse> {
      return (await call('POST', `${apiPrefix}/audit/entries`, auditReportResponseSchema, { body: batch })).body!;
    },

    async published(kind: 'catalog' | 'calendar', after: number): Promise<{ version: number; data: unknown } | null> {
      const { body } = await call('GET', `${apiPrefix}/${kind}?after=${after}`, publishedSchema);
      return body ? { version: body.version, data: body.data } : null;
    },

    /**
     * Uploads one file over tus. With `uploadUrl` it asks central for the offset and sends only
     * the rest; otherwise it creates the upload and hands its address to `onUploadUrl` before
     * sending. An upload that makes no progress for `timeoutMs` is aborted as a network failure.
     */
    upload(job: UploadJob): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        let settled = false;
        let lastProgress = Date.now();
        const finish = (error: CentralCallError | null) => {
          if (settled) return;
          settled = true;
          clearInterval(watchdog);
          if (error) reject(error);
          else resolve();
        };
        const upload = new Upload(Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength), {
          endpoint: `${base}${uploadsPath}`,
          ...(job.uploadUrl ? { uploadUrl: job.uploadUrl } : {}),
          headers: {
            authorization: `Bearer ${options.credential ?? ''}`,
            ...(options.appVersion ? { [versionHeader]: options.appVersion } : {}),
          },
          metadata: { caseId: job.caseId, sha256: job.sha256, filename: job.fileName, filetype: job.mime },
          chunkSize,
          retryDelays: null,
          storeFingerprintForResuming: false,
          httpStack: new ResumeGuardStack(),
          onUploadUrlAvailable: () => {
            if (upload.url) job.onUploadUrl(upload.url);
          },
          onProgress: (sent) => {
            lastProgress = Date.now();
            job.onProgress(sent);
          },
          onAfterResponse: (_request, response) => {
            lastProgress = Date.now();
            noteServerTime(response.getHeader('server-time') ?? null, options.now());
          },
          onSuccess: () => finish(null),
          onError: (error) => {
            const response = (error as { originalResponse?: { getStatus(): number; getBody(): string } | null })
              .originalResponse;
            if (response) finish(failureOf(response.getStatus(), response.getBody().trim() || null));
            else finish(networkFailure(error));
          },
        });
        const watchdog = setInterval(
          () => {
            if (Date.now() - lastProgress > timeoutMs) {
              void upload.abort(false);
              finish(new CentralCallError('network', '上传长时间没有进展（网络停滞）：稍后从断点继续'));
            }
          },
          Math.min(1000, timeoutMs / 4),
        );
        upload.start();
      });
    },
  };
}
export type CentralClient = ReturnType<typeof createCentralClient>;
