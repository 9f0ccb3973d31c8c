import type { ColourMode } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import { type BlankOptions, defaultBlankOptions, distanceToEdge, measureInk, paperLevelOf } from './blank';
import { type Frame, findBacking, intersect, sheetEdges, sheetRect, unite, uprightBox } from './crop';
import { PnmError } from './pnm';
import { estimateSkew, type SkewEstimate, type SkewPoints } from './deskew';
import {
  analysisCopy,
  decodePage,
  encodePage,
  encodeThumbnail,
  type PageArea,
  type Pixels,
  type Raster,
  type Rect,
  turnAndCut,
  uprightBounds,
} from './render';

/** One page as the scanner delivered it, and what the clerk asked for. */
export interface ScanPageInput {
  /** JPEG, PNG, TIFF or PNM bytes. */
  bytes: Buffer;
  mode: ColourMode;
  /** The resolution scanned at, dpi: written into the JPEG and used to size marks and margins. */
  resolution: number;
  /** Drop the page when nothing is written on it (the back sides of a duplex scan). */
  dropBlank: boolean;
  /** The page's number in the job, for the message when it cannot be used. */
  page?: number;
}

/** What became of a page: the JPEG to store (unless dropped as blank) and what was done to it. */
export interface ProcessedPage {
  blank: boolean;
  /** The page to store; null when it was dropped as blank. */
  jpeg: Buffer | null;
  /** Size of the stored page (of the sheet found, when dropped), pixels. */
  width: number;
  height: number;
  /** The skew found, degrees, clockwise positive; the page was turned back when it reached `minSkewDegrees`. */
  skewDegrees: number;
  /** The scanner's backing was cut away. */
  cropped: boolean;
  /** A JPEG about `thumbnailWidth` pixels wide; null when dropped. */
  thumbnail: Buffer | null;
}

/** How pages are processed; the defaults are a window's (see `defaults`). */
export interface PageOptions {
  /** Straighten the page (default on). */
  deskew?: boolean;
  /** Cut the scanner's backing away (default on). */
  crop?: boolean;
  /** Smaller skews are left alone: turning costs a resampling and a tenth of a degree is invisible. */
  minSkewDegrees?: number;
  /** The widest skew looked for; a feeder does not skew a sheet further without jamming. */
  maxSkewDegrees?: number;
  blank?: Partial<BlankOptions>;
  /** JPEG quality of the stored page. */
  quality?: number;
  /** Size budget per A4 area: a page over it is encoded again at a lower quality. */
  maxKbPerA4?: number;
  thumbnailWidth?: number;
  /** Larger images are refused before they are decoded. */
  maxPixels?: number;
  /**
   * How a turned page is resampled. `nearest` is some 40 ms quicker per A4 page but leaves steps
   * along strokes and keeps the sensor noise bilinear smooths, so its JPEG is about 25 % larger.
   */
  interpolator?: 'bilinear' | 'nearest';
}

// Quality 70 (with quantisation table 3, render.ts) keeps print and stamps clean at 200 dpi and a
// noisy A4 colour scan of a letter near 160 KB; 80 would double that.
const defaults: Required<Omit<PageOptions, 'blank'>> = {
  deskew: true,
  crop: true,
  minSkewDegrees: 0.3,
  maxSkewDegrees: 5,
  quality: 70,
  maxKbPerA4: 300,
  thumbnailWidth: 200,
  maxPixels: 100_000_000,
  interpolator: 'bilinear',
};

// The analysis copy's resolution: enough to see a 2 mm mark and a tenth of a degree of skew
// across a page, small enough (a quarter of a megapixel for A4) that looking at it costs a few ms.
const analysisDpi = 50;
const maxAnalysisPixels = 1_200_000;
// Below these, what the points chose is as likely noise as a line (deskew.ts, SkewEstimate).
const minContentConfidence = 1.15;
const minEdgeConfidence = 1.2;

function refuse(page: number, reason: string): AppError {
  return new AppError('docscan_bad_page', { page, reason });
}

