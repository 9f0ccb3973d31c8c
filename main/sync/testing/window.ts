import type { StoredFile } from '../../../preload/contract/materials';
import type { Actor } from '../../cases/model';
import { completeResidenceDraft } from '../../testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import {
  createFakeClock,
  createTestWorkstation,
  addClerk,
  type FakeClock,
  type TestWorkstation,
} from '../../testing/workstation';
import type { WorkstationConfig } from '../../app/services';

/**
 * Test helpers only: window 3 of 370303 with the test catalog and a clerk, ready to accept cases
 * whose three checklist items carry the given files.
 */
export interface SyncWindow {
  t: TestWorkstation;
  clock: FakeClock;
  clerk: Actor;
  /** Accepts a 居住证 case with the files on its items (cycled over id-card, photo, residence-proof). */
  accept(files: readonly StoredFile[]): { id: string; number: string };
}

export async function createSyncWindow(
  options: { clock?: FakeClock; dataDir?: string; config?: Partial<WorkstationConfig> } = {},
): Promise<SyncWindow> {
  const clock = options.clock ?? createFakeClock('2026-11-27T02:00:00.000Z');
  const t = await createTestWorkstation({
    clock,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    config: options.config ?? {},
  });
  const s = t.workstation.services;
  s.catalog.load(testCatalog(), 'central');
  s.settings.update({ districtCode: '370303', windowNumber: 3 });
  const clerk = await addClerk(s.staff, { username: 'lisi', displayName: '李四', windowNumber: 3 });
  return {
    t,
    clock,
    clerk,
    accept(files) {
      const cases = s.cases;
      const created = cases.create(clerk, 'TEST-JZZ-001');
      const draft = completeResidenceDraft(files[0]!);
      ['id-card', 'photo', 'residence-proof'].forEach((id, i) => {
        const f = files[i % files.length]!;
        draft.items[id]!.files = [
          { ...draft.items[id]!.files[0]!, sha256: f.sha256, mime: f.mime, pages: f.pages, name: `${id}.png` },
        ];
      });
      const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
      const decided = cases.decide(clerk, created.id, saved.revision, { kind: 'accept' });
      return { id: decided.id, number: decided.number! };
    },
  };
}
