import sharp, { type Sharp } from 'sharp';

/**
 * The pages the eSCL simulator "scans": real JPEGs a page pipeline can work on. A printed side
 * looks like a filled-in form (a border, a title naming sheet and side, lines of text-like bars, a
 * red stamp), so an image processor can tell it from a blank back, which is white with the faint
 * noise of a scanner's sensor.
 */

export type PageSide = 'front' | 'back';

export interface PageSpec {
  /** 1-based sheet in the feeder. */
  sheet: number;
  side: PageSide;
  blank: boolean;
  /** Pixels. */
  width: number;
  height: number;
  resolution: number;
  mode: 'color' | 'gray';
}

// Rendering an A4 page at 300 dpi takes a noticeable fraction of a second: keep what was drawn.
// Bounded, since the devtool simulator may run for a day of manual testing at many settings.
const cache = new Map<string, Promise<Buffer>>();
const cacheLimit = 64;

/** The JPEG for a page, rendered once per (sheet, side, blank, size, resolution, mode). */
export function renderPage(spec: PageSpec): Promise<Buffer> {
  const key = JSON.stringify([spec.sheet, spec.side, spec.blank, spec.width, spec.height, spec.resolution, spec.mode]);
  const cached = cache.get(key);
  if (cached) return cached;
  const rendered = (spec.blank ? blankPage(spec) : printedPage(spec)).catch((error: unknown) => {
    cache.delete(key);
    throw error;
  });
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, rendered);
  return rendered;
}

function encode(image: Sharp, spec: PageSpec): Promise<Buffer> {
  const coloured = spec.mode === 'gray' ? image.toColourspace('b-w') : image.toColourspace('srgb');
  return coloured.jpeg({ quality: 80 }).withDensity(spec.resolution).toBuffer();
}

function blankPage(spec: PageSpec): Promise<Buffer> {
  // Noise drawn at a third of the size and scaled up: blotchy like paper under a sensor, and many
  // times faster to make and to encode than per-pixel gaussian noise.
  const width = Math.ceil(spec.width / 3);
  const height = Math.ceil(spec.height / 3);
  const random = lcg(spec.sheet);
  const raw = Buffer.alloc(width * height);
  for (let i = 0; i < raw.length; i++) raw[i] = 245 + Math.floor(random() * 8);
  const image = sharp(raw, { raw: { width, height, channels: 1 } }).resize(spec.width, spec.height, {
    kernel: 'cubic',
  });
  return encode(image, spec);
}

/** A small deterministic generator, so a sheet looks the same on every scan. */
function lcg(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function printedPage(spec: PageSpec): Promise<Buffer> {
  // Drawn in millimetres, so a page looks the same at any resolution.
  const w = (spec.width / spec.resolution) * 25.4;
  const h = (spec.height / spec.resolution) * 25.4;
  const random = lcg(spec.sheet * 2 + (spec.side === 'back' ? 1 : 0));
  const margin = Math.min(12, w / 10, h / 10);
  const title = `第 ${spec.sheet} 页 ${spec.side === 'front' ? '正面' : '背面'}`;
  const bars: string[] = [];
  for (let y = margin + 30; y < h - margin - 30; y += 7) {
    const indent = random() < 0.2 ? 8 : 0;
    const length = (w - 2 * margin - 10 - indent) * (0.45 + 0.55 * random());
    if (length <= 0) continue;
    bars.push(
      `<rect x="${(margin + 5 + indent).toFixed(1)}" y="${y.toFixed(1)}" width="${length.toFixed(1)}" height="2.6" rx="0.6" fill="#2b2b2b"/>`,
    );
  }
  const stampX = w - margin - 28;
  const stampY = h - margin - 28;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${spec.height}" viewBox="0 0 ${w.toFixed(2)} ${h.toFixed(2)}">`,
    `<rect width="100%" height="100%" fill="#fbfbf8"/>`,
    `<rect x="${margin}" y="${margin}" width="${(w - 2 * margin).toFixed(2)}" height="${(h - 2 * margin).toFixed(2)}" fill="none" stroke="#111" stroke-width="0.8"/>`,
    `<text x="${(w / 2).toFixed(2)}" y="${(margin + 16).toFixed(2)}" font-family="Noto Sans CJK SC, Noto Sans CJK, WenQuanYi Zen Hei, sans-serif" font-size="9" font-weight="bold" text-anchor="middle" fill="#111">${title}</text>`,
    `<line x1="${margin + 5}" y1="${margin + 22}" x2="${(w - margin - 5).toFixed(2)}" y2="${margin + 22}" stroke="#111" stroke-width="0.5"/>`,
    ...bars,
    `<circle cx="${stampX.toFixed(1)}" cy="${stampY.toFixed(1)}" r="17" fill="none" stroke="#d0202a" stroke-width="1.6" opacity="0.85"/>`,
    `<text x="${stampX.toFixed(1)}" y="${(stampY + 2.5).toFixed(1)}" font-family="Noto Sans CJK SC, sans-serif" font-size="6" text-anchor="middle" fill="#d0202a" opacity="0.85">★ 专用章</text>`,
    '</svg>',
  ].join('');
  return encode(sharp(Buffer.from(svg)), spec);
}
