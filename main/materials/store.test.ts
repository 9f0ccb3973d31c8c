import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../preload/contract/errors';
import { materialLimits } from '@yichuang/domain/materials';
import type { Db, Sqlite } from '../db/connection';
import { appErrorOf } from '../testing/wait';
import { createMaterialStore, formatSize, tooLargeError, type MaterialStore } from './store';
import { keyedName, sealOverhead } from '../security/crypto';
import { testMaterialKeys } from '../testing/keys';
import { makeBombPdf, makeEncryptedPdf, makeExe, makeJpeg, makePdf, withPngSize } from '../testing/sample-files';
import { makePng } from '@yichuang/domain/testing/images';
import { openTestDb } from '../testing/database';
import { createFakeClock, makeTempDir, removeTempDir, type FakeClock } from '../testing/workstation';

let dir: string;
let filesDir: string;
let sqlite: Sqlite;
let db: Db;
let clock: FakeClock;
let store: MaterialStore;

beforeEach(async () => {
  dir = makeTempDir('yichuang-materials-');
  filesDir = join(dir, 'materials');
  ({ db, sqlite } = await openTestDb(dir));
  clock = createFakeClock();
  store = createMaterialStore({ db, clock, keys: testMaterialKeys, dir: filesDir });
});
afterEach(() => {
  sqlite.close();
  removeTempDir(dir);
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Where the store keeps a material: its keyed name, never its hash. */
function pathOnDisk(hash: string): string {
  const name = keyedName(testMaterialKeys.names, hash);
  return join(filesDir, name.slice(0, 2), name);
}

/** Every file under the store's folder, relative to it. */
function filesOnDisk(): string[] {
  try {
    return readdirSync(filesDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(filesDir, join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [];
  }
}

function rows(): Record<string, unknown>[] {
  return sqlite.prepare('SELECT * FROM material_files ORDER BY sha256').all() as Record<string, unknown>[];
}

/** The AppError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('material store: put', () => {
  it('stores a PNG sealed under <dir>/<2 hex>/<keyed name> with its size, and indexes it', async () => {
    const png = makePng(3, 2);
    const hash = sha256(png);
    const stored = await store.put(png, 'scan.png');
    expect(stored).toEqual({
      sha256: hash,
      mime: 'image/png',
      bytes: png.length,
      pages: 1,
      width: 3,
      height: 2,
      duplicate: false,
    });
    const name = keyedName(testMaterialKeys.names, hash);
    expect(filesOnDisk()).toEqual([join(name.slice(0, 2), name)]);
    // Sealed: neither the bytes nor the hash of the scan are on disk; only the owner may read it.
    const onDisk = readFileSync(pathOnDisk(hash));
    expect(onDisk.includes(png)).toBe(false);
    expect(onDisk.length).toBe(png.length + sealOverhead);
    expect(filesOnDisk().join()).not.toContain(hash);
    expect(statSync(pathOnDisk(hash)).mode & 0o777).toBe(0o600);
    expect(store.read(hash).bytes.equals(png)).toBe(true);
    expect(rows()).toEqual([
      {
        sha256: hash,
        mime: 'image/png',
        bytes: png.length,
        pages: 1,
        width: 3,
        height: 2,
        stored_at: '2025-06-16T01:00:00.000Z',
      },
    ]);
  });

  it('stores a JPEG and a PDF (pages counted, no pixel size)', async () => {
    const jpeg = makeJpeg(5, 3);
    expect(await store.put(jpeg, '身份证.jpg')).toMatchObject({ mime: 'image/jpeg', pages: 1, width: 5, height: 3 });
    const pdf = await makePdf(3);
    expect(await store.put(pdf, '营业执照.pdf')).toEqual({
      sha256: sha256(pdf),
      mime: 'application/pdf',
      bytes: pdf.length,
      pages: 3,
      width: null,
      height: null,
      duplicate: false,
    });
    expect(rows()).toHaveLength(2);
  });

  it('stores the same bytes once: one file, one row, duplicate the second time whatever the name', async () => {
    const pdf = await makePdf(2);
    const first = await store.put(pdf, 'a.pdf');
    clock.advanceMinutes(5);
    const second = await store.put(pdf, '另一个名字.pdf');
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(filesOnDisk()).toHaveLength(1);
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.stored_at).toBe('2025-06-16T01:00:00.000Z');
  });

  it('stores the same bytes once when two puts race', async () => {
    const pdf = await makePdf(4);
    const results = await Promise.all([store.put(pdf, 'a.pdf'), store.put(pdf, 'b.pdf'), store.put(pdf, 'c.pdf')]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(filesOnDisk()).toHaveLength(1);
    expect(rows()).toHaveLength(1);
  });

  it('refuses a program named .pdf, naming what it really is, and stores nothing', async () => {
    const error = await refusal(store.put(makeExe(), '证明材料.pdf'));
    expect(error.code).toBe('material_looks_like');
    expect(error.message).toBe(
      '文件 证明材料.pdf 实际是 Windows 程序 (.exe)，不是图片或 PDF：只能上传 JPG、PNG 图片或 PDF，按文件内容识别，改扩展名无效',
    );
    expect(filesOnDisk()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('refuses content of an unknown kind, and other image kinds by name', async () => {
    const unknown = await refusal(store.put(Buffer.from('just some text'), 'scan.jpg'));
    expect(unknown.message).toBe(
      '文件 scan.jpg 不是图片或 PDF：只能上传 JPG、PNG 图片或 PDF，按文件内容识别，改扩展名无效',
    );
    const gif = await refusal(store.put(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'photo.png'));
    expect(gif.message).toContain('实际是 GIF 图片');
  });

  it('refuses an empty file', async () => {
    const error = await refusal(store.put(new Uint8Array(0), 'empty.pdf'));
    expect(error.code).toBe('material_empty');
    expect(error.message).toBe('文件 empty.pdf 是空文件：请重新扫描或选择其他文件');
  });

  it('refuses a file over the size limit', async () => {
    const small = createMaterialStore({
      db,
      clock,
      keys: testMaterialKeys,
      dir: filesDir,
      limits: { maxFileBytes: 100 * 1024 },
    });
    const big = makePng(200, 200, 7);
    const padded = Buffer.concat([big, Buffer.alloc(100 * 1024 + 1 - big.length)]);
    const error = await refusal(small.put(padded, 'big.png'));
    expect(error.code).toBe('material_too_large');
    expect(error.message).toBe('文件 big.png 为 101 KB，超过 100 KB 的上限：请降低扫描分辨率或分开扫描');
    // Exactly at the limit is fine (PNG readers ignore bytes after IEND).
    expect((await small.put(padded.subarray(0, 100 * 1024), 'ok.png')).bytes).toBe(100 * 1024);
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('words the size refusal in MB, never showing an over-limit size as equal to the limit', () => {
    const MB = 1024 * 1024;
    expect(tooLargeError('X', Math.round(25.3 * MB), 20 * MB).message).toBe(
      '文件 X 为 25.3 MB，超过 20 MB 的上限：请降低扫描分辨率或分开扫描',
    );
    expect(tooLargeError('X', 20 * MB + 5000, 20 * MB).message).toContain('为 20.005 MB，超过 20 MB');
    expect(formatSize(20 * MB)).toBe('20 MB');
    expect(formatSize(1)).toBe('1 KB');
  });

  it('never raises the limits past the contract', () => {
    const generous = createMaterialStore({
      db,
      clock,
      keys: testMaterialKeys,
      dir: filesDir,
      limits: { maxFileBytes: 1e9, maxPdfPages: 999 },
    });
    expect(generous.limits).toEqual({
      maxFileBytes: materialLimits.maxFileBytes,
      maxPdfPages: materialLimits.maxPdfPages,
    });
    expect(store.limits).toEqual({
      maxFileBytes: materialLimits.maxFileBytes,
      maxPdfPages: materialLimits.maxPdfPages,
    });
  });

  it('refuses a PDF with more pages than the limit, and accepts one at the limit', async () => {
    const error = await refusal(store.put(await makePdf(60), '全部材料.pdf'));
    expect(error.code).toBe('material_too_many_pages');
    expect(error.message).toBe('文件 全部材料.pdf 有 60 页，超过每个文件 50 页的上限：请拆分为多个 PDF 后分别导入');
    expect((await store.put(await makePdf(50), 'fifty.pdf')).pages).toBe(50);
    expect(rows()).toHaveLength(1);
  });

  it('checks a lowered page limit again for a PDF already stored', async () => {
    const pdf = await makePdf(10);
    await store.put(pdf, 'ten.pdf');
    const strict = createMaterialStore({
      db,
      clock,
      keys: testMaterialKeys,
      dir: filesDir,
      limits: { maxPdfPages: 5 },
    });
    expect((await refusal(strict.put(pdf, 'ten.pdf'))).message).toContain('有 10 页，超过每个文件 5 页的上限');
  });

  it('refuses an encrypted PDF and damaged PDFs', async () => {
    const message = (name: string): string => `文件 ${name} 已加密或已损坏：请另存为普通 PDF 后再导入`;
    expect((await refusal(store.put(await makeEncryptedPdf(), 'locked.pdf'))).message).toBe(message('locked.pdf'));
    const whole = await makePdf(3);
    const damaged = [
      Buffer.from('%PDF-1.7\n%garbage only\n', 'latin1'),
      Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), Buffer.alloc(2000, 0x41)]),
      whole.subarray(0, Math.floor(whole.length / 2)),
    ];
    for (const bytes of damaged) {
      const error = await refusal(store.put(bytes, 'bad.pdf'));
      expect(error.code).toBe('material_pdf_unreadable');
      expect(error.message).toBe(message('bad.pdf'));
    }
    expect(rows()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it('refuses an image whose size cannot be read', async () => {
    const error = await refusal(store.put(makePng(3, 2).subarray(0, 20), 'cut.png'));
    expect(error.code).toBe('material_image_unreadable');
    expect(error.message).toContain('文件 cut.png 的图片尺寸无法读取');
    expect((await refusal(store.put(makeJpeg(0, 3), 'zero.jpg'))).message).toContain('图片尺寸无法读取');
  });

  it('refuses a compression bomb, a polyglot and a picture claiming huge dimensions, storing nothing', async () => {
    const bomb = await refusal(store.put(makeBombPdf('object-stream', 1024), '营业执照.pdf'));
    expect(bomb.code).toBe('material_too_complex');
    expect(bomb.message).toBe(
      '文件 营业执照.pdf 过于复杂，无法在限定时间内检查，可能已损坏或经过特殊构造：请重新扫描纸质材料，或用常用软件（如 WPS、Acrobat）重新另存为 PDF 后再导入',
    );
    const zip = Buffer.concat([Buffer.from('PK\x03\x04junk\n', 'latin1'), await makePdf(1)]);
    expect((await refusal(store.put(zip, 'a.pdf'))).code).toBe('material_looks_like');
    const prefixed = Buffer.concat([Buffer.from('From scanner\r\n', 'latin1'), await makePdf(1)]);
    expect((await refusal(store.put(prefixed, 'b.pdf'))).code).toBe('material_wrong_type');
    const huge = await refusal(store.put(withPngSize(makePng(3, 2), 50_000, 50_000), 'c.png'));
    expect(huge.code).toBe('material_too_many_pixels');
    expect(rows()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it('names a file with a blank name as unnamed', async () => {
    expect((await refusal(store.put(new Uint8Array(0), '  '))).message).toContain('文件 （未命名） 是空文件');
  });
});

describe('material store: read, has, info', () => {
  it('reads back the bytes and type, verified', async () => {
    const jpeg = makeJpeg(4, 4);
    const { sha256: hash } = await store.put(jpeg, 'a.jpg');
    const read = store.read(hash);
    expect(read.mime).toBe('image/jpeg');
    expect(read.bytes.equals(jpeg)).toBe(true);
    expect(store.has(hash)).toBe(true);
    expect(store.info(hash)).toEqual({
      sha256: hash,
      mime: 'image/jpeg',
      bytes: jpeg.length,
      pages: 1,
      width: 4,
      height: 4,
    });
  });

  it('answers not_found for an unknown or malformed digest', () => {
    const unknown = 'a'.repeat(64);
    expect(appErrorOf(() => store.read(unknown)).code).toBe('material_not_found');
    expect(appErrorOf(() => store.read('../../etc/passwd')).code).toBe('material_not_found');
    expect(store.has(unknown)).toBe(false);
    expect(store.has('A'.repeat(64))).toBe(false);
    expect(store.info(unknown)).toBeNull();
  });

  it('detects a file damaged on disk, and a put of the same bytes heals it', async () => {
    const png = makePng(8, 8, 3);
    const { sha256: hash } = await store.put(png, 'a.png');
    const path = pathOnDisk(hash);
    const damaged = readFileSync(path);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 20) ^ 0xff, damaged.length - 20);
    writeFileSync(path, damaged);
    const error = appErrorOf(() => store.read(hash));
    expect(error.code).toBe('material_file_corrupt');
    expect(error.message).toMatch(/^材料文件已损坏/);

    expect((await store.put(png, 'again.png')).duplicate).toBe(true);
    expect(store.read(hash).bytes.equals(png)).toBe(true);
  });

  it('answers not_found for a file lost from disk, and a put of the same bytes restores it', async () => {
    const pdf = await makePdf(1);
    const { sha256: hash } = await store.put(pdf, 'a.pdf');
    rmSync(pathOnDisk(hash));
    expect(store.has(hash)).toBe(false);
    expect(store.info(hash)).not.toBeNull();
    expect(appErrorOf(() => store.read(hash)).code).toBe('material_file_missing');

    expect((await store.put(pdf, 'a.pdf')).duplicate).toBe(true);
    expect(store.has(hash)).toBe(true);
    expect(store.read(hash).bytes.equals(pdf)).toBe(true);
    expect(filesOnDisk()).toHaveLength(1);
  });

  it('seals the plaintext files a version before encryption left, once, and wipes them', async () => {
    const png = makePng(5, 5, 4);
    const { sha256: hash } = await store.put(png, 'old.png');
    // As the old version kept it: plaintext under its bare SHA-256.
    rmSync(pathOnDisk(hash));
    mkdirSync(join(filesDir, hash.slice(0, 2)), { recursive: true });
    writeFileSync(join(filesDir, hash.slice(0, 2), hash), png);
    expect(await store.sealLegacyFiles()).toBe(1);
    expect(filesOnDisk()).toEqual([relative(filesDir, pathOnDisk(hash))]);
    expect(store.read(hash).bytes.equals(png)).toBe(true);
    expect(await store.sealLegacyFiles()).toBe(0);
  });
});
