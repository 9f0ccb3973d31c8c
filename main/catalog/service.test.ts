import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogSchema, searchMatters, type Catalog } from '@yichuang/domain/catalog';
import type { Db, Sqlite } from '../db/connection';
import { openTestDb } from '../testing/database';
import { appErrorOf } from '../testing/wait';
import { createFakeClock, makeTempDir, removeTempDir, resourcesDir, type FakeClock } from '../testing/workstation';
import { createCatalogService, type CatalogService } from './service';

const shippedFile = join(resourcesDir, 'catalog', 'catalog.json');
const shipped = catalogSchema.parse(JSON.parse(readFileSync(shippedFile, 'utf8')));

let dir: string;
let sqlite: Sqlite;
let db: Db;
let clock: FakeClock;

beforeEach(async () => {
  dir = makeTempDir('yichuang-catalog-');
  ({ db, sqlite } = await openTestDb(dir));
  clock = createFakeClock('2026-11-30T01:00:00.000Z');
});
afterEach(() => {
  if (sqlite.open) sqlite.close();
  removeTempDir(dir);
});

function service(file = shippedFile): CatalogService {
  return createCatalogService({ db, clock, shippedFile: file });
}

function seeded(): CatalogService {
  const s = service();
  s.seed();
  return s;
}

/** The shipped catalog as central would publish it next, with a higher version. */
function newer(version = shipped.version + 1): Catalog {
  const copy = structuredClone(shipped);
  copy.version = version;
  copy.publishedAt = '2026-12-15';
  copy.matters = copy.matters.slice(0, 3);
  return copy;
}

function rowCount(): number {
  return (sqlite.prepare('SELECT COUNT(*) AS n FROM catalogs').get() as { n: number }).n;
}

describe('the shipped catalog', () => {
  it('parses and is published by the district approval bureau', () => {
    expect(shipped.version).toBe(2026112701);
    expect(shipped.publishedAt).toBe('2026-11-27');
    expect(shipped.publisher).toBe('张店区行政审批服务局');
  });

  it('covers at least 15 matters of at least 6 departments, for individuals and enterprises', () => {
    expect(shipped.matters.length).toBeGreaterThanOrEqual(15);
    expect(new Set(shipped.matters.map((m) => m.department)).size).toBeGreaterThanOrEqual(6);
    const subjects = new Set(shipped.matters.map((m) => m.subject));
    expect(subjects).toEqual(new Set(['individual', 'enterprise']));
  });

  it('promises no matter later than the law allows', () => {
    for (const m of shipped.matters) expect(m.promisedDays, m.code).toBeLessThanOrEqual(m.statutoryDays);
  });

  it('leaves the agent items to intake and gives every pattern a message', () => {
    for (const m of shipped.matters) {
      for (const item of m.materials) expect(item.name, m.code).not.toMatch(/授权委托书|代办人/);
      for (const field of m.formFields) {
        if (field.pattern) {
          expect(() => new RegExp(field.pattern ?? ''), `${m.code}.${field.key}`).not.toThrow();
          expect(field.patternMessage, `${m.code}.${field.key}`).toBeTruthy();
        }
      }
    }
  });
});

describe('catalog service: seed and use', () => {
  it('seeds the shipped catalog and serves it', () => {
    const s = seeded();
    expect(s.info()).toEqual({
      version: 2026112701,
      publishedAt: '2026-11-27',
      publisher: '张店区行政审批服务局',
      source: 'shipped',
      loadedAt: '2026-11-30T01:00:00.000Z',
      count: shipped.matters.length,
    });
    expect(s.matters()).toHaveLength(shipped.matters.length);
    const permit = s.matters().find((m) => m.name === '居住证签注');
    expect(permit?.initials).toBe('jzzqz');
    expect(permit?.pinyin).toBe('juzhuzhengqianzhu');
  });

  it('gets one matter by code, or null', () => {
    const s = seeded();
    const first = shipped.matters[0]!;
    expect(s.get(first.code)).toEqual(first);
    expect(s.get(first.code.toLowerCase())?.code).toBe(first.code);
    expect(s.get('NO-SUCH-999')).toBeNull();
  });

  it('is idempotent', () => {
    const s = seeded();
    clock.advanceMinutes(5);
    s.seed();
    s.seed();
    expect(rowCount()).toBe(1);
    expect(s.info().loadedAt).toBe('2026-11-30T01:00:00.000Z');
  });

  it('keeps the version across a restart', () => {
    seeded().load(newer(), 'central');
    const restarted = service();
    restarted.seed();
    expect(restarted.info()).toMatchObject({ version: shipped.version + 1, source: 'central', count: 3 });
  });

  it('refuses to serve before anything is stored', () => {
    expect(appErrorOf(() => service().info()).code).toBe('catalog_not_loaded');
  });

  it('names the file when the shipped catalog is invalid', () => {
    const bad = join(dir, 'catalog.json');
    writeFileSync(bad, JSON.stringify({ ...shipped, version: -1 }));
    expect(() => service(bad).seed()).toThrow(bad);
    expect(() => service(bad).seed()).toThrow(/版本号/);
    writeFileSync(bad, '{ not json');
    expect(() => service(bad).seed()).toThrow(bad);
    expect(() => service(join(dir, 'missing.json')).seed()).toThrow('missing.json');
    expect(rowCount()).toBe(0);
  });
});

