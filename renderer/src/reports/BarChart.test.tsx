import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { axisTicks, BarChart } from './BarChart';

/** The value axis as drawn: each gridline's y and the number written at it. */
function drawnTicks(total: number): { y: number; label: number }[] {
  const svg = renderToStaticMarkup(
    <BarChart
      rows={[{ label: '9', values: { accepted: total } }]}
      series={[{ key: 'accepted', label: '受理', color: '#1f4e8c' }]}
      orientation="vertical"
      width={400}
      title="按小时"
    />,
  );
  return [
    ...svg.matchAll(/<g[^>]*><line[^>]*y1="([\d.]+)"[^>]*>(?:<\/line>)?<text[^>]*>(\d+(?:\.\d+)?)<\/text><\/g>/g),
  ].map((m) => ({
    y: Number(m[1]),
    label: Number(m[2]),
  }));
}

describe('the bar chart axis', () => {
  it('has whole-number ticks only, evenly apart, the top at or above the tallest bar', () => {
    for (let max = 0; max <= 250; max += 1) {
      const ticks = axisTicks(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
      const step = ticks[1]!;
      expect(ticks.every((t, i) => t === i * step)).toBe(true);
    }
  });

  it('writes at each gridline the count it stands for (5 cases: no gridline at 2.5 labelled 3)', () => {
    for (const total of [1, 3, 5, 7, 9, 13]) {
      const ticks = drawnTicks(total);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      // y is linear in the value: the label at each gridline matches its position between 0 and the top.
      const zero = ticks[0]!;
      const top = ticks.at(-1)!;
      for (const tick of ticks) {
        const expected = zero.y + ((top.y - zero.y) * tick.label) / top.label;
        expect(tick.y).toBeCloseTo(expected, 5);
      }
    }
  });
});
