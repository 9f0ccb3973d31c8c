import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasePut } from '@yichuang/domain/protocol';
import { startCentral, type RunningCentral } from '@yichuang/central/testing';
import type { StoredFile } from '../../preload/contract/materials';
import { outbox as outboxTable } from '../db/schema';
import { makePng } from '@yichuang/domain/testing/images';
import { createFakeClock, type TestWorkstation } from '../testing/workstation';
import { createSyncWindow, type SyncWindow } from './testing/window';

/**
 * The workstation's sync against a real central (Fastify + PGlite on loopback): the outbox written
 * with the decision, sent, uploaded over tus and verified, the approver's decision coming back
 * through the feed exactly once, outages retried with backoff, refusals held for a person.
 */

let central: RunningCentral;
let w: SyncWindow;
let t: TestWorkstation;
let png: StoredFile;
// The window's clock is far from central's real one: the skew warning is part of what is checked.
const clock = createFakeClock('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  central = await startCentral({ engine: 'pglite' });
  w = await createSyncWindow({ clock });
  t = w.t;
  png = await t.workstation.services.materials.put(makePng(120, 80, 7), 'scan.png');
}, 60_000);

afterAll(async () => {
  await t?.dispose();
  await central?.dispose();
});

const accept = () => w.accept([png]);

const items = (caseId: string) =>
  t.workstation.services.db.select().from(outboxTable).where(eq(outboxTable.caseId, caseId)).all();

