import { localizedError } from '../../preload/contract/errors';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HotFolderArrival } from '../../preload/contract/materials';
import type { Db, Sqlite } from '../db/connection';
import { createRootLogger } from '../logging/logger';
import { until } from '../testing/wait';
import { createHotFolder, importedFolderName, refusedFolderName, type HotFolder } from './hot-folder';
import { createMaterialStore, type MaterialStore } from './store';
import { makeBombPdf, makeExe, makePdf } from '../testing/sample-files';
import { makePng } from '@yichuang/domain/testing/images';
import { openTestDb } from '../testing/database';
import { createFakeClock, makeTempDir, removeTempDir, type FakeClock } from '../testing/workstation';
import { testMaterialKeys } from '../testing/keys';

const log = createRootLogger({ dir: null, level: 'silent' });
/** Long enough that the timer never fires during a test that polls by hand. */
const manualPollMs = 3_600_000;

let dir: string;
let scans: string;
let sqlite: Sqlite;
let db: Db;
let clock: FakeClock;
let store: MaterialStore;
let received: HotFolderArrival[];
let hot: HotFolder | null;

beforeEach(async () => {
  dir = makeTempDir('yichuang-hot-folder-');
  scans = join(dir, 'scans');
  mkdirSync(scans);
  ({ db, sqlite } = await openTestDb(dir));
  clock = createFakeClock();
  store = createMaterialStore({ db, clock, keys: testMaterialKeys, dir: join(dir, 'materials') });
  received = [];
  hot = null;
});
afterEach(async () => {
  await hot?.stop();
  sqlite.close();
  removeTempDir(dir);
});

function start(options: { store?: MaterialStore; pollMs?: number; folder?: string | null } = {}): HotFolder {
  hot = createHotFolder({
    store: options.store ?? store,
    clock,
    log,
    pollMs: options.pollMs ?? manualPollMs,
    onArrival: (arrival) => received.push(arrival),
  });
  hot.configure(options.folder === undefined ? scans : options.folder);
  return hot;
}

async function polls(watcher: HotFolder, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await watcher.pollNow();
}

const list = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder).sort() : []);
const imported = (): string[] => list(join(scans, importedFolderName));
const refused = (): string[] => list(join(scans, refusedFolderName));
const storedCount = (): number => (sqlite.prepare('SELECT count(*) AS n FROM material_files').get() as { n: number }).n;

