import { readFileSync } from 'node:fs';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  catalogSchema,
  type Catalog,
  type CatalogInfo,
  type CatalogMatter,
  type Matter,
} from '@yichuang/domain/catalog';
import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import type { Db } from '../db/connection';
import { catalogs } from '../db/schema';
import { nameInitials, namePinyin } from './pinyin';

export interface CatalogService {
  /** Stores the shipped catalog (resources/catalog/catalog.json) when its version is not stored yet. Call once at start. Throws a clear Error naming the file if the shipped file is invalid. */
  seed(): void;
  /** The catalog in use: the highest stored version. */
  info(): CatalogInfo;
  /** Every matter of the catalog in use, with `initials` and `pinyin` (computed once per version and cached in memory). */
  matters(): CatalogMatter[];
  /** One matter of the catalog in use, or null. */
  get(code: string): Matter | null;
  /** A newer catalog from central: validated with catalogSchema (AppError 'catalog_invalid' naming the first problem otherwise); a version not higher than the one in use is refused with AppError('catalog_not_newer'); stored with source 'central'. Returns the new info. */
  load(catalog: unknown, source: 'central'): CatalogInfo;
}

type CatalogRow = typeof catalogs.$inferSelect;

/** The catalog in use, parsed once per version. */
interface Loaded {
  info: CatalogInfo;
  catalog: Catalog;
  matters: CatalogMatter[];
  byCode: Map<string, Matter>;
}

/** Zod's own messages in Chinese; the schema's Chinese messages still win where it has them. */
const zhCN = z.locales.zhCN();

const partNames: Record<string, string> = {
  version: '版本号',
  publishedAt: '发布日期',
  publisher: '发布单位',
  matters: '事项列表',
  formFields: '表单字段',
  materials: '材料',
  rejectReasons: '不予受理理由',
  options: '选项',
};

/** Where an issue is, for a clerk or an administrator: 第 3 个事项（GA-JZZSL-001）的材料第 2 项 id. */
function describePath(path: readonly PropertyKey[], input: unknown): string {
  if (path.length === 0) return '目录';
  const [head, index, ...rest] = path;
  if (head !== 'matters' || typeof index !== 'number') {
    return path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : (partNames[String(p)] ?? String(p)))).join('的');
  }
  const matters = (input as { matters?: unknown } | null)?.matters;
  const raw: unknown = Array.isArray(matters) ? matters[index] : undefined;
  const code = (raw as { code?: unknown } | undefined)?.code;
  let where = `第 ${index + 1} 个事项${typeof code === 'string' && code ? `（${code}）` : ''}`;
  for (let i = 0; i < rest.length; i++) {
    const part = rest[i];
    const next = rest[i + 1];
    if (typeof part === 'number') {
      where += `第 ${part + 1} 项`;
    } else if (typeof part === 'string' && partNames[part] && typeof next === 'number') {
      where += `的${partNames[part]}第 ${next + 1} 项`;
      i++;
    } else {
      where += ` ${String(part)}`;
    }
  }
  return where;
}

/** Validates a catalog; on failure names the first problem in Chinese (and every problem by path). */
function parseCatalog(
  input: unknown,
): { ok: true; catalog: Catalog } | { ok: false; first: string; fields: Record<string, string> } {
  const parsed = catalogSchema.safeParse(input, { error: zhCN.localeError });
  if (parsed.success) return { ok: true, catalog: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  const issue = parsed.error.issues[0];
  const first = issue ? `${describePath(issue.path, input)}：${issue.message}` : '格式不正确';
  return { ok: false, first, fields };
}

function toInfo(row: CatalogRow, count: number): CatalogInfo {
  return {
    version: row.version,
    publishedAt: row.publishedAt,
    publisher: row.publisher,
    source: row.source,
    loadedAt: row.loadedAt,
    count,
  };
}

/** The matter catalog: shipped with the program, replaced by newer versions from central; the highest version is in use. */
export function createCatalogService(deps: { db: Db; clock: Clock; shippedFile: string }): CatalogService {
  const { db, clock, shippedFile } = deps;
  let cache: Loaded | null = null;

  function readShipped(): Catalog {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(shippedFile, 'utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`随程序提供的事项目录 ${shippedFile} 无法读取或不是有效的 JSON：${reason}`, { cause: error });
    }
    const parsed = parseCatalog(json);
    if (!parsed.ok) throw new Error(`随程序提供的事项目录 ${shippedFile} 无效：${parsed.first}`);
    return parsed.catalog;
  }

  function topVersion(): number | null {
    const row = db.select({ version: catalogs.version }).from(catalogs).orderBy(desc(catalogs.version)).limit(1).get();
    return row?.version ?? null;
  }

  /** The catalog in use, rebuilt only when the highest stored version changed. */
  function current(): Loaded {
    const version = topVersion();
    if (version === null) throw new AppError('catalog_not_loaded');
    if (cache?.info.version === version) return cache;
    const row = db.select().from(catalogs).where(eq(catalogs.version, version)).get();
    if (!row) throw new AppError('catalog_not_loaded');
    // Stored rows were validated on the way in; validate again so a damaged row cannot reach the window.
    const catalog = catalogSchema.parse(JSON.parse(row.data));
    const matters = catalog.matters.map((m) => ({ ...m, initials: nameInitials(m.name), pinyin: namePinyin(m.name) }));
    cache = {
      info: toInfo(row, catalog.matters.length),
      catalog,
      matters,
      byCode: new Map(catalog.matters.map((m) => [m.code, m])),
    };
    return cache;
  }

  function store(catalog: Catalog, source: CatalogRow['source']): void {
    db.insert(catalogs)
      .values({
        version: catalog.version,
        source,
        publishedAt: catalog.publishedAt,
        publisher: catalog.publisher,
        data: JSON.stringify(catalog),
        loadedAt: clock.now().toISOString(),
      })
      .onConflictDoNothing({ target: catalogs.version })
      .run();
  }

  return {
    seed() {
      const shipped = readShipped();
      store(shipped, 'shipped');
    },

    info() {
      return { ...current().info };
    },

    matters() {
      return [...current().matters];
    },

    get(code) {
      return current().byCode.get(code.trim().toUpperCase()) ?? null;
    },

    load(input, source) {
      const parsed = parseCatalog(input);
      if (!parsed.ok) throw new AppError('catalog_invalid', { detail: parsed.first }, parsed.fields);
      const catalog = parsed.catalog;
      db.transaction(() => {
        const inUse = topVersion();
        if (inUse !== null && catalog.version <= inUse) {
          throw new AppError('catalog_not_newer', { version: catalog.version, current: inUse });
        }
        store(catalog, source);
      });
      return { ...current().info };
    },
  };
}
