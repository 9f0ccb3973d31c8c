import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import { createBridge, type ConnectionStatus } from '../../preload/contract/bridge';
import { decodeMessage, encodeMessage } from '../../preload/contract/codec';
import type { SessionState } from '../../preload/contract/schemas';
import { makeNoisePng } from '@yichuang/domain/testing/images';
import {
  addClerk,
  createTestWorkstation,
  makeTempDir,
  removeTempDir,
  sampleWindow,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import { frame, nodeTransport } from '../testing/ws-transport';
import { startBrowserHost, type BrowserHost } from './server';

const token = 'test-token-0123456789abcdef';
const indexHtml = '<!doctype html><html><head><title>一窗</title></head><body><div id="root"></div></body></html>';
const secret = 'TOP-SECRET-OUTSIDE-RENDERER';

interface Fixture {
  t: TestWorkstation;
  host: BrowserHost;
  dir: string;
}

async function startFixture(): Promise<Fixture> {
  const t = await createTestWorkstation();
  const dir = makeTempDir('yichuang-host-');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), indexHtml);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'secret.txt'), secret);
  writeFileSync(join(dir, 'package.json'), `{"secret":"${secret}"}`);
  const host = await startBrowserHost({ workstation: t.workstation, rendererDir, port: 0, token });
  return { t, host, dir };
}

