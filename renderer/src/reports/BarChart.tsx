/** One bar's parts: each series' value, drawn stacked in the series' colour. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface ChartRow {
  label: string;
  values: Record<string, number>;
}

const font = 12;

/**
 * The value axis: whole numbers only (a bar counts cases, there is no 0.2 of one), 1, 2 or 5 times
 * a power of ten apart, at most four steps, the top at or above `max` (at least 4).
 */
export function axisTicks(max: number): number[] {
  const top = Math.max(4, max);
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const fit = [1, 2, 5].map((m) => m * power).find((s) => Math.ceil(top / s) <= 4);
    if (fit !== undefined) {
      step = fit;
      break;
    }
  }
  return Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
}

/**
 * A stacked bar chart in plain SVG (screenshots and printouts look the same everywhere): vertical
 * bars for hours, horizontal bars for long labels such as matter names. The legend names every
 * colour, and each bar carries its total, so nothing depends on colour alone.
 */
export function BarChart({
  rows,
  series,
  orientation,
  width,
  testId,
  title,
}: {
  rows: ChartRow[];
  series: ChartSeries[];
  orientation: 'vertical' | 'horizontal';
  width: number;
  testId?: string;
  title: string;
}) {
  const totals = rows.map((r) => series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0));
  const ticks = axisTicks(Math.max(0, ...totals));
  const max = ticks[ticks.length - 1]!;
  const legend = (
    <g transform="translate(0, 4)">
      {series.map((s, i) => (
        <g key={s.key} transform={`translate(${i * 96}, 0)`}>
          <rect width={12} height={12} fill={s.color} rx={2} />
          <text x={18} y={11} fontSize={font}>
            {s.label}
          </text>
        </g>
      ))}
    </g>
  );

  if (orientation === 'vertical') {
    const height = 220;
    const top = 28;
    const left = 32;
    const bottom = 22;
    const plotH = height - top - bottom;
    const slot = (width - left) / Math.max(rows.length, 1);
    const barW = Math.max(4, slot * 0.6);
    const y = (v: number) => top + plotH - (v / max) * plotH;
    return (
      <svg width={width} height={height} role="img" aria-label={title} data-testid={testId} className="bar-chart">
        {legend}
        {ticks.map((tick) => (
          <g key={tick} data-tick={tick}>
            <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} stroke="#e5e5e5" />
            <text x={left - 4} y={y(tick) + 4} fontSize={font - 1} textAnchor="end" fill="#595959">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          let base = 0;
          const x = left + i * slot + (slot - barW) / 2;
          return (
            <g key={r.label}>
              {series.map((s) => {
                const v = r.values[s.key] ?? 0;
                if (!v) return null;
                const y0 = y(base);
                base += v;
                return <rect key={s.key} x={x} width={barW} y={y(base)} height={y0 - y(base)} fill={s.color} />;
              })}
              {totals[i]! > 0 && (
                <text x={x + barW / 2} y={y(base) - 3} fontSize={font - 1} textAnchor="middle">
                  {totals[i]}
                </text>
              )}
              <text x={x + barW / 2} y={height - 6} fontSize={font - 1} textAnchor="middle" fill="#555">
                {r.label}
              </text>
            </g>
          );
        })}
      </svg>
    );
  }

  const barH = 18;
  const gap = 8;
  const top = 28;
  const labelW = 150;
  const height = top + rows.length * (barH + gap) + 4;
  const plotW = width - labelW - 40;
  const x = (v: number) => labelW + (v / max) * plotW;
  return (
    <svg width={width} height={height} role="img" aria-label={title} data-testid={testId} className="bar-chart">
      {legend}
      {rows.map((r, i) => {
        let base = 0;
        const y = top + i * (barH + gap);
        const label = r.label.length > 11 ? `${r.label.slice(0, 10)}…` : r.label;
        return (
          <g key={r.label}>
            <title>{r.label}</title>
            <text x={labelW - 6} y={y + barH - 5} fontSize={font} textAnchor="end">
              {label}
            </text>
            {series.map((s) => {
              const v = r.values[s.key] ?? 0;
              if (!v) return null;
              const x0 = x(base);
              base += v;
              return <rect key={s.key} x={x0} y={y} height={barH} width={x(base) - x0} fill={s.color} />;
            })}
            <text x={x(base) + 4} y={y + barH - 5} fontSize={font}>
              {totals[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
