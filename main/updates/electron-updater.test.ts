import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { DebUpdater, NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { enrolWindow, startCentral, type RunningCentral } from '@yichuang/central/testing';
import { versionHeader } from '@yichuang/domain/protocol';
import { createTestWorkstation, type TestWorkstation } from '../testing/workstation';
import type { CentralAccess } from './feed';
import { createUpdateService, type UpdaterLike } from './service';

/*
 * The workstation's updater against a real central, in Node: the Electron binary cannot be
 * downloaded here, but electron-updater's updaters take an app adapter (instead of Electron's `app`)
 * and an HTTP executor (instead of Electron's `net`). So a real NsisUpdater / DebUpdater, driven by
 * the same update service the Electron host starts, talks to a real central (Fastify + PGlite on
 * loopback) whose updates folder holds a release made here as electron-builder makes one: a
 * latest.yml with the installer's base64 sha512 and size, and blockmaps. What this does not cover:
 * Electron's own `net` executor, the installers actually running at quit, and the Windows
 * signature check (no signed installer and no PowerShell here).
 */

/** electron-updater's HTTP executor on Node's http (the Electron one uses `net.request`). */
class NodeExecutor extends HttpExecutor<ClientRequest> {
  readonly seen: {
    method: string;
    path: string;
    range: string | null;
    headers: Record<string, unknown>;
    status: number;
  }[] = [];

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    const headers = { ...(options.headers as Record<string, unknown>) };
    const range = (headers.range ?? headers.Range ?? null) as string | null;
    // A connection per request, as a plain download would (reused sockets collect timeout listeners).
    return httpRequest({ ...options, agent: false }, (response) => {
      this.seen.push({
        method: options.method ?? 'GET',
        path: options.path ?? '',
        range,
        headers,
        status: response.statusCode ?? 0,
      });
      callback(response);
    });
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/** Electron's `app` as electron-updater sees it: a packaged app of this version, folders in a temp dir. */
class TestApp implements AppAdapter {
  readonly name = 'Yichuang';
  readonly isPackaged = true;
  readonly quitHandlers: ((exitCode: number) => void)[] = [];
  constructor(
    readonly version: string,
    readonly root: string,
  ) {
    mkdirSync(root, { recursive: true });
    // What electron-builder writes into resources/ for the `publish` entry of electron-builder.yml.
    writeFileSync(
      this.appUpdateConfigPath,
      stringify({
        provider: 'generic',
        url: 'https://central.invalid/updates/',
        channel: 'latest',
        updaterCacheDirName: 'yichuang-updater',
      }),
    );
  }
  get appUpdateConfigPath() {
    return join(this.root, 'app-update.yml');
  }
  get userDataPath() {
    return join(this.root, 'userData');
  }
  get baseCachePath() {
    return join(this.root, 'cache');
  }
  get updaterCacheDir() {
    return join(this.baseCachePath, 'yichuang-updater');
  }
  whenReady() {
    return Promise.resolve();
  }
  relaunch() {
    throw new Error('the updater must not relaunch the app');
  }
  quit() {
    throw new Error('the updater must not quit the app');
  }
  onQuit(handler: (exitCode: number) => void) {
    this.quitHandlers.push(handler);
  }
}

type Kind = 'nsis' | 'deb';

interface TestUpdater {
  updater: UpdaterLike;
  executor: NodeExecutor;
  app: TestApp;
  quitAndInstall: ReturnType<typeof vi.fn>;
}

/** A real electron-updater updater on the test adapter and the Node executor (internal fields set as its own tests do). */
function makeUpdater(kind: Kind, version: string, options: { differential?: boolean } = {}): TestUpdater {
  const app = new TestApp(version, mkdtempSync(join(work, `${kind}-${version}-`)));
  const updater = kind === 'nsis' ? new NsisUpdater(null, app) : new DebUpdater(null, app);
  const executor = new NodeExecutor();
  const internal = updater as unknown as {
    httpExecutor: NodeExecutor;
    _testOnlyOptions: { platform: string; isUseDifferentialDownload: boolean } | null;
  };
  // With an app adapter electron-updater has no executor of its own (Electron's needs `net`).
  internal.httpExecutor = executor;
  // The Windows feed (latest.yml, .exe) on this Linux machine: the provider picks its channel file by
  // platform. Test mode also makes a failed differential download fail instead of quietly falling
  // back to a full one, so the range requests are really checked.
  if (kind === 'nsis')
    internal._testOnlyOptions = { platform: 'win32', isUseDifferentialDownload: options.differential ?? true };
  const quitAndInstall = vi.fn(() => {
    throw new Error('quitAndInstall must never be called');
  });
  (updater as unknown as { quitAndInstall: unknown }).quitAndInstall = quitAndInstall;
  return { updater, executor, app, quitAndInstall };
}

const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

/** A blockmap as electron-builder writes one (gzip'd JSON); fixed 8 KiB blocks stand in for its content-defined ones. */
function blockmap(data: Buffer): Buffer {
  const sizes: number[] = [];
  const checksums: string[] = [];
  for (let offset = 0; offset < data.length; offset += 8192) {
    const block = data.subarray(offset, offset + 8192);
    sizes.push(block.length);
    checksums.push(createHash('sha256').update(block).digest('base64'));
  }
  return gzipSync(JSON.stringify({ version: '2', files: [{ name: 'file', offset: 0, checksums, sizes }] }));
}

/** The channel file electron-builder writes beside an installer. */
function channelFile(version: string, file: string, data: Buffer, extra: Record<string, unknown> = {}): string {
  return stringify({
    version,
    files: [{ url: file, sha512: sha512(data), size: data.length, ...extra }],
    path: file,
    sha512: sha512(data),
    releaseDate: '2026-11-27T02:00:00.000Z',
  });
}

const linuxChannel = process.arch === 'x64' ? 'latest-linux.yml' : `latest-linux-${process.arch}.yml`;
const exe = (v: string) => `Yichuang-Setup-${v}-x64.exe`;
const deb = 'yichuang_0.2.0_amd64.deb';

let work: string;
let central: RunningCentral;
let feedDir: string;
let t: TestWorkstation;
let access: CentralAccess;
const logLines: string[] = [];
const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });

