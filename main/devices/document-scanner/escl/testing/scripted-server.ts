import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test helpers only: a tiny HTTP server on 127.0.0.1 that answers from a script, for what the simulator does not do. */

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface ScriptedServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Every request, as "METHOD /path". */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a server; `reply` returning 'reset' destroys the connection without an answer. */
export async function scriptedServer(
  reply: (method: string, path: string, body: string) => ScriptedReply | 'reset' | Promise<ScriptedReply | 'reset'>,
): Promise<ScriptedServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      requests.push(`${method} ${path}`);
      void Promise.resolve(reply(method, path, Buffer.concat(chunks).toString('utf8'))).then((r) => {
        if (r === 'reset') return req.socket.destroy();
        const body = typeof r.body === 'string' ? Buffer.from(r.body) : (r.body ?? Buffer.alloc(0));
        res.writeHead(r.status, { 'Content-Length': body.length, ...r.headers });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
