import { describe, expect, it } from 'vitest';
import { chinaDate, formatTime } from './html';

describe('times on the approver pages', () => {
  it('reads the hall clock (Beijing), whatever the server zone', () => {
    expect(formatTime('2026-11-27T01:05:42.000Z')).toBe('2026-11-27 09:05');
    expect(formatTime('2026-11-26T16:00:00.000Z')).toBe('2026-11-27 00:00');
    expect(formatTime('2026-11-26T15:59:59.999Z')).toBe('2026-11-26 23:59');
    expect(formatTime('2026-11-27 01:05:03.123+00')).toBe('2026-11-27 09:05');
  });

  it('shows a dash for none and an unreadable value as it came', () => {
    expect(formatTime(null)).toBe('—');
    expect(formatTime(undefined)).toBe('—');
    expect(formatTime('')).toBe('—');
    expect(formatTime('soon')).toBe('soon');
    expect(formatTime('2026-11-27 09:05')).toBe('2026-11-27 09:05');
  });

  it("gives today's hall date", () => {
    expect(chinaDate(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(chinaDate(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
  });
});
