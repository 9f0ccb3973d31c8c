import sharp, { type OverlayOptions } from 'sharp';
import { prng } from '../../../../testing/prng';

/**
 * Synthetic scanned pages for the page-processing tests and bench: A4 at 200 dpi drawn from SVG
 * (text-like bars rather than glyphs, so no font has to be installed), then "scanned": rotated by a
 * known angle onto the scanner's dark or grey backing, sensor noise added, and JPEG-encoded at
 * quality 90 as a scanner sends it.
 */

export const a4At200 = { width: 1654, height: 2339, dpi: 200 } as const;
const pxPerMm = a4At200.dpi / 25.4;
const mm = (v: number) => Math.round(v * pxPerMm);

/** Rows of word-like bars between y0 and y1: the shape of printed text lines, as a projection profile sees it. */
function textBars(
  rnd: () => number,
  y0: number,
  y1: number,
  fill: string,
  { left = mm(28), right = a4At200.width - mm(26), breaks = true } = {},
): string {
  const pitch = mm(7);
  const barHeight = Math.round(pitch * 0.45);
  const rects: string[] = [];
  for (let y = y0; y + barHeight <= y1; y += pitch) {
    if (breaks && rnd() < 0.08) continue; // a paragraph break
    const lineEnd = breaks && rnd() < 0.15 ? left + (right - left) * (0.3 + 0.5 * rnd()) : right;
    let x = left + (rnd() < 0.2 ? mm(8) : 0);
    while (x < lineEnd - mm(4)) {
      const w = Math.min(lineEnd - x, mm(4 + 14 * rnd()));
      rects.push(`<rect x="${x}" y="${y}" width="${Math.round(w)}" height="${barHeight}" fill="${fill}"/>`);
      x += w + mm(1.8 + rnd());
    }
  }
  return rects.join('');
}

function redStamp(cx: number, cy: number, radiusMm: number): string {
  const r = mm(radiusMm);
  const ring = `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#d8262e" stroke-width="${mm(1)}" opacity="0.85"/>`;
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 ? r * 0.12 : r * 0.3;
    return `${Math.round(cx + rr * Math.cos(a))},${Math.round(cy + rr * Math.sin(a))}`;
  }).join(' ');
  const arcText = Array.from({ length: 9 }, (_, i) => {
    const a = Math.PI * (1.15 + 0.09 * i);
    const x = cx + r * 0.72 * Math.cos(a);
    const y = cy + r * 0.72 * Math.sin(a);
    return `<rect x="${Math.round(x - mm(2))}" y="${Math.round(y - mm(2))}" width="${mm(4)}" height="${mm(4)}" fill="#d8262e" opacity="0.85"/>`;
  }).join('');
  return `${ring}<polygon points="${star}" fill="#d8262e" opacity="0.85"/>${arcText}`;
}

function signature(x: number, y: number): string {
  const d = `M${x},${y} c${mm(6)},-${mm(14)} ${mm(10)},-${mm(12)} ${mm(8)},0 s-${mm(9)},${mm(10)} ${mm(2)},${mm(2)} c${mm(6)},-${mm(5)} ${mm(10)},-${mm(9)} ${mm(12)},-${mm(2)} s${mm(4)},${mm(6)} ${mm(12)},-${mm(3)} l${mm(14)},-${mm(4)}`;
  return `<path d="${d}" fill="none" stroke="#1b2a7a" stroke-width="${mm(0.6)}" stroke-linecap="round"/>`;
}

const paper = '#f8f8f5';

/** The page as SVG, drawn in 200-dpi units and rendered `scale` times that size. */
function svgPage(body: string, scale = 1, background = paper): Buffer {
  const { width, height } = a4At200;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width * scale)}" height="${Math.round(height * scale)}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">` +
      `<rect width="100%" height="100%" fill="${background}"/>${body}</svg>`,
  );
}

/**
 * A small SVG drawn, then enlarged (which blurs it). Drawn first on its own: sharp given an SVG to
 * enlarge draws it again at the larger size, which is slow and not blurred.
 */
async function enlarged(svg: Buffer, width: number, height: number, as: 'png' | 'raw'): Promise<Buffer> {
  const drawn = await sharp(svg).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const image = sharp(drawn.data, { raw: { width: drawn.info.width, height: drawn.info.height, channels: 4 } }).resize(
    width,
    height,
    { fit: 'fill' },
  );
  return as === 'png' ? image.png({ compressionLevel: 0 }).toBuffer() : image.raw().toBuffer();
}

export type PageKind = 'text' | 'blank' | 'stamp' | 'signature' | 'short_line' | 'photo';

/**
 * The page as printed, upright, PNG, A4 at `dpi` (200 unless said). `text` is a letter with a
 * title, a rule, body text, a signature and a red stamp.
 */
