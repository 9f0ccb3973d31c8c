import type { Raster } from './render';

/**
 * Is anything written on the page? Measured on the analysis copy (about 50 dpi), inside the sheet
 * and away from its edges.
 *
 * What a scanner sees on the back of a printed sheet, and why each is not a mark:
 * - sensor noise and paper texture: a few levels either side of the paper (σ ≈ 2–5 of 255 at
 *   full size, less after the analysis copy averages 4 × 4 pixels);
 * - show-through of the other side: 10–40 levels darker than the paper on 70–80 g/m² office paper;
 * - feeder shadows and the sheet's edge: within a few mm of the edge, hence a margin band of
 *   `marginMm` (10 mm) that is not looked at (letters and forms keep 15 mm or more clear);
 * - dust and specks: dark but small, under 2 mm across.
 * Punched holes (6 mm, 12 mm in) show the backing and count as marks: such a sheet is kept, the
 * safe way to be wrong.
 * A mark is at least `inkContrast` (60) levels darker than the paper, past show-through and well
 * short of any pen, print or stamp (black print 150–220, blue ballpoint 120–180, a red stamp in the
 * darkest channel 100–200), in a connected patch at least `minMarkMm` (2 mm) across. The page is
 * written on when its marks cover `minInkMm2` (4 mm²) or more: one handwritten character has
 * 6–10 mm² of ink, a signature 30–100, one short printed line 20 or more, a stamp's ring alone 60.
 */
export interface BlankOptions {
  inkContrast: number;
  marginMm: number;
  minMarkMm: number;
  minInkMm2: number;
}

export const defaultBlankOptions: BlankOptions = { inkContrast: 60, marginMm: 10, minMarkMm: 2, minInkMm2: 4 };

// Blank paper is light: white, or a pale tint in its darkest channel. A sheet darker than this (a
// dark cover, a photo to the edges, a page scanned with the lid open) is kept whatever its contrast.
const minPaperLevel = 128;

// Chamfer distances: 3 per step across or down, 4 per diagonal step (close to 3·√2).
const straight = 3;
const diagonal = 4;

/**
 * For every analysis pixel, the distance (in pixels, ×3) to the nearest pixel that is not sheet
 * (`backing` 1) or to the frame's edge; 0 on the backing.
 */
export function distanceToEdge(backing: Uint8Array | null, w: number, h: number): Uint16Array {
  // A one-pixel frame of zeros around the image stands for "outside", so the passes need no
  // bounds checks: a pixel on the edge is one step from it.
  const pw = w + 2;
  const p = new Uint16Array(pw * (h + 2));
  for (let y = 0; y < h; y += 1) p.fill(65535, (y + 1) * pw + 1, (y + 1) * pw + 1 + w);
  if (backing) {
    for (let j = 0; j < backing.length; j += 1) if (backing[j]) p[(Math.floor(j / w) + 1) * pw + (j % w) + 1] = 0;
  }
  for (let y = 1; y <= h; y += 1) {
    for (let x = 1, i = y * pw + 1; x <= w; x += 1, i += 1) {
      let m = p[i]!;
      if (m === 0) continue;
      let t = p[i - 1]! + straight;
      if (t < m) m = t;
      t = p[i - pw]! + straight;
      if (t < m) m = t;
      t = p[i - pw - 1]! + diagonal;
      if (t < m) m = t;
      t = p[i - pw + 1]! + diagonal;
      if (t < m) m = t;
      p[i] = m;
    }
  }
  for (let y = h; y >= 1; y -= 1) {
    for (let x = w, i = y * pw + w; x >= 1; x -= 1, i -= 1) {
      let m = p[i]!;
      if (m === 0) continue;
      let t = p[i + 1]! + straight;
      if (t < m) m = t;
      t = p[i + pw]! + straight;
      if (t < m) m = t;
      t = p[i + pw + 1]! + diagonal;
      if (t < m) m = t;
      t = p[i + pw - 1]! + diagonal;
      if (t < m) m = t;
      p[i] = m;
    }
  }
  const d = new Uint16Array(w * h);
  for (let y = 0; y < h; y += 1) d.set(p.subarray((y + 1) * pw + 1, (y + 1) * pw + 1 + w), y * w);
  return d;
}

/** The lightness of the paper: the level that 90 % of the sheet's pixels (at least `minDistance` in) lie below. */
export function paperLevelOf(r: Raster, dist: Uint16Array, minDistance: number): number | null {
  const hist = new Uint32Array(256);
  let total = 0;
  for (let i = 0; i < r.data.length; i += 1) {
    if (dist[i]! < minDistance * straight) continue;
    const v = r.data[i]!;
    hist[v] = hist[v]! + 1;
    total += 1;
  }
  if (total === 0) return null;
  const target = Math.floor(total * 0.9);
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += hist[v]!;
    if (seen > target) return v;
  }
  return 255;
}

export interface InkReport {
  blank: boolean;
  /** Area of the marks counted, mm² (counting stops at `minInkMm2`: a written page reports about that). */
  inkMm2: number;
  /** How many marks were counted. */
  marks: number;
}

/**
 * Measures the marks on the sheet within its margin band; `pxPerMm` is analysis pixels per mm.
 * Stops counting once the page is clearly written on: a page of text need not be measured whole.
 */
export function measureInk(
  r: Raster,
  dist: Uint16Array,
  paperLevel: number,
  pxPerMm: number,
  options: BlankOptions = defaultBlankOptions,
): InkReport {
  const { data, width: w } = r;
  // At least two pixels in, so every neighbour of a counted pixel is inside the frame.
  const inner = Math.max(2, Math.round(options.marginMm * pxPerMm)) * straight;
  const threshold = paperLevel - options.inkContrast;
  const minExtent = options.minMarkMm * pxPerMm;
  const enough = options.minInkMm2 * pxPerMm * pxPerMm;
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < ink.length; i += 1) if (data[i]! < threshold && dist[i]! >= inner) ink[i] = 1;

  const neighbours = [-w - 1, -w, -w + 1, -1, 1, w - 1, w, w + 1];
  const queue = new Int32Array(data.length);
  let area = 0;
  let marks = 0;
  for (let start = 0; start < ink.length && area < enough; start += 1) {
    if (ink[start] !== 1) continue;
    // One mark: its 8-connected pixels, and how far it reaches across and down.
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    ink[start] = 2;
    let x0 = w;
    let x1 = -1;
    let y0 = Infinity;
    let y1 = -1;
    // A mark that has grown past the threshold on its own settles the page: stop there.
    while (head < tail && !(area + head >= enough && Math.max(x1 - x0 + 1, y1 - y0 + 1) >= minExtent)) {
      const i = queue[head++]!;
      const x = i % w;
      const y = (i - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (const step of neighbours) {
        const j = i + step;
        if (ink[j] === 1) {
          ink[j] = 2;
          queue[tail++] = j;
        }
      }
    }
    if (Math.max(x1 - x0 + 1, y1 - y0 + 1) >= minExtent) {
      area += head;
      marks += 1;
    }
  }
  const inkMm2 = area / (pxPerMm * pxPerMm);
  return { blank: area < enough && paperLevel >= minPaperLevel, inkMm2, marks };
}