// Version 0.1.0 as installed, 0.2.0 the same bytes with some blocks changed and a tail added.
const installer010 = randomBytes(256 * 1024);
const installer020 = Buffer.concat([installer010, randomBytes(20_000)]);
for (const at of [3 * 8192 + 100, 17 * 8192 + 5, 30 * 8192]) randomBytes(500).copy(installer020, at);
const deb020 = randomBytes(150_000);

function publishRelease(): void {
  writeFileSync(join(feedDir, exe('0.1.0')), installer010);
  writeFileSync(join(feedDir, `${exe('0.1.0')}.blockmap`), blockmap(installer010));
  writeFileSync(join(feedDir, exe('0.2.0')), installer020);
  writeFileSync(join(feedDir, `${exe('0.2.0')}.blockmap`), blockmap(installer020));
  writeFileSync(
    join(feedDir, 'latest.yml'),
    channelFile('0.2.0', exe('0.2.0'), installer020, { isAdminRightsRequired: true }),
  );
  writeFileSync(join(feedDir, deb), deb020);
  writeFileSync(join(feedDir, linuxChannel), channelFile('0.2.0', deb, deb020));
}

/** The version central keeps on a workstation's row (what its 管理 page shows). */
const versionAtCentral = async (id: string) =>
  (await central.central.registry.list()).find((w) => w.id === id)?.appVersion ?? null;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'yc-updater-'));
  central = await startCentral({ engine: 'pglite' });
  feedDir = central.central.updatesDir;
  publishRelease();
  // An enrolled workstation at version 0.1.0: its central address and credential come from enrolment.
  t = await createTestWorkstation({ config: { appVersion: '0.1.0' } });
  const s = t.workstation.services;
  s.settings.update({ districtCode: '370303', windowNumber: 3 });
  const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
  await s.sync.enrol({ centralUrl: central.url, code });
  access = s.sync.centralAccess()!;
}, 90_000);

