import { hallPushEvents, type HallPushEvent } from '@yichuang/domain/hall-protocol';
import { CentralCallError, failureOfBody, networkFailure } from '../sync/client';

export interface PushStreamOptions {
  url: string;
  headers: Record<string, string>;
  onOpen(): void;
  onEvent(event: HallPushEvent, data: unknown): void;
  /** The stream dropped or could not be opened; it is tried again after `retryInMs`. */
  onDrop(error: CentralCallError, retryInMs: number): void;
  /** The hall sends a comment every 15 s: this long without a byte means the link is dead. */
  silenceMs?: number;
  /** The first retry's delay; each failure doubles it up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * The hall's push channel (Server-Sent Events) held open for the window: events are handed on as
 * they come; a drop, an error answer or a silent link closes it and it is opened again with backoff
 * (reset once it is open). Stopping ends it for good.
 */
export function openPushStream(options: PushStreamOptions) {
  const silenceMs = options.silenceMs ?? 40_000;
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 15_000;
  let stopped = false;
  let failures = 0;
  let controller: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Each connection's number: a connection replaced by `reconnect` does not schedule its own retry. */
  let generation = 0;

  function dispatch(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (!data.length || !(hallPushEvents as readonly string[]).includes(event)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    options.onEvent(event as HallPushEvent, parsed);
  }

  async function connect(): Promise<void> {
    const mine = ++generation;
    controller = new AbortController();
    const own = controller;
    let silence: ReturnType<typeof setTimeout> | null = null;
    const quiet = () => {
      if (silence) clearTimeout(silence);
      silence = setTimeout(() => own.abort(new Error('no data from the hall for too long')), silenceMs);
    };
    try {
      quiet();
      const response = await fetch(options.url, {
        headers: { accept: 'text/event-stream', ...options.headers },
        signal: own.signal,
      });
      if (!response.ok || !response.body) {
        throw failureOfBody(response.status, await response.text().catch(() => ''));
      }
      failures = 0;
      options.onOpen();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        quiet();
        buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      throw new Error('the hall closed the stream');
    } catch (error) {
      if (stopped || mine !== generation) return;
      const failure = error instanceof CentralCallError ? error : networkFailure(error);
      const wait = Math.min(maxBackoffMs, backoffMs * 2 ** failures);
      failures++;
      options.onDrop(failure, wait);
      retryTimer = setTimeout(() => void connect(), wait);
    } finally {
      if (silence) clearTimeout(silence);
    }
  }

  void connect();
  return {
    /** Opens it again now (the clerk asked, or the address changed). */
    reconnect(): void {
      if (stopped) return;
      if (retryTimer) clearTimeout(retryTimer);
      failures = 0;
      controller?.abort();
      void connect();
    },
    stop(): void {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      controller?.abort();
    },
  };
}

export type PushStream = ReturnType<typeof openPushStream>;
