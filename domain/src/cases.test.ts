import { describe, expect, it } from 'vitest';
import { caseNumberPattern, caseTransitions, decisionSchema, formatCaseNumber } from './cases';

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

describe('caseTransitions', () => {
  it('is the table its documentation describes', () => {
    expect(caseTransitions).toEqual({
      accept: { from: 'draft', to: 'accepted' },
      supplement: { from: 'draft', to: 'supplement_requested' },
      reject: { from: 'draft', to: 'rejected' },
      resume: { from: 'supplement_requested', to: 'draft' },
      discard: { from: 'draft', to: null },
    });
  });

  it('leaves accepted and rejected cases final for now', () => {
    const from = new Set(Object.values(caseTransitions).map((t) => t.from));
    expect(from.has('accepted')).toBe(false);
    expect(from.has('rejected')).toBe(false);
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
