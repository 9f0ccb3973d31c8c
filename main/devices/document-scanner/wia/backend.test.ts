import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScannerRef, ScanSettings } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import type { ScannedPage } from '../backend';
import { createWiaBackend, type WiaBackendOptions, type WiaChild } from './backend';
import { pageFileName } from './script';
import { decodeScript, scriptHeader } from './testing/powershell';

/**
 * A stand-in for powershell.exe: it reads the script it was given (its header says the folder),
 * then plays a scenario, writing real page files into that folder before printing their lines,
 * as the real script does after SaveFile.
 */
type Step =
  | { page: Buffer | 'jpeg' }
  | { line: string }
  | { error: string; stage?: string }
  | { done: true }
  | { exit: number }
  | { hang: true };

class FakeChild extends EventEmitter implements WiaChild {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  killed = false;
  constructor(readonly pid: number | undefined) {
    super();
  }
  kill(): boolean {
    if (this.killed) return false;
    this.killed = true;
    setImmediate(() => this.emit('close', null));
    return true;
  }
}

const jpeg = (n: number) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, n, 0xff, 0xd9]);
const tick = () => new Promise((r) => setImmediate(r));

interface Spawned {
  command: string;
  script: string;
  folder: string | undefined;
  child: FakeChild;
  /** Each page file as it was written, and whether it still existed when its page was yielded. */
  files: string[];
}

function fakePowerShell(steps: Step[]) {
  const spawned: Spawned[] = [];
  const spawn = (command: string, args: string[]) => {
    const child = new FakeChild(4242);
    const script = decodeScript(args);
    const header = scriptHeader(script).values;
    const folder = typeof header.Folder === 'string' ? header.Folder : undefined;
    const record: Spawned = { command, script, folder, child, files: [] };
    spawned.push(record);
    const print = (text: string) => {
      // Cut every line in two, CRLF-ended, to make the backend put it back together.
      const bytes = Buffer.from(`${text}\r\n`);
      const half = Math.floor(bytes.length / 2);
      child.stdout.write(bytes.subarray(0, half));
      child.stdout.write(bytes.subarray(half));
    };
    void (async () => {
      let page = 0;
      for (const step of steps) {
        await tick();
        if (child.killed) return;
        if ('page' in step) {
          page += 1;
          const file = join(folder!, pageFileName(page, 'jpeg'));
          writeFileSync(file, step.page === 'jpeg' ? jpeg(page) : step.page);
          record.files.push(file);
          print(JSON.stringify({ event: 'page', number: page, file }));
        } else if ('line' in step) print(step.line);
        else if ('error' in step) {
          print(
            JSON.stringify({ event: 'error', hresult: step.error, stage: step.stage ?? 'transfer', message: 'WIA' }),
          );
          child.emit('close', 1);
          return;
        } else if ('done' in step) print('{"event":"done"}');
        else if ('exit' in step) {
          child.stderr.write(
            '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">' +
              '<S S="Error">Something went _x0027_wrong_x0027__x000D__x000A_</S><S S="Error">at line 3_x000D__x000A_</S></Objs>',
          );
          child.emit('close', step.exit);
          return;
        } else return; // hang: wait to be killed
      }
      child.emit('close', 0);
    })();
    return child;
  };
  return { spawn, spawned };
}

const scanner: ScannerRef = {
  id: 'wia:{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0000',
  kind: 'wia',
  name: '得力扫描仪',
  address: '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0000',
};
const duplex: ScanSettings = { source: 'adf_duplex', mode: 'color', resolution: 200, pageSize: 'a4' };

let tempDir: string;
beforeEach(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'wia-test-'));
});
afterEach(() => rmSync(tempDir, { recursive: true, force: true }));

function backendFor(steps: Step[], extra: Partial<WiaBackendOptions> = {}) {
  const fake = fakePowerShell(steps);
  const kills: WiaChild[] = [];
  const backend = createWiaBackend({
    spawn: fake.spawn,
    powershell: 'powershell.exe',
    tempDir,
    kill: (child) => {
      kills.push(child);
      child.kill();
    },
    ...extra,
  });
  return { backend, kills, spawned: fake.spawned };
}

