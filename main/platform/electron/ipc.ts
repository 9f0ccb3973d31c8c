import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { electronIpc } from '../../../preload/contract/bridge';
import { encode } from '../../../preload/contract/codec';
import { fail } from '../../../preload/contract/envelope';
import type { Router } from '../../ipc/router';
import { createSession, type Session } from '../../ipc/session';
import type { SessionHub } from '../../ipc/session-hub';
import type { Logger } from '../../logging/logger';
import { isOwnOrigin } from './window';

/** One session per window's WebContents; every message's sender frame is checked first. */
export function serveIpc(router: Router, hub: SessionHub, log: Logger): { sessions: Map<number, Session> } {
  const sessions = new Map<number, Session>();

  function sessionOf(contents: WebContents): Session {
    let session = sessions.get(contents.id);
    if (!session) {
      session = createSession((event, payload) => {
        if (!contents.isDestroyed()) contents.send(electronIpc.event, event, encode(payload));
      });
      sessions.set(contents.id, session);
      const leaveHub = hub.add(session);
      contents.once('destroyed', () => {
        sessions.delete(contents.id);
        leaveHub();
      });
    }
    return session;
  }

  ipcMain.handle(electronIpc.invoke, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    const owner = BrowserWindow.fromWebContents(event.sender);
    if (!frame || !owner || frame !== event.sender.mainFrame || !isOwnOrigin(frame.url)) {
      log.warn({ url: frame?.url }, 'ipc from an unexpected frame refused');
      return encode(fail('forbidden', '请求来源不可信：已拒绝'));
    }
    if (typeof channel !== 'string' || typeof payload !== 'string') return encode(fail('invalid_input'));
    return router.handleEncoded(sessionOf(event.sender), channel, payload);
  });

  return { sessions };
}