describe('sync with central', () => {
  it('a decision writes its outbox items in the same transaction, before any enrolment', () => {
    const c = accept();
    const rows = items(c.id);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['case', 'queued'],
      ['file', 'queued'],
    ]);
    expect(rows[0]!.idempotencyKey).toBe(`case:${c.id}:v1`);
    expect(rows[1]).toMatchObject({ sha256: png.sha256, bytesTotal: png.bytes });
    expect(t.workstation.services.sync.status()).toMatchObject({ enrolled: false, backlog: 2 });
  });

  it('enrols with a one-time code, then sends the backlog: central has the case and the verified file', async () => {
    const sync = t.workstation.services.sync;
    const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
    const status = await sync.enrol({ centralUrl: central.url, code });
    expect(status).toMatchObject({ enrolled: true, centralUrl: central.url });
    await expect(sync.enrol({ centralUrl: central.url, code })).rejects.toThrow(/注册码无效、已使用或已过期/);

    await sync.syncNow();
    const after = sync.status();
    expect(after).toMatchObject({ backlog: 0, needsAttention: 0, online: true });
    const queue = await central.central.cases.queue(['submitted']);
    expect(queue).toHaveLength(1);
    const onDisk = readFileSync(central.central.uploads.blobPath(png.sha256));
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(png.sha256);
    // The feed said "submitted", and the window moved the case.
    const local = t.workstation.services.cases.get(queue[0]!.id);
    expect(local.state).toBe('submitted');
    // The PC clock here is hours off central's: shown to the clerk.
    expect(after.clockWarning).toBe(true);
    expect(Math.abs(after.clockSkewMs! - (Date.now() - clock.now().getTime()))).toBeLessThan(60_000);
    // The audit-chain head was recorded at central.
    expect(after.auditCheck).toBe('ok');
  });

  it("the approver's decision comes back with the comment, applied exactly once", async () => {
    const sync = t.workstation.services.sync;
    const [c] = await central.central.cases.queue(['submitted']);
    await central.central.cases.open(c!.id, '王审批');
    await central.central.cases.decide(c!.id, 1, 'approve', '材料齐全，准予办理', '王审批');
    await sync.syncNow();
    const local = t.workstation.services.cases.get(c!.id);
    expect(local.state).toBe('approved');
    const audits = () =>
      t.workstation.services.audit
        .list({ limit: 500 })
        .entries.filter((e) => e.target === c!.id && e.action.startsWith('sync.'));
    expect(
      audits()
        .map((e) => e.action)
        .sort(),
    ).toEqual(['sync.approved', 'sync.in_review', 'sync.submitted']);
    await sync.syncNow();
    await sync.syncNow();
    expect(audits()).toHaveLength(3);
  });

  it('with central down the window goes on; the items retry with backoff and arrive when it is back', async () => {
    const sync = t.workstation.services.sync;
    const port = central.port;
    const dataDir = central.dataDir;
    await central.stop();
    const c = accept();
    await sync.syncNow();
    const waiting = items(c.id);
    expect(waiting[0]).toMatchObject({ state: 'retrying', attempts: 1 });
    expect(waiting[0]!.lastError).toContain('无法连接中心');
    expect(Date.parse(waiting[0]!.nextAttemptAt!)).toBeGreaterThan(clock.now().getTime());
    expect(sync.status()).toMatchObject({ online: false, backlog: 2 });
    // Not due yet: another pass does not hammer the network.
    await sync.syncNow();
    expect(items(c.id)[0]!.attempts).toBe(1);

    // The same folder and port: the same database, the enrolment still valid.
    const restarted = await startCentral({ dataDir, port });
    central = {
      ...restarted,
      dispose: async () => {
        await restarted.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    clock.advance(10 * 60_000);
    await sync.syncNow();
    expect(items(c.id).map((r) => r.state)).toEqual(['acknowledged', 'acknowledged']);
    expect(sync.status()).toMatchObject({ online: true, backlog: 0 });
    expect(t.workstation.services.cases.get(c.id).state).toBe('submitted');
  });

  it("a refusal waits for a person with central's reason; the retry button sends it again", async () => {
    const sync = t.workstation.services.sync;
    const c = accept();
    const [caseItem] = items(c.id);
    // Central already has this version with other content (as if the window's database had been swapped).
    const sent = JSON.parse(caseItem!.payload!) as CasePut;
    const ws = await central.central.registry.authenticate(`Bearer ${readCredential()}`);
    await central.central.cases.put(ws, { ...sent, promisedDate: '2027-01-04' }, null);
    await sync.syncNow();
    const held = items(c.id)[0]!;
    expect(held.state).toBe('needs_attention');
    expect(held.lastError).toContain('第 1 版已以不同内容提交过');
    expect(sync.status().needsAttention).toBe(1);
    sync.retry(held.id);
    expect(items(c.id)[0]!.state).toBe('queued');
  });
  it('central asks for a supplement: the clock stops, the clerk resumes the case, version 2 goes to central', async () => {
    const sync = t.workstation.services.sync;
    const cases = t.workstation.services.cases;
    const c = accept();
    await sync.syncNow();
    await central.central.cases.decide(c.id, 1, 'supplement', '请补充近三个月的居住证明原件', '王审批', [
      { itemId: 'residence-proof', reason: '缺少近三个月的居住证明原件' },
    ]);
    await sync.syncNow();
    const waiting = cases.get(c.id);
    expect(waiting).toMatchObject({ state: 'supplement_requested_by_central', paused: true });
    expect(waiting.central.comment).toBe('请补充近三个月的居住证明原件');

    // The citizen comes back: resume, decide again; central gets version 2 and it is submitted again.
    const resumed = cases.resume(w.clerk, c.id);
    expect(resumed).toMatchObject({ state: 'draft', version: 2 });
    cases.decide(w.clerk, c.id, resumed.revision, { kind: 'accept' });
    await sync.syncNow();
    const atCentral = await central.central.cases.detail(c.id);
    expect(atCentral?.row).toMatchObject({ version: 2, state: 'submitted' });
    expect(cases.get(c.id)).toMatchObject({ state: 'submitted', version: 2 });
  });
});

function readCredential(): string {
  const row = t.workstation.sqlite.prepare("select value from sync_state where key = 'credential'").get() as {
    value: string;
  };
  return row.value;
}