async function collect(
  pages: AsyncIterable<ScannedPage>,
  onPage?: (page: ScannedPage) => void,
): Promise<{ pages: ScannedPage[]; error: unknown }> {
  const got: ScannedPage[] = [];
  try {
    for await (const page of pages) {
      got.push(page);
      onPage?.(page);
    }
    return { pages: got, error: null };
  } catch (error) {
    return { pages: got, error };
  }
}

const empty = '0x80210003';

describe('scan', () => {
  it('yields the pages in order as JPEG, each file deleted before its page is handed on, then the folder', async () => {
    const { backend, spawned } = backendFor([{ page: 'jpeg' }, { page: 'jpeg' }, { page: 'jpeg' }, { error: empty }]);
    const stillThere: boolean[] = [];
    const { pages, error } = await collect(backend.scan(scanner, duplex, new AbortController().signal), (page) =>
      stillThere.push(existsSync(spawned[0]!.files[page.number - 1]!)),
    );
    expect(error).toBeNull();
    expect(pages.map((p) => [p.number, p.mime, p.bytes])).toEqual([
      [1, 'image/jpeg', jpeg(1)],
      [2, 'image/jpeg', jpeg(2)],
      [3, 'image/jpeg', jpeg(3)],
    ]);
    expect(stillThere).toEqual([false, false, false]);
    const { folder, command, script } = spawned[0]!;
    expect(command).toBe('powershell.exe');
    expect(folder?.startsWith(join(tempDir, 'yichuang-wia-'))).toBe(true);
    expect(scriptHeader(script).values).toMatchObject({ Source: 5, Dpi: 200, DeviceId: scanner.address });
    expect(existsSync(folder!)).toBe(false);
  });

  it('ends a flatbed scan at done', async () => {
    const { backend } = backendFor([{ page: 'jpeg' }, { done: true }]);
    const { pages, error } = await collect(
      backend.scan(scanner, { ...duplex, source: 'flatbed' }, new AbortController().signal),
    );
    expect([pages.length, error]).toEqual([1, null]);
  });

  it('keeps pages 1–2 and then fails with docscan_jam on page 3', async () => {
    const { backend, spawned } = backendFor([{ page: 'jpeg' }, { page: 'jpeg' }, { error: '0x80210002' }]);
    const { pages, error } = await collect(backend.scan(scanner, duplex, new AbortController().signal));
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).code, (error as AppError).params]).toEqual(['docscan_jam', { page: 3 }]);
    expect(existsSync(spawned[0]!.folder!)).toBe(false);
  });

  it('says docscan_feeder_empty when the feeder is empty from the start', async () => {
    const { backend } = backendFor([{ error: empty }]);
    const { pages, error } = await collect(backend.scan(scanner, duplex, new AbortController().signal));
    expect(pages).toEqual([]);
    expect((error as AppError).code).toBe('docscan_feeder_empty');
  });

  it('stops on abort mid-job: kills the child, removes the folder, ends without an error', async () => {
    const { backend, kills, spawned } = backendFor([{ page: 'jpeg' }, { page: 'jpeg' }, { hang: true }]);
    const abort = new AbortController();
    const { pages, error } = await collect(backend.scan(scanner, duplex, abort.signal), (page) => {
      if (page.number === 1) abort.abort();
    });
    expect(error).toBeNull();
    expect(pages.map((p) => p.number)).toEqual([1]);
    expect(kills).toEqual([spawned[0]!.child]);
    expect(existsSync(spawned[0]!.folder!)).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('stops the child and removes the folder when the consumer stops reading', async () => {
    const { backend, kills, spawned } = backendFor([{ page: 'jpeg' }, { hang: true }]);
    for await (const page of backend.scan(scanner, duplex, new AbortController().signal)) {
      expect(page.number).toBe(1);
      break;
    }
    expect(kills).toHaveLength(1);
    expect(existsSync(spawned[0]!.folder!)).toBe(false);
  });

  it('does not start when the signal is already aborted', async () => {
    const { backend, spawned } = backendFor([{ page: 'jpeg' }]);
    const { pages, error } = await collect(backend.scan(scanner, duplex, AbortSignal.abort()));
    expect([pages, error, spawned]).toEqual([[], null, []]);
  });

  it('says docscan_tool_missing {tool: powershell} when powershell.exe cannot be found', async () => {
    const enoent = Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' });
    const asEvent = createWiaBackend({
      tempDir,
      spawn: () => {
        const child = new FakeChild(undefined);
        setImmediate(() => child.emit('error', enoent));
        return child;
      },
    });
    const thrown = createWiaBackend({
      tempDir,
      spawn: () => {
        throw enoent;
      },
    });
    for (const backend of [asEvent, thrown]) {
      const { error } = await collect(backend.scan(scanner, duplex, new AbortController().signal));
      expect([(error as AppError).code, (error as AppError).params]).toEqual([
        'docscan_tool_missing',
        { tool: 'powershell' },
      ]);
      await expect(backend.list()).rejects.toMatchObject({ code: 'docscan_tool_missing' });
    }
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('fails with docscan_timeout when the scanner says nothing, and cleans up', async () => {
    const { backend, kills } = backendFor([{ page: 'jpeg' }, { hang: true }], { pageTimeoutMs: 50 });
    const { pages, error } = await collect(backend.scan(scanner, duplex, new AbortController().signal));
    expect([pages.length, (error as AppError).code]).toEqual([1, 'docscan_timeout']);
    expect(kills).toHaveLength(1);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('fails with docscan_failed when PowerShell exits without finishing', async () => {
    const { backend } = backendFor([{ page: 'jpeg' }, { exit: 1 }]);
    const { pages, error } = await collect(backend.scan(scanner, duplex, new AbortController().signal));
    expect(pages).toHaveLength(1);
    expect((error as AppError).code).toBe('docscan_failed');
    expect((error as AppError).params).toEqual({
      detail: "PowerShell exited (1) without finishing: Something went 'wrong'",
    });
  });

  it('refuses a page that is not a JPEG, and garbage after a good page', async () => {
    const bad = backendFor([{ page: Buffer.from('GIF89a not a jpeg') }, { done: true }]).backend;
    const first = await collect(bad.scan(scanner, duplex, new AbortController().signal));
    expect([(first.error as AppError).code, (first.error as AppError).params]).toEqual([
      'docscan_bad_page',
      { page: 1, reason: 'not JPG' },
    ]);
    const garbage = backendFor([{ page: 'jpeg' }, { line: '{"event":"page","number":7,"file":"C:\\\\x.jpg"}' }]);
    const second = await collect(garbage.backend.scan(scanner, duplex, new AbortController().signal));
    expect([second.pages.length, (second.error as AppError).code]).toEqual([1, 'docscan_protocol']);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('fails with docscan_failed, leaving nothing behind, when the temp folder cannot go into a script', async () => {
    const deep = join(tempDir, 'd'.repeat(200), 'e'.repeat(40));
    mkdirSync(deep, { recursive: true });
    const { backend, spawned } = backendFor([{ page: 'jpeg' }], { tempDir: deep });
    const { error } = await collect(backend.scan(scanner, duplex, new AbortController().signal));
    expect((error as AppError).code).toBe('docscan_failed');
    expect([spawned, readdirSync(deep)]).toEqual([[], []]);
  });

  it('says docscan_not_found for a scanner WIA no longer has, or an address no script may take', async () => {
    const { backend } = backendFor([{ line: '{"event":"not_found"}' }]);
    const { error } = await collect(backend.scan(scanner, duplex, new AbortController().signal));
    expect([(error as AppError).code, (error as AppError).params]).toEqual([
      'docscan_not_found',
      { name: '得力扫描仪' },
    ]);
    const odd = await collect(backend.scan({ ...scanner, address: 'x\ny' }, duplex, new AbortController().signal));
    expect((odd.error as AppError).code).toBe('docscan_not_found');
  });
});

describe('list, capabilities, status', () => {
  it('lists scanners by DeviceID, with a Chinese name cut across chunks', async () => {
    const device = (id: string, name: string) => JSON.stringify({ event: 'device', id, name, description: 'WIA' });
    const { backend } = backendFor([
      { line: 'WARNING: something PowerShell wanted to say' },
      { line: device('{A}\\0000', '得力扫描仪 DL-9000') },
      { line: device('{A}\\0001', '') },
      { line: device('bad\u0000id', 'Bad') },
      { done: true },
    ]);
    expect(await backend.list()).toEqual([
      { id: 'wia:{A}\\0000', kind: 'wia', name: '得力扫描仪 DL-9000', address: '{A}\\0000' },
      { id: 'wia:{A}\\0001', kind: 'wia', name: 'WIA', address: '{A}\\0001' },
    ]);
  });

  it('reads capabilities from the properties line', async () => {
    const { backend, spawned } = backendFor([
      {
        line: JSON.stringify({
          event: 'props',
          handlingCaps: 3,
          handlingStatus: 1,
          bedWidth: 8500,
          bedHeight: 11690,
          feedWidth: null,
          feedHeight: null,
          xres: { value: 200, subType: 2, values: [100, 200, 300] },
          yres: { value: 200, subType: 2, values: [100, 200, 300] },
          intent: { value: 1, subType: 3, values: [1, 2] },
        }),
      },
      { done: true },
    ]);
    expect(await backend.capabilities(scanner)).toEqual({
      sources: ['flatbed', 'adf'],
      modes: ['color', 'gray'],
      resolutions: [100, 200, 300],
      maxWidthMm: 215.9,
      maxHeightMm: 296.9,
    });
    expect(scriptHeader(spawned[0]!.script).values).toEqual({ DeviceId: scanner.address });
  });

  it.each([
    [[{ line: '{"event":"props","handlingCaps":1,"handlingStatus":0}' }, { done: true }], 'feeder_empty', null],
    [[{ line: '{"event":"props","handlingCaps":1,"handlingStatus":1}' }, { done: true }], 'idle', null],
    [
      [{ line: '{"event":"props","handlingCaps":1,"handlingStatus":17}' }, { done: true }],
      'cover_open',
      'docscan_cover_open',
    ],
    [[{ line: '{"event":"props","handlingCaps":1,"handlingStatus":33}' }, { done: true }], 'jam', null],
    [[{ error: '0x80210006', stage: 'connect' }], 'busy', 'docscan_busy'],
    [[{ error: '0x80210005', stage: 'connect' }], 'offline', 'docscan_not_found'],
    [[{ line: '{"event":"not_found"}' }], 'offline', 'docscan_not_found'],
    [[{ exit: 1 }], 'offline', 'docscan_failed'],
  ] as [Step[], string, string | null][])('status %#: %s', async (steps, state, code) => {
    const { backend } = backendFor(steps);
    expect(await backend.status(scanner)).toMatchObject({ state, code });
  });

  it('says offline with docscan_timeout when the scanner does not answer in time', async () => {
    const { backend, kills } = backendFor([{ hang: true }], { queryTimeoutMs: 50 });
    expect(await backend.status(scanner)).toMatchObject({ state: 'offline', code: 'docscan_timeout' });
    expect(kills).toHaveLength(1);
  });

  it('rejects with the abort reason when a query is aborted', async () => {
    const { backend, kills } = backendFor([{ hang: true }]);
    const abort = new AbortController();
    const listing = backend.list(abort.signal);
    await tick();
    abort.abort(new Error('closed'));
    await expect(listing).rejects.toThrow('closed');
    expect(kills).toHaveLength(1);
  });
});