describe('hot folder: taking files', () => {
  it('imports a file written in two halves once, whole, after it is stable', async () => {
    const pdf = await makePdf(3);
    const half = Math.floor(pdf.length / 2);
    writeFileSync(join(scans, 'scan.pdf'), pdf.subarray(0, half));
    const watcher = start();
    await watcher.pollNow(); // first sight
    appendFileSync(join(scans, 'scan.pdf'), pdf.subarray(half));
    await watcher.pollNow(); // changed: starts over
    expect(received).toEqual([]);
    expect(list(scans)).toContain('scan.pdf');

    await watcher.pollNow(); // unchanged over two polls: taken
    expect(received).toHaveLength(1);
    const arrival = received[0]!;
    expect(arrival).toMatchObject({ name: 'scan.pdf', at: '2025-06-16T01:00:00.000Z', error: null });
    expect(arrival.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(arrival.file).toMatchObject({ mime: 'application/pdf', pages: 3, bytes: pdf.length, duplicate: false });
    expect(store.read(arrival.file!.sha256).bytes.equals(pdf)).toBe(true);
    expect(imported()).toEqual(['scan.pdf']);
    expect(list(scans)).toEqual([importedFolderName, refusedFolderName]);

    await polls(watcher, 3);
    expect(received).toHaveLength(1);
    expect(watcher.status()).toMatchObject({ folder: scans, watching: true, problem: null, arrivals: [arrival] });
  });

  it('moves a program named .pdf to 未导入 with an error arrival', async () => {
    writeFileSync(join(scans, '申请表.pdf'), makeExe());
    const watcher = start();
    await polls(watcher, 2);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ name: '申请表.pdf', file: null });
    expect(received[0]!.error).toContain('实际是 Windows 程序 (.exe)');
    expect(refused()).toEqual(['申请表.pdf']);
    expect(imported()).toEqual([]);
    expect(storedCount()).toBe(0);
  });

  it('moves a compression bomb to 未导入 as refused (not retried), the watcher still polling', async () => {
    writeFileSync(join(scans, '炸弹.pdf'), makeBombPdf('object-stream', 1024));
    const watcher = start();
    await polls(watcher, 2);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ name: '炸弹.pdf', file: null });
    expect(received[0]!.error).toContain('过于复杂，无法在限定时间内检查');
    expect(refused()).toEqual(['炸弹.pdf']);
    expect(storedCount()).toBe(0);
    writeFileSync(join(scans, 'next.pdf'), await makePdf(1));
    await polls(watcher, 2);
    expect(imported()).toEqual(['next.pdf']);
  });

  it('imports the same scan copied twice as two arrivals, the second a duplicate', async () => {
    const png = makePng(4, 3);
    writeFileSync(join(scans, 'a.png'), png);
    writeFileSync(join(scans, 'b.png'), png);
    const watcher = start();
    await polls(watcher, 2);
    expect(received.map((a) => [a.name, a.file?.duplicate])).toEqual([
      ['a.png', false],
      ['b.png', true],
    ]);
    expect(received[0]!.file!.sha256).toBe(received[1]!.file!.sha256);
    expect(received[0]!.id).not.toBe(received[1]!.id);
    expect(imported()).toEqual(['a.png', 'b.png']);
    expect(storedCount()).toBe(1);
    // Newest first.
    expect(watcher.status().arrivals.map((a) => a.name)).toEqual(['b.png', 'a.png']);
  });

  it('numbers a name already taken in 已导入', async () => {
    const watcher = start();
    for (let i = 0; i < 3; i += 1) {
      writeFileSync(join(scans, 'scan.png'), makePng(2, 2, i));
      await polls(watcher, 2);
    }
    writeFileSync(join(scans, 'noext'), makePng(2, 2, 9));
    await polls(watcher, 2);
    writeFileSync(join(scans, 'noext'), makePng(2, 2, 10));
    await polls(watcher, 2);
    expect(received).toHaveLength(5);
    expect(received.every((a) => a.error === null && a.file?.duplicate === false)).toBe(true);
    expect(imported()).toEqual(['noext', 'noext (2)', 'scan (2).png', 'scan (3).png', 'scan.png']);
    expect(readFileSync(join(scans, importedFolderName, 'scan (3).png')).equals(makePng(2, 2, 2))).toBe(true);
  });

  it('ignores hidden, Office lock, temporary and partial files, Windows files and subfolders', async () => {
    const png = makePng(2, 2);
    const skipped = ['.hidden.png', '~$申请表.docx', 'scan.TMP', 'scan.pdf.part', 'Thumbs.db', 'desktop.ini'];
    for (const name of skipped) writeFileSync(join(scans, name), png);
    mkdirSync(join(scans, 'sub'));
    writeFileSync(join(scans, 'sub', 'inner.png'), png);
    const watcher = start();
    await polls(watcher, 3);
    expect(received).toEqual([]);
    expect(list(scans)).toEqual([...skipped, 'sub', importedFolderName, refusedFolderName].sort());
    expect(list(join(scans, 'sub'))).toEqual(['inner.png']);
  });

  it('waits much longer before taking an empty file (the scanner may not have started writing)', async () => {
    writeFileSync(join(scans, 'empty.pdf'), '');
    const watcher = start();
    await polls(watcher, 10);
    expect(received).toEqual([]);
    await polls(watcher, 25);
    expect(received).toHaveLength(1);
    expect(received[0]!.error).toContain('是空文件');
    expect(refused()).toEqual(['empty.pdf']);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const small = createMaterialStore({
      db,
      clock,
      keys: testMaterialKeys,
      dir: join(dir, 'materials'),
      limits: { maxFileBytes: 1024 },
    });
    writeFileSync(join(scans, 'big.png'), Buffer.concat([makePng(2, 2), Buffer.alloc(4096)]));
    let reads = 0;
    const watcher = start({ store: { ...small, put: (b, n) => ((reads += 1), small.put(b, n)) } });
    await polls(watcher, 2);
    expect(reads).toBe(0);
    expect(received[0]!.error).toBe('文件 big.png 为 5 KB，超过 1 KB 的上限：请降低扫描分辨率或分开扫描');
    expect(refused()).toEqual(['big.png']);
  });
});