describe('catalog service: load from central', () => {
  it('uses a higher version from central', () => {
    const s = seeded();
    clock.advanceMinutes(60);
    const info = s.load(newer(), 'central');
    expect(info).toEqual({
      version: 2026112702,
      publishedAt: '2026-12-15',
      publisher: '张店区行政审批服务局',
      source: 'central',
      loadedAt: '2026-11-30T02:00:00.000Z',
      count: 3,
    });
    expect(s.info()).toEqual(info);
    expect(s.matters()).toHaveLength(3);
    expect(s.get(shipped.matters[5]!.code)).toBeNull();
  });

  it('keeps a newer central version in use when the shipped one is seeded again', () => {
    const s = seeded();
    s.load(newer(), 'central');
    s.seed();
    expect(s.info().version).toBe(2026112702);
    expect(rowCount()).toBe(2);
  });

  it('refuses a lower or equal version', () => {
    const s = seeded();
    for (const version of [shipped.version, shipped.version - 1]) {
      const error = appErrorOf(() => s.load(newer(version), 'central'));
      expect(error.code).toBe('catalog_not_newer');
      expect(error.message).toBe(`目录版本 ${version} 不高于当前版本 2026112701：未更新`);
    }
    expect(s.info().source).toBe('shipped');
    expect(rowCount()).toBe(1);
  });

  it('refuses an invalid catalog with a Chinese message naming the first problem', () => {
    const s = seeded();
    const broken = newer();
    broken.matters[1]!.materials[0]!.id = 'Bad Id';
    const error = appErrorOf(() => s.load(broken, 'central'));
    expect(error.code).toBe('catalog_invalid');
    expect(error.message).toContain('事项目录无效');
    expect(error.message).toContain(`第 2 个事项（${broken.matters[1]!.code}）的材料第 1 项`);
    expect(error.message).toContain('材料编号为小写字母、数字和 -');
    expect(error.fields).toHaveProperty('matters.1.materials.0.id');

    const notACatalog = appErrorOf(() => s.load({ version: 'soon' }, 'central'));
    expect(notACatalog.code).toBe('catalog_invalid');
    expect(notACatalog.message).toMatch(/^事项目录无效：版本号：.*[\u4e00-\u9fff]/);
    expect(s.info().version).toBe(shipped.version);
  });

  it('refuses a catalog whose promise is longer than the law', () => {
    const s = seeded();
    const broken = newer();
    const matter = broken.matters[0]!;
    matter.statutoryDays = Math.max(1, matter.statutoryDays);
    matter.promisedDays = matter.statutoryDays + 1;
    expect(appErrorOf(() => s.load(broken, 'central')).message).toContain('承诺时限不能长于法定时限');
  });
});

describe('catalog service: search', () => {
  it('finds the residence permit matters first by pinyin initials', () => {
    const found = searchMatters(seeded().matters(), 'jzz');
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found[0]!.name).toContain('居住证');
    expect(found[1]!.name).toContain('居住证');
    expect(found.slice(0, 2).map((m) => m.name)).toEqual(expect.arrayContaining(['居住证申领', '居住证签注']));
  });

  it('finds by full pinyin', () => {
    const found = searchMatters(seeded().matters(), 'zhufanggongjijin');
    expect(found[0]?.name).toBe('住房公积金提取（租房）');
  });

  it('finds by code', () => {
    const matters = seeded().matters();
    const code = shipped.matters.find((m) => m.name === '食品经营许可（新办）')!.code;
    expect(searchMatters(matters, code)[0]?.code).toBe(code);
    expect(searchMatters(matters, code.toLowerCase())[0]?.code).toBe(code);
    expect(searchMatters(matters, 'SJ-').every((m) => m.code.startsWith('SJ-') || m.name.includes('SJ-'))).toBe(true);
  });

  it('finds by a part of the name', () => {
    const found = searchMatters(seeded().matters(), '公司');
    expect(found.map((m) => m.name)).toEqual(expect.arrayContaining(['公司设立登记', '公司变更登记']));
    expect(found.every((m) => m.name.includes('公司') || m.department.includes('公司'))).toBe(true);
    expect(searchMatters(seeded().matters(), '异地')[0]?.name).toBe('异地就医备案');
  });
});
