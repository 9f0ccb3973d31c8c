import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWedgeDetector, isPrintableKey, isValidEan13, symbologyGuess, type WedgeDecision } from './wedge';

/** Feeds keys with the given gaps (ms) and returns each decision. */
function type(keys: string[], gaps: number | number[], editable: boolean, start = 1000): WedgeDecision[] {
  const detector = createWedgeDetector();
  let time = start;
  return keys.map((key, i) => {
    if (i > 0) time += Array.isArray(gaps) ? (gaps[i - 1] ?? 0) : gaps;
    return detector.key({ key, time, editable });
  });
}

const ean = '6901234567892';

describe('createWedgeDetector', () => {
  it('leaves a person typing slowly in a field alone: everything passes, no scan', () => {
    const decisions = type(['a', 'b', 'c', 'Enter'], 150, true);
    expect(decisions).toEqual([{ action: 'pass' }, { action: 'pass' }, { action: 'pass' }, { action: 'pass' }]);
  });

  it('in a field: a 13-digit burst at 5 ms passes every digit, swallows the Enter and reports the scan', () => {
    const decisions = type([...ean, 'Enter'], 5, true);
    expect(decisions.slice(0, 13).every((d) => d.action === 'pass' && !d.scan)).toBe(true);
    expect(decisions[13]).toEqual({ action: 'swallow', scan: { code: ean } });
  });

  it('outside a field: the same burst is swallowed after its first key, Enter included', () => {
    const decisions = type([...ean, 'Enter'], 5, false);
    expect(decisions[0]).toEqual({ action: 'pass' });
    expect(decisions.slice(1, 13).every((d) => d.action === 'swallow')).toBe(true);
    expect(decisions[13]).toEqual({ action: 'swallow', scan: { code: ean } });
  });

  it('outside a field: a person pressing shortcut keys is never eaten — a slow key starts over and passes', () => {
    // `?` for help, then after a pause `?` again, then Enter on a focused button.
    expect(type(['?', '?', 'Enter'], [400, 300], false)).toEqual([
      { action: 'pass' },
      { action: 'pass' },
      { action: 'pass' },
    ]);
    // A scan burst, then a person's key 200 ms later: the burst's keys were swallowed, the person's passes.
    const decisions = type(['1', '2', '3', '?'], [5, 5, 200], false);
    expect(decisions.map((d) => d.action)).toEqual(['pass', 'swallow', 'swallow', 'pass']);
  });

  it('does not count a burst shorter than minLength, and lets its Enter through', () => {
    expect(type(['1', '2', '3', 'Enter'], 5, true)[3]).toEqual({ action: 'pass' });
  });

  it('does not take a late Enter as the end of a scan', () => {
    expect(type([...'12345', 'Enter'], [5, 5, 5, 5, 200], true)[5]).toEqual({ action: 'pass' });
  });

  it('ignores Shift between the characters of a scan (capitals)', () => {
    const keys = ['Shift', 'A', 'Shift', 'B', '1', '2', 'Enter'];
    expect(type(keys, 3, true).at(-1)).toEqual({ action: 'swallow', scan: { code: 'AB12' } });
  });

  it('ends a burst at other non-printable keys (Tab, IME Process) and lets them through', () => {
    const decisions = type(['1', '2', 'Tab', '3', '4', 'Enter'], 5, true);
    expect(decisions[2]).toEqual({ action: 'pass' });
    expect(decisions[5]).toEqual({ action: 'pass' });
    expect(type(['Process', 'Process', 'Process', 'Process', 'Enter'], 5, true).at(-1)).toEqual({ action: 'pass' });
  });

  it('resets on demand and after a clock that goes backwards', () => {
    const detector = createWedgeDetector();
    for (const [i, key] of [...'12345'].entries()) detector.key({ key, time: 100 + i * 5, editable: true });
    detector.reset();
    expect(detector.key({ key: 'Enter', time: 130, editable: true })).toEqual({ action: 'pass' });
    const back = createWedgeDetector();
    back.key({ key: '1', time: 500, editable: false });
    expect(back.key({ key: '2', time: 400, editable: false })).toEqual({ action: 'pass' });
  });

  it('honours its options', () => {
    const detector = createWedgeDetector({ maxInterKeyMs: 80, minLength: 2 });
    expect(detector.key({ key: 'A', time: 0, editable: false }).action).toBe('pass');
    expect(detector.key({ key: 'B', time: 70, editable: false }).action).toBe('swallow');
    expect(detector.key({ key: 'Enter', time: 140, editable: false })).toEqual({
      action: 'swallow',
      scan: { code: 'AB' },
    });
  });

  it('never yields a scan or swallows a printable key at human speed, in a field or not (property)', () => {
    const keyArb = fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.constant('Enter') },
      { weight: 1, arbitrary: fc.constantFrom('Shift', 'Backspace', 'Tab', 'ArrowLeft', 'Process') },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(keyArb, fc.integer({ min: 36, max: 2000 }), fc.boolean()), { maxLength: 60 }),
        (presses) => {
          const detector = createWedgeDetector();
          let time = 0;
          for (const [key, gap, editable] of presses) {
            time += gap;
            const decision = detector.key({ key, time, editable });
            expect(decision.scan).toBeUndefined();
            if (editable || isPrintableKey(key)) expect(decision.action).toBe('pass');
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('finds every fast burst of minLength+ characters ended by Enter (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 4, maxLength: 60 }).filter((s) => Array.from(s).every(isPrintableKey)),
        fc.array(fc.integer({ min: 0, max: 35 }), { minLength: 61, maxLength: 61 }),
        fc.boolean(),
        (code, gaps, editable) => {
          const decisions = type([...Array.from(code), 'Enter'], gaps, editable);
          expect(decisions.at(-1)).toEqual({ action: 'swallow', scan: { code } });
          const printable = decisions.slice(0, -1).map((d) => d.action);
          expect(printable).toEqual(printable.map((_, i) => (editable || i === 0 ? 'pass' : 'swallow')));
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('symbologyGuess', () => {
  it('knows a valid EAN-13 by its check digit', () => {
    expect(isValidEan13(ean)).toBe(true);
    expect(isValidEan13('6901234567891')).toBe(false);
    expect(symbologyGuess(ean)).toBe('ean13');
    expect(symbologyGuess('6901234567891')).toBe('unknown');
  });

  it('takes URLs, Chinese text and long text for QR codes', () => {
    expect(symbologyGuess('https://zwfw.example.gov.cn/q?id=1')).toBe('qr');
    expect(symbologyGuess('预约号：20250304-0012')).toBe('qr');
    expect(symbologyGuess('X'.repeat(49))).toBe('qr');
  });

  it('leaves the rest unknown (an ID number, a short code)', () => {
    expect(symbologyGuess('11010519491231002X')).toBe('unknown');
    expect(symbologyGuess('ABC-123')).toBe('unknown');
  });
});
