import { describe, expect, it } from 'vitest';
import { advanceClockCommand, clockFromFlag } from './test-clock';

describe('--clock-start', () => {
  const e2e = { YICHUANG_E2E: '1' };

  it('is not there unless asked for', () => {
    expect(clockFromFlag(undefined, {})).toEqual({});
    expect(clockFromFlag(undefined, e2e)).toEqual({});
  });

  it('is refused without the e2e switch', () => {
    const { clock, error } = clockFromFlag('2026-12-06T23:30:00Z', {});
    expect(clock).toBeUndefined();
    expect(error).toMatch(/YICHUANG_E2E=1/);
    expect(clockFromFlag('2026-12-06T23:30:00Z', { YICHUANG_E2E: 'yes' }).error).toMatch(/YICHUANG_E2E=1/);
  });

  it('wants an instant with its offset, never one read in the PC zone', () => {
    for (const start of ['2026-12-07 07:30', '2026-12-07', 'tomorrow', '']) {
      const { clock, error } = clockFromFlag(start, e2e);
      expect(clock).toBeUndefined();
      expect(error).toMatch(/offset/);
    }
  });

  it('starts at the instant and runs on at real speed', () => {
    let real = Date.parse('2030-01-01T00:00:00Z');
    const { clock } = clockFromFlag('2026-12-07T07:30:00+08:00', e2e, () => real);
    expect(clock?.now().toISOString()).toBe('2026-12-06T23:30:00.000Z');
    real += 90_000;
    expect(clock?.now().toISOString()).toBe('2026-12-06T23:31:30.000Z');
  });

  it('jumps ahead when told, and runs on from there', () => {
    let real = Date.parse('2030-01-01T00:00:00Z');
    const { clock } = clockFromFlag('2026-12-06T23:30:00Z', e2e, () => real);
    clock?.advance(10 * 60_000);
    expect(clock?.now().toISOString()).toBe('2026-12-06T23:40:00.000Z');
    real += 1_000;
    expect(clock?.now().toISOString()).toBe('2026-12-06T23:40:01.000Z');
    expect(advanceClockCommand.exec('advance-clock 600000')?.[1]).toBe('600000');
    for (const line of ['advance-clock -5', 'advance-clock', 'advance-clock 1e9', 'rm -rf /']) {
      expect(advanceClockCommand.test(line)).toBe(false);
    }
  });
});
