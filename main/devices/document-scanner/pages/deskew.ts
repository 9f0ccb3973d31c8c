/**
 * Skew by projection profiles: points that lie along straight horizontal and vertical lines (text
 * lines, table rules, the sheet's own edges) pile up in few rows and columns when the page is
 * looked at at its true angle, and smear across many at any other. The sharpness of the pile-up,
 * the sum of squared row and column counts, is highest at the skew. Coarse steps over the whole
 * range find the peak, fine steps around it place it, a parabola through the best three refines it.
 */

export interface SkewEstimate {
  /** Degrees, clockwise positive (sharp's sense of rotate()): the page must turn back by this much. */
  degrees: number;
  /**
   * How clearly the points chose that angle: the best score over the median score of the range.
   * Lines of print give 1.3–1.5, a sheet's edges 10–25; a photo, a round stamp, a scribble or
   * scattered points stay under 1.1.
   */
  confidence: number;
}

export interface SkewPoints {
  xs: Int32Array;
  ys: Int32Array;
  count: number;
}

// Enough points for a sharp profile; more only cost time (each angle visits every point).
const maxPoints = 6_000;

interface Profile {
  xs: Float64Array;
  ys: Float64Array;
  rows: Float64Array;
  cols: Float64Array;
  rowOffset: number;
  colOffset: number;
}

/**
 * The sharpness of the profiles at `degrees`: each point as it stood before the page turned
 * clockwise by that much, counted in its row and column. `soft` splits a point between the two
 * nearest bins, which keeps the score smooth in the angle for the fine steps; the coarse steps
 * only need to land near the peak.
 */
function sharpness(p: Profile, degrees: number, soft: boolean): number {
  const { xs, ys, rows, cols, rowOffset, colOffset } = p;
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  rows.fill(0);
  cols.fill(0);
  if (soft) {
    for (let i = 0; i < xs.length; i += 1) {
      const x = xs[i]!;
      const y = ys[i]!;
      const v = y * cos - x * sin + rowOffset;
      const u = x * cos + y * sin + colOffset;
      const vi = Math.floor(v);
      const ui = Math.floor(u);
      const vf = v - vi;
      const uf = u - ui;
      rows[vi] = rows[vi]! + 1 - vf;
      rows[vi + 1] = rows[vi + 1]! + vf;
      cols[ui] = cols[ui]! + 1 - uf;
      cols[ui + 1] = cols[ui + 1]! + uf;
    }
  } else {
    for (let i = 0; i < xs.length; i += 1) {
      const x = xs[i]!;
      const y = ys[i]!;
      const vi = Math.floor(y * cos - x * sin + rowOffset);
      const ui = Math.floor(x * cos + y * sin + colOffset);
      rows[vi] = rows[vi]! + 1;
      cols[ui] = cols[ui]! + 1;
    }
  }
  let sum = 0;
  for (let i = 0; i < rows.length; i += 1) sum += rows[i]! * rows[i]!;
  for (let i = 0; i < cols.length; i += 1) sum += cols[i]! * cols[i]!;
  return sum;
}

/** Estimates the skew of points in a width × height frame, within ±maxDegrees; null with too few points. */
export function estimateSkew(
  points: SkewPoints,
  width: number,
  height: number,
  maxDegrees = 5,
  minPoints = 60,
): SkewEstimate | null {
  if (points.count < minPoints) return null;
  const n = Math.min(points.count, maxPoints);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  // A random choice (seeded: the same page gives the same answer), not every k-th point: points
  // come in raster order, and a regular stride through them lays a grid of its own on the page.
  // Each point also lands somewhere random inside its pixel: at exactly 0° whole pixels fall
  // whole into one bin, and that alone would outscore a true skew of a few tenths of a degree.
  let seed = 0x9e3779b9;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  for (let i = 0; i < n; i += 1) {
    const k = n === points.count ? i : Math.floor(next() * points.count);
    xs[i] = points.xs[k]! + next();
    ys[i] = points.ys[k]! + next();
  }
  const reach = Math.sin((Math.min(maxDegrees + 1, 45) * Math.PI) / 180);
  const rowOffset = Math.ceil(width * reach) + 2;
  const colOffset = Math.ceil(height * reach) + 2;
  const profile: Profile = {
    xs,
    ys,
    rows: new Float64Array(height + 2 * rowOffset + 2),
    cols: new Float64Array(width + 2 * colOffset + 2),
    rowOffset,
    colOffset,
  };

  const coarseStep = 0.25;
  const coarse: { degrees: number; score: number }[] = [];
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += coarseStep) {
    coarse.push({ degrees: d, score: sharpness(profile, d, false) });
  }
  const best = coarse.reduce((a, b) => (b.score > a.score ? b : a));
  const sorted = coarse.map((c) => c.score).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;

  const fineStep = 0.05;
  const fine: { degrees: number; score: number }[] = [];
  for (let d = best.degrees - coarseStep; d <= best.degrees + coarseStep + 1e-9; d += fineStep) {
    fine.push({ degrees: d, score: sharpness(profile, d, true) });
  }
  let at = 0;
  for (let i = 1; i < fine.length; i += 1) if (fine[i]!.score > fine[at]!.score) at = i;
  let degrees = fine[at]!.degrees;
  const left = fine[at - 1];
  const right = fine[at + 1];
  if (left && right) {
    const curve = left.score - 2 * fine[at]!.score + right.score;
    if (curve < 0) degrees += (fineStep * 0.5 * (left.score - right.score)) / curve;
  }
  degrees = Math.max(-maxDegrees, Math.min(maxDegrees, degrees));
  return { degrees, confidence: median > 0 ? best.score / median : 1 };
}
