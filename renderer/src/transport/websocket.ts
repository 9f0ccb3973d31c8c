import type { ConnectionStatus, Transport } from '../../../preload/contract/bridge';
import { decodeMessage, encodeMessage } from '../../../preload/contract/codec';

interface Pending {
  resolve(answer: unknown): void;
  reject(error: Error): void;
}

/**
 * The browser host's transport: one WebSocket to 127.0.0.1 with the per-run token (token.ts), in
 * binary frames (codec.ts: bytes travel as bytes). Reconnects with backoff; calls made while
 * closed fail at once so the UI can say so instead of hanging.
 */
export function createWebSocketTransport(location: Location, token: string): Transport {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 500;
  let opened: Promise<void>;

  const setStatus = (next: ConnectionStatus) => {
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  function connect(): Promise<void> {
    setStatus('connecting');
    return new Promise<void>((resolve) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      socket = ws;
      ws.onopen = () => {
        retryMs = 500;
        setStatus('connected');
        resolve();
      };
      ws.onmessage = (message: MessageEvent<ArrayBuffer | string>) => {
        if (typeof message.data === 'string') return; // the host speaks binary frames only
        const data = decodeMessage(new Uint8Array(message.data)) as {
          id?: unknown;
          answer?: unknown;
          event?: unknown;
          payload?: unknown;
        };
        if (typeof data.id === 'number') {
          pending.get(data.id)?.resolve(data.answer);
          pending.delete(data.id);
        } else if (typeof data.event === 'string') {
          for (const listener of eventListeners) listener(data.event, data.payload);
        }
      };
      ws.onclose = () => {
        for (const call of pending.values()) call.reject(new Error('connection closed'));
        pending.clear();
        setStatus('closed');
        resolve();
        setTimeout(() => {
          opened = connect();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      };
    });
  }
  opened = connect();

  return {
    async invoke(channel, input) {
      await opened;
      if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error('not connected');
      const id = nextId++;
      const answer = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      socket.send(encodeMessage({ id, channel, input }));
      return answer;
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}
