import { describe, expect, it } from 'vitest';
import { megabytes, shortTime, skewMinutes } from './format';

describe('shortTime', () => {
  const now = Date.parse('2026-11-27T02:00:00Z'); // 10:00 on 27 Nov in Beijing

  it('shows only the time for an instant of the same hall day, on the hall clock', () => {
    expect(shortTime('2026-11-26T16:00:00.000Z', now)).toBe('00:00:00');
    expect(shortTime('2026-11-27T01:05:42.000Z', now)).toBe('09:05:42');
  });

  it('adds the date for another hall day, even when the PC zone would call it the same day', () => {
    // 23:59:59 Beijing on the 26th: the same UTC and Los Angeles day as `now`, another hall day.
    expect(shortTime('2026-11-26T15:59:59.000Z', now)).toBe('2026-11-26 23:59');
    expect(shortTime('2026-11-27T16:00:00.000Z', now)).toBe('2026-11-28 00:00');
  });
});

describe('the other sync numbers', () => {
  it('rounds skew to whole minutes and bytes to megabytes', () => {
    expect(skewMinutes(null)).toBe(1);
    expect(skewMinutes(-150_000)).toBe(3);
    expect(megabytes(1_572_864)).toBe('1.5');
  });
});
