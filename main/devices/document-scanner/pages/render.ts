import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { isPnm, type PnmImage, readPnm } from './pnm';

/**
 * The full-size image work of page processing, all of it in libvips through sharp: decode once to
 * raw pixels, shrink a copy for the analysis, turn and cut in one affine pass, encode. JavaScript
 * never loops over the full-size pixels (but to unpack P4 line art, pnm.ts, which libvips cannot).
 */

/** Decoded pixels: 8-bit, rows packed, 1 channel (grey) or 3 (sRGB). */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** A small one-channel image for measuring (lightness 0–255), rows packed. */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
}

/** An axis-aligned rectangle, integer pixels. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const white = { r: 255, g: 255, b: 255 };

function rawInput(px: Pixels): SharpOptions {
  return { raw: { width: px.width, height: px.height, channels: px.channels } };
}

// sharp converts one-channel raw input to sRGB on output unless told otherwise.
function space(px: Pixels): 'b-w' | 'srgb' {
  return px.channels === 1 ? 'b-w' : 'srgb';
}

/** Decodes a scanner's image (EXIF orientation applied, transparency on white) to grey or sRGB pixels. */
export async function decodePage(bytes: Buffer, grey: boolean, maxPixels: number): Promise<Pixels> {
  let image: Sharp;
  if (isPnm(bytes)) {
    image = await pnmImage(readPnm(bytes, maxPixels));
  } else {
    // `truncated` refuses a cut-off file but not the harmless warnings some scanners' JPEGs carry.
    image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' }).autoOrient();
  }
  image = image.flatten({ background: white });
  image = grey ? image.greyscale().toColourspace('b-w') : image.toColourspace('srgb');
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const channels = info.channels === 1 ? 1 : 3;
  if (info.channels !== channels) throw new Error(`decoded to ${info.channels} channels`);
  return { data, width: info.width, height: info.height, channels };
}

/** PNM samples as sharp input, stretched to full range when the file's maxval is not 255 or 65535. */
async function pnmImage(pnm: PnmImage): Promise<Sharp> {
  const raw = { raw: { width: pnm.width, height: pnm.height, channels: pnm.channels } };
  const wide = pnm.data instanceof Uint16Array;
  const full = wide ? 65535 : 255;
  if (pnm.maxval === full) return sharp(pnm.data, raw);
  const depth = wide ? 'ushort' : 'uchar';
  const space = pnm.channels === 1 ? (wide ? 'grey16' : 'b-w') : wide ? 'rgb16' : 'srgb';
  const stretched = await sharp(pnm.data, raw)
    .linear(full / pnm.maxval, 0)
    .toColourspace(space)
    .raw({ depth })
    .toBuffer();
  const data = wide ? new Uint16Array(stretched.buffer, stretched.byteOffset, stretched.length / 2) : stretched;
  return sharp(data, raw);
}

/**
 * A copy shrunk by `factor` for the analysis: the darkest channel of each pixel, so a red stamp
 * or blue ink stands out from the paper as much as black print does. The top and bottom halves
 * are shrunk at once (each on its own core; the rows are contiguous, so neither is copied).
 */
export async function analysisCopy(px: Pixels, factor: number): Promise<Raster> {
  const width = Math.max(1, Math.round(px.width / factor));
  const rowBytes = px.width * px.channels;
  // Split on a multiple of the factor, so both halves shrink on the same grid.
  const split = px.height >= 4 * factor ? Math.floor(px.height / 2 / factor) * factor : px.height;
  const parts = [
    [0, split],
    [split, px.height],
  ].filter(([top, bottom]) => bottom! > top!);
  const shrunk = await Promise.all(
    parts.map(async ([top, bottom]) => {
      const rows = bottom! - top!;
      const part: Pixels = { ...px, data: px.data.subarray(top! * rowBytes, bottom! * rowBytes), height: rows };
      return sharp(part.data, rawInput(part))
        .resize(width, Math.max(1, Math.round(rows / factor)), { fit: 'fill' })
        .toColourspace(space(px))
        .raw()
        .toBuffer();
    }),
  );
  const data = shrunk.length === 1 ? shrunk[0]! : Buffer.concat(shrunk);
  const height = data.length / (width * px.channels);
  if (px.channels === 1) return { data, width, height };
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i += 1, j += 3) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    out[i] = r < g ? (r < b ? r : b) : g < b ? g : b;
  }
  return { data: out, width, height };
}