afterAll(async () => {
  await t?.dispose();
  await central?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

function serviceFor(u: TestUpdater, appVersion: string, from: () => CentralAccess | null = () => access) {
  return createUpdateService({ updater: u.updater, appVersion, access: from, log });
}

describe('the workstation and central (sync requests carry the version)', () => {
  it('finds the feed at the enrolled central, and central records the version the sync client sends', async () => {
    expect(access.centralUrl).toBe(central.url);
    expect(access.credential).toMatch(/^[0-9a-f-]{36}\.\S+$/);
    await t.workstation.services.sync.syncNow();
    const id = t.workstation.services.sync.status().workstationId!;
    await vi.waitFor(async () => expect(await versionAtCentral(id)).toBe('0.1.0'));
  });
});

describe('electron-updater (NSIS, the Windows feed) against central', () => {
  it('finds 0.2.0, downloads only the changed blocks with range requests, verifies it, and installs only at quit', async () => {
    const u = makeUpdater('nsis', '0.1.0');
    // The installed 0.1.0 left a copy of its installer in the updater's cache (the NSIS installer does).
    mkdirSync(u.app.updaterCacheDir, { recursive: true });
    writeFileSync(join(u.app.updaterCacheDir, 'installer.exe'), installer010);
    const statuses: string[] = [];
    const updates = createUpdateService({
      updater: u.updater,
      appVersion: '0.1.0',
      access: () => access,
      log,
      onChange: (s) => statuses.push(s.state),
    });
    expect(u.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false });

    await updates.checkNow();
    await vi.waitFor(() => expect(updates.status().state).toBe('downloaded'), { timeout: 15_000 });
    expect(updates.status()).toMatchObject({ availableVersion: '0.2.0', percent: 100, currentVersion: '0.1.0' });
    expect(updates.status().message).toContain('下次退出一窗时自动安装');
    expect(statuses).toEqual(expect.arrayContaining(['checking', 'downloading', 'downloaded']));

    const pending = join(u.app.updaterCacheDir, 'pending', exe('0.2.0'));
    expect(existsSync(pending)).toBe(true);
    expect(readFileSync(pending).equals(installer020)).toBe(true);

    const seen = u.executor.seen;
    expect(seen.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/updates/latest.yml',
        `/updates/${exe('0.2.0')}.blockmap`,
        `/updates/${exe('0.1.0')}.blockmap`,
      ]),
    );
    // The installer itself only in ranges (multipart: several ranges in one request), never whole.
    const installerRequests = seen.filter(
      (r) => r.path.startsWith(`/updates/${exe('0.2.0')}`) && !r.path.endsWith('.blockmap'),
    );
    expect(installerRequests.length).toBeGreaterThan(0);
    for (const r of installerRequests) {
      expect(r.range).toMatch(/^bytes=\d+-\d+(, \d+-\d+)*$/);
      expect(r.status).toBe(206);
    }
    expect(installerRequests.some((r) => r.range!.includes(','))).toBe(true);
    expect(logLines.join('\n')).toMatch(/To download: .*\(\d+%\)/);
    // Every request carried the credential and the version.
    for (const r of seen) {
      expect(r.headers.authorization).toBe(`Bearer ${access.credential}`);
      expect(r.headers[versionHeader]).toBe('0.1.0');
    }
    // Armed to install when the app quits; never quitAndInstall.
    expect(u.app.quitHandlers).toHaveLength(1);
    expect(u.quitAndInstall).not.toHaveBeenCalled();
  });

  it('reports no update when the running version is the one central offers, and never goes back', async () => {
    const current = makeUpdater('nsis', '0.2.0');
    const updates = serviceFor(current, '0.2.0');
    await updates.checkNow();
    expect(updates.status()).toMatchObject({ state: 'up-to-date', availableVersion: null });
    expect(updates.status().message).toBe('已是最新版本（0.2.0）');

    // Central's folder back at 0.1.0 (a withdrawn release): 0.2.0 stays, 0.1.0 stays.
    writeFileSync(join(feedDir, 'latest.yml'), channelFile('0.1.0', exe('0.1.0'), installer010));
    try {
      const newer = serviceFor(makeUpdater('nsis', '0.2.0'), '0.2.0');
      await newer.checkNow();
      expect(newer.status().state).toBe('up-to-date');
      const same = serviceFor(makeUpdater('nsis', '0.1.0'), '0.1.0');
      await same.checkNow();
      expect(same.status()).toMatchObject({ state: 'up-to-date', message: '已是最新版本（0.1.0）' });
    } finally {
      publishRelease();
    }
  });

  it('refuses an installer whose sha512 is not the published one, and keeps nothing of it', async () => {
    const u = makeUpdater('nsis', '0.1.0', { differential: false });
    u.updater.disableWebInstaller = true;
    (u.updater as unknown as { disableDifferentialDownload: boolean }).disableDifferentialDownload = true;
    const tampered = Buffer.from(installer020);
    tampered[1000] = (tampered[1000]! + 1) % 256;
    writeFileSync(join(feedDir, exe('0.2.0')), tampered);
    try {
      const updates = serviceFor(u, '0.1.0');
      await updates.checkNow();
      await vi.waitFor(() => expect(updates.status().state).toBe('error'), { timeout: 15_000 });
      expect(updates.status().message).toContain('校验值（sha512）不符');
      expect(existsSync(join(u.app.updaterCacheDir, 'pending', exe('0.2.0')))).toBe(false);
      expect(u.app.quitHandlers).toHaveLength(0);
    } finally {
      publishRelease();
    }
  });
});

