import http from 'node:http';
import https from 'node:https';

/**
 * HTTP for a scanner's small embedded web server: few sockets, kept alive (some devices take
 * seconds to accept a connection), a short connect timeout, and retries for what such servers do
 * when busy: 503, and a reset on a kept-alive socket they had already closed.
 */

export type EsclNetFailure = 'refused' | 'reset' | 'timeout' | 'unreachable';

/** The network failed (after any retries); the backend turns it into a docscan_* code with its page. */
export class EsclNetError extends Error {
  constructor(
    readonly failure: EsclNetFailure,
    message: string,
  ) {
    super(message);
    this.name = 'EsclNetError';
  }
}

export interface EsclResponse {
  status: number;
  /** Lower-case header names. */
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface EsclHttpOptions {
  /** Until the TCP connection is up. */
  connectTimeoutMs?: number;
  /** Silence on the socket (waiting for an answer or in the middle of a body) before giving up. */
  idleTimeoutMs?: number;
  /** Attempts after the first, for GET and DELETE. */
  retries?: number;
  /** First pause between attempts; doubled each time. */
  backoffMs?: number;
  /** Largest body accepted (a 1200 dpi colour page is tens of megabytes). */
  maxBodyBytes?: number;
}

export interface EsclRequest {
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
  /** Overrides idleTimeoutMs: NextDocument waits while the device scans the sheet. */
  idleTimeoutMs?: number;
  /** Give 503 back to the caller instead of retrying it (NextDocument's "not ready yet" has its own loop). */
  passServiceUnavailable?: boolean;
  /** Overrides retries (DELETE on the way out tries once). */
  retries?: number;
}

export interface EsclHttp {
  request(method: 'GET' | 'POST' | 'DELETE', url: string, options?: EsclRequest): Promise<EsclResponse>;
  close(): void;
}

const defaults: Required<EsclHttpOptions> = {
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 20_000,
  retries: 3,
  backoffMs: 300,
  maxBodyBytes: 200 * 1024 * 1024,
};

/** Resolves after `ms`, or rejects with the signal's reason when it is aborted first. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function failureOf(error: NodeJS.ErrnoException): EsclNetFailure {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unreachable';
    default:
      return 'reset';
  }
}

interface Attempt {
  response?: EsclResponse;
  error?: EsclNetError;
  /** Whether a reset came on a kept-alive socket the server had closed: the request never reached it. */
  staleSocket?: boolean;
  /** Whether response headers arrived (a body cut short is not retried: the page may be gone). */
  answered?: boolean;
}

/** An HTTP client for one or more eSCL devices, with its own keep-alive agents. */
export function createEsclHttp(options: EsclHttpOptions = {}): EsclHttp {
  const o = { ...defaults, ...options };
  // Two sockets per device: status polling beside a page download, no more (small servers refuse).
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 2, keepAliveMsecs: 1_000 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 2, keepAliveMsecs: 1_000 }),
  };

  function once(method: string, url: URL, request: EsclRequest): Promise<Attempt> {
    return new Promise((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) return reject(signal.reason as Error);
      const isHttps = url.protocol === 'https:';
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const req = (isHttps ? https : http).request(url, {
        method,
        agent: agents[isHttps ? 'https:' : 'http:'],
        headers: {
          Accept: '*/*',
          ...(body ? { 'Content-Type': request.contentType ?? 'text/xml', 'Content-Length': body.length } : {}),
        },
        signal,
      });
      let settled = false;
      let answered = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const settle = (attempt: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        resolve(attempt);
      };
      const fail = (failure: EsclNetFailure, message: string) => {
        if (signal?.aborted) {
          if (!settled) reject(signal.reason as Error);
          settled = true;
          clearTimeout(connectTimer);
          return;
        }
        settle({ error: new EsclNetError(failure, message), staleSocket: req.reusedSocket && !answered, answered });
      };
      req.on('socket', (socket) => {
        // A reused socket is already connected; a new one gets connectTimeoutMs to connect.
        if (socket.connecting) {
          connectTimer = setTimeout(() => {
            fail('timeout', `connect to ${url.host} timed out`);
            req.destroy();
          }, o.connectTimeoutMs);
          socket.once('connect', () => clearTimeout(connectTimer));
        }
      });
      req.setTimeout(request.idleTimeoutMs ?? o.idleTimeoutMs, () => {
        fail('timeout', `${method} ${url.pathname}: no answer`);
        req.destroy();
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        fail(failureOf(error), `${method} ${url.pathname}: ${error.code ?? error.message}`),
      );
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > o.maxBodyBytes) {
            fail('reset', `${method} ${url.pathname}: body over ${o.maxBodyBytes} bytes`);
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (!res.complete) return fail('reset', `${method} ${url.pathname}: body cut short`);
          settle({ response: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) } });
        });
        res.on('aborted', () => fail('reset', `${method} ${url.pathname}: body cut short`));
        res.on('error', (error: NodeJS.ErrnoException) =>
          fail('reset', `${method} ${url.pathname}: ${error.code ?? error.message}`),
        );
      });
      req.end(body);
    });
  }

  async function request(method: 'GET' | 'POST' | 'DELETE', href: string, request: EsclRequest = {}) {
    const url = new URL(href);
    const retries = request.retries ?? o.retries;
    for (let attempt = 0; ; attempt++) {
      const { response, error, staleSocket, answered } = await once(method, url, request);
      if (response) {
        const retryable = response.status === 503 && method !== 'POST' && !request.passServiceUnavailable;
        if (!retryable || attempt >= retries) return response;
        await pause(retryAfterMs(response) ?? o.backoffMs * 2 ** attempt, request.signal);
        continue;
      }
      // The server closed a kept-alive socket as we reused it: the request never reached it, so even
      // a POST goes again, at once.
      if (staleSocket && attempt === 0) continue;
      // A POST may have started a job; a timeout repeated only doubles the clerk's wait; a body cut
      // short may have taken the page with it.
      const repeatable = method !== 'POST' && error?.failure !== 'timeout' && !answered;
      if (!repeatable || attempt >= retries) throw error ?? new EsclNetError('reset', `${method} ${url.pathname}`);
      await pause(o.backoffMs * 2 ** attempt, request.signal);
    }
  }

  return {
    request,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** A Retry-After in seconds, if the device sent a short one (a long one is not worth the clerk's wait). */
function retryAfterMs(response: EsclResponse | undefined): number | null {
  const value = response?.headers['retry-after'];
  if (typeof value !== 'string' || !/^\d{1,2}$/.test(value.trim())) return null;
  const seconds = Number(value);
  return seconds <= 5 ? seconds * 1000 : null;
}
