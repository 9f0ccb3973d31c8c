import type { ChannelInput, ChannelName, ChannelOutput } from './channels';
import { channels } from './channels';
import { decode, encode } from './codec';
import type { Result } from './envelope';
import { fail } from './envelope';
import type { EventName, EventPayload } from './events';
import { isEventName } from './events';

/** Electron IPC channel names (the browser host carries the same calls over its WebSocket). */
export const electronIpc = { invoke: 'yc:invoke', event: 'yc:event' } as const;

export type ConnectionStatus = 'connected' | 'connecting' | 'closed';

/** Moves encoded requests and events; Electron IPC and the WebSocket each implement it. */
export interface Transport {
  invoke(channel: string, payload: string): Promise<string>;
  subscribe(listener: (event: string, payload: string) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
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
}

/** The renderer's one way to reach main: a typed API over any transport. */
export function createBridge(transport: Transport): Bridge {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of Object.keys(channels) as ChannelName[]) {
    const [area, action] = name.split('.') as [string, string];
    const group = (api[area] ??= {});
    group[action] = async (input: unknown) => {
      try {
        const answer = await transport.invoke(name, encode(input ?? {}));
        return decode(answer) as Result<unknown>;
      } catch {
        return fail('transport_closed');
      }
    };
  }
  return {
    api: api as unknown as Api,
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event && isEventName(name)) listener(decode(payload) as EventPayload<typeof event>);
      });
    },
    onConnection: (listener) => transport.onStatus(listener),
  };
}
