import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { systemClock } from '../main/app/clock';
import { createAuditService } from '../main/audit/service';
import { createCalendarService } from '../main/calendar/service';
import { createCaseService, type CaseService } from '../main/cases/service';
import { createCatalogService } from '../main/catalog/service';
import { applyDatabaseKey, drizzleOf, tuneConnection } from '../main/db/connection';
import { openEncryptedDatabase } from '../main/db/open';
import { createMaterialStore } from '../main/materials/store';
import { createSettingsService } from '../main/settings/service';
import type { Percentile } from './bench-idcard';
import { benchProtectors } from './bench-keys';

export interface PlainFigures {
  /** The same name searches: p95, ms. */
  searchP95: number;
  /** The same decisions at the window: per second. */
  insertPerS: number;
  /** Opening the file and reading its schema, with the same connection settings: ms. */
  openMs: number;
}

/**
 * The comparison the encrypted figures need: the same database decrypted into a plain copy, the
 * same case service over it, the same searches and decisions. Only the benchmark ever makes such a
 * copy (in its own temp folder, removed with it).
 */
export async function plainFigures(
  dataDir: string,
  resourcesDir: string,
  names: readonly string[],
  percentile: Percentile,
  decisions: (cases: CaseService) => number,
): Promise<PlainFigures> {
  const { sqlite: live, keys } = await openEncryptedDatabase(dataDir, benchProtectors(dataDir));
  const plainFile = join(dataDir, 'plain-copy.db');
  live.prepare('VACUUM INTO ?').run(plainFile);
  live.close();
  const copy = new Database(plainFile);
  applyDatabaseKey(copy, keys.database);
  copy.rekey(Buffer.alloc(0));
  copy.close();

  const openStart = performance.now();
  const sqlite = new Database(plainFile);
  tuneConnection(sqlite);
  const openMs = performance.now() - openStart;
  try {
    const db = drizzleOf(sqlite);
    const clock = systemClock;
    const settings = createSettingsService(db, clock);
    const cases = createCaseService({
      db,
      clock,
      audit: createAuditService(db, clock),
      catalog: createCatalogService({ db, clock, shippedFile: join(resourcesDir, 'catalog', 'catalog.json') }),
      calendar: createCalendarService({ db, clock, shippedFile: join(resourcesDir, 'calendar', 'holidays.json') }),
      settings,
      materials: createMaterialStore({
        db,
        clock,
        dir: join(dataDir, 'materials'),
        keys: { content: keys.materials, names: keys.materialNames },
      }),
      idDigestKey: keys.idDigest,
    });
    const samples: number[] = [];
    for (const name of names) {
      const t0 = performance.now();
      const result = cases.list({ search: name, offset: 0, limit: 50 });
      samples.push(performance.now() - t0);
      if (result.total === 0) throw new Error(`plain search found nothing for ${name}`);
    }
    samples.sort((a, b) => a - b);
    return {
      searchP95: Number(percentile(samples, 95).toFixed(2)),
      insertPerS: decisions(cases),
      openMs: Number(openMs.toFixed(1)),
    };
  } finally {
    sqlite.close();
  }
}
