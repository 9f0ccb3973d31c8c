import type { ChannelInput, ChannelName, ChannelOutput } from './channels';
import { channels } from './channels';
import type { Result } from './envelope';
import { fail } from './envelope';
import type { EventName, EventPayload } from './events';
import { isEventName } from './events';

/** Electron IPC channel names (the browser host carries the same calls over its WebSocket). */
export const electronIpc = { invoke: 'yc:invoke', event: 'yc:event' } as const;

export type ConnectionStatus = 'connected' | 'connecting' | 'closed';

/**
 * Moves requests, answers and events as values (byte arrays included, as bytes): Electron IPC by
 * structured clone, the browser host's WebSocket in binary frames (codec.ts).
 */
export interface Transport {
  /** Sends one request; resolves with main's answer (a result envelope), rejects when the connection is gone. */
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** Whether an answer from main has the envelope's shape (anything else is a broken transport). */
export function isResult(value: unknown): value is Result<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const answer = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (answer.ok === true) return 'value' in answer;
  return answer.ok === false && typeof answer.error?.code === 'string' && typeof answer.error.message === 'string';
}

type Namespace<K> = K extends `${infer N}.${string}` ? N : never;

export type Api = {
  [N in Namespace<ChannelName>]: {
    [K in ChannelName as K extends `${N}.${infer M}` ? M : never]: (
      input: ChannelInput<K>,
    ) => Promise<Result<ChannelOutput<K>>>;
  };
};

export interface Bridge {
  api: Api;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onConnection(listener: (status: ConnectionStatus) => void): () => void;
  /** Whenever main answers a call with session_locked (main locked the session, e.g. when idle). */
  onLocked(listener: () => void): () => void;
}

/** The renderer's one way to reach main: a typed API over any transport. */
export function createBridge(transport: Transport): Bridge {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  const lockedListeners = new Set<() => void>();
  for (const name of Object.keys(channels) as ChannelName[]) {
    const [area, action] = name.split('.') as [string, string];
    const group = (api[area] ??= {});
    group[action] = async (input: unknown) => {
      try {
        const answer = await transport.invoke(name, input ?? {});
        if (!isResult(answer)) return fail('internal');
        if (!answer.ok && answer.error.code === 'session_locked') for (const listener of lockedListeners) listener();
        return answer;
      } catch {
        return fail('transport_closed');
      }
    };
  }
  return {
    api: api as unknown as Api,
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        // Main emits each event typed as its payload (Session.emit); the transport only carries it.
        if (name === event && isEventName(name)) listener(payload as EventPayload<typeof event>);
      });
    },
    onConnection: (listener) => transport.onStatus(listener),
    onLocked(listener) {
      lockedListeners.add(listener);
      return () => lockedListeners.delete(listener);
    },
  };
}
