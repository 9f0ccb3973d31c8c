import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { versionHeader } from '@yichuang/domain/protocol';
import { enrolWindow, startCentral, type RunningCentral } from '../testing/central';
import { workstations } from '../db/schema';
import { feedFileType } from './feed';

/**
 * The update feed over real HTTP against a running central (Fastify + PGlite on loopback): the
 * credential, content types, HEAD, ranges (single and multipart), conditional requests, and that
 * nothing but the plain files of the updates folder can be reached.
 */

let c: RunningCentral;
let auth: string;
let dir: string;
const installer = randomBytes(300_000);
const latestYml = 'version: 0.2.0\npath: Yichuang-Setup-0.2.0-x64.exe\n';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path exactly as written (no URL normalisation, unlike fetch). */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: c.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const get = (path: string, headers: Record<string, string> = {}) =>
  raw('GET', path, { authorization: auth, ...headers });

function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

beforeAll(async () => {
  c = await startCentral({ engine: 'pglite' });
  auth = (await enrolWindow(c.central, 3)).authorization;
  dir = c.central.updatesDir;
  expect(dir).toBe(join(c.dataDir, 'updates'));
  writeFileSync(join(dir, 'latest.yml'), latestYml);
  writeFileSync(join(dir, 'latest-linux.yml'), latestYml);
  writeFileSync(join(dir, 'Yichuang-Setup-0.2.0-x64.exe'), installer);
  writeFileSync(join(dir, 'Yichuang-Setup-0.2.0-x64.exe.blockmap'), randomBytes(64));
  writeFileSync(join(dir, 'Yichuang-0.2.0-x86_64.AppImage'), randomBytes(10));
  writeFileSync(join(dir, 'yichuang_0.2.0_amd64.deb'), randomBytes(10));
  writeFileSync(join(dir, 'empty.yml'), '');
  writeFileSync(join(dir, '.hidden'), 'secret');
  writeFileSync(join(dir, '.hidden.yml'), 'secret');
  writeFileSync(join(dir, 'notes.txt'), 'not part of a release');
  mkdirSync(join(dir, 'folder.yml'));
  writeFileSync(join(c.dataDir, 'outside.yml'), 'outside the feed');
  symlinkSync(join(c.dataDir, 'outside.yml'), join(dir, 'link.yml'));
}, 60_000);

afterAll(async () => {
  await c?.dispose();
});

