import { createInflate } from 'node:zlib';
import { PDFArray, type PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import DecodeStream from 'pdf-lib/cjs/core/streams/DecodeStream';
import type { MaterialMime } from '@yichuang/domain/materials';
import { imageSize } from '../sniff';

/**
 * What the cage's worker does with a file: reads its pages or its pixel size, and every stream a
 * reader will inflate, without trusting any size the file claims. Runs in the worker only (it may
 * take long on a hostile file; the worker is killed then); nothing here knows Electron or the database.
 */

export interface ContentLimits {
  maxPdfPages: number;
  maxImagePixels: number;
  /** What one stream of a PDF that is not a picture (page contents, fonts, object streams) may inflate to. */
  maxStreamBytes: number;
}

export type Verdict =
  | { ok: true; pages: number; width: number | null; height: number | null }
  | { ok: false; problem: 'pdf_unreadable' | 'image_unreadable' | 'too_complex' }
  | { ok: false; problem: 'too_many_pages'; pages: number }
  | { ok: false; problem: 'too_many_pixels'; width: number; height: number };

class TooComplex extends Error {}

type Guarded = { ensureBuffer: (this: unknown, requested: number) => Uint8Array; maxBytes?: number; tripped?: boolean };
const decoder = DecodeStream.prototype as unknown as Guarded;
const ensureBuffer = decoder.ensureBuffer;

/**
 * pdf-lib inflates object and cross-reference streams while it loads, into one buffer that doubles
 * as it grows: a 1 MB file of zeros deflated inflates to gigabytes. Every decoder of pdf-lib grows
 * its buffer through DecodeStream.ensureBuffer, so capping that one method caps them all. pdf-lib
 * skips an object whose parsing throws, so the cap also leaves a mark (`tripped`) to be asked after.
 */
function guardDecoders(maxBytes: number): void {
  decoder.maxBytes = maxBytes;
  decoder.tripped = false;
  decoder.ensureBuffer = function guarded(this: unknown, requested: number): Uint8Array {
    if (requested > (decoder.maxBytes ?? 0)) {
      decoder.tripped = true;
      throw new TooComplex(`a stream inflates past ${decoder.maxBytes} bytes`);
    }
    return ensureBuffer.call(this, requested);
  };
}

/** How many bytes `data` inflates to, counted in 1 MB chunks and stopped past `cap` (then `cap + 1`). */
function inflatedSize(data: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: 1024 * 1024 });
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap) {
        inflate.destroy();
        resolve(cap + 1);
      }
    });
    inflate.on('end', () => resolve(total));
    // A damaged stream: a reader stops where the damage starts, so what came before is what counts.
    inflate.on('error', () => resolve(total));
    inflate.end(data);
  });
}

const componentsOf: Record<string, number> = { DeviceGray: 1, CalGray: 1, DeviceRGB: 3, CalRGB: 3, Lab: 3 };

/**
 * The most a stream may inflate to: a picture its declared rows (with a predictor byte each), at
 * most four components; anything else `maxStreamBytes`.
 */
function streamBudget(dict: PDFDict, limits: ContentLimits): number | Verdict {
  const number = (key: string): number | null => {
    const value = dict.lookup(PDFName.of(key));
    return value instanceof PDFNumber ? value.asNumber() : null;
  };
  if (dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return limits.maxStreamBytes;
  const width = number('Width') ?? 0;
  const height = number('Height') ?? 0;
  if (width * height > limits.maxImagePixels) return { ok: false, problem: 'too_many_pixels', width, height };
  const space = dict.lookup(PDFName.of('ColorSpace'));
  const components = space instanceof PDFName ? (componentsOf[space.decodeText()] ?? 4) : 4;
  const bits = Math.min(16, Math.max(1, number('BitsPerComponent') ?? 8));
  return Math.max(64 * 1024, (Math.ceil((width * components * bits) / 8) + 1) * height + 1024);
}

/** Whether every stream inflates to no more than its budget; pictures within the pixel cap. */
async function checkStreams(doc: PDFDocument, limits: ContentLimits): Promise<Verdict | null> {
  const flate = PDFName.of('FlateDecode');
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const budget = streamBudget(object.dict, limits);
    if (typeof budget !== 'number') return budget;
    const filter = object.dict.lookup(PDFName.of('Filter'));
    const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
    if (filters.length === 1 && filters[0] === flate) {
      // The usual case, counted by zlib without keeping what it inflates.
      if ((await inflatedSize(object.contents, budget)) > budget) return { ok: false, problem: 'too_complex' };
    } else if (filters.length > 0) {
      // Chains (and LZW) through pdf-lib's decoders: held in memory, so capped at maxStreamBytes.
      try {
        if (decodePDFRawStream(object).decode().length > budget) return { ok: false, problem: 'too_complex' };
      } catch (error) {
        if (error instanceof TooComplex) return { ok: false, problem: 'too_complex' };
        // Encodings pdf-lib does not decode (DCT, JPX, CCITT, JBIG2) are pictures within the pixel cap.
      }
    }
  }
  return null;
}

async function checkPdf(bytes: Uint8Array, limits: ContentLimits): Promise<Verdict> {
  guardDecoders(limits.maxStreamBytes);
  let doc: PDFDocument;
  let pages: number;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
    pages = doc.getPageCount();
  } catch (error) {
    return { ok: false, problem: error instanceof TooComplex || decoder.tripped ? 'too_complex' : 'pdf_unreadable' };
  }
  if (decoder.tripped) return { ok: false, problem: 'too_complex' };
  if (pages < 1) return { ok: false, problem: 'pdf_unreadable' };
  if (pages > limits.maxPdfPages) return { ok: false, problem: 'too_many_pages', pages };
  return (await checkStreams(doc, limits)) ?? { ok: true, pages, width: null, height: null };
}

function checkImage(bytes: Uint8Array, mime: MaterialMime, limits: ContentLimits): Verdict {
  const size = imageSize(bytes, mime);
  if (!size) return { ok: false, problem: 'image_unreadable' };
  if (size.width * size.height > limits.maxImagePixels) return { ok: false, problem: 'too_many_pixels', ...size };
  return { ok: true, pages: 1, ...size };
}

/** The verdict on a file already typed by its first bytes. */
export async function checkContent(bytes: Uint8Array, mime: MaterialMime, limits: ContentLimits): Promise<Verdict> {
  return mime === 'application/pdf' ? checkPdf(bytes, limits) : checkImage(bytes, mime, limits);
}