export async function pageImage(kind: PageKind, seed = 1, dpi = 200): Promise<Buffer> {
  const rnd = prng(seed);
  // Drawn in 200-dpi units; the SVG's size sets the resolution it is rendered at.
  const { width, height } = a4At200;
  const scale = dpi / a4At200.dpi;
  const size = { width: Math.round(width * scale), height: Math.round(height * scale) };
  let body: string;
  if (kind === 'text') {
    body =
      `<rect x="${mm(55)}" y="${mm(30)}" width="${width - 2 * mm(55)}" height="${mm(7)}" fill="#111"/>` +
      `<rect x="${mm(28)}" y="${mm(45)}" width="${width - mm(54)}" height="${mm(0.5)}" fill="#333"/>` +
      textBars(rnd, mm(52), mm(250), '#1d1d1d') +
      redStamp(width - mm(60), mm(262), 20) +
      signature(mm(40), mm(268));
  } else if (kind === 'blank') {
    // A feeder shadow along the leading edge and a few specks of dust; the other side's text
    // showing through is laid on below.
    const specks = Array.from(
      { length: 6 },
      () =>
        `<circle cx="${Math.round(mm(20) + rnd() * (width - mm(40)))}" cy="${Math.round(mm(20) + rnd() * (height - mm(40)))}" r="${mm(0.2 + 0.5 * rnd())}" fill="#222"/>`,
    ).join('');
    body =
      `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#777"/><stop offset="1" stop-color="${paper}"/></linearGradient></defs>` +
      `<rect width="${width}" height="${mm(3)}" fill="url(#s)"/>${specks}`;
  } else if (kind === 'stamp') {
    body = redStamp(width - mm(50), height - mm(50), 14);
  } else if (kind === 'signature') {
    body = signature(width - mm(85), height - mm(40));
  } else if (kind === 'short_line') {
    body = textBars(rnd, mm(140), mm(147), '#1d1d1d', { left: mm(70), right: mm(130), breaks: false });
  } else {
    // A colour photo filling most of the sheet (a certificate photographed, a house, a scene).
    const blobs = Array.from({ length: 120 }, (_, i) => {
      const c = `hsl(${Math.floor(rnd() * 360)},${40 + Math.floor(rnd() * 50)}%,${25 + Math.floor(rnd() * 50)}%)`;
      return (
        `<radialGradient id="g${i}"><stop offset="0" stop-color="${c}"/><stop offset="1" stop-color="${c}" stop-opacity="0"/></radialGradient>` +
        `<circle cx="${Math.round(rnd() * width)}" cy="${Math.round(rnd() * height)}" r="${mm(8 + 40 * rnd())}" fill="url(#g${i})"/>`
      );
    }).join('');
    body =
      `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6fa8dc"/><stop offset="1" stop-color="#d9a441"/></linearGradient>` +
      `<clipPath id="c"><rect x="${mm(15)}" y="${mm(20)}" width="${width - mm(30)}" height="${height - mm(60)}"/></clipPath></defs>` +
      `<g clip-path="url(#c)"><rect width="100%" height="100%" fill="url(#sky)"/>${blobs}</g>` +
      `<rect x="${mm(60)}" y="${height - mm(30)}" width="${width - mm(120)}" height="${mm(4)}" fill="#222"/>`;
  }
  const layers: OverlayOptions[] = [];
  if (kind === 'blank') {
    // Mirrored, faint (about 20 levels under the paper) and blurred, as print seen through paper
    // is: drawn at a quarter size and enlarged, which blurs it for free.
    const q = 4;
    const through = textBars(rnd, mm(52), mm(250), '#000');
    const small = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width / q)}" height="${Math.round(height / q)}" viewBox="0 0 ${width} ${height}">` +
        `<g transform="translate(${width},0) scale(-1,1)" opacity="0.09">${through}</g></svg>`,
    );
    layers.push({ input: await enlarged(small, size.width, size.height, 'png') });
  }
  // Grain over the photo, which is what makes a real photo expensive to store.
  if (kind === 'photo') layers.push(grainTile(90, 0.12, seed));
  // The photo's soft blobs are slow to draw at full size, and soft anyway.
  // Opaque: the scan of a sheet has no transparency.
  const image = (
    kind === 'photo'
      ? sharp(await enlarged(svgPage(body, scale / 4), size.width, size.height, 'raw'), {
          raw: { ...size, channels: 4 },
        })
      : sharp(svgPage(body, scale))
  ).flatten({ background: paper });
  if (layers.length === 0) return image.png({ compressionLevel: 0 }).toBuffer();
  const flat = await image.raw().toBuffer({ resolveWithObject: true });
  return sharp(flat.data, { raw: { ...size, channels: flat.info.channels } })
    .composite(layers)
    .png({ compressionLevel: 0 })
    .toBuffer();
}

