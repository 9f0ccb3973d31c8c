import { request as httpRequest, type IncomingMessage } from 'node:http';
import { hallPrefix, type HallActor } from '@yichuang/domain/hall-protocol';

/**
 * Test and bench helpers for the hall service: a window's or kiosk's HTTP client (the bearer
 * credential from enrolment) and a Server-Sent Events listener that records what a screen receives.
 */

export const clerk = (username = 'lisi', displayName = '李四'): HallActor => ({ username, displayName, role: 'clerk' });
export const supervisor: HallActor = { username: 'wang', displayName: '王值班长', role: 'supervisor' };
export const kiosk: HallActor = { username: 'kiosk', displayName: '取号机', role: 'kiosk' };

export interface HallAnswer<T = unknown> {
  status: number;
  body: T;
}

export function hallClient(url: string, authorization: string) {
  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HallAnswer<T>> {
    const response = await fetch(`${url}${hallPrefix}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
  return {
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, body: unknown, headers?: Record<string, string>) => send<T>('POST', path, body, headers),
    put: <T>(path: string, body: unknown) => send<T>('PUT', path, body),
  };
}

export interface PushEvent {
  event: string;
  data: unknown;
  /** `performance.now()` when it arrived. */
  at: number;
}

/** Listens to an SSE stream (the display's or a workstation's); `next` waits for an event of a kind. */
export function listenPush(url: string, headers: Record<string, string> = {}) {
  const events: PushEvent[] = [];
  const waiters: { kind: string; after: number; resolve: (event: PushEvent) => void }[] = [];
  let response: IncomingMessage | null = null;
  let buffer = '';
  const opened = new Promise<number>((resolve, reject) => {
    const request = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      response = res;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const received: PushEvent = { event, data: JSON.parse(data), at: performance.now() };
          events.push(received);
          for (const waiter of [...waiters]) {
            if (waiter.kind === event && events.length > waiter.after) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(received);
            }
          }
        }
      });
      resolve(res.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
  return {
    opened,
    events,
    /** The next event of `kind` after the first `after` events (default: any not seen yet). */
    next(kind: string, after = events.length, timeoutMs = 5000): Promise<PushEvent> {
      const seen = events.slice(after).find((event) => event.event === kind);
      if (seen) return Promise.resolve(seen);
      return new Promise<PushEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${kind} event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          kind,
          after,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
    close(): void {
      response?.destroy();
    },
  };
}