// The first bytes of the formats scanners send (PNM is read in pnm.ts).
const magics = [
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from('\x89PNG', 'latin1'),
  Buffer.from('II*\0', 'latin1'),
  Buffer.from('MM\0*', 'latin1'),
];

/** A short phrase for the clerk from libvips' message (and the bytes, when libvips cannot tell). */
function reasonOf(error: unknown, bytes: Buffer): string {
  if (error instanceof PnmError) return error.reason;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return '图像过大';
  if (/premature end|truncat|end of (file|data|stream)|unexpected end|short read|out of data/i.test(message)) {
    return '图像不完整';
  }
  if (/unsupported image format|not a known|bad seek/i.test(message)) {
    // A TIFF cut short loses its directory, which libvips reports as no format at all.
    return magics.some((m) => bytes.subarray(0, m.length).equals(m)) ? '图像已损坏' : '不是可识别的图像';
  }
  return '图像已损坏';
}

function collectInk(r: Raster, dist: Uint16Array, threshold: number): SkewPoints {
  const { data, width } = r;
  const found = new Int32Array(data.length);
  let count = 0;
  // Two pixels in from the sheet's edge: the edge itself is a line, but not the print's.
  for (let i = 0; i < data.length; i += 1) if (data[i]! < threshold && dist[i]! >= 6) found[count++] = i;
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  for (let k = 0; k < count; k += 1) {
    const i = found[k]!;
    const y = Math.floor(i / width);
    ys[k] = y;
    xs[k] = i - y * width;
  }
  return { xs, ys, count };
}

/**
 * The print's box with a margin of `pad`, where it lies inside the sheet; print that reaches the
 * sheet's edge (a feeder shadow, a photo to the edge) stops at the edge: within `tolerance` of it,
 * a mark is the edge's own cells, part sheet and part backing, not print beyond the sheet.
 */
function padWithin(box: Rect, pad: number, sheet: Rect | null, tolerance: number): Rect {
  let left = box.left - pad;
  let top = box.top - pad;
  let right = box.left + box.width + pad;
  let bottom = box.top + box.height + pad;
  if (sheet) {
    const sheetRight = sheet.left + sheet.width;
    const sheetBottom = sheet.top + sheet.height;
    if (box.left >= sheet.left - tolerance) left = Math.max(left, sheet.left);
    if (box.top >= sheet.top - tolerance) top = Math.max(top, sheet.top);
    if (box.left + box.width <= sheetRight + tolerance) right = Math.min(right, sheetRight);
    if (box.top + box.height <= sheetBottom + tolerance) bottom = Math.min(bottom, sheetBottom);
  }
  return { left, top, width: right - left, height: bottom - top };
}

/** The skew to correct: the print's if it is clear, else the sheet's edges', else none. */
function chooseSkew(content: SkewEstimate | null, edges: SkewEstimate | null): number {
  if (content && content.confidence >= minContentConfidence) return content.degrees;
  if (edges && edges.confidence >= minEdgeConfidence) return edges.degrees;
  return 0;
}

/**
 * Turns one scanned page into the page to store: straightened, cut to the sheet, checked for
 * blankness, grey or colour as asked, a small JPEG with the resolution in it, and a thumbnail.
 * Throws AppError docscan_bad_page for bytes that are not a whole image.
 */
export async function processScannedPage(input: ScanPageInput, options: PageOptions = {}): Promise<ProcessedPage> {
  const o = { ...defaults, ...options };
  const blankOptions = { ...defaultBlankOptions, ...options.blank };
  const page = input.page ?? 1;
  if (input.bytes.length === 0) throw refuse(page, '没有图像数据');

  let px: Pixels;
  try {
    px = await decodePage(input.bytes, input.mode !== 'color', o.maxPixels);
  } catch (error) {
    throw refuse(page, reasonOf(error, input.bytes));
  }
  if (px.width < 32 || px.height < 32) throw refuse(page, '图像过小');

  try {
    return await processPixels(px, input, o, blankOptions);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse(page, '图像无法处理');
  }
}