describe('hot folder: polling', () => {
  it('never overlaps polls: a slow import is not started twice', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let puts = 0;
    const slow: MaterialStore = {
      ...store,
      put: async (bytes, name) => {
        puts += 1;
        await gate;
        return store.put(bytes, name);
      },
    };
    writeFileSync(join(scans, 'big.pdf'), await makePdf(5));
    const watcher = start({ store: slow });
    await watcher.pollNow();
    const first = watcher.pollNow(); // takes the file, blocks in put
    await until(() => puts === 1, 3000, 'the first put');
    const second = watcher.pollNow();
    const third = watcher.pollNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(puts).toBe(1);
    release();
    await Promise.all([first, second, third]);
    expect(puts).toBe(1);
    expect(received).toHaveLength(1);
    expect(imported()).toEqual(['big.pdf']);
  });

  it('reports a missing folder, retries every poll, and recovers when it appears', async () => {
    const later = join(dir, 'not-yet');
    const watcher = start({ folder: later });
    await watcher.pollNow();
    expect(watcher.status()).toEqual({
      folder: later,
      watching: false,
      problem: '扫描文件夹不存在：请在「设置」中重新选择，或检查网络共享是否已连接',
      problemCode: 'hot_folder_missing',
      problemParams: { imported: '已导入', refused: '未导入' },
      arrivals: [],
    });
    expect(existsSync(later)).toBe(false); // creates nothing while it is missing
    await watcher.pollNow();
    expect(watcher.status().problem).not.toBeNull();

    mkdirSync(later);
    writeFileSync(join(later, 'scan.png'), makePng(3, 3));
    await watcher.pollNow();
    expect(watcher.status()).toMatchObject({ watching: true, problem: null });
    expect(list(later)).toEqual(['scan.png', importedFolderName, refusedFolderName].sort());
    await watcher.pollNow();
    expect(received.map((a) => a.name)).toEqual(['scan.png']);
  });

  it('reports a path that is a file, not a folder', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const watcher = start({ folder: file });
    await watcher.pollNow();
    expect(watcher.status().problem).toBe('所选的扫描文件夹不是文件夹：请在「设置」中重新选择');
  });

  it('watches nothing when configured with null or an empty path', async () => {
    const watcher = start({ folder: '' });
    writeFileSync(join(scans, 'scan.png'), makePng(2, 2));
    await polls(watcher, 3);
    expect(watcher.status()).toEqual({
      folder: null,
      watching: false,
      problem: null,
      problemCode: null,
      problemParams: null,
      arrivals: [],
    });
    expect(list(scans)).toEqual(['scan.png']);
    watcher.configure(scans);
    await polls(watcher, 2);
    watcher.configure(null);
    expect(watcher.status()).toMatchObject({ folder: null, watching: false });
    expect(received).toHaveLength(1);
  });

  it('polls on its own timer, and stop() stops', async () => {
    const watcher = start({ pollMs: 20 });
    writeFileSync(join(scans, 'one.png'), makePng(2, 2, 1));
    await until(() => received.length === 1, 5000, 'the first arrival');
    await watcher.stop();
    expect(watcher.status().folder).toBeNull();
    writeFileSync(join(scans, 'two.png'), makePng(2, 2, 2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(1);
    expect(list(scans)).toContain('two.png');
  });

  it('leaves a file in place when storing fails unexpectedly, says so once, and retries later', async () => {
    let broken = true;
    const flaky: MaterialStore = {
      ...store,
      put: (bytes, name) => (broken ? Promise.reject(new Error('SQLITE_FULL')) : store.put(bytes, name)),
    };
    writeFileSync(join(scans, 'scan.png'), makePng(2, 2));
    const watcher = start({ store: flaky });
    await polls(watcher, 2);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ name: 'scan.png', file: null });
    expect(received[0]!.error).toContain('导入失败');
    expect(list(scans)).toContain('scan.png');
    await polls(watcher, 10);
    expect(received).toHaveLength(1);

    broken = false;
    await polls(watcher, 30);
    expect(received).toHaveLength(2);
    expect(received[1]).toMatchObject({ name: 'scan.png', error: null });
    expect(imported()).toEqual(['scan.png']);
  });

  it('keeps a file it cannot move aside from being imported again, and moves it once it can', async () => {
    const blocker = join(scans, importedFolderName);
    const blocking: MaterialStore = {
      ...store,
      put: async (bytes, name) => {
        const stored = await store.put(bytes, name);
        // 已导入 turns into a file: the move fails (as it would without write permission).
        rmSync(blocker, { recursive: true });
        writeFileSync(blocker, '');
        return stored;
      },
    };
    writeFileSync(join(scans, 'scan.png'), makePng(2, 2));
    const watcher = start({ store: blocking });
    await polls(watcher, 2);
    expect(received).toHaveLength(1);
    expect(received[0]!.file).not.toBeNull();
    expect(list(scans)).toContain('scan.png');
    expect(watcher.status().problem).toBe(
      '扫描文件已导入，但无法移入「已导入」或「未导入」：请检查扫描文件夹的写入权限',
    );
    // As a code with the folders' names, so the English screen says it in English.
    const status = watcher.status();
    expect(localizedError({ code: status.problemCode!, message: '', params: status.problemParams! }, 'en')).toBe(
      'The scans were imported but cannot be moved into “已导入” or “未导入”: check that the scan folder can be written to',
    );

    rmSync(blocker);
    await polls(watcher, 3);
    expect(received).toHaveLength(1);
    expect(imported()).toEqual(['scan.png']);
    expect(watcher.status()).toMatchObject({ watching: true, problem: null });
  });

  it('survives a listener that throws', async () => {
    hot = createHotFolder({
      store,
      clock,
      log,
      pollMs: manualPollMs,
      onArrival: () => {
        throw new Error('listener broke');
      },
    });
    hot.configure(scans);
    writeFileSync(join(scans, 'scan.png'), makePng(2, 2));
    await polls(hot, 2);
    expect(hot.status().arrivals).toHaveLength(1);
    expect(imported()).toEqual(['scan.png']);
  });
});

describe('hot folder: arrivals', () => {
  it('keeps the newest 100, for 8 hours', async () => {
    for (let i = 0; i < 105; i += 1) writeFileSync(join(scans, `p${String(i).padStart(3, '0')}.png`), makePng(1, 1, i));
    const watcher = start();
    await polls(watcher, 2);
    expect(received).toHaveLength(105);
    const kept = watcher.status().arrivals;
    expect(kept).toHaveLength(100);
    expect(kept[0]!.name).toBe('p104.png');
    expect(kept[99]!.name).toBe('p005.png');

    clock.advance(8 * 60 * 60 * 1000);
    expect(watcher.status().arrivals).toHaveLength(100);
    clock.advance(1);
    expect(watcher.status().arrivals).toEqual([]);
  });
});
