import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makePng } from '@yichuang/domain/testing/images';
import type { CentralEventKind, Decision } from '@yichuang/domain/cases';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import {
  addClerk,
  call,
  createTestWorkstation,
  newSession,
  sampleWindow,
  setUpAdmin,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import { testCatalog } from '@yichuang/domain/testing/catalog';

let t: TestWorkstation | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const day = 24 * 60 * 60 * 1000;

function materialFilesOnDisk(dataDir: string): number {
  return readdirSync(join(dataDir, 'materials'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .length;
}

describe('retention', () => {
  it('purges a case, its own files, print records and applicant 180 days after central has the decision; keeps the audit trail', async () => {
    t = await createTestWorkstation({ clock: undefined });
    const { workstation: ws, clock } = t;
    await setUpAdmin(ws);
    const { staff, catalog, materials, cases, outbox, settings, audit, retention, printing } = ws.services;
    settings.update({ ...sampleWindow, a4Printer: { backend: 'browser', name: 'browser' } });
    catalog.load(testCatalog(), 'central');
    const clerk = await addClerk(staff, { username: 'clerk', displayName: '窗口', windowNumber: 7 });
    const shared = await materials.put(makePng(10, 10, 1), 'shared.png');

    async function decided(decision: Decision, own: number) {
      const file = await materials.put(makePng(12, 12, own), `own-${own}.png`);
      const draft = completeResidenceDraft(shared);
      draft.items['photo'] = {
        ...draft.items['photo']!,
        files: [{ ...draft.items['photo']!.files[0]!, sha256: file.sha256 }],
      };
      const created = cases.create(clerk, 'TEST-JZZ-001');
      const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
      cases.decide(clerk, created.id, saved.revision, decision);
      await printing.print(clerk, {
        ref: { kind: decision.kind === 'accept' ? 'receipt' : 'rejection_notice', caseId: created.id },
        copies: 1,
        printer: null,
      });
      return { id: created.id, file: file.sha256 };
    }
    const ackAll = (caseId: string) => {
      for (const item of outbox.list(undefined, 100).filter((i) => i.caseId === caseId)) outbox.acknowledged(item.id);
    };
    const central = (caseId: string, kind: CentralEventKind) =>
      cases.recordCentralEvent(
        {
          seq: 1,
          id: randomUUID(),
          caseId,
          caseVersion: 1,
          kind,
          comment: '',
          approver: '李审批',
          items: [],
          at: clock.now().toISOString(),
        },
        clock.now().toISOString(),
      );

    const rejected = await decided({ kind: 'reject', reasonCode: 'not-eligible', text: '' }, 2);
    ackAll(rejected.id);
    const denied = await decided({ kind: 'accept' }, 3);
    ackAll(denied.id);
    central(denied.id, 'submitted');
    central(denied.id, 'denied');
    // Still at central: its outbox item is not acknowledged.
    const unsent = await decided({ kind: 'reject', reasonCode: 'not-eligible', text: '' }, 4);
    // Accepted and never decided by central: not final.
    const waiting = await decided({ kind: 'accept' }, 5);
    ackAll(waiting.id);
    expect(materialFilesOnDisk(t.dataDir)).toBe(5);

    // Day 170: nothing purged yet; the supervisor sees what the next 30 days will purge, and when.
    clock.advance(170 * day);
    expect(retention.purgeDue()).toBe(0);
    // (170 days idle: the first session is locked; the supervisor signs in again.)
    const supervisor = newSession();
    expect((await call(ws, supervisor, 'auth.signIn', { username: 'admin', password: strongPassword })).ok).toBe(true);
    const upcoming = await call(ws, supervisor, 'retention.upcoming', {});
    if (!upcoming.ok) throw new Error(upcoming.error.code);
    expect(upcoming.value.retentionDays).toBe(180);
    expect(upcoming.value.cases.map((c) => c.id).sort()).toEqual([rejected.id, denied.id].sort());
    expect(upcoming.value.cases[0]!.purgeOn).toBe('2025-12-14');

    clock.advance(12 * day);
    expect(retention.purgeDue()).toBe(2);
    const left = cases
      .list({ offset: 0, limit: 50 })
      .rows.map((r) => r.id)
      .sort();
    expect(left).toEqual([unsent.id, waiting.id].sort());
    // Their own files are gone from disk and index; the file the remaining cases share stays.
    expect(materials.has(rejected.file)).toBe(false);
    expect(materials.has(denied.file)).toBe(false);
    expect(materials.has(shared.sha256)).toBe(true);
    expect(materialFilesOnDisk(t.dataDir)).toBe(3);
    expect(printing.history.list({ caseId: rejected.id })).toEqual([]);
    // One audit entry per purged case, and the chain still verifies.
    const purges = audit.list({ limit: 50, action: 'retention.purge' }).entries;
    expect(purges.map((e) => e.target).sort()).toEqual([rejected.id, denied.id].sort());
    expect(audit.verify().ok).toBe(true);
    expect(retention.purgeDue()).toBe(0);
  });
});