async function processPixels(
  px: Pixels,
  input: ScanPageInput,
  o: Required<Omit<PageOptions, 'blank'>>,
  blankOptions: BlankOptions,
): Promise<ProcessedPage> {
  let factor = Math.max(1, Math.floor(input.resolution / analysisDpi));
  while ((px.width / factor) * (px.height / factor) > maxAnalysisPixels) factor += 1;
  const r = await analysisCopy(px, factor);
  const frame: Frame = { width: px.width, height: px.height, sx: px.width / r.width, sy: px.height / r.height };
  const pxPerMm = input.resolution / 25.4 / ((frame.sx + frame.sy) / 2);

  const backing = findBacking(r);
  const dist = distanceToEdge(backing?.mask ?? null, r.width, r.height);
  const paperLevel = paperLevelOf(r, dist, 2) ?? 255;
  const ink = collectInk(r, dist, paperLevel - blankOptions.inkContrast);
  const { blank } = measureInk(r, dist, paperLevel, pxPerMm, blankOptions);

  let skew = 0;
  if (o.deskew) {
    // The print first; the sheet's edges only when the print says nothing clear.
    const content = estimateSkew(ink, r.width, r.height, o.maxSkewDegrees);
    const edges =
      backing && !(content && content.confidence >= minContentConfidence)
        ? estimateSkew(sheetEdges(backing.mask, r.width, r.height), r.width, r.height, o.maxSkewDegrees)
        : null;
    skew = chooseSkew(content, edges);
  }
  const turn = Math.abs(skew) >= o.minSkewDegrees ? skew : 0;

  const bounds = uprightBounds(px.width, px.height, turn);
  const sheet = backing && o.crop ? sheetRect(backing.mask, r, frame, turn) : null;
  // Without a sheet to cut to, a turned page keeps the scan's own size, centred.
  let rect: Rect = sheet ?? {
    left: bounds.left + Math.round((bounds.width - px.width) / 2),
    top: bounds.top + Math.round((bounds.height - px.height) / 2),
    width: px.width,
    height: px.height,
  };
  // Never cut into the print: the rectangle grows to hold all of it (a millimetre around it).
  const content = uprightBox(ink, frame, turn);
  if (content) {
    rect = unite(rect, padWithin(content, Math.ceil(input.resolution / 25.4), sheet, 2 * (frame.sx + frame.sy)));
  }
  rect = intersect(rect, bounds);
  const cropped = sheet !== null && (rect.width < bounds.width - 2 || rect.height < bounds.height - 2);

  const result = { blank, width: rect.width, height: rect.height, skewDegrees: Math.round(skew * 100) / 100, cropped };
  if (blank && input.dropBlank) return { ...result, jpeg: null, thumbnail: null };

  const area: PageArea = turn
    ? {
        pixels: await turnAndCut(px, turn, rect, o.interpolator),
        area: { left: 0, top: 0, width: rect.width, height: rect.height },
      }
    : { pixels: px, area: intersect(rect, { left: 0, top: 0, width: px.width, height: px.height }) };
  const [first, thumbnail] = await Promise.all([
    encodePage(area, { quality: o.quality, dpi: input.resolution }),
    encodeThumbnail(area, o.thumbnailWidth),
  ]);
  let jpeg = first;
  const a4Pixels = ((210 * 297) / (25.4 * 25.4)) * input.resolution * input.resolution;
  const budget = o.maxKbPerA4 * 1024 * ((area.area.width * area.area.height) / a4Pixels);
  if (jpeg.length > budget) {
    // A photo or a dense colour page: one more try, clearly lower; a second is rarely worth its time.
    const again = await encodePage(area, { quality: Math.max(35, o.quality - 20), dpi: input.resolution });
    if (again.length < jpeg.length) jpeg = again;
  }
  return { ...result, width: area.area.width, height: area.area.height, jpeg, thumbnail };
}