async function stopFixture(f: Fixture | undefined): Promise<void> {
  if (!f) return;
  await f.host.close();
  await f.t.dispose();
  removeTempDir(f.dir);
}

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path goes on the wire exactly as given (no client-side normalising). */
function http(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}` },
        timeout: 3000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within 3 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Tries a WebSocket upgrade: 'open', or the HTTP status of the refusal. */
function upgrade(url: string, options: ClientOptions = {}): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    ws.on('open', () => {
      resolve('open');
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one request over the raw protocol (a binary frame) and waits for its answer. */
function rpc(ws: WebSocket, id: number, channel: string, input: unknown): Promise<{ id: unknown; answer: unknown }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      const message = decodeMessage(frame(data)) as { id: unknown; answer: unknown };
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(encodeMessage({ id, channel, input }));
  });
}

describe('browser host: HTTP', () => {
  let f: Fixture;
  let port: number;
  beforeAll(async () => {
    f = await startFixture();
    port = f.host.port;
  });
  afterAll(() => stopFixture(f));

  it('listens on 127.0.0.1 and hands out the token in the URL fragment', () => {
    expect(port).toBeGreaterThan(0);
    expect(f.host.url).toBe(`http://127.0.0.1:${port}/#token=${token}`);
    expect(f.host.token).toBe(token);
  });

  it('serves index.html at / with a strict Content-Security-Policy', async () => {
    const answer = await http(port, '/');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(indexHtml);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = answer.headers['content-security-policy'];
    expect(typeof csp).toBe('string');
    const directives = String(csp).split('; ');
    expect(directives).toContain("default-src 'self'");
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(directives).toContain(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cache-control']).toBe('no-cache');
  });

  it('serves assets with their type and a long cache', async () => {
    const answer = await http(port, '/assets/app.js');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('console.log("app");');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('accepts Host localhost:PORT too', async () => {
    expect((await http(port, '/', { host: `localhost:${port}` })).status).toBe(200);
  });

  it.each([
    'evil.example',
    'evil.example:PORT',
    '127.0.0.1',
    '127.0.0.1:1',
    'localhost',
    '0.0.0.0:PORT',
    '[::1]:PORT',
    'PORT',
  ])('answers 421 to Host %j (DNS rebinding)', async (host) => {
    const answer = await http(port, '/', { host: host.replace('PORT', String(port)) });
    expect(answer.status).toBe(421);
    expect(answer.body).toBe('');
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/.%2e/secret.txt',
    '/%252e%252e/secret.txt',
  ])('refuses path traversal %s with 404', async (path) => {
    const answer = await http(port, path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain(secret);
  });

  it('answers 404 to a missing file and to a directory', async () => {
    expect((await http(port, '/missing.js')).status).toBe(404);
    expect((await http(port, '/assets')).status).toBe(404);
    expect((await http(port, '/assets/')).status).toBe(404);
  });

  it('answers 405 to methods other than GET and HEAD', async () => {
    const post = await http(port, '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const head = await http(port, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers a malformed percent-encoding with a 4xx instead of hanging', async () => {
    const answer = await http(port, '/%E0%A4%A');
    expect([400, 404]).toContain(answer.status);
    // And the server still works afterwards.
    expect((await http(port, '/')).status).toBe(200);
  });
});

describe('browser host: WebSocket', () => {
  let f: Fixture;
  let port: number;
  let wsUrl: string;
  beforeAll(async () => {
    f = await startFixture();
    port = f.host.port;
    wsUrl = `ws://127.0.0.1:${port}/ws?token=${token}`;
  });
  afterAll(() => stopFixture(f));

  it('refuses a connection without a token', async () => {
    expect(await upgrade(`ws://127.0.0.1:${port}/ws`)).toBe(401);
  });

  it.each(['wrong', `${token}x`, token.slice(0, -1), token.toUpperCase(), ''])(
    'refuses the token %j',
    async (given) => {
      expect(await upgrade(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(given)}`)).toBe(401);
    },
  );

  it.each([
    'http://evil.example',
    'http://evil.example:PORT',
    'null',
    'https://127.0.0.1:PORT',
    'http://127.0.0.1:OTHER',
    'file://',
  ])('refuses the right token from Origin %s', async (origin) => {
    const resolved = origin.replace('PORT', String(port)).replace('OTHER', String(port + 1));
    expect(await upgrade(wsUrl, { origin: resolved })).toBe(401);
  });

  it('accepts the right token from our own origins or without an Origin', async () => {
    expect(await upgrade(wsUrl)).toBe('open');
    expect(await upgrade(wsUrl, { origin: `http://127.0.0.1:${port}` })).toBe('open');
    expect(await upgrade(`ws://localhost:${port}/ws?token=${token}`, { origin: `http://localhost:${port}` })).toBe(
      'open',
    );
  });

  it('refuses other paths and foreign Host headers', async () => {
    expect(await upgrade(`ws://127.0.0.1:${port}/other?token=${token}`)).toBe(404);
    expect(await upgrade(wsUrl, { headers: { host: `evil.example:${port}` } })).toBe(404);
  });

  it('answers system.ping with the request id', async () => {
    const ws = await openSocket(wsUrl);
    try {
      const answer = await rpc(ws, 1, 'system.ping', {});
      expect(answer.id).toBe(1);
      expect(answer.answer).toEqual({ ok: true, value: { pong: true } });
      const again = await rpc(ws, 42, 'session.state', {});
      expect(again.id).toBe(42);
      expect(again.answer).toMatchObject({ ok: true, value: { user: null, needsSetup: true } });
      const unknown = await rpc(ws, 43, 'no.such', {});
      expect(unknown.answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      // An input that is not what the channel takes is refused by the router, not the connection.
      const invalid = await rpc(ws, 44, 'system.ping', 'not an object');
      expect(invalid.answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      ws.close();
    }
  });

  it('carries a scan as bytes: 2 MB in, the same 2 MB back, each frame barely larger than the file', async () => {
    const clerk = await addClerk(f.t.workstation.services.staff, {
      username: 'bytes',
      displayName: '字节',
      windowNumber: 7,
    });
    const ws = await openSocket(wsUrl);
    const sizes: number[] = [];
    ws.on('message', (data) => sizes.push(frame(data).length));
    try {
      expect(
        (await rpc(ws, 1, 'auth.signIn', { username: clerk.username, password: strongPassword })).answer,
      ).toMatchObject({
        ok: true,
      });
      const png = new Uint8Array(makeNoisePng(700, 1000)); // about 2.1 MB
      const request = encodeMessage({ id: 2, channel: 'materials.import', input: { bytes: png, name: 'scan.png' } });
      expect(request.length).toBeLessThan(png.length + 200); // base64 would be a third larger
      const stored = (await rpc(ws, 2, 'materials.import', { bytes: png, name: 'scan.png' })).answer as {
        ok: true;
        value: { sha256: string; bytes: number };
      };
      expect(stored.value.bytes).toBe(png.length);
      const back = (await rpc(ws, 3, 'materials.read', { sha256: stored.value.sha256 })).answer as {
        ok: true;
        value: { bytes: Uint8Array };
      };
      expect(back.value.bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back.value.bytes).equals(Buffer.from(png))).toBe(true);
      expect(sizes.at(-1)).toBeLessThan(png.length + 200);
    } finally {
      ws.close();
    }
  });

  it('closes the connection with 1008 on a malformed request', async () => {
    const truncated = encodeMessage({ id: 1, channel: 'system.ping', input: { x: new Uint8Array(10) } });
    for (const bad of [
      'a text frame',
      JSON.stringify({ id: 1, channel: 'system.ping', input: {} }),
      Buffer.from('not a frame'),
      encodeMessage({ id: 'x', channel: 'system.ping', input: {} }),
      encodeMessage({ id: 1, channel: 7, input: {} }),
      encodeMessage(['not', 'a', 'request']),
      truncated.subarray(0, truncated.length - 3),
    ]) {
      const ws = await openSocket(wsUrl);
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(bad);
      expect(await closed).toBe(1008);
    }
  });

  it('gives every connection its own session and forgets it on close', async () => {
    // Connections from earlier tests finish closing first.
    await expect.poll(() => f.host.sessions.size).toBe(0);
    const a = await openSocket(wsUrl);
    const b = await openSocket(wsUrl);
    try {
      await rpc(a, 1, 'system.ping', {});
      await rpc(b, 1, 'system.ping', {});
      expect(f.host.sessions.size).toBe(2);
      const ids = [...f.host.sessions].map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      const closedA = new Promise((resolve) => a.once('close', resolve));
      const closedB = new Promise((resolve) => b.once('close', resolve));
      a.close();
      b.close();
      await Promise.all([closedA, closedB]);
    }
    await expect.poll(() => f.host.sessions.size).toBe(0);
  });
});

describe('browser host: the bridge end to end', () => {
  let f: Fixture | undefined;
  afterAll(() => stopFixture(f));

  it('drives the typed API over the WebSocket, with per-connection sessions and events', async () => {
    f = await startFixture();
    const url = `ws://127.0.0.1:${f.host.port}/ws?token=${token}`;
    const transport = nodeTransport(url);
    const bridge = createBridge(transport);
    const statuses: ConnectionStatus[] = [];
    bridge.onConnection((s) => statuses.push(s));

    expect(await bridge.api.system.ping({})).toEqual({ ok: true, value: { pong: true } });
    const state = await bridge.api.session.state({});
    expect(state).toMatchObject({ ok: true, value: { user: null, locked: false, needsSetup: true, window: null } });
    expect(statuses).toEqual(['connecting', 'connected']);

    const setUp = await bridge.api.setup.initialize({
      admin: { username: 'admin', displayName: '管理员', password: strongPassword },
      window: sampleWindow,
    });
    expect(setUp).toMatchObject({ ok: true, value: { user: { username: 'admin', role: 'admin' }, needsSetup: false } });
    expect(await bridge.api.session.state({})).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    const staff = await bridge.api.staff.list({});
    expect(staff.ok && staff.value.map((s) => s.username)).toEqual(['admin']);
    const invalid = await bridge.api.settings.update({ idleLockMinutes: 0 });
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { idleLockMinutes: '至少 1 分钟' } },
    });

    // A second connection is a separate, signed-out session.
    const other = createBridge(nodeTransport(url));
    expect(await other.api.session.state({})).toMatchObject({ ok: true, value: { user: null, needsSetup: false } });
    expect(await other.api.staff.list({})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    // Events pushed by main arrive decoded.
    const received: SessionState[] = [];
    const off = bridge.on('session.changed', (payload) => received.push(payload));
    const stateValue = await bridge.api.session.state({});
    if (!stateValue.ok) throw new Error(stateValue.error.message);
    const signedIn = [...f.host.sessions].find((s) => s.userId !== null);
    expect(signedIn).toBeDefined();
    signedIn!.emit('session.changed', { ...stateValue.value, locked: true });
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({ locked: true, user: { username: 'admin' } });
    off();

    // When the host goes away, calls answer transport_closed instead of hanging.
    await f.host.close();
    await expect.poll(() => statuses.at(-1)).toBe('closed');
    expect(await bridge.api.system.ping({})).toEqual({
      ok: false,
      error: { code: 'transport_closed', message: '与工作台服务的连接已断开：请稍候，正在重新连接' },
    });
    await f.t.dispose();
    removeTempDir(f.dir);
    f = undefined;
  });
});