/**
 * The rotation that turns a page skewed by `skewDegrees` (clockwise positive, as sharp turns)
 * back upright, as the matrix [[a, b], [c, d]] sharp's affine() takes: x' = a·x + b·y.
 */
export function uprightMatrix(skewDegrees: number): [number, number, number, number] {
  const r = (-skewDegrees * Math.PI) / 180;
  return [Math.cos(r), -Math.sin(r), Math.sin(r), Math.cos(r)];
}

/** Where the full image lands in the upright frame: its bounding box, as libvips sizes the output. */
export function uprightBounds(width: number, height: number, skewDegrees: number): Rect {
  const [a, b, c, d] = uprightMatrix(skewDegrees);
  const xs = [0, a * width, b * height, a * width + b * height];
  const ys = [0, c * width, d * height, c * width + d * height];
  // libvips rounds the transformed corners to the nearest pixel (transform.c, transform_rect).
  const left = Math.round(Math.min(...xs));
  const top = Math.round(Math.min(...ys));
  return {
    left,
    top,
    width: Math.round(Math.max(...xs) - Math.min(...xs)),
    height: Math.round(Math.max(...ys) - Math.min(...ys)),
  };
}

/** A source for the encoders: pixels and the part of them that is the page. */
export interface PageArea {
  pixels: Pixels;
  area: Rect;
}

/** Where a turned part landed: its pixels, and the upright-frame position of their pixel (0, 0). */
interface TurnedPart {
  pixels: Pixels;
  originX: number;
  originY: number;
}

/**
 * Turns the part of the page that `rect` (upright-frame coordinates) needs. Only that part of the
 * source is read: libvips runs `extract(source) → affine`, and `odx/ody` put the part's samples on
 * the grid a turn of the whole image would use, so parts join without a seam, pixel for pixel.
 */
async function turnPart(
  px: Pixels,
  skewDegrees: number,
  rect: Rect,
  interpolator: 'bilinear' | 'nearest',
): Promise<TurnedPart | null> {
  const [a, b, c, d] = uprightMatrix(skewDegrees);
  // The inverse of a rotation is its transpose.
  const back = (x: number, y: number) => [a * x + c * y, b * x + d * y] as const;
  const corners = [
    back(rect.left, rect.top),
    back(rect.left + rect.width, rect.top),
    back(rect.left, rect.top + rect.height),
    back(rect.left + rect.width, rect.top + rect.height),
  ];
  // Two pixels more on each side: bilinear sampling reads one neighbour.
  const sx0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[0]))) - 2);
  const sy0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[1]))) - 2);
  const sx1 = Math.min(px.width, Math.ceil(Math.max(...corners.map((p) => p[0]))) + 2);
  const sy1 = Math.min(px.height, Math.ceil(Math.max(...corners.map((p) => p[1]))) + 2);
  if (sx1 <= sx0 || sy1 <= sy0) return null;
  const ox = a * sx0 + b * sy0;
  const oy = c * sx0 + d * sy0;
  const shift = { x: Math.floor(ox), y: Math.floor(oy) };
  const local = uprightBounds(sx1 - sx0, sy1 - sy0, skewDegrees);
  const { data, info } = await sharp(px.data, rawInput(px))
    .extract({ left: sx0, top: sy0, width: sx1 - sx0, height: sy1 - sy0 })
    .affine(
      [
        [a, b],
        [c, d],
      ],
      {
        background: white,
        interpolator: sharp.interpolators[interpolator],
        odx: ox - shift.x,
        ody: oy - shift.y,
      },
    )
    .toColourspace(space(px))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    pixels: { data, width: info.width, height: info.height, channels: px.channels },
    originX: local.left + shift.x,
    originY: local.top + shift.y,
  };
}

