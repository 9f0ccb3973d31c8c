import { type Raster, type Rect, uprightBounds, uprightMatrix } from './render';

/**
 * Finding the sheet on the scanner's backing (dark, or the grey of many feeders) and the
 * rectangle to keep once the page is upright. All of it on the small analysis copy.
 */

export interface Backing {
  /** 1 where the scanner's backing shows (analysis pixels), connected to the frame's edge. */
  mask: Uint8Array;
  /** Lightness of the backing and of the paper, 0–255. */
  level: number;
  paperLevel: number;
}

/** The value below which a share `p` of a histogram's `total` counts lie. */
export function percentile(hist: Uint32Array, total: number, p: number): number {
  const target = Math.floor(total * p);
  let seen = 0;
  for (let v = 0; v < hist.length; v += 1) {
    seen += hist[v]!;
    if (seen > target) return v;
  }
  return hist.length - 1;
}

/**
 * The scanner's backing around the sheet, or null when the sheet fills the frame (or the backing
 * is as white as paper, which nobody can crop). The backing is what touches the frame's edge and
 * is clearly darker than paper (by `minContrast`); it is grown inwards over pixels nearer its own
 * lightness than the paper's. Print inside the sheet never touches the backing, so it stays.
 */
export function findBacking(r: Raster, minContrast = 40): Backing | null {
  const { data, width: w, height: h } = r;
  if (w < 16 || h < 16) return null;
  const hist = new Uint32Array(256);
  for (const v of data) hist[v] = hist[v]! + 1;
  const paperLevel = percentile(hist, data.length, 0.95);

  const band = 2;
  const ring = new Int32Array(2 * band * w + 2 * band * (h - 2 * band));
  let n = 0;
  for (let y = 0; y < h; y += 1) {
    if (y < band || y >= h - band) {
      for (let x = 0; x < w; x += 1) ring[n++] = y * w + x;
    } else {
      for (let x = 0; x < band; x += 1) {
        ring[n++] = y * w + x;
        ring[n++] = y * w + w - 1 - x;
      }
    }
  }
  const dark = new Uint32Array(256);
  let darkCount = 0;
  for (const i of ring) {
    const v = data[i]!;
    if (v <= paperLevel - minContrast) {
      dark[v] = dark[v]! + 1;
      darkCount += 1;
    }
  }
  // A sheet that fills the frame leaves at most scraps of backing at its corners.
  if (darkCount < ring.length * 0.1) return null;
  const level = percentile(dark, darkCount, 0.5);
  const tolerance = (paperLevel - level) / 2;

  const mask = new Uint8Array(w * h);
  const queue = new Int32Array(w * h);
  let head = 0;
  let tail = 0;
  const near = (i: number) => Math.abs(data[i]! - level) <= tolerance;
  const grow = (j: number) => {
    if (mask[j] || !near(j)) return;
    mask[j] = 1;
    queue[tail++] = j;
  };
  for (const i of ring) grow(i);
  while (head < tail) {
    const i = queue[head++]!;
    const x = i % w;
    if (x > 0) grow(i - 1);
    if (x < w - 1) grow(i + 1);
    if (i >= w) grow(i - w);
    if (i < w * (h - 1)) grow(i + w);
  }
  // Mostly "backing" is a dark page filling the frame, not a sheet on a backing: leave it whole.
  if (w * h - tail < w * h * 0.25) return null;
  return { mask, level, paperLevel };
}

/** Sheet pixels that touch the backing: the sheet's edges, which are straight whatever is printed. */
export function sheetEdges(mask: Uint8Array, w: number, h: number): { xs: Int32Array; ys: Int32Array; count: number } {
  const found = new Int32Array(w * h);
  let count = 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i += 1) {
      if (mask[i] === 0 && (mask[i - 1]! | mask[i + 1]! | mask[i - w]! | mask[i + w]!) !== 0) found[count++] = i;
    }
  }
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  for (let k = 0; k < count; k += 1) {
    const i = found[k]!;
    xs[k] = i % w;
    ys[k] = (i - xs[k]!) / w;
  }
  return { xs, ys, count };
}

/** How the analysis copy sits on the full image. */
export interface Frame {
  /** Full image size, pixels. */
  width: number;
  height: number;
  /** Full pixels per analysis pixel, across and down. */
  sx: number;
  sy: number;
}

/**
 * The sheet's rectangle in the upright frame (full-size pixels, uprightBounds coordinates), or
 * null if it cannot be told. The backing mask is looked at through the turn: rows and columns
 * that are sheet for at least `coverage` of the sheet's typical length are kept, so the thin
 * wedges of backing that a residual skew of a tenth of a degree leaves along the edges go too.
 */
