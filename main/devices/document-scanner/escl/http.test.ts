import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEsclHttp, EsclNetError, type EsclHttp } from './http';
import { scriptedServer, type ScriptedServer } from './testing/scripted-server';

let server: ScriptedServer | null = null;
let client: EsclHttp | null = null;
afterEach(async () => {
  client?.close();
  await server?.close();
  server = client = null;
});

const fast = { retries: 2, backoffMs: 5 };

describe('eSCL HTTP client', () => {
  it('retries a GET the device answers 503, then gives the 503 back when it stays busy', async () => {
    let busy = 2;
    server = await scriptedServer(() => (busy-- > 0 ? { status: 503 } : { status: 200, body: 'ok' }));
    client = createEsclHttp(fast);
    const ok = await client.request('GET', `${server.origin}/eSCL/ScannerStatus`);
    expect([ok.status, ok.body.toString()]).toEqual([200, 'ok']);
    expect(server.requests).toHaveLength(3);
    busy = 10;
    expect((await client.request('GET', `${server.origin}/eSCL/ScannerStatus`)).status).toBe(503);
    expect(server.requests).toHaveLength(6);
  });

  it('hands a 503 straight back to NextDocument and to POST', async () => {
    server = await scriptedServer(() => ({ status: 503 }));
    client = createEsclHttp(fast);
    const next = await client.request('GET', `${server.origin}/x/NextDocument`, { passServiceUnavailable: true });
    expect(next.status).toBe(503);
    expect((await client.request('POST', `${server.origin}/eSCL/ScanJobs`, { body: '<x/>' })).status).toBe(503);
    expect(server.requests).toEqual(['GET /x/NextDocument', 'POST /eSCL/ScanJobs']);
  });

  it('retries a GET whose connection is reset before an answer, but never a POST on a fresh connection', async () => {
    let resets = 1;
    server = await scriptedServer((method) => (resets-- > 0 || method === 'POST' ? 'reset' : { status: 200 }));
    client = createEsclHttp(fast);
    expect((await client.request('GET', `${server.origin}/eSCL/ScannerCapabilities`)).status).toBe(200);
    client.close();
    client = createEsclHttp(fast);
    const post = client.request('POST', `${server.origin}/eSCL/ScanJobs`, { body: '<x/>' });
    await expect(post).rejects.toBeInstanceOf(EsclNetError);
    expect(server.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });

  it('sends a POST again when a kept-alive socket turns out to be closed', async () => {
    // The device answers one request per connection and drops the next one on the same socket.
    const used = new WeakSet<Socket>();
    let posts = 0;
    const raw = http.createServer((req, res) => {
      if (req.method === 'POST') posts++;
      if (used.has(req.socket)) return req.socket.destroy();
      used.add(req.socket);
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Length': 0, Location: '/eSCL/ScanJobs/1' });
      res.end();
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    client = createEsclHttp(fast);
    try {
      expect((await client.request('GET', `${origin}/eSCL/ScannerStatus`)).status).toBe(200);
      const created = await client.request('POST', `${origin}/eSCL/ScanJobs`, { body: '<x/>' });
      expect(created.status).toBe(201);
      expect(posts).toBe(2);
    } finally {
      raw.closeAllConnections();
      raw.close();
    }
  });

  it('does not repeat a GET whose body was cut short (the page may be gone with it)', async () => {
    let calls = 0;
    const raw = http.createServer((_req, res) => {
      calls++;
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': 1000 });
      res.write(Buffer.alloc(10));
      setTimeout(() => res.destroy(), 10);
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    client = createEsclHttp(fast);
    try {
      const origin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
      await expect(client.request('GET', `${origin}/j/NextDocument`)).rejects.toMatchObject({ failure: 'reset' });
      expect(calls).toBe(1);
    } finally {
      raw.closeAllConnections();
      raw.close();
    }
  });

  it('says refused after its retries, and timeout when the device goes silent', async () => {
    server = await scriptedServer(() => new Promise(() => {}));
    const closed = await scriptedServer(() => ({ status: 200 }));
    await closed.close();
    client = createEsclHttp({ ...fast, idleTimeoutMs: 100 });
    await expect(client.request('GET', `${closed.origin}/eSCL/ScannerStatus`)).rejects.toMatchObject({
      failure: 'refused',
    });
    const started = Date.now();
    await expect(client.request('GET', `${server.origin}/eSCL/ScannerStatus`)).rejects.toMatchObject({
      failure: 'timeout',
    });
    // A timeout is not repeated: the clerk has waited long enough.
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects with the abort reason when aborted while waiting', async () => {
    server = await scriptedServer(() => new Promise(() => {}));
    client = createEsclHttp(fast);
    const controller = new AbortController();
    const pending = client.request('GET', `${server.origin}/x/NextDocument`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('clerk pressed stop')), 20);
    await expect(pending).rejects.toThrow('clerk pressed stop');
  });
});