/**
 * Turns the page upright (white where the turn uncovers the corners) and keeps `rect`, a rectangle
 * of the upright frame (coordinates of uprightBounds). The rectangle is turned in `parts` bands
 * at once: a turn is the costliest step of a page and sharp runs each pipeline on one core by
 * default (glibc builds), so two bands use both cores of a window's PC.
 */
export async function turnAndCut(
  px: Pixels,
  skewDegrees: number,
  rect: Rect,
  interpolator: 'bilinear' | 'nearest',
  parts = 2,
): Promise<Pixels> {
  const ch = px.channels;
  const rowBytes = rect.width * ch;
  // Every byte is written below: turned pixels, or white where the turn leaves none.
  const out = Buffer.allocUnsafe(rowBytes * rect.height);
  const bands = Math.max(1, Math.min(parts, Math.floor(rect.height / 128)));
  await Promise.all(
    Array.from({ length: bands }, async (_, k) => {
      const top = rect.top + Math.floor((k * rect.height) / bands);
      const bottom = rect.top + Math.floor(((k + 1) * rect.height) / bands);
      const band = { left: rect.left, top, width: rect.width, height: bottom - top };
      const part = await turnPart(px, skewDegrees, band, interpolator);
      const x0 = part ? Math.max(band.left, part.originX) : band.left;
      const x1 = part ? Math.min(band.left + band.width, part.originX + part.pixels.width) : x0;
      for (let y = top; y < bottom; y += 1) {
        const row = (y - rect.top) * rowBytes;
        const inside = part !== null && x1 > x0 && y >= part.originY && y < part.originY + part.pixels.height;
        if (!inside) {
          out.fill(255, row, row + rowBytes);
          continue;
        }
        const from = ((y - part.originY) * part.pixels.width + (x0 - part.originX)) * ch;
        out.fill(255, row, row + (x0 - rect.left) * ch);
        part.pixels.data.copy(out, row + (x0 - rect.left) * ch, from, from + (x1 - x0) * ch);
        out.fill(255, row + (x1 - rect.left) * ch, row + rowBytes);
      }
    }),
  );
  return { data: out, width: rect.width, height: rect.height, channels: ch };
}

function areaOf(page: PageArea): Sharp {
  const { pixels, area } = page;
  const whole = area.left === 0 && area.top === 0 && area.width === pixels.width && area.height === pixels.height;
  const image = sharp(pixels.data, rawInput(pixels));
  return whole ? image : image.extract(area);
}

/** How the stored page is encoded: JPEG quality, and the resolution written into it. */
export interface JpegSettings {
  quality: number;
  dpi: number;
}

/**
 * The stored JPEG, 4:2:0. ImageMagick's quantisation table (3) makes a scanned page 10–20 %
 * smaller than libjpeg's default table at the same quality; optimised Huffman tables another
 * 20–25 % for about 15 ms. mozjpeg's full preset (trellis, scan optimisation) would take a further
 * quarter off at some ten times the encoding time (350 ms a page), which the window cannot wait for.
 */
export async function encodePage(page: PageArea, settings: JpegSettings): Promise<Buffer> {
  return areaOf(page)
    .toColourspace(space(page.pixels))
    .withDensity(settings.dpi)
    .jpeg({ quality: settings.quality, quantisationTable: 3, chromaSubsampling: '4:2:0', optimiseCoding: true })
    .toBuffer();
}

/** A small JPEG of the page for lists, `width` pixels wide. */
export async function encodeThumbnail(page: PageArea, width: number): Promise<Buffer> {
  return areaOf(page)
    .resize({ width: Math.min(width, page.area.width) })
    .toColourspace(space(page.pixels))
    .jpeg({ quality: 70, chromaSubsampling: '4:2:0' })
    .toBuffer();
}
