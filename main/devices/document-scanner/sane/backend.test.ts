import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScannerRef, ScanSettings } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import type { ScannedPage } from '../backend';
import { privateSaneConfig, type PrivateSaneConfig } from '../testing/sane-config';
import { createSaneBackend, type SaneBackendOptions } from './backend';
import { pageFile } from './command';

// Debian's real scanimage and SANE's `test` backend, with a private SANE_CONFIG_DIR that loads
// nothing else: the system's backends would search the network for scanners.

const test0: ScannerRef = { id: 'sane:test:0', kind: 'sane', name: 'Frontend tester', address: 'test:0' };
// Small pages (A5 at 50 dpi, 291 × 393 pixels) keep the suite fast.
const feeder: ScanSettings = { source: 'adf', mode: 'gray', resolution: 50, pageSize: 'a5' };
const glass: ScanSettings = { ...feeder, source: 'flatbed', mode: 'color' };
// The test backend waits after each buffer: about 0.2 s a page, so a job can be stopped midway;
// `paced`, about 40 ms a page, so a page can be seen arriving before the job is over.
const slow = { 'read-delay': true, 'read-delay-duration': 100_000 };
const paced = { 'read-delay': true, 'read-delay-duration': 20_000 };

const configs: PrivateSaneConfig[] = [];
const folders: string[] = [];
let sane: PrivateSaneConfig;

function config(testConf?: Record<string, string | number | boolean>): PrivateSaneConfig {
  const made = privateSaneConfig({ test: true, ...(testConf ? { testConf } : {}) });
  configs.push(made);
  return made;
}

function setUp(options: SaneBackendOptions & { config?: PrivateSaneConfig } = {}) {
  const tempDir = mkdtempSync(join(tmpdir(), 'yichuang-sane-test-'));
  folders.push(tempDir);
  const spawned: number[] = [];
  const backend = createSaneBackend({
    env: (options.config ?? sane).env,
    tempDir,
    exitGraceMs: 300,
    killAfterMs: 500,
    onSpawn: (pid) => spawned.push(pid),
    ...options,
  });
  return { backend, tempDir, spawned };
}