export interface ScanOptions {
  /** Degrees, clockwise as sharp's rotate() turns: the skew the feeder gave the sheet. */
  angle?: number;
  /** The scanner's backing around the sheet; `none` is a sheet that fills the frame. */
  backing?: 'dark' | 'grey' | 'none';
  /** Backing around the (skewed) sheet, px; 40 at 200 dpi, as many mm at other resolutions. */
  border?: number;
  noise?: boolean;
  format?: 'jpeg' | 'png';
  grey?: boolean;
}

const backings = { dark: '#1c1c1f', grey: '#8e8e8e', none: paper } as const;

/**
 * A tile of grain to lay over a whole image: noise around 128 with deviation `sigma` (three uniform
 * draws summed, near enough to Gaussian), per channel, seen through `opacity`. Drawn here from a
 * seed: libvips' Gaussian noise takes over 100 ms even for a tile, and a second for a page.
 */
function grainTile(sigma: number, opacity: number, seed: number): OverlayOptions {
  const width = 509;
  const height = 503;
  const rnd = prng(seed);
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c += 1) {
      const v = 128 + sigma * (rnd() + rnd() + rnd() - 1.5) * 2;
      data[i + c] = Math.max(0, Math.min(255, Math.round(v)));
    }
    data[i + 3] = Math.round(opacity * 255);
  }
  return { input: data, raw: { width, height, channels: 4 }, tile: true };
}

/** The page as a scanner would deliver it: skewed on its backing, with sensor noise, JPEG q90 (or PNG). */
export async function scanOf(page: Buffer, options: ScanOptions = {}): Promise<Buffer> {
  const { angle = 0, backing = 'dark', noise = true, format = 'jpeg', grey = false } = options;
  const background = backings[backing];
  const printed = await sharp(page).metadata();
  const border = options.border ?? Math.round((40 * printed.width) / a4At200.width);
  let sheet = sharp(page);
  if (angle) sheet = sheet.rotate(angle, { background });
  if (backing !== 'none') {
    sheet = sheet.extend({ top: border, bottom: border, left: border, right: border, background });
  }
  let { data, info } = await sheet.raw().toBuffer({ resolveWithObject: true });
  let raw = { width: info.width, height: info.height, channels: info.channels };
  if (backing === 'none' && angle) {
    // The sheet fills the frame: the scanner's window is the sheet's own size.
    const left = Math.floor((info.width - printed.width) / 2);
    const top = Math.floor((info.height - printed.height) / 2);
    ({ data, info } = await sharp(data, { raw })
      .extract({ left, top, width: printed.width, height: printed.height })
      .raw()
      .toBuffer({ resolveWithObject: true }));
    raw = { width: info.width, height: info.height, channels: info.channels };
  }
  let scanned = sharp(data, { raw });
  // Sensor noise: σ ≈ 5 levels per channel, independent per channel, a harsh but real cheap-CIS figure.
  if (noise) scanned = scanned.composite([grainTile(60, 0.08, 7)]);
  if (grey) {
    const flat = await scanned.raw().toBuffer({ resolveWithObject: true });
    scanned = sharp(flat.data, {
      raw: { width: flat.info.width, height: flat.info.height, channels: flat.info.channels },
    })
      .greyscale()
      .toColourspace('b-w');
  }
  // Scanners encode in one pass: standard Huffman tables, no optimisation.
  return format === 'jpeg'
    ? scanned.jpeg({ quality: 90, optimiseCoding: false }).toBuffer()
    : scanned.png({ compressionLevel: 0 }).toBuffer();
}
/** Which page, for scannedPage: its seed, and its resolution (200 dpi unless said). */
export interface PageChoice {
  seed?: number;
  dpi?: number;
}

/** A scanned page of a kind, in one call. */
export async function scannedPage(kind: PageKind, options: ScanOptions & PageChoice = {}): Promise<Buffer> {
  return scanOf(await pageImage(kind, options.seed, options.dpi), options);
}

const memo = new Map<string, Promise<Buffer>>();

/** pageImage, made once per kind, seed and resolution in a test file. */
export function cachedPage(kind: PageKind, seed = 1, dpi = 200): Promise<Buffer> {
  const key = `${kind} page ${seed} ${dpi}`;
  let page = memo.get(key);
  if (!page) memo.set(key, (page = pageImage(kind, seed, dpi)));
  return page;
}

/** scannedPage, made once per kind and options in a test file: fixtures take a few hundred ms each. */
export function cachedScan(kind: PageKind, options: ScanOptions & PageChoice = {}): Promise<Buffer> {
  const key = `${kind} ${JSON.stringify(options)}`;
  let scan = memo.get(key);
  if (!scan) {
    scan = cachedPage(kind, options.seed, options.dpi).then((page) => scanOf(page, options));
    memo.set(key, scan);
  }
  return scan;
}
