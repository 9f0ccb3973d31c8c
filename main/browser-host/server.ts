import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../../preload/contract/codec';
import type { Workstation } from '../app/services';
import { createSession, type Session } from '../ipc/session';
import { createStaticHandler } from './static';

export interface BrowserHostOptions {
  workstation: Workstation;
  rendererDir: string;
  /** 0 picks any free port. */
  port: number;
  /** Fixed only in tests; otherwise a new random token for each run. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  /** Sessions of the open connections (the Electron host has one per window). */
  sessions: Set<Session>;
  close(): Promise<void>;
}

/** Largest request a signed-in connection may send (a scan or an imported file travels inside it). */
export const maxMessageBytes = 64 * 1024 * 1024;
/** Largest request before sign-in: sign-in, set-up, the state and a ping are small. */
export const maxMessageBytesBeforeSignIn = 64 * 1024;

/**
 * What ws lets one message of this connection be. ws takes one limit per server; its receiver
 * keeps it in `_maxPayload` and checks each frame's declared length against it before reading
 * the payload, so a message over it is refused without being held in memory (ws then closes the
 * connection with 1009, Message Too Big). Fails loudly if a ws upgrade ever moves it.
 */
export function setMessageCap(ws: WebSocket, bytes: number): void {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: unknown } })._receiver;
  if (!receiver || typeof receiver._maxPayload !== 'number') {
    throw new Error('ws no longer keeps its message limit where the browser host sets it');
  }
  receiver._maxPayload = bytes;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves the built renderer and the router over a token-guarded WebSocket on 127.0.0.1 only. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { workstation } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = workstation.log.child({ subsystem: 'browser-host' });
  const sessions = new Set<Session>();
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  server.on('request', (req, res) => {
    // A page on another site must not reach us by DNS rebinding: only our own Host is served.
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421).end();
      return;
    }
    handleStatic(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'static request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  let handleStatic: ReturnType<typeof createStaticHandler> = createStaticHandler(options.rendererDir, "'self'");

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const originOk = origin === undefined || allowedHosts().has(origin.replace(/^http:\/\//, ''));
    if (url.pathname !== '/ws' || !allowedHosts().has(req.headers.host ?? '')) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    if (!sameSecret(url.searchParams.get('token') ?? '', token) || !originOk) {
      log.warn({ origin, remote: req.socket.remoteAddress }, 'websocket refused: bad token or origin');
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const session = createSession((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ event, payload }));
    });
    sessions.add(session);
    const leaveHub = workstation.hub.add(session);
    // Before sign-in (and while locked) a connection may send only small messages; signed in, today's large ones.
    const capFor = () => (session.userId === null || session.locked ? maxMessageBytesBeforeSignIn : maxMessageBytes);
    setMessageCap(ws, capFor());
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        // Nothing of the message is logged: only that it was too large, and whether anyone was signed in.
        log.warn(
          { signedIn: session.userId !== null, limitBytes: capFor() },
          'websocket message over the limit: closed (1009)',
        );
      } else log.warn({ code: error.code ?? null }, 'websocket error');
    });
    ws.on('close', () => {
      sessions.delete(session);
      leaveHub();
    });
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let message: { id?: unknown; channel?: unknown; input?: unknown };
        try {
          // Binary frames only (codec.ts); ws hands a whole message over as one Buffer.
          if (!isBinary || !Buffer.isBuffer(data)) throw new Error('not a binary frame');
          message = decodeMessage(data) as typeof message;
          if (typeof message !== 'object' || message === null) throw new Error('not a request');
          if (typeof message.id !== 'number' || typeof message.channel !== 'string')
            throw new Error('malformed request');
        } catch (error) {
          log.warn({ err: error }, 'malformed websocket message');
          ws.close(1008, 'malformed request');
          return;
        }
        const answer = await workstation.router.dispatch(session, message.channel, message.input);
        setMessageCap(ws, capFor());
        if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ id: message.id, answer }));
      })();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const self = `http://127.0.0.1:${port}`;
  handleStatic = createStaticHandler(options.rendererDir, `'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
  log.info({ port }, 'browser host serving');

  return {
    url: `${self}/#token=${token}`,
    port,
    token,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
