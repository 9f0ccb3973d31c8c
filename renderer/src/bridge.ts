import { createBridge, type Bridge } from '../../preload/contract/bridge';
import { createWebSocketTransport } from './transport/websocket';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    yichuang?: Bridge;
  }
}

/** The one bridge of this page: Electron's preload, or the browser host's WebSocket. */
export const bridge: Bridge = window.yichuang ?? createBridge(createWebSocketTransport(window.location));
export const api = bridge.api;