describe('the update feed at /updates/', () => {
  it('answers only an enrolled workstation (401 otherwise, before telling whether a file exists)', async () => {
    for (const path of ['/updates/latest.yml', '/updates/missing.yml', '/updates/..%2Fpackage.json']) {
      const anonymous = await raw('GET', path);
      expect(anonymous.status).toBe(401);
      expect((JSON.parse(anonymous.body.toString()) as { code: string }).code).toBe('unauthorized');
      expect((await raw('GET', path, { authorization: 'Bearer not.valid' })).status).toBe(401);
      expect((await raw('HEAD', path)).status).toBe(401);
    }
    const revoked = await enrolWindow(c.central, 9);
    expect((await raw('GET', '/updates/latest.yml', { authorization: revoked.authorization })).status).toBe(200);
    await c.central.registry.revoke(revoked.workstation.id, 'admin');
    expect((await raw('GET', '/updates/latest.yml', { authorization: revoked.authorization })).status).toBe(401);
  });

  it('serves a release file with its content type, length and validators', async () => {
    const yml = await get('/updates/latest.yml');
    expect(yml.status).toBe(200);
    expect(yml.body.toString()).toBe(latestYml);
    expect(yml.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(yml.headers['content-length']).toBe(String(Buffer.byteLength(latestYml)));
    expect(yml.headers['accept-ranges']).toBe('bytes');
    expect(yml.headers['cache-control']).toBe('no-cache');
    expect(yml.headers['x-content-type-options']).toBe('nosniff');
    expect(yml.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(yml.headers['last-modified']).toBeTruthy();

    const exe = await get('/updates/Yichuang-Setup-0.2.0-x64.exe');
    expect(exe.status).toBe(200);
    expect(exe.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
    expect(exe.body.equals(installer)).toBe(true);
    const types = {
      'Yichuang-Setup-0.2.0-x64.exe.blockmap': 'application/octet-stream',
      'Yichuang-0.2.0-x86_64.AppImage': 'application/vnd.appimage',
      'yichuang_0.2.0_amd64.deb': 'application/vnd.debian.binary-package',
      'latest-linux.yml': 'text/yaml; charset=utf-8',
    };
    for (const [name, type] of Object.entries(types)) {
      const answer = await get(`/updates/${name}`);
      expect(answer.status, name).toBe(200);
      expect(answer.headers['content-type'], name).toBe(type);
    }
    const empty = await get('/updates/empty.yml');
    expect(empty.status).toBe(200);
    expect(empty.headers['content-length']).toBe('0');
    expect(empty.body.length).toBe(0);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await raw('HEAD', '/updates/Yichuang-Setup-0.2.0-x64.exe', { authorization: auth });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(installer.length));
    expect(head.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(head.body.length).toBe(0);
    const ranged = await raw('HEAD', '/updates/Yichuang-Setup-0.2.0-x64.exe', {
      authorization: auth,
      range: 'bytes=0-99',
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 0-99/${installer.length}`);
    expect(ranged.headers['content-length']).toBe('100');
    expect(ranged.body.length).toBe(0);
  });

  it('answers a single range with 206 and exactly those bytes', async () => {
    const name = '/updates/Yichuang-Setup-0.2.0-x64.exe';
    const size = installer.length;
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 0],
      ['bytes=1000-1999', 1000, 1999],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=-25', size - 25, size - 1],
      [`bytes=200000-${size * 2}`, 200000, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const answer = await get(name, { range });
      expect(answer.status, range).toBe(206);
      expect(answer.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`);
      expect(answer.headers['content-length'], range).toBe(String(end - start + 1));
      expect(answer.body.equals(installer.subarray(start, end + 1)), range).toBe(true);
    }
    const outside = await get(name, { range: `bytes=${size}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${size}`);
    // Not a byte range, or malformed: ignored, the whole file.
    for (const range of ['items=0-1', 'bytes=9-1', 'bytes=0-5,3-8']) {
      const whole = await get(name, { range });
      expect(whole.status, range).toBe(200);
      expect(whole.body.length, range).toBe(size);
    }
  });

  it('answers several ranges as multipart/byteranges', async () => {
    const ranges: [number, number][] = [
      [0, 9],
      [5000, 5099],
      [299_990, 299_999],
    ];
    const answer = await get('/updates/Yichuang-Setup-0.2.0-x64.exe', {
      range: `bytes=${ranges.map(([a, b]) => `${a}-${b}`).join(', ')}`,
    });
    expect(answer.status).toBe(206);
    const boundary = /^multipart\/byteranges; boundary=(\S+)$/.exec(answer.headers['content-type'] ?? '')?.[1];
    expect(boundary).toBeTruthy();
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
    const text = answer.body.toString('latin1');
    expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
    expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
    const parts = text.slice(0, -`\r\n--${boundary}--\r\n`.length).split(`--${boundary}\r\n`).slice(1);
    expect(parts).toHaveLength(ranges.length);
    parts.forEach((part, i) => {
      const [start, end] = ranges[i]!;
      const [head, ...rest] = part.split('\r\n\r\n');
      expect(head).toContain('Content-Type: application/vnd.microsoft.portable-executable');
      expect(head).toContain(`Content-Range: bytes ${start}-${end}/${installer.length}`);
      const data = Buffer.from(rest.join('\r\n\r\n').replace(/\r\n$/, ''), 'latin1');
      expect(data.equals(installer.subarray(start, end + 1))).toBe(true);
    });
  });

  it('honours If-None-Match and If-Range', async () => {
    const first = await get('/updates/latest.yml');
    const etag = first.headers.etag!;
    const cached = await get('/updates/latest.yml', { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
    const same = await get('/updates/latest.yml', { range: 'bytes=0-3', 'if-range': etag });
    expect(same.status).toBe(206);
    expect(same.body.toString()).toBe(latestYml.slice(0, 4));
    const changed = await get('/updates/latest.yml', { range: 'bytes=0-3', 'if-range': '"other"' });
    expect(changed.status).toBe(200);
    expect(changed.body.toString()).toBe(latestYml);
  });

  it('serves nothing but the plain release files of the folder', async () => {
    const refused = [
      '/updates/..%2Fpackage.json',
      '/updates/..%2F..%2Fpackage.json',
      '/updates/%2e%2e%2foutside.yml',
      '/updates/..%5Coutside.yml',
      '/updates/../outside.yml',
      '/updates/%2Fetc%2Fpasswd',
      '/updates/.hidden',
      '/updates/.hidden.yml',
      '/updates/%2ehidden.yml',
      '/updates/notes.txt',
      '/updates/folder.yml',
      '/updates/link.yml',
      '/updates/missing.yml',
      '/updates/latest.yml%00.exe',
      '/updates/',
      '/updates',
      '/updates/pgdata',
    ];
    for (const path of refused) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).not.toContain('outside the feed');
      expect(answer.body.toString(), path).not.toContain('secret');
    }
    expect(feedFileType('latest.yml')).toBe('text/yaml; charset=utf-8');
    for (const name of ['.latest.yml', '../latest.yml', 'a/b.yml', 'a\\b.yml', 'latest.yml.tmp', 'x.exe ', '']) {
      expect(feedFileType(name), name).toBeNull();
    }
  });

  it('streams from a descriptor that is always closed, also when the client goes away', async () => {
    const before = openDescriptors();
    await get('/updates/Yichuang-Setup-0.2.0-x64.exe');
    await get('/updates/Yichuang-Setup-0.2.0-x64.exe', { range: 'bytes=0-1,10-11' });
    await raw('HEAD', '/updates/Yichuang-Setup-0.2.0-x64.exe', { authorization: auth, range: 'bytes=0-1,10-11' });
    await get('/updates/latest.yml', { 'if-none-match': '*' });
    await get('/updates/latest.yml', { range: 'bytes=999-' });
    // A client that hangs up after the first bytes.
    await new Promise<void>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: c.port,
          path: '/updates/Yichuang-Setup-0.2.0-x64.exe',
          headers: { authorization: auth },
        },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.end();
    });
    await vi.waitFor(() => expect(openDescriptors()).toBeLessThanOrEqual(before), { timeout: 3000 });
  });
});

describe('the version each workstation reports', () => {
  const versionOf = async (id: string) =>
    (await c.central.database.db.select().from(workstations).where(eq(workstations.id, id)))[0]?.appVersion ?? null;

  it('is kept on the workstation row from its requests, and shown on the 管理 page', async () => {
    const w = await enrolWindow(c.central, 5);
    expect(await versionOf(w.workstation.id)).toBeNull();
    const call = (version: string) =>
      raw('GET', '/api/v1/events?after=0', { authorization: w.authorization, [versionHeader]: version });

    expect((await call('0.1.0')).status).toBe(200);
    await vi.waitFor(async () => expect(await versionOf(w.workstation.id)).toBe('0.1.0'));
    // Invalid values are ignored, never stored.
    for (const bad of ['0.1.0<b>', 'v9.9.9', '1.2', 'x'.repeat(100)]) expect((await call(bad)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await versionOf(w.workstation.id)).toBe('0.1.0');
    // The feed's requests report it too, and a new version replaces the old one.
    expect(
      (await raw('GET', '/updates/latest.yml', { authorization: w.authorization, [versionHeader]: '0.2.0' })).status,
    ).toBe(200);
    await vi.waitFor(async () => expect(await versionOf(w.workstation.id)).toBe('0.2.0'));
    // A refused request records nothing.
    expect(
      (await raw('GET', '/api/v1/events?after=0', { authorization: 'Bearer x.y', [versionHeader]: '9.9.9' })).status,
    ).toBe(401);

    await c.central.people.create(
      { username: 'admin', displayName: '管理员', role: 'admin', password: 'admin-password-1' },
      'test',
    );
    const signIn = await c.app.inject({
      method: 'POST',
      url: '/approver/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'admin', password: 'admin-password-1' }).toString(),
    });
    expect(signIn.statusCode).toBe(303);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const page = await c.app.inject({ method: 'GET', url: '/approver/admin', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<th>版本</th>');
    expect(page.body).toMatch(/ws5<\/td>\s*<td class="num">0\.2\.0<\/td>/);
    expect(page.body).not.toContain('9.9.9');
  });
});