describe('electron-updater (deb, the Linux feed) against central', () => {
  it('downloads and verifies the deb named in latest-linux.yml', async () => {
    const u = makeUpdater('deb', '0.1.0');
    const updates = serviceFor(u, '0.1.0');
    await updates.checkNow();
    await vi.waitFor(() => expect(updates.status().state).toBe('downloaded'), { timeout: 15_000 });
    const pending = join(u.app.updaterCacheDir, 'pending', deb);
    expect(readFileSync(pending).equals(deb020)).toBe(true);
    expect(u.executor.seen.map((r) => [r.path, r.status])).toEqual([
      [`/updates/${linuxChannel}`, 200],
      [`/updates/${deb}`, 200],
    ]);
    expect(u.app.quitHandlers).toHaveLength(1);
  });

  it('refuses a deb that does not match latest-linux.yml', async () => {
    writeFileSync(join(feedDir, linuxChannel), channelFile('0.2.0', deb, randomBytes(150_000)));
    try {
      const u = makeUpdater('deb', '0.1.0');
      const updates = serviceFor(u, '0.1.0');
      await updates.checkNow();
      await vi.waitFor(() => expect(updates.status().state).toBe('error'), { timeout: 15_000 });
      expect(updates.status().message).toContain('sha512');
      expect(existsSync(join(u.app.updaterCacheDir, 'pending', deb))).toBe(false);
    } finally {
      publishRelease();
    }
  });
});

describe('the feed as the workstation meets it', () => {
  it('needs the credential: an updater without a valid one is told 401', async () => {
    const u = makeUpdater('deb', '0.1.0');
    const updates = serviceFor(u, '0.1.0', () => ({ centralUrl: central.url, credential: 'not.a-credential' }));
    await updates.checkNow();
    expect(updates.status().state).toBe('error');
    expect(updates.status().message).toContain('凭据');
    expect(u.executor.seen).toEqual([expect.objectContaining({ path: `/updates/${linuxChannel}`, status: 401 })]);
    expect((await fetch(`${central.url}/updates/latest.yml`)).status).toBe(401);
  });

  it('has no feed before enrolment, nor over plain HTTP to another machine', async () => {
    const u = makeUpdater('deb', '0.1.0');
    const notEnrolled = serviceFor(u, '0.1.0', () => null);
    await notEnrolled.checkNow();
    expect(notEnrolled.status()).toMatchObject({ state: 'unavailable' });
    const plain = serviceFor(u, '0.1.0', () => ({
      centralUrl: 'http://192.0.2.10:8700',
      credential: access.credential,
    }));
    await plain.checkNow();
    expect(plain.status().message).toContain('https');
    expect(u.executor.seen).toEqual([]);
  });

  it('answers ranges and refuses paths outside the folder', async () => {
    const headers = { authorization: `Bearer ${access.credential}` };
    const ranged = await fetch(`${central.url}/updates/${exe('0.2.0')}`, {
      headers: { ...headers, range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(installer020.subarray(10, 20))).toBe(true);
    writeFileSync(join(feedDir, '.hidden'), 'not for anyone');
    for (const path of ['..%2Fpackage.json', '..%2F..%2Fpackage.json', '.hidden', '']) {
      const answer = await fetch(`${central.url}/updates/${path}`, { headers });
      expect(answer.status, path).toBe(404);
    }
  });

  it("records the version the updater's requests carry on the workstation row", async () => {
    const other = await enrolWindow(central.central, 4);
    expect(await versionAtCentral(other.workstation.id)).toBeNull();
    const u = makeUpdater('deb', '0.1.0');
    const updates = serviceFor(u, '0.1.0', () => ({ centralUrl: `${central.url}/`, credential: other.credential }));
    await updates.checkNow();
    await vi.waitFor(() => expect(updates.status().state).toBe('downloaded'), { timeout: 15_000 });
    await vi.waitFor(async () => expect(await versionAtCentral(other.workstation.id)).toBe('0.1.0'));
  });
});
