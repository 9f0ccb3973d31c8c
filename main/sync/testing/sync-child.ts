import { join } from 'node:path';
import { systemClock } from '../../app/clock';
import { createAuditService } from '../../audit/service';
import { createCalendarService } from '../../calendar/service';
import { createCatalogService } from '../../catalog/service';
import { drizzleOf } from '../../db/connection';
import { openWorkstationData } from '../../db/open';
import { testProtectors } from '../../testing/keys';
import { createRootLogger, subsystem } from '../../logging/logger';
import { createMaterialStore } from '../../materials/store';
import { createSettingsService } from '../../settings/service';
import { createCaseService } from '../../cases/service';
import { createOutbox } from '../outbox';
import { createSyncService } from '../service';

/**
 * Test and soak only: a process that runs the workstation's sync worker on an existing data
 * folder, exactly as the app does, and prints the backlog as JSON lines. The crash test kills it
 * with SIGKILL at random points and starts it again.
 *
 *   node sync-child.cjs DATA_DIR RESOURCES_DIR CHUNK_BYTES
 */
const clock = systemClock;
async function main(): Promise<void> {
  const [dataDir, resourcesDir, chunk] = process.argv.slice(2);
  if (!dataDir || !resourcesDir) throw new Error('usage: sync-child DATA_DIR RESOURCES_DIR [CHUNK_BYTES]');
  const { sqlite, keys } = await openWorkstationData({
    dataDir,
    migrationsFolder: join(resourcesDir, 'migrations'),
    protectors: testProtectors(),
    now: clock.now(),
  });
  const db = drizzleOf(sqlite);
  const root = createRootLogger({ dir: null, level: 'silent' });
  const materials = createMaterialStore({
    db,
    clock,
    dir: join(dataDir, 'materials'),
    keys: { content: keys.materials, names: keys.materialNames },
  });
  const outbox = createOutbox({ db, clock, materials });
  const settings = createSettingsService(db, clock);
  const audit = createAuditService(db, clock);
  const catalog = createCatalogService({ db, clock, shippedFile: join(resourcesDir, 'catalog', 'catalog.json') });
  const calendar = createCalendarService({ db, clock, shippedFile: join(resourcesDir, 'calendar', 'holidays.json') });
  const sync = createSyncService({
    db,
    clock,
    settings,
    audit,
    catalog,
    calendar,
    materials,
    outbox,
    cases: createCaseService({ db, clock, audit, catalog, calendar, settings, materials, idDigestKey: keys.idDigest }),
    log: subsystem(root, 'sync'),
    auditSigningKey: keys.auditSigning,
    concurrency: 3,
    idleMs: 100,
    random: Math.random,
    client: { chunkSize: Number(chunk ?? 262144), timeoutMs: 3000 },
    onChange: (status) =>
      process.stdout.write(`${JSON.stringify({ backlog: status.backlog, attention: status.needsAttention })}\n`),
  });
  process.stdout.write(`${JSON.stringify({ ready: true, backlog: sync.status().backlog })}\n`);
  sync.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
