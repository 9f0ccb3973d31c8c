/**
 * The bridge of the sync component tests: the real `createBridge` over a fake transport. Calls
 * are answered by handlers per channel and recorded; events are pushed by the test. Tests mock
 * '../bridge' with `fakeBridgeModule` (this module imports nothing of the renderer, so the mock
 * factory can load it).
 */
import { createBridge, type ConnectionStatus, type Transport } from '../../../preload/contract/bridge';
import type { ChannelName, ChannelOutput } from '../../../preload/contract/channels';
import { decodeMessage, encodeMessage } from '../../../preload/contract/codec';
import type { Result } from '../../../preload/contract/envelope';
import type { EventName, EventPayload } from '../../../preload/contract/events';

type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

function createFake() {
  const handlers = new Map<string, Handler>();
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let connection: ConnectionStatus = 'connected';
  // Through the browser host's codec both ways, as the real transport does.
  const wire = (value: unknown) => decodeMessage(encodeMessage(value));
  const transport: Transport = {
    async invoke(channel, payload) {
      const input = wire(payload);
      calls.push({ channel, input });
      const handler = handlers.get(channel);
      const result = handler ? await handler(input) : { ok: false, error: { code: 'internal', message: channel } };
      return wire(result);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(connection);
      return () => statusListeners.delete(listener);
    },
  };
  const bridge = createBridge(transport);
  return {
    bridge,
    calls,
    /** Answers a channel (until `reset`). */
    handle<K extends ChannelName>(
      channel: K,
      answer: (input: unknown) => Result<ChannelOutput<K>> | Promise<Result<ChannelOutput<K>>>,
    ): void {
      handlers.set(channel, answer);
    },
    callsOf(channel: ChannelName): unknown[] {
      return calls.filter((c) => c.channel === channel).map((c) => c.input);
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const listener of listeners) listener(event, wire(payload));
    },
    /** Moves the connection as the real transport would (a drop, a reconnect): listeners hear it. */
    setConnection(status: ConnectionStatus): void {
      connection = status;
      for (const listener of statusListeners) listener(status);
    },
    reset(): void {
      handlers.clear();
      calls.length = 0;
      connection = 'connected';
    },
  };
}

export const fake = createFake();
export const fakeBridgeModule = { bridge: fake.bridge, api: fake.bridge.api };
