import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeMessage, encodeMessage } from '../../preload/contract/codec';
import { addClerk, createTestWorkstation, makeTempDir, removeTempDir, strongPassword } from '../testing/workstation';
import type { TestWorkstation } from '../testing/workstation';
import { frame } from '../testing/ws-transport';
import { maxMessageBytesBeforeSignIn, startBrowserHost, type BrowserHost } from './server';

/**
 * How large a message the browser host takes: 64 KB before sign-in (and while locked), so nobody
 * without a password can make it hold 64 MB; a signed-in screen sends scans as large as before.
 */

const token = 'limits-token-0123456789abcdef';
/** A citizen's ID number inside an oversized message: it must not reach the log. */
const idNumber = '11010519491231002X';
let t: TestWorkstation;
let host: BrowserHost;
let dir: string;
const logLines: string[] = [];

beforeAll(async () => {
  t = await createTestWorkstation({ config: { logLevel: 'info', logSink: (line) => logLines.push(line) } });
  dir = makeTempDir('yichuang-limits-');
  mkdirSync(join(dir, 'renderer'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>一窗</title>');
  host = await startBrowserHost({ workstation: t.workstation, rendererDir: join(dir, 'renderer'), port: 0, token });
  await addClerk(t.workstation.services.staff, { username: 'qian', displayName: '钱', windowNumber: 7 });
});
afterAll(async () => {
  await host.close();
  await t.dispose();
  removeTempDir(dir);
});

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends a request; answers the reply, or the close code if the host closed the connection instead. */
function send(
  ws: WebSocket,
  id: number,
  channel: string,
  input: unknown,
): Promise<{ answer?: unknown; closed?: number }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = decodeMessage(frame(data)) as { id?: unknown; answer?: unknown };
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve({ answer: message.answer });
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => resolve({ closed: code }));
    ws.send(encodeMessage({ id, channel, input }));
  });
}

/** A ping padded with a field of `bytes` bytes (the router refuses the extra field; the size is the point). */
const padded = (bytes: number) => ({ padding: `${idNumber}${'x'.repeat(bytes - idNumber.length)}` });

describe('browser host: message size', () => {
  it('closes a connection that sends more than 64 KB before sign-in (1009), logging nothing of it', async () => {
    const ws = await open();
    const result = await send(ws, 1, 'system.ping', padded(maxMessageBytesBeforeSignIn + 1));
    expect(result).toEqual({ closed: 1009 });
    const line = logLines.find((l) => l.includes('websocket message over the limit'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ signedIn: false, limitBytes: maxMessageBytesBeforeSignIn });
    expect(logLines.join('\n')).not.toContain(idNumber);
  });

  it('answers a message under 64 KB before sign-in', async () => {
    const ws = await open();
    try {
      const result = await send(ws, 1, 'system.ping', padded(maxMessageBytesBeforeSignIn - 200));
      expect(result.answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      ws.close();
    }
  });

  it('takes large messages once signed in, and small ones only again after sign-out', async () => {
    const ws = await open();
    const signIn = await send(ws, 1, 'auth.signIn', { username: 'qian', password: strongPassword });
    expect(signIn.answer).toMatchObject({ ok: true });
    const large = await send(ws, 2, 'system.ping', padded(4 * 1024 * 1024));
    expect(large.answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await send(ws, 3, 'auth.signOut', {})).answer).toMatchObject({ ok: true });
    expect(await send(ws, 4, 'system.ping', padded(maxMessageBytesBeforeSignIn + 1))).toEqual({ closed: 1009 });
  });
});
