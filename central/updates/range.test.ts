import { describe, expect, it } from 'vitest';
import { maxRanges, parseRange } from './range';

describe('parseRange', () => {
  it('answers the whole file without a usable Range header', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=abc', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=5-2', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=1-2-3', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=-', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=99999999999999999999-', 100)).toEqual({ kind: 'whole' });
  });

  it('reads first-last, open-ended and suffix ranges, clipped to the file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'ranges', ranges: [{ start: 0, end: 9 }] });
    expect(parseRange('BYTES=90-', 100)).toEqual({ kind: 'ranges', ranges: [{ start: 90, end: 99 }] });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'ranges', ranges: [{ start: 90, end: 99 }] });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'ranges', ranges: [{ start: 0, end: 99 }] });
    expect(parseRange('bytes=50-5000', 100)).toEqual({ kind: 'ranges', ranges: [{ start: 50, end: 99 }] });
  });

  it('keeps several ranges in the order asked, as electron-updater sends them', () => {
    expect(parseRange('bytes=0-1, 10-19,  50-', 100)).toEqual({
      kind: 'ranges',
      ranges: [
        { start: 0, end: 1 },
        { start: 10, end: 19 },
        { start: 50, end: 99 },
      ],
    });
    expect(parseRange('bytes=50-59,0-9', 100)).toEqual({
      kind: 'ranges',
      ranges: [
        { start: 50, end: 59 },
        { start: 0, end: 9 },
      ],
    });
  });

  it('drops ranges beyond the end, and is unsatisfiable when none is left', () => {
    expect(parseRange('bytes=0-9,200-300', 100)).toEqual({ kind: 'ranges', ranges: [{ start: 0, end: 9 }] });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores overlapping or too many ranges, so an answer is never larger than the file', () => {
    expect(parseRange('bytes=0-50,40-60', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-,0-,0-', 100)).toEqual({ kind: 'whole' });
    const many = Array.from({ length: maxRanges + 1 }, (_, i) => `${i * 2}-${i * 2}`).join(',');
    expect(parseRange(`bytes=${many}`, 1_000_000)).toEqual({ kind: 'whole' });
    const allowed = Array.from({ length: maxRanges }, (_, i) => `${i * 2}-${i * 2}`).join(',');
    const answer = parseRange(`bytes=${allowed}`, 1_000_000);
    expect(answer.kind === 'ranges' && answer.ranges.length).toBe(maxRanges);
  });
});
