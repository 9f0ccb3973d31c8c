import { createBridge, type Bridge } from '../../preload/contract/bridge';
import { takeToken } from './transport/token';
import { createWebSocketTransport } from './transport/websocket';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    yichuang?: Bridge;
  }
}

/** The one bridge of this page: Electron's preload, or the browser host's WebSocket. */
export const bridge: Bridge =
  window.yichuang ??
  createBridge(
    createWebSocketTransport(window.location, takeToken(window.location, window.history, window.sessionStorage)),
  );
export const api = bridge.api;
