import sharp from 'sharp';

/** Test-side measurements on processed pages, independent of the code under test. */

export interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

/** The image as one grey channel, optionally resized to `width` × `height`. */
export async function greyOf(bytes: Buffer, size?: { width: number; height: number }): Promise<Grey> {
  let image = sharp(bytes).flatten({ background: '#fff' }).greyscale();
  if (size) image = image.resize(size.width, size.height, { fit: 'fill' });
  const { data, info } = await image.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** In column x, the row between y0 and y1 whose 5-pixel-wide strip is darkest (a thin rule's centre). */
export function darkestRow(g: Grey, x: number, y0: number, y1: number): number {
  let best = y0;
  let bestSum = Infinity;
  for (let y = y0; y < y1; y += 1) {
    let sum = 0;
    for (let dx = -2; dx <= 2; dx += 1) sum += g.data[y * g.width + x + dx]!;
    if (sum < bestSum) {
      bestSum = sum;
      best = y;
    }
  }
  return best;
}

/** In column x, the first row from y0 down that is dark (under 100). */
export function firstDarkRow(g: Grey, x: number, y0 = 0): number {
  for (let y = y0; y < g.height; y += 1) if (g.data[y * g.width + x]! < 100) return y;
  return -1;
}

/** Mean lightness of a w × h patch at (x, y). */
export function patchMean(g: Grey, x: number, y: number, w: number, h: number): number {
  let sum = 0;
  for (let j = y; j < y + h; j += 1) for (let i = x; i < x + w; i += 1) sum += g.data[j * g.width + i]!;
  return sum / (w * h);
}

/**
 * How different the stored page is from the page as printed, once they are laid on each other:
 * the shift (within ±12 px) that matches them best, and the mean absolute difference of their grey
 * levels there, on a grid of every 4th pixel, the scan's overall darkening taken out.
 */
export async function alignedDifference(
  stored: Buffer,
  printed: Buffer,
): Promise<{ difference: number; dx: number; dy: number }> {
  const [a, b] = await Promise.all([greyOf(stored), greyOf(printed)]);
  const mean = (g: Grey) => g.data.reduce((s, v) => s + v, 0) / g.data.length;
  const offset = mean(a) - mean(b);
  const m = 12;
  const at = (dx: number, dy: number, step: number) => {
    let sum = 0;
    let n = 0;
    for (let y = m; y < Math.min(a.height, b.height - dy) - m; y += step) {
      for (let x = m; x < Math.min(a.width, b.width - dx) - m; x += step) {
        sum += Math.abs(a.data[y * a.width + x]! - b.data[(y + dy) * b.width + x + dx]! - offset);
        n += 1;
      }
    }
    return sum / n;
  };
  let best = { difference: Infinity, dx: 0, dy: 0 };
  for (let dy = -m; dy <= m; dy += 1) {
    for (let dx = -m; dx <= m; dx += 1) {
      const difference = at(dx, dy, 16);
      if (difference < best.difference) best = { difference, dx, dy };
    }
  }
  return { ...best, difference: at(best.dx, best.dy, 4) };
}