async function collect(pages: AsyncIterable<ScannedPage>): Promise<{ pages: ScannedPage[]; error: unknown }> {
  const got: ScannedPage[] = [];
  try {
    for await (const page of pages) got.push(page);
    return { pages: got, error: null };
  } catch (error) {
    return { pages: got, error };
  }
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) throw new Error('no child was started');
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Width, height and colour type (0 grey, 2 RGB) from a PNG's IHDR. */
function png(bytes: Buffer) {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

function expectAppError(error: unknown, code: string, params?: unknown): void {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (params !== undefined) expect((error as AppError).params).toEqual(params);
}

beforeAll(() => {
  sane = config();
});

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

afterAll(() => {
  for (const made of configs) made.remove();
});

describe('the SANE backend with the real scanimage', () => {
  it('lists the test backend’s two devices, and none when no backend is configured', async () => {
    const { backend } = setUp();
    expect(await backend.list()).toEqual([
      { id: 'sane:test:0', kind: 'sane', name: 'Noname frontend-tester', address: 'test:0' },
      { id: 'sane:test:1', kind: 'sane', name: 'Noname frontend-tester', address: 'test:1' },
    ]);
    const empty = privateSaneConfig({});
    configs.push(empty);
    expect(await setUp({ config: empty }).backend.list()).toEqual([]);
  });

  it('reads test:0’s capabilities', async () => {
    expect(await setUp().backend.capabilities(test0)).toEqual({
      sources: ['flatbed', 'adf'],
      modes: ['color', 'gray'],
      resolutions: [75, 100, 150, 200, 240, 300, 400, 600, 1200],
      maxWidthMm: 200,
      maxHeightMm: 200,
    });
  });

  it('says a device that opens is idle and one that does not is offline, not found', async () => {
    const { backend } = setUp();
    expect(await backend.status(test0)).toMatchObject({ state: 'idle', code: null, params: null });
    const ghost = { ...test0, id: 'sane:test:9', name: 'Ghost', address: 'test:9' };
    expect(await backend.status(ghost)).toMatchObject({
      state: 'offline',
      code: 'docscan_not_found',
      params: { name: 'Ghost' },
    });
    expectAppError(
      (await collect(backend.scan(ghost, feeder, new AbortController().signal))).error,
      'docscan_not_found',
    );
  });

  it('scans the feeder: 10 real PNG pages in order, each file gone once read, the private folder gone at the end', async () => {
    const { backend, tempDir } = setUp();
    const pages: ScannedPage[] = [];
    for await (const page of backend.scan(test0, feeder, new AbortController().signal)) {
      const [job] = readdirSync(tempDir);
      const folder = join(tempDir, job ?? '');
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      for (let n = 1; n <= page.number; n++) expect(existsSync(pageFile(folder, n))).toBe(false);
      pages.push(page);
    }
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const page of pages) {
      expect(page.mime).toBe('image/png');
      // A5 clipped to the device's 200 mm, at 50 dpi, in grey: the settings reached the device.
      expect(png(page.bytes)).toEqual({ width: 291, height: 393, colourType: 0 });
    }
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('scans one page from the glass, in colour', async () => {
    const { backend, tempDir } = setUp();
    const { pages, error } = await collect(backend.scan(test0, glass, new AbortController().signal));
    expect(error).toBeNull();
    expect(pages.map((p) => p.number)).toEqual([1]);
    expect(png(pages[0]!.bytes).colourType).toBe(2);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('hands each page over while scanimage is still scanning the next', async () => {
    const { backend, spawned } = setUp({ config: config(paced) });
    const numbers: number[] = [];
    for await (const page of backend.scan(test0, feeder, new AbortController().signal)) {
      if (page.number === 1) expect(alive(spawned.at(-1))).toBe(true);
      numbers.push(page.number);
    }
    expect(numbers).toHaveLength(10);
  });

  it('answers busy for a device it is scanning with, without opening it', async () => {
    const { backend, spawned } = setUp({ config: config(slow) });
    for await (const _page of backend.scan(test0, feeder, new AbortController().signal)) {
      const before = spawned.length;
      expect(await backend.status(test0)).toMatchObject({ state: 'busy', code: null });
      expect(spawned).toHaveLength(before);
      break;
    }
    expect((await backend.status(test0)).state).toBe('idle');
  });

  it('stops on abort after the 2nd page: quietly, scanimage gone, no file left', async () => {
    const { backend, tempDir, spawned } = setUp({ config: config(slow), killAfterMs: 5_000 });
    const abort = new AbortController();
    const numbers: number[] = [];
    const started = Date.now();
    const { error } = await collect(
      (async function* () {
        for await (const page of backend.scan(test0, feeder, abort.signal)) {
          numbers.push(page.number);
          if (page.number === 2) abort.abort();
          yield page;
        }
      })(),
    );
    expect(error).toBeNull();
    expect(numbers).toEqual([1, 2]);
    expect(alive(spawned.at(-1))).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
    // SIGTERM is enough for scanimage: no wait for the SIGKILL (5 s), nor for the other 8 pages (1.6 s).
    expect(Date.now() - started).toBeLessThan(1_800);
  });

  it('cleans up on abort even while the consumer does not ask for the next page', async () => {
    const { backend, tempDir, spawned } = setUp({ config: config(slow) });
    const abort = new AbortController();
    const pages = backend.scan(test0, feeder, abort.signal)[Symbol.asyncIterator]();
    expect((await pages.next()).value).toMatchObject({ number: 1 });
    expect((await pages.next()).value).toMatchObject({ number: 2 });
    abort.abort();
    expect(await until(() => !alive(spawned.at(-1)) && readdirSync(tempDir).length === 0, 3_000)).toBe(true);
    expect(await pages.next()).toEqual({ done: true, value: undefined });
  });

  it.each([
    ['SANE_STATUS_JAMMED', 'docscan_jam', { page: 1 }],
    ['SANE_STATUS_COVER_OPEN', 'docscan_cover_open', undefined],
    ['SANE_STATUS_DEVICE_BUSY', 'docscan_busy', undefined],
    ['SANE_STATUS_NO_DOCS', 'docscan_feeder_empty', undefined],
    ['SANE_STATUS_IO_ERROR', 'docscan_io', { page: 1 }],
  ])('turns the test backend’s %s into %s', async (status, code, params) => {
    const { backend, tempDir, spawned } = setUp({ config: config({ 'read-status-code': status }) });
    const { pages, error } = await collect(backend.scan(test0, feeder, new AbortController().signal));
    expect(pages).toEqual([]);
    expectAppError(error, code, params);
    expect(alive(spawned.at(-1))).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('refuses a setting the device lacks before starting a scan', async () => {
    const { backend, tempDir, spawned } = setUp();
    await backend.capabilities(test0);
    const asked = spawned.length;
    const duplex = await collect(
      backend.scan(test0, { ...feeder, source: 'adf_duplex' }, new AbortController().signal),
    );
    expectAppError(duplex.error, 'docscan_unsupported', {
      setting: { 'zh-CN': '进纸器双面', en: 'feeder, both sides' },
    });
    const lineart = await collect(backend.scan(test0, { ...feeder, mode: 'lineart' }, new AbortController().signal));
    expectAppError(lineart.error, 'docscan_unsupported', { setting: { 'zh-CN': '黑白', en: 'black and white' } });
    expect(spawned).toHaveLength(asked);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('says scanimage is missing when it is', async () => {
    const { backend } = setUp({ scanimage: '/nonexistent/scanimage' });
    await expect(backend.list()).rejects.toMatchObject({ code: 'docscan_tool_missing', params: { tool: 'scanimage' } });
    await expect(backend.capabilities(test0)).rejects.toMatchObject({ code: 'docscan_tool_missing' });
    await expect(backend.status(test0)).rejects.toMatchObject({ code: 'docscan_tool_missing' });
    expectAppError(
      (await collect(backend.scan(test0, feeder, new AbortController().signal))).error,
      'docscan_tool_missing',
    );
  });
});

describe('the SANE backend when scanimage misbehaves', () => {
  let scripts: string;

  /** A scanimage that answers -L and -A truly and does `scanJob` (sh) for a scan. */
  function wrapper(name: string, scanJob: string): string {
    const path = join(scripts, name);
    writeFileSync(path, `#!/bin/sh\ncase "$*" in\n  *--batch=*) ${scanJob} ;;\n  *) exec scanimage "$@" ;;\nesac\n`);
    chmodSync(path, 0o755);
    return path;
  }

  beforeAll(() => {
    scripts = mkdtempSync(join(tmpdir(), 'yichuang-sane-scripts-'));
  });
  afterAll(() => rmSync(scripts, { recursive: true, force: true }));

  it('ends the job normally when scanimage hangs after "Batch terminated" (the test backend does, 1 run in 20)', async () => {
    const scanimage = wrapper('hangs.sh', 'scanimage "$@"; exec sleep 30');
    const { backend, tempDir, spawned } = setUp({ scanimage });
    const started = Date.now();
    const { pages, error } = await collect(backend.scan(test0, feeder, new AbortController().signal));
    expect(error).toBeNull();
    expect(pages).toHaveLength(10);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(alive(spawned.at(-1))).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('gives up on a scan that says nothing for pageTimeoutMs', async () => {
    const scanimage = wrapper('silent.sh', 'exec sleep 30');
    const { backend, tempDir, spawned } = setUp({ scanimage, pageTimeoutMs: 300 });
    expectAppError((await collect(backend.scan(test0, feeder, new AbortController().signal))).error, 'docscan_timeout');
    expect(alive(spawned.at(-1))).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('does not call a scan stuck because the consumer took its time with a page', async () => {
    const { backend } = setUp({ pageTimeoutMs: 300 });
    const numbers: number[] = [];
    for await (const page of backend.scan(test0, feeder, new AbortController().signal)) {
      if (page.number === 1) await new Promise((r) => setTimeout(r, 600));
      numbers.push(page.number);
    }
    expect(numbers).toHaveLength(10);
  });

  it('kills a scanimage that ignores SIGTERM, after killAfterMs', async () => {
    const scanimage = wrapper('deaf.sh', "trap '' TERM; exec sleep 30");
    const { backend, tempDir, spawned } = setUp({ scanimage, killAfterMs: 400 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    const started = Date.now();
    const { pages, error } = await collect(backend.scan(test0, feeder, abort.signal));
    expect([pages, error]).toEqual([[], null]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(alive(spawned.at(-1))).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
