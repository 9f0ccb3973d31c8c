import type { ServerResponse } from 'node:http';
import type { Board, Call, HallPushEvent } from '@yichuang/domain/hall-protocol';
import { displayBoard } from './board';

/** A comment line this often keeps proxies and the browser from closing an idle stream. */
export const keepAliveMs = 15_000;
/** What a browser's EventSource waits before reconnecting after the stream drops. */
export const retryMs = 2_000;
/**
 * Boards are recomputed at most this often: a burst of fifty calls makes a handful of boards, not
 * fifty. Calls themselves go out at once, unthrottled.
 */
export const boardEveryMs = 100;

interface Subscriber {
  response: ServerResponse;
  /** A display sees no staff names; a workstation sees the whole board. */
  audience: 'display' | 'workstation';
}

export type HallPush = ReturnType<typeof createHallPush>;

/**
 * The push channel (Server-Sent Events): a call goes out the moment it is committed; the board
 * follows, computed once per burst of changes however many screens listen. A screen that
 * reconnects gets the board at once, so it never shows an old hall.
 */
export function createHallPush(deps: { snapshot: () => Promise<Board>; onError: (error: unknown) => void }) {
  const subscribers = new Set<Subscriber>();
  let computing = false;
  let again = false;
  let latest: Board | null = null;

  function send(subscriber: Subscriber, event: HallPushEvent, data: unknown): void {
    subscriber.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  function boardFor(subscriber: Subscriber, board: Board): Board {
    return subscriber.audience === 'display' ? displayBoard(board) : board;
  }

  async function refresh(): Promise<void> {
    if (subscribers.size === 0) {
      latest = null;
      return;
    }
    if (computing) {
      again = true;
      return;
    }
    computing = true;
    try {
      do {
        again = false;
        const started = Date.now();
        latest = await deps.snapshot();
        for (const subscriber of subscribers) send(subscriber, 'board', boardFor(subscriber, latest));
        const rest = boardEveryMs - (Date.now() - started);
        if (again && rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      } while (again);
    } catch (error) {
      deps.onError(error);
    } finally {
      computing = false;
    }
  }

  const keepAlive = setInterval(() => {
    for (const subscriber of subscribers) subscriber.response.write(': keep-alive\n\n');
  }, keepAliveMs);
  keepAlive.unref();

  return {
    /** Starts a stream on a hijacked response; it ends when the client goes. */
    async subscribe(response: ServerResponse, audience: Subscriber['audience']): Promise<void> {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write(`retry: ${retryMs}\n\n`);
      const subscriber: Subscriber = { response, audience };
      subscribers.add(subscriber);
      response.on('close', () => subscribers.delete(subscriber));
      try {
        send(subscriber, 'board', boardFor(subscriber, latest ?? (latest = await deps.snapshot())));
      } catch (error) {
        deps.onError(error);
      }
    },
    /** A call or recall, to every screen now; the voice says it. */
    call(call: Call): void {
      for (const subscriber of subscribers) send(subscriber, 'call', call);
    },
    /** Something changed: every board is recomputed (once per burst). */
    changed(): void {
      void refresh();
    },
    get size(): number {
      return subscribers.size;
    },
    close(): void {
      clearInterval(keepAlive);
      for (const subscriber of subscribers) subscriber.response.end();
      subscribers.clear();
    },
  };
}