export function sheetRect(
  backing: Uint8Array,
  analysis: { width: number; height: number },
  frame: Frame,
  skewDegrees: number,
  coverage = 0.9,
): Rect | null {
  const bounds = uprightBounds(frame.width, frame.height, skewDegrees);
  const [a, b, c, d] = uprightMatrix(skewDegrees);
  const step = (frame.sx + frame.sy) / 2;
  const nu = Math.ceil(bounds.width / step);
  const nv = Math.ceil(bounds.height / step);
  const rowCount = new Uint32Array(nv);
  const colCount = new Uint32Array(nu);
  // Back through the turn (a rotation's inverse is its transpose) to the analysis copy, one step
  // of the grid at a time.
  const stepX = (a * step) / frame.sx;
  const stepY = (b * step) / frame.sy;
  for (let v = 0; v < nv; v += 1) {
    const gy = bounds.top + (v + 0.5) * step;
    const gx = bounds.left + 0.5 * step;
    let px = (a * gx + c * gy) / frame.sx;
    let py = (b * gx + d * gy) / frame.sy;
    let count = 0;
    for (let u = 0; u < nu; u += 1, px += stepX, py += stepY) {
      if (px < 0 || py < 0 || px >= analysis.width || py >= analysis.height) continue;
      if (backing[Math.floor(py) * analysis.width + Math.floor(px)]) continue;
      count += 1;
      colCount[u] = colCount[u]! + 1;
    }
    rowCount[v] = count;
  }
  const span = (counts: Uint32Array): [number, number] | null => {
    const max = Math.max(...counts);
    if (max === 0) return null;
    const full = [...counts].filter((n) => n >= max / 2).sort((p, q) => p - q);
    const typical = full[Math.floor(full.length / 2)]!;
    let first = counts.findIndex((n) => n >= typical * coverage);
    let last = counts.length - 1;
    while (last > first && counts[last]! < typical * coverage) last -= 1;
    if (first < 0) first = 0;
    return [first, last];
  };
  const rows = span(rowCount);
  const cols = span(colCount);
  if (!rows || !cols) return null;
  // Half an analysis pixel further in: the edge cells are part backing, part sheet.
  const left = Math.ceil(bounds.left + (cols[0] + 0.5) * step);
  const top = Math.ceil(bounds.top + (rows[0] + 0.5) * step);
  const right = Math.floor(bounds.left + (cols[1] + 0.5) * step);
  const bottom = Math.floor(bounds.top + (rows[1] + 0.5) * step);
  if (right - left < 16 || bottom - top < 16) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** The smallest rectangle holding both. */
export function unite(p: Rect, q: Rect): Rect {
  const left = Math.min(p.left, q.left);
  const top = Math.min(p.top, q.top);
  return {
    left,
    top,
    width: Math.max(p.left + p.width, q.left + q.width) - left,
    height: Math.max(p.top + p.height, q.top + q.height) - top,
  };
}

/** The part of `p` inside `q` (at least one pixel of it). */
export function intersect(p: Rect, q: Rect): Rect {
  const left = Math.min(Math.max(p.left, q.left), q.left + q.width - 1);
  const top = Math.min(Math.max(p.top, q.top), q.top + q.height - 1);
  const right = Math.max(left + 1, Math.min(p.left + p.width, q.left + q.width));
  const bottom = Math.max(top + 1, Math.min(p.top + p.height, q.top + q.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** The bounding box, in the upright frame (full-size pixels), of analysis points (whole pixels). */
export function uprightBox(
  points: { xs: Int32Array; ys: Int32Array; count: number },
  frame: Frame,
  skewDegrees: number,
): Rect | null {
  if (points.count === 0) return null;
  const [a, b, c, d] = uprightMatrix(skewDegrees);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < points.count; i += 1) {
    const px = (points.xs[i]! + 0.5) * frame.sx;
    const py = (points.ys[i]! + 0.5) * frame.sy;
    const gx = a * px + b * py;
    const gy = c * px + d * py;
    if (gx < x0) x0 = gx;
    if (gx > x1) x1 = gx;
    if (gy < y0) y0 = gy;
    if (gy > y1) y1 = gy;
  }
  // Half an analysis pixel's turned extent on each side, so the box holds the whole pixels.
  const halfX = (Math.abs(a) * frame.sx + Math.abs(b) * frame.sy) / 2;
  const halfY = (Math.abs(c) * frame.sx + Math.abs(d) * frame.sy) / 2;
  const left = Math.floor(x0 - halfX);
  const top = Math.floor(y0 - halfY);
  return { left, top, width: Math.ceil(x1 + halfX) - left, height: Math.ceil(y1 + halfY) - top };
}
