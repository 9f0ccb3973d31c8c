import { describe, expect, it } from 'vitest';
import {
  caseNumberPattern,
  caseStates,
  caseTransitions,
  centralEventKinds,
  decisionSchema,
  formatCaseNumber,
  nextState,
  resumableStates,
  type CaseAction,
  type CaseState,
} from './cases';

describe('formatCaseNumber', () => {
  it('writes the example of its own documentation', () => {
    expect(formatCaseNumber('370303', '2026-11-27', 5, 12)).toBe('370303-20261127-005-0012');
  });

  it('pads the window to 3 digits and the sequence to 4', () => {
    expect(formatCaseNumber('370303', '2026-01-02', 1, 1)).toBe('370303-20260102-001-0001');
    expect(formatCaseNumber('370303', '2026-11-27', 12, 345)).toBe('370303-20261127-012-0345');
    expect(formatCaseNumber('370303', '2026-11-27', 999, 9999)).toBe('370303-20261127-999-9999');
  });

  it('keeps every digit of a sequence above 9999, and the result still matches the pattern', () => {
    const n = formatCaseNumber('370303', '2026-11-27', 5, 10000);
    expect(n).toBe('370303-20261127-005-10000');
    expect(caseNumberPattern.test(n)).toBe(true);
    expect(formatCaseNumber('370303', '2026-11-27', 5, 123456)).toBe('370303-20261127-005-123456');
  });

  it('produces numbers the pattern takes, and the pattern refuses other shapes', () => {
    for (const [window, seq] of [
      [1, 1],
      [5, 12],
      [999, 9999],
    ] as const) {
      expect(caseNumberPattern.test(formatCaseNumber('370303', '2026-11-27', window, seq))).toBe(true);
    }
    expect(caseNumberPattern.test('370303-20261127-05-0012')).toBe(false); // window of 2 digits
    expect(caseNumberPattern.test('370303-20261127-005-012')).toBe(false); // sequence of 3 digits
    expect(caseNumberPattern.test('37030-20261127-005-0012')).toBe(false); // district of 5 digits
    expect(caseNumberPattern.test('370303-2026-11-27-005-0012')).toBe(false); // date with dashes
  });
});

describe('nextState: the one transition function', () => {
  const actions = Object.keys(caseTransitions) as CaseAction[];

  it('allows exactly the moves the table lists, from every state', () => {
    for (const state of caseStates) {
      for (const action of actions) {
        const legal = caseTransitions[action].from.includes(state);
        expect(nextState(state, action) !== null, `${action} from ${state}`).toBe(legal);
      }
    }
  });

  it('decides at the window only on a draft, and resumes only a case waiting for a supplement', () => {
    expect(nextState('draft', 'accept')).toBe('accepted');
    expect(nextState('draft', 'supplement')).toBe('supplement_requested');
    expect(nextState('draft', 'reject')).toBe('rejected');
    expect(nextState('accepted', 'accept')).toBeNull();
    expect(nextState('supplement_requested', 'resume')).toBe('draft');
    expect(nextState('supplement_requested_by_central', 'resume')).toBe('draft');
    expect(nextState('rejected', 'resume')).toBeNull();
  });

  it('removes a discarded draft never decided, and sends a resumed one back to what it waited for', () => {
    expect(nextState('draft', 'discard')).toBe('removed');
    expect(nextState('draft', 'discard', 'supplement_requested')).toBe('supplement_requested');
    expect(nextState('draft', 'discard', 'supplement_requested_by_central')).toBe('supplement_requested_by_central');
    expect(nextState('accepted', 'discard')).toBeNull();
  });

  it('moves by central’s events only forward: completed needs a decision first, nothing leaves completed', () => {
    expect(nextState('accepted', 'central.submitted')).toBe('submitted');
    expect(nextState('submitted', 'central.approved')).toBe('approved');
    expect(nextState('in_review', 'central.supplement_requested')).toBe('supplement_requested_by_central');
    expect(nextState('submitted', 'central.completed')).toBeNull();
    for (const action of actions) expect(nextState('completed', action)).toBeNull();
    expect(nextState('draft', 'central.approved')).toBeNull();
  });

  it('reaches every state from 草稿', () => {
    const reached = new Set<CaseState>(['draft']);
    for (let grew = true; grew;) {
      grew = false;
      for (const state of [...reached]) {
        for (const action of actions) {
          for (const resumedFrom of [null, ...resumableStates]) {
            const to = nextState(state, action, resumedFrom);
            if (to && to !== 'removed' && !reached.has(to)) {
              reached.add(to);
              grew = true;
            }
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...caseStates].sort());
  });

  it('knows a move for every kind of event central sends', () => {
    for (const kind of centralEventKinds) expect(caseTransitions[`central.${kind}`]).toBeDefined();
  });
});

describe('decisionSchema', () => {
  function messages(value: unknown): string[] {
    const result = decisionSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  }

  function paths(value: unknown): string[] {
    const result = decisionSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  }

  it('takes an acceptance', () => {
    expect(decisionSchema.parse({ kind: 'accept' })).toEqual({ kind: 'accept' });
  });

  it('takes a supplement notice with items and reasons, trimmed', () => {
    expect(
      decisionSchema.parse({
        kind: 'supplement',
        items: [{ itemId: 'photo', reason: ' 照片不清晰 ' }],
        note: ' 请尽快 ',
      }),
    ).toEqual({ kind: 'supplement', items: [{ itemId: 'photo', reason: '照片不清晰' }], note: '请尽快' });
  });

  it('refuses a supplement notice without items', () => {
    expect(messages({ kind: 'supplement', items: [], note: '' })).toEqual(['请至少选择一项需补正的材料']);
  });

  it('refuses a supplement item with an empty or blank reason', () => {
    const withReason = (reason: string) => ({ kind: 'supplement', items: [{ itemId: 'photo', reason }], note: '' });
    expect(messages(withReason(''))).toEqual(['请写明补正原因']);
    expect(messages(withReason('   '))).toEqual(['请写明补正原因']);
    expect(paths(withReason(''))).toEqual(['items.0.reason']);
  });

  it('takes a rejection with a reason code', () => {
    expect(decisionSchema.safeParse({ kind: 'reject', reasonCode: 'not-in-scope', text: '' }).success).toBe(true);
  });

  it('refuses a rejection without a reason code, or with an empty one', () => {
    expect(paths({ kind: 'reject', text: '不属于受理范围' })).toEqual(['reasonCode']);
    expect(messages({ kind: 'reject', reasonCode: '', text: '' })).toEqual(['请选择不予受理的原因']);
  });
});
