import type { LayoutFlow } from './flow';
import { type DrawOp, baselineIn, colors } from './page';
import { truncate } from './text';

/** Vector bar charts for the reports: axis, gridlines, value labels and Chinese labels (cut with … when long). */

export interface BarChartSpec {
  title?: string;
  bars: { label: string; value: number }[];
  /** Total height in pt, title included. */
  height: number;
  /** Bars growing right from labels at the left (default), or up from labels underneath. */
  orientation?: 'horizontal' | 'vertical';
  valueFormat?: (value: number) => string;
  /** Text size of labels and values (default 9). */
  size?: number;
  /** The values are counts (cases, tickets): gridlines at whole numbers only (never 0.2 of a case). */
  counts?: boolean;
}

/** A round step and the top of an axis for values up to `max`, about `ticks` gridlines. */
export function niceScale(max: number, ticks = 5, counts = false): { step: number; top: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { step: 1, top: 1 };
  if (counts && max <= ticks) return { step: 1, top: Math.max(1, Math.ceil(max)) };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
  return { step, top: Math.ceil(max / step - 1e-9) * step };
}

const tickLabel = (v: number) => String(Math.round(v * 100) / 100);

export function barChart(doc: LayoutFlow, spec: BarChartSpec): void {
  doc.clearFloats();
  doc.ensureSpace(spec.height);
  const size = spec.size ?? 9;
  const format = spec.valueFormat ?? ((v: number) => String(v));
  const measure = (s: string) => doc.measure(s, size);
  const ops: DrawOp[] = [];
  const top = doc.y;
  let plotTop = top + size * 0.5;
  if (spec.title) {
    const titleSize = size + 1.5;
    ops.push({
      kind: 'text',
      x: doc.left,
      y: baselineIn(top, titleSize * 1.6, titleSize),
      text: truncate(spec.title, doc.width, (s) => doc.measure(s, titleSize)),
      size: titleSize,
      bold: true,
    });
    plotTop = top + titleSize * 1.6 + size;
  }
  const values = spec.bars.map((b) => (Number.isFinite(b.value) ? Math.max(0, b.value) : 0));
  const { step, top: axisTop } = niceScale(Math.max(0, ...values), 5, spec.counts ?? false);
  const tickValues: number[] = [];
  for (let v = 0; v <= axisTop + step / 2; v += step) tickValues.push(v);
  const n = Math.max(1, spec.bars.length);
  const bottom = top + spec.height;
  const grid = (x1: number, y1: number, x2: number, y2: number, axis = false): DrawOp => ({
    kind: 'line',
    x1,
    y1,
    x2,
    y2,
    width: axis ? 0.8 : 0.4,
    color: axis ? colors.muted : colors.ruleLight,
  });

  if ((spec.orientation ?? 'horizontal') === 'horizontal') {
    const labelWidth = Math.min(doc.width * 0.3, Math.max(size * 2, ...spec.bars.map((b) => measure(b.label)))) + 6;
    const valueRoom = Math.max(size, ...values.map((v) => measure(format(v)))) + 6;
    const plotLeft = doc.left + labelWidth;
    const plotRight = doc.right - valueRoom;
    const plotBottom = bottom - size * 1.8;
    const band = (plotBottom - plotTop) / n;
    const barSize = Math.min(band * 0.62, 18);
    const x = (v: number) => plotLeft + (v / axisTop) * (plotRight - plotLeft);
    for (const t of tickValues) {
      ops.push(grid(x(t), plotTop, x(t), plotBottom, t === 0));
      const label = tickLabel(t);
      ops.push({
        kind: 'text',
        x: x(t) - measure(label) / 2,
        y: plotBottom + size * 1.3,
        text: label,
        size,
        color: colors.muted,
      });
    }
    ops.push(grid(plotLeft, plotBottom, plotRight, plotBottom, true));
    const rects: [number, number, number, number][] = [];
    spec.bars.forEach((bar, i) => {
      const value = values[i] ?? 0;
      const mid = plotTop + band * (i + 0.5);
      rects.push([plotLeft, mid - barSize / 2, x(value) - plotLeft, barSize]);
      const label = truncate(bar.label, labelWidth - 6, measure);
      ops.push({ kind: 'text', x: plotLeft - 6 - measure(label), y: mid + size * 0.36, text: label, size });
      const shown = format(value);
      ops.push({ kind: 'text', x: x(value) + 4, y: mid + size * 0.36, text: shown, size });
    });
    ops.push({ kind: 'rects', rects, fill: colors.bar });
  } else {
    const tickRoom = Math.max(...tickValues.map((t) => measure(tickLabel(t)))) + 6;
    const plotLeft = doc.left + tickRoom;
    const plotRight = doc.right;
    const plotBottom = bottom - size * 2;
    const valueRoom = size * 1.5;
    const y = (v: number) => plotBottom - (v / axisTop) * (plotBottom - plotTop - valueRoom);
    for (const t of tickValues) {
      ops.push(grid(plotLeft, y(t), plotRight, y(t), t === 0));
      const label = tickLabel(t);
      ops.push({
        kind: 'text',
        x: plotLeft - 4 - measure(label),
        y: y(t) + size * 0.36,
        text: label,
        size,
        color: colors.muted,
      });
    }
    ops.push(grid(plotLeft, plotTop, plotLeft, plotBottom, true));
    const slot = (plotRight - plotLeft) / n;
    const barSize = Math.min(slot * 0.6, 40);
    const rects: [number, number, number, number][] = [];
    spec.bars.forEach((bar, i) => {
      const value = values[i] ?? 0;
      const mid = plotLeft + slot * (i + 0.5);
      rects.push([mid - barSize / 2, y(value), barSize, plotBottom - y(value)]);
      const label = truncate(bar.label, slot - 4, measure);
      ops.push({ kind: 'text', x: mid - measure(label) / 2, y: plotBottom + size * 1.4, text: label, size });
      const shown = format(value);
      ops.push({ kind: 'text', x: mid - measure(shown) / 2, y: y(value) - size * 0.4, text: shown, size });
    });
    ops.push({ kind: 'rects', rects, fill: colors.bar });
  }
  // Gridlines under the bars, text over everything.
  const order = { line: 0, rect: 1, rects: 1, text: 2 } as const;
  doc.draw(...[...ops].sort((a, b) => order[a.kind] - order[b.kind]));
  doc.y = bottom;
  doc.space(size);
}
