import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A hall switch that misbehaves, for tests: an HTTP proxy on loopback between the workstation and
 * central. Per request it may answer 503 without forwarding, forward and then lose the answer
 * (502 after central did the work), cut the connection part-way through the request body, or
 * stall; everything it forwards can be slowed to a bandwidth. It counts the upload bytes it
 * forwarded per upload address, so a test can see how much was sent twice.
 */
export interface FlakyRules {
  /** Probability of answering 503 without forwarding. */
  reject5xx: number;
  /** Probability of forwarding, then answering 502 instead of central's answer. */
  loseAnswer: number;
  /** Probability of cutting the connection after a random part of the request body. */
  drop: number;
  /** Probability of holding the request for `stallMs` before doing anything. */
  stall: number;
  stallMs: number;
  /** Bytes per second for request bodies (0 = unlimited). */
  bytesPerSecond: number;
}

export const calm: FlakyRules = { reject5xx: 0, loseAnswer: 0, drop: 0, stall: 0, stallMs: 0, bytesPerSecond: 0 };

class Throttle extends Transform {
  constructor(private readonly bytesPerSecond: () => number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const rate = this.bytesPerSecond();
    if (!rate) {
      done(null, chunk);
      return;
    }
    setTimeout(() => done(null, chunk), (chunk.length / rate) * 1000);
  }
}

/** An answer the proxy gives in central's place (central's own error, for one request). */
export interface StandInAnswer {
  status: number;
  body: unknown;
}

export interface FlakyProxy {
  url: string;
  rules: FlakyRules;
  /**
   * Asked first for each request: an answer to give instead of forwarding (e.g. the 500 central
   * gave for one case), or null to go on. Requests it answered are counted as `answered`.
   */
  answer: ((method: string, path: string) => StandInAnswer | null) | null;
  /** Requests answered by `answer`, by `METHOD path`. */
  answered: Map<string, number>;
  /** Upload bytes forwarded to central, by upload path (`/api/v1/uploads/<id>`), including re-sends. */
  uploadBytes: Map<string, number>;
  /** Requests by what happened to them. */
  counts: Record<'forwarded' | 'rejected' | 'lost' | 'dropped' | 'stalled', number>;
  /** The switch reboots: every open connection is cut at once. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startFlakyProxy(
  target: string,
  rules: Partial<FlakyRules> = {},
  random: () => number = Math.random,
): Promise<FlakyProxy> {
  const targetUrl = new URL(target);
  const state: FlakyProxy = {
    url: '',
    rules: { ...calm, ...rules },
    answer: null,
    answered: new Map(),
    uploadBytes: new Map(),
    counts: { forwarded: 0, rejected: 0, lost: 0, dropped: 0, stalled: 0 },
    cutAll: () => {
      for (const s of sockets) s.destroy();
      for (const s of upstreams) s.destroy();
    },
    close: () => Promise.resolve(),
  };
  const sockets = new Set<Socket>();
  const upstreams = new Set<ReturnType<typeof httpRequest>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const r = state.rules;
    const standIn = state.answer?.(req.method ?? 'GET', req.url ?? '/');
    if (standIn) {
      const key = `${req.method} ${req.url}`;
      state.answered.set(key, (state.answered.get(key) ?? 0) + 1);
      req.resume();
      req.on('end', () =>
        res.writeHead(standIn.status, { 'content-type': 'application/json' }).end(JSON.stringify(standIn.body)),
      );
      return;
    }
    if (random() < r.stall) {
      state.counts.stalled++;
      await new Promise((resolve) => setTimeout(resolve, r.stallMs));
      if (req.destroyed) return;
    }
    if (random() < r.reject5xx) {
      state.counts.rejected++;
      req.resume();
      req.on('end', () => res.writeHead(503, { 'content-type': 'text/plain' }).end('switch says no\n'));
      return;
    }
    const dropAfter = random() < r.drop ? Math.floor(random() * Number(req.headers['content-length'] ?? 0)) : -1;
    const lose = random() < r.loseAnswer;
    const upstream = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
      },
      (answer) => {
        if (lose) {
          state.counts.lost++;
          answer.resume();
          answer.on('end', () => res.writeHead(502, { 'content-type': 'text/plain' }).end('answer lost\n'));
          return;
        }
        state.counts.forwarded++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    upstream.on('error', () => res.destroy());
    let forwarded = 0;
    const isUpload = req.method === 'PATCH' && (req.url ?? '').includes('/uploads/');
    const throttle = new Throttle(() => state.rules.bytesPerSecond);
    throttle.on('data', (chunk: Buffer) => {
      if (dropAfter >= 0 && forwarded + chunk.length > dropAfter) {
        const part = chunk.subarray(0, Math.max(0, dropAfter - forwarded));
        forwarded += part.length;
        if (isUpload) state.uploadBytes.set(req.url!, (state.uploadBytes.get(req.url!) ?? 0) + part.length);
        if (part.length) upstream.write(part);
        state.counts.dropped++;
        // The switch cuts both sides: central sees a broken upload, the workstation a reset.
        setTimeout(() => {
          upstream.destroy();
          req.socket.destroy();
        }, 20);
        throttle.destroy();
        return;
      }
      forwarded += chunk.length;
      if (isUpload) state.uploadBytes.set(req.url!, (state.uploadBytes.get(req.url!) ?? 0) + chunk.length);
      if (!upstream.write(chunk)) {
        throttle.pause();
        upstream.once('drain', () => throttle.resume());
      }
    });
    throttle.on('end', () => upstream.end());
    req.pipe(throttle);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}
