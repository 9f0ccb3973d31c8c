import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { genesisHash, hashEntry, type ChainedFields } from '@yichuang/domain/audit-chain';
import { startCentral, type RunningCentral } from '@yichuang/central/testing';
import { workstations } from '../../central/db/schema';
import { createWorkstation, type Workstation } from '../app/services';
import { openEncryptedDatabase } from '../db/open';
import type { Sqlite } from '../db/connection';
import { testProtectors } from '../testing/keys';
import { createFakeClock, resourcesDir } from '../testing/workstation';
import { createSyncWindow, type SyncWindow } from './testing/window';
import { makePng } from '@yichuang/domain/testing/images';

/**
 * The window's side of the signed audit trail, against a real central: the trail reported entry by
 * entry and signed with the key registered at enrolment; then an insider with the key in hand
 * closes the app, changes the trail and recomputes every hash so that it verifies on this PC —
 * central refuses the report and the window shows why; case work goes on.
 */

let central: RunningCentral | null = null;
let w: SyncWindow | null = null;
let again: Workstation | null = null;
afterEach(async () => {
  await again?.close();
  again = null;
  await w?.t.dispose();
  w = null;
  await central?.dispose();
  central = null;
});

/** An enrolled window (window 3) that has reported its trail once. */
async function reportedWindow(): Promise<{ w: SyncWindow; central: RunningCentral; workstationId: string }> {
  central = await startCentral({ engine: 'pglite' });
  w = await createSyncWindow();
  w.accept([await w.t.workstation.services.materials.put(makePng(120, 80, 7), 'scan.png')]);
  const sync = w.t.workstation.services.sync;
  const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
  await sync.enrol({ centralUrl: central.url, code });
  await sync.syncNow();
  return { w, central, workstationId: sync.status().workstationId! };
}

/** What an insider with the data key does while the app is closed: drop the guards, change the trail, rehash it whole. */
async function tamper(dataDir: string, change: (sqlite: Sqlite) => void): Promise<void> {
  const { sqlite } = await openEncryptedDatabase(dataDir, testProtectors());
  sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(sqlite);
  const rows = sqlite
    .prepare(
      `SELECT seq, at, user_id AS userId, username, action, target, result, code, detail FROM audit_log ORDER BY seq`,
    )
    .all() as Omit<ChainedFields, 'prevHash'>[];
  let prevHash = genesisHash;
  const update = sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const row of rows) {
    const hash = hashEntry({ ...row, prevHash });
    update.run(prevHash, hash, row.seq);
    prevHash = hash;
  }
  sqlite.close();
}

async function restart(dataDir: string): Promise<Workstation> {
  return createWorkstation({
    dataDir,
    resourcesDir,
    protectors: testProtectors(),
    clock: createFakeClock('2026-11-27T03:00:00.000Z'),
    logToFiles: false,
    logLevel: 'silent',
    deviceSources: [],
    sync: { autoStart: false },
  });
}

const localCount = (ws: Workstation) =>
  (ws.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('the audit trail reported to central', () => {
  it('sends every entry, signed with the key registered at enrolment; the key is kept sealed', async () => {
    const { w, central, workstationId } = await reportedWindow();
    const ws = w.t.workstation;
    expect(ws.services.sync.status().auditCheck).toBe('ok');
    const held = await central.central.auditHeads.entries(workstationId, 0, 10_000);
    expect(held).toHaveLength(localCount(ws));
    expect(held.at(-1)!.hash).toBe(ws.services.audit.head()!.hash);
    const anchor = await central.central.auditHeads.anchor(workstationId);
    expect(anchor).toMatchObject({ sequence: held.length, keyRegistered: true });
    // The private key is sealed in the (encrypted) database, never stored as PKCS#8 in the clear.
    const sealed = ws.sqlite.prepare(`SELECT value FROM sync_state WHERE key = 'audit_signing_key'`).get() as {
      value: string;
    };
    expect(Buffer.from(sealed.value, 'base64').subarray(0, 4).toString()).toBe('YCS1');
    const [row] = await central.central.database.db
      .select({ key: workstations.auditKey })
      .from(workstations)
      .where(eq(workstations.id, workstationId));
    expect(row!.key).toMatch(/^MCowBQYDK2VwAyEA/);
  });

  it('an entry rewritten and rehashed with the key in hand verifies here, but central refuses the fork and the window shows it', async () => {
    const { w, central, workstationId } = await reportedWindow();
    const dataDir = w.t.dataDir;
    await w.t.workstation.close();
    await tamper(dataDir, (sqlite) =>
      sqlite.prepare(`UPDATE audit_log SET username = 'someone-else' WHERE seq = 2`).run(),
    );
    again = await restart(dataDir);
    // The rewritten trail chains: this PC alone cannot tell.
    expect(again.services.audit.verify().ok).toBe(true);
    expect(again.services.sync.status().auditCheck).toBeNull();
    await again.services.sync.syncNow();
    expect(again.services.sync.status().auditCheck).toBe('forked');
    const alerts = await central.central.auditHeads.anomalies();
    expect(alerts.map((a) => [a.workstationId, a.status])).toEqual([[workstationId, 'forked']]);
    // Case work goes on.
    expect(again.services.cases.list({ offset: 0, limit: 5 }).total).toBe(1);
  });

  it('the newest entries deleted: central says the trail ends before what it anchored', async () => {
    const { w, central } = await reportedWindow();
    const dataDir = w.t.dataDir;
    const head = w.t.workstation.services.audit.head()!.seq;
    await w.t.workstation.close();
    expect(head).toBeGreaterThan(1);
    await tamper(dataDir, (sqlite) => sqlite.prepare('DELETE FROM audit_log WHERE seq > ?').run(head - 1));
    again = await restart(dataDir);
    await again.services.sync.syncNow();
    // What is left is the start of what central holds: nothing changed, the end is missing.
    expect(again.services.sync.status().auditCheck).toBe('replayed');
    expect((await central.central.auditHeads.anomalies()).map((a) => a.status)).toEqual(['replayed']);
  });

  it('the whole trail deleted: nothing left to send, the window says so itself', async () => {
    const { w } = await reportedWindow();
    const dataDir = w.t.dataDir;
    await w.t.workstation.close();
    await tamper(dataDir, (sqlite) => sqlite.prepare('DELETE FROM audit_log').run());
    again = await restart(dataDir);
    await again.services.sync.syncNow();
    expect(again.services.sync.status().auditCheck).toBe('replayed');
  });

  it('a window enrolled before signing keys makes one and registers it once, then reports as before', async () => {
    const { w, central, workstationId } = await reportedWindow();
    const dataDir = w.t.dataDir;
    await w.t.workstation.close();
    const { sqlite } = await openEncryptedDatabase(dataDir, testProtectors());
    sqlite.prepare(`DELETE FROM sync_state WHERE key = 'audit_signing_key'`).run();
    sqlite.close();
    await central.central.database.db
      .update(workstations)
      .set({ auditKey: null })
      .where(eq(workstations.id, workstationId));
    again = await restart(dataDir);
    await again.services.sync.syncNow();
    expect(again.services.sync.status().auditCheck).toBe('ok');
    expect(await central.central.auditHeads.anchor(workstationId)).toMatchObject({ keyRegistered: true });
    expect(await central.central.auditHeads.anomalies()).toEqual([]);
  });
});
