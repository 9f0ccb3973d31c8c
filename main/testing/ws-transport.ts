import WebSocket from 'ws';
import type { ConnectionStatus, Transport } from '../../preload/contract/bridge';
import { decodeMessage, encodeMessage } from '../../preload/contract/codec';

/** The bytes of a message as ws hands them over. */
export function frame(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (Buffer.isBuffer(data)) return data;
  return new Uint8Array(data);
}

/**
 * A Node transport over the browser host's WebSocket, for the bridge: what the renderer's
 * transport does in the browser, for tests and benchmarks that drive the host from Node. Given a
 * socket instead of an address, it rides on that one (a test that records the socket's bytes).
 */
export function nodeTransport(to: string | WebSocket): Transport & { close(): void } {
  const ws = typeof to === 'string' ? new WebSocket(to) : to;
  let status: ConnectionStatus = 'connecting';
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, { resolve: (answer: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const setStatus = (next: ConnectionStatus) => {
    status = next;
    for (const listener of statusListeners) listener(next);
  };
  const opened = new Promise<void>((resolve, reject) => {
    if (ws.readyState === WebSocket.OPEN) {
      setStatus('connected');
      resolve();
      return;
    }
    ws.once('open', () => {
      setStatus('connected');
      resolve();
    });
    ws.once('error', reject);
  });
  opened.catch(() => undefined);
  ws.on('message', (data) => {
    const message = decodeMessage(frame(data)) as {
      id?: unknown;
      answer?: unknown;
      event?: unknown;
      payload?: unknown;
    };
    if (typeof message.id === 'number') {
      pending.get(message.id)?.resolve(message.answer);
      pending.delete(message.id);
    } else if (typeof message.event === 'string') {
      for (const listener of eventListeners) listener(message.event, message.payload);
    }
  });
  ws.on('close', () => {
    setStatus('closed');
    for (const waiter of pending.values()) waiter.reject(new Error('closed'));
    pending.clear();
  });
  ws.on('error', () => undefined);
  return {
    async invoke(channel, input) {
      await opened;
      if (ws.readyState !== WebSocket.OPEN) throw new Error('closed');
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(encodeMessage({ id, channel, input }));
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close: () => ws.close(),
  };
}
