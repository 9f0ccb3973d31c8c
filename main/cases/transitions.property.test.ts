import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseStates,
  caseTransitions,
  nextState,
  type CaseAction,
  type CaseState,
  type Decision,
  type ResumableState,
} from '@yichuang/domain/cases';
import type { CaseEvent } from '@yichuang/domain/protocol';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { makePng } from '@yichuang/domain/testing/images';
import { AppError } from '../../preload/contract/errors';
import type { StoredFile } from '../../preload/contract/materials';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { addClerk, createFakeClock, createTestWorkstation, type TestWorkstation } from '../testing/workstation';
import type { Actor } from './model';
import type { CaseService } from './service';

// Random sequences of everything that can happen to a case — the clerk's actions and central's
// events — driven through the real case service on a real database, beside a model that knows
// only the transition table. Every legal move lands on the state the table names; every illegal
// one is refused (a conflict at the window, ignored from the feed) and changes nothing.

let t: TestWorkstation;
let cases: CaseService;
let clerk: Actor;
let png: StoredFile;

beforeAll(async () => {
  t = await createTestWorkstation({ clock: createFakeClock('2026-09-30T02:00:00.000Z') });
  cases = t.workstation.services.cases;
  t.workstation.services.catalog.load(testCatalog(), 'central');
  t.workstation.services.settings.update({ districtCode: '370303', windowNumber: 5 });
  clerk = await addClerk(t.workstation.services.staff, { username: 'wang', displayName: '王窗口', windowNumber: 5 });
  png = await t.workstation.services.materials.put(makePng(40, 30, 1), 'scan.png');
});
afterAll(async () => {
  await t.dispose();
});

const actions = Object.keys(caseTransitions) as CaseAction[];

const decisions: Record<'accept' | 'supplement' | 'reject', Decision> = {
  accept: { kind: 'accept' },
  supplement: { kind: 'supplement', items: [{ itemId: 'residence-proof', reason: '租房合同未备案' }], note: '' },
  reject: { kind: 'reject', reasonCode: 'not-eligible', text: '未在本区居住满半年' },
};

let seq = 0;

/** Does `action` to the case through the service; true when it was applied, false when refused. */
function act(id: string, action: CaseAction): boolean {
  const detail = cases.get(id, clerk);
  try {
    if (action === 'accept' || action === 'supplement' || action === 'reject') {
      // A resumed draft is edited again before the next decision, as at the window.
      const saved = cases.saveDraft(clerk, id, detail.revision, completeResidenceDraft(png));
      cases.decide(clerk, id, saved.revision, decisions[action]);
    } else if (action === 'resume') {
      cases.resume(clerk, id);
    } else if (action === 'discard') {
      cases.discard(clerk, id);
    } else {
      seq += 1;
      const event: CaseEvent = {
        id: randomUUID(),
        seq,
        caseId: id,
        caseVersion: detail.version,
        kind: action.slice('central.'.length) as CaseEvent['kind'],
        comment: '',
        approver: '李审批',
        items: [],
        at: '2026-09-30T03:00:00.000Z',
      };
      return cases.recordCentralEvent(event, event.at) !== null;
    }
    return true;
  } catch (error) {
    // Refused at the window: the case is in the wrong state (or, for a save, already decided).
    if (error instanceof AppError && (error.code === 'case_wrong_state' || error.code === 'case_decided')) return false;
    throw error;
  }
}

function storedState(id: string): CaseState | 'removed' {
  try {
    return cases.get(id, clerk).state;
  } catch (error) {
    if (error instanceof AppError && error.code === 'case_not_found') return 'removed';
    throw error;
  }
}

describe('case transitions, property-tested through the case service', () => {
  it('applies exactly the legal moves of the table; illegal moves are refused and change nothing', () => {
    const seen = new Set<CaseState>();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { minLength: 1, maxLength: 14 }), (sequence) => {
        const created = cases.create(clerk, 'TEST-JZZ-001');
        cases.saveDraft(clerk, created.id, created.revision, completeResidenceDraft(png));
        let model: CaseState | 'removed' = 'draft';
        // What a resumed draft goes back to on discard; null while it was never decided.
        let waiting: ResumableState | null = null;
        seen.add('draft');
        for (const action of sequence) {
          if (model === 'removed') break;
          const expected = nextState(model, action, waiting);
          const applied = act(created.id, action);
          expect(applied, `${action} from ${model}`).toBe(expected !== null);
          if (expected === null) {
            expect(storedState(created.id)).toBe(model);
            continue;
          }
          if (
            action === 'resume' &&
            (model === 'supplement_requested' || model === 'supplement_requested_by_central')
          ) {
            waiting = model;
          } else if (action === 'supplement' || action === 'accept' || action === 'reject') {
            waiting = null;
          }
          if (action === 'discard' && expected !== 'removed') waiting = null;
          model = expected;
          expect(storedState(created.id)).toBe(model);
          if (model !== 'removed') seen.add(model);
        }
      }),
      { numRuns: 150, seed: 20261206 },
    );
    // Every stored state was reached from 草稿 by legal moves (the table makes all of them reachable).
    expect([...seen].sort()).toEqual([...caseStates].sort());
  }, 120_000);
});
