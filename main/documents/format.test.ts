import { describe, expect, it } from 'vitest';
import { chineseDate, chineseDateOf, chineseDateTime, feeText } from './format';

describe('dates on the paper', () => {
  it('writes hall dates the Chinese way', () => {
    expect(chineseDate('2026-12-08')).toBe('2026年12月8日');
    expect(() => chineseDate('2026-12-8')).toThrow(/YYYY-MM-DD/);
  });

  it('dates an instant by the hall clock (Beijing), across midnight and the year end', () => {
    expect(chineseDateOf('2026-11-26T15:59:59.999Z')).toBe('2026年11月26日');
    expect(chineseDateOf('2026-11-26T16:00:00.000Z')).toBe('2026年11月27日');
    expect(chineseDateTime('2025-12-31T16:05:00.000Z')).toBe('2026年1月1日 00:05');
    expect(chineseDateTime(new Date('2026-11-27T02:05:00.000Z'))).toBe('2026年11月27日 10:05');
  });

  it('refuses what is not an instant, or a time the PC zone would have to place', () => {
    expect(() => chineseDateOf('tomorrow')).toThrow(/not a date/);
    expect(() => chineseDateTime('2026-11-27T10:05:00')).toThrow(/not a date/);
    expect(() => chineseDateTime(new Date(Number.NaN))).toThrow(/not a date/);
  });

  it('writes the fee', () => {
    expect(feeText(0)).toBe('不收费');
    expect(feeText(12.5)).toBe('12.50 元');
  });
});
