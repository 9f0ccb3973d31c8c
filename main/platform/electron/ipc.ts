import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { electronIpc } from '../../../preload/contract/bridge';
import { fail } from '../../../preload/contract/envelope';
import type { Router } from '../../ipc/router';
import { createSession, type Session } from '../../ipc/session';
import type { SessionHub } from '../../ipc/session-hub';
import type { Logger } from '../../logging/logger';
import { urlForLog } from './policy';
import { isOwnOrigin } from './window';

/**
 * One session per window's WebContents; every message's sender frame is checked first. `sessionOf`
 * is the caller's too: the citizen window's session is paired with the clerk's before either calls.
 */
export function serveIpc(
  router: Router,
  hub: SessionHub,
  log: Logger,
): { sessions: Map<number, Session>; sessionOf: (contents: WebContents) => Session } {
  const sessions = new Map<number, Session>();

  function sessionOf(contents: WebContents): Session {
    let session = sessions.get(contents.id);
    if (!session) {
      session = createSession((event, payload) => {
        // Structured clone: byte arrays in a payload arrive as Uint8Array, no codec needed.
        if (!contents.isDestroyed()) contents.send(electronIpc.event, event, payload);
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

  ipcMain.handle(electronIpc.invoke, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const owner = BrowserWindow.fromWebContents(event.sender);
    if (!frame || !owner || frame !== event.sender.mainFrame || !isOwnOrigin(frame.url)) {
      log.warn({ url: frame ? urlForLog(frame.url) : null }, 'ipc from an unexpected frame refused');
      return fail('untrusted_sender');
    }
    if (typeof channel !== 'string') return fail('invalid_input');
    // The input arrives by structured clone (bytes as Uint8Array); the router validates it.
    return router.dispatch(sessionOf(event.sender), channel, input);
  });

  return { sessions, sessionOf };
}
