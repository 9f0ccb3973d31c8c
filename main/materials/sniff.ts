import type { MaterialMime } from '@yichuang/domain/materials';

/**
 * What a file is, by its first bytes only: a name or an extension says nothing (a clerk's
 * "证明.pdf" may be a renamed program). Only JPEG, PNG and PDF are materials; a few common
 * other kinds are recognised so a refusal can say what the file really is.
 */

export type SniffResult = { mime: MaterialMime } | { mime: null; looksLike: string | null };

/**
 * Only at offset 0. Acrobat also takes the header anywhere in the first 1024 bytes, so a file that
 * starts as something else and says %PDF- within them is a polyglot (a JPEG or ZIP head that a PDF
 * reader opens as a PDF): refused, even when its head is an image's.
 */
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PDF_READERS_WINDOW = 1024;

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const accepted: { mime: MaterialMime; magic: number[] }[] = [
  { mime: 'image/jpeg', magic: JPEG_MAGIC },
  { mime: 'image/png', magic: PNG_MAGIC },
  { mime: 'application/pdf', magic: PDF_HEADER },
];

/** Kinds recognised only to name them in a refusal; `null` bytes match anything. */
const others: { kind: string; magic: (number | null)[] }[] = [
  { kind: 'Windows 程序 (.exe)', magic: [0x4d, 0x5a] }, // MZ
  { kind: 'ZIP 压缩包或 Office 文档', magic: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4
  { kind: 'GIF 图片', magic: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { kind: 'TIFF 图片', magic: [0x49, 0x49, 0x2a, 0x00] }, // II*\0
  { kind: 'TIFF 图片', magic: [0x4d, 0x4d, 0x00, 0x2a] }, // MM\0*
  // RIFF....WEBP
  { kind: 'WebP 图片', magic: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] },
  { kind: 'BMP 图片', magic: [0x42, 0x4d] }, // BM
  { kind: '程序文件', magic: [0x7f, 0x45, 0x4c, 0x46] }, // \x7fELF
  { kind: '旧版 Office 文档', magic: [0xd0, 0xcf, 0x11, 0xe0] },
];

function startsWith(bytes: Uint8Array, magic: readonly (number | null)[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => b === null || bytes[at + i] === b);
}

/** Whether a PDF reader would find a PDF header after offset 0 (a polyglot). */
function pdfHeaderLater(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_READERS_WINDOW) - PDF_HEADER.length;
  for (let i = 1; i <= end; i += 1) if (startsWith(bytes, PDF_HEADER, i)) return true;
  return false;
}

/**
 * The material type of `bytes`, or what they look like instead, by the signature at offset 0 only:
 * a file that starts like a program, a ZIP or anything unknown is refused even if "%PDF-" follows.
 */
export function sniffMaterial(bytes: Uint8Array): SniffResult {
  for (const { mime, magic } of accepted) {
    if (!startsWith(bytes, magic)) continue;
    // An image head with a PDF inside is two files in one: neither kind may be trusted.
    return mime !== 'application/pdf' && pdfHeaderLater(bytes) ? { mime: null, looksLike: null } : { mime };
  }
  for (const { kind, magic } of others) if (startsWith(bytes, magic)) return { mime: null, looksLike: kind };
  return { mime: null, looksLike: null };
}

function u16be(bytes: Uint8Array, at: number): number | null {
  const a = bytes[at];
  const b = bytes[at + 1];
  return a === undefined || b === undefined ? null : (a << 8) | b;
}

function u32be(bytes: Uint8Array, at: number): number | null {
  const hi = u16be(bytes, at);
  const lo = u16be(bytes, at + 2);
  return hi === null || lo === null ? null : hi * 0x10000 + lo;
}

function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  // Signature (8), then the IHDR chunk: length (4) "IHDR" (4) width (4) height (4).
  if (!startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12)) return null;
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  if (!width || !height || width > 0x7fffffff || height > 0x7fffffff) return null;
  return { width, height };
}

/** SOFn markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The EXIF orientation (1–8) in an APP1 segment's body, or null. */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number | null {
  // "Exif\0\0", then a TIFF header: byte order, 42, offset of IFD0.
  if (!startsWith(bytes, [0x45, 0x78, 0x69, 0x66, 0x00, 0x00], start)) return null;
  const tiff = start + 6;
  let little: boolean;
  if (startsWith(bytes, [0x49, 0x49], tiff)) little = true;
  else if (startsWith(bytes, [0x4d, 0x4d], tiff)) little = false;
  else return null;
  const u16 = (at: number): number | null => {
    if (at + 2 > end) return null;
    const v = u16be(bytes, at);
    return v === null ? null : little ? ((v & 0xff) << 8) | (v >> 8) : v;
  };
  const u32 = (at: number): number | null => {
    const a = u16(at);
    const b = u16(at + 2);
    if (a === null || b === null) return null;
    return little ? b * 0x10000 + a : a * 0x10000 + b;
  };
  const ifd = u32(tiff + 4);
  if (ifd === null) return null;
  const count = u16(tiff + ifd);
  if (count === null) return null;
  for (let i = 0; i < count; i += 1) {
    const entry = tiff + ifd + 2 + i * 12;
    const tag = u16(entry);
    if (tag === null) return null;
    if (tag === 0x0112) {
      const value = u16(entry + 8);
      return value !== null && value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let at = 2; // after SOI
  let orientation: number | null = null;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[at] === 0xff) at += 1;
    const marker = bytes[at];
    if (marker === undefined) return null;
    at += 1;
    // Markers without a length: TEM, RST0–7, SOI; EOI or SOS before a frame means no size.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = u16be(bytes, at);
    if (length === null || length < 2) return null;
    const end = at + length;
    if (marker === 0xe1 && orientation === null)
      orientation = exifOrientation(bytes, at + 2, Math.min(end, bytes.length));
    if (isStartOfFrame(marker)) {
      // length (2), precision (1), height (2), width (2)
      const height = u16be(bytes, at + 3);
      const width = u16be(bytes, at + 5);
      if (!width || !height) return null;
      // Orientations 5–8 turn the picture a quarter: the viewer shows it with width and height swapped.
      return orientation !== null && orientation >= 5 ? { width: height, height: width } : { width, height };
    }
    at = end;
  }
  return null;
}

/**
 * An image's size in pixels as it is displayed (a JPEG's EXIF orientation applied), from the
 * PNG IHDR chunk or the JPEG SOFn marker; null for a PDF, or when the header is missing or cut short.
 */
export function imageSize(bytes: Uint8Array, mime: MaterialMime): { width: number; height: number } | null {
  if (mime === 'image/png') return startsWith(bytes, PNG_MAGIC) ? pngSize(bytes) : null;
  if (mime === 'image/jpeg') return startsWith(bytes, JPEG_MAGIC) ? jpegSize(bytes) : null;
  return null;
}
