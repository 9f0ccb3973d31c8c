import { endianness } from 'node:os';

/**
 * PNM (`scanimage --format=pnm`): the prebuilt libvips in sharp has no PPM loader, so the header is
 * read here and the pixels handed to sharp as raw input. P5/P6 samples are used where they lie
 * (8-bit) or byte-swapped in place by Buffer.swap16 (16-bit, big-endian in the file); only P4's
 * bits need unpacking, one byte per pixel. scanimage writes no plain (ASCII) PNM, nor do we read it.
 */

export interface PnmImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** 8-bit samples, or 16-bit in the machine's byte order. */
  data: Uint8Array | Uint16Array;
  /** The largest sample value (255 or 65535 for the usual files). */
  maxval: number;
}

/** Why a PNM cannot be read, as a short phrase for the clerk. */
export class PnmError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Whether the bytes start like a binary PNM (P4, P5, P6). */
export function isPnm(bytes: Buffer): boolean {
  return (
    bytes.length >= 3 &&
    bytes[0] === 0x50 &&
    bytes[1]! >= 0x34 &&
    bytes[1]! <= 0x36 &&
    /\s/.test(String.fromCharCode(bytes[2]!))
  );
}

/** Reads a binary PNM; refuses more than `maxPixels` before allocating anything. */
export function readPnm(bytes: Buffer, maxPixels: number): PnmImage {
  const kind = bytes[1]! - 0x30;
  const fields: number[] = [];
  let at = 2;
  const wanted = kind === 4 ? 2 : 3;
  while (fields.length < wanted) {
    while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at]!))) at += 1;
    if (bytes[at] === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at += 1;
      continue;
    }
    const start = at;
    while (at < bytes.length && bytes[at]! >= 0x30 && bytes[at]! <= 0x39) at += 1;
    if (at === start || at - start > 9) throw new PnmError(at >= bytes.length ? '图像不完整' : '不是可识别的图像');
    fields.push(Number(bytes.subarray(start, at).toString('latin1')));
  }
  // Exactly one whitespace byte ends the header.
  at += 1;
  const [width = 0, height = 0, maxval = 1] = fields;
  if (width < 1 || height < 1 || maxval < 1 || maxval > 65535) throw new PnmError('不是可识别的图像');
  if (width * height > maxPixels) throw new PnmError('图像过大');
  const channels = kind === 6 ? 3 : 1;

  if (kind === 4) {
    const rowBytes = Math.ceil(width / 8);
    if (bytes.length - at < rowBytes * height) throw new PnmError('图像不完整');
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y += 1) {
      const row = at + y * rowBytes;
      for (let x = 0; x < width; x += 1) {
        // A set bit is black.
        data[y * width + x] = (bytes[row + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 0 : 255;
      }
    }
    return { width, height, channels: 1, data, maxval: 255 };
  }
  const sampleBytes = maxval > 255 ? 2 : 1;
  const size = width * height * channels * sampleBytes;
  if (bytes.length - at < size) throw new PnmError('图像不完整');
  if (sampleBytes === 1) return { width, height, channels, data: bytes.subarray(at, at + size), maxval };
  // Buffer.alloc, not a pooled copy: a Uint16Array needs an even offset.
  const copy = Buffer.alloc(size);
  bytes.copy(copy, 0, at, at + size);
  if (endianness() === 'LE') copy.swap16();
  return { width, height, channels, data: new Uint16Array(copy.buffer, copy.byteOffset, size / 2), maxval };
}
