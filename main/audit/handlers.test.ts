import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePng } from '@yichuang/domain/testing/images';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { addClerk, call, createTestWorkstation, setUpAdmin, type TestWorkstation } from '../testing/workstation';

/** The audit screen names each case by its number (it showed the case's UUID). */

let t: TestWorkstation;
beforeEach(async () => {
  t = await createTestWorkstation();
});
afterEach(() => t.dispose());

describe('audit.list', () => {
  it("answers the number of every case the page's entries are about; a draft has none yet", async () => {
    const { session } = await setUpAdmin(t.workstation);
    const s = t.workstation.services;
    s.catalog.load(testCatalog(), 'central');
    const clerk = await addClerk(s.staff, { username: 'lisi', displayName: '李四', windowNumber: 7 });
    const png = await s.materials.put(makePng(40, 30, 1), 'scan.png');
    const decided = s.cases.create(clerk, 'TEST-JZZ-001');
    const saved = s.cases.saveDraft(clerk, decided.id, decided.revision, completeResidenceDraft(png));
    const accepted = s.cases.decide(clerk, decided.id, saved.revision, { kind: 'accept' });
    const draft = s.cases.create(clerk, 'TEST-JZZ-001');

    const result = await call(t.workstation, session, 'audit.list', { limit: 100 });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.caseNumbers).toEqual({ [accepted.id]: accepted.number, [draft.id]: null });
    expect(accepted.number).toMatch(/^370303-\d{8}-007-0001$/);
    // Targets that are not cases (the admin's user name at sign-in) are not in the map.
    expect(result.value.entries.some((e) => e.target === 'admin')).toBe(true);
    expect(Object.keys(result.value.caseNumbers)).not.toContain('admin');
  });
});
