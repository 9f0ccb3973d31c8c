import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { PDFDocument, PDFString } from 'pdf-lib';

/** Test helpers only: small real files of every kind the materials code meets. */

/** A known-good 2×2 greyscale baseline JPEG (JFIF, SOF0 at offset 0x59). */
const tinyJpegBase64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/' +
  'wAALCAACAAIBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEI' +
  'I0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ip' +
  'qrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/ACv/2Q==';

export const SOF0_AT = 0x59;

/**
 * A valid JPEG of `width`×`height` up to 8×8: the tiny JPEG with its frame size changed (one
 * 8×8 block covers any size up to 8, so the scan data still decodes).
 */
export function makeJpeg(width = 2, height = 2): Buffer {
  const bytes = Buffer.from(tinyJpegBase64, 'base64');
  if (bytes[SOF0_AT] !== 0xff || bytes[SOF0_AT + 1] !== 0xc0) throw new Error('tiny JPEG fixture is not as expected');
  bytes.writeUInt16BE(height, SOF0_AT + 5);
  bytes.writeUInt16BE(width, SOF0_AT + 7);
  return bytes;
}

/** The JPEG with an EXIF APP1 segment (orientation `orientation`) inserted after SOI. */
export function withExifOrientation(jpeg: Buffer, orientation: number, littleEndian = false): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  if (littleEndian) {
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(1, 8); // one entry
    tiff.writeUInt16LE(0x0112, 10); // Orientation
    tiff.writeUInt16LE(3, 12); // SHORT
    tiff.writeUInt32LE(1, 14);
    tiff.writeUInt16LE(orientation, 18);
  } else {
    tiff.write('MM', 0, 'latin1');
    tiff.writeUInt16BE(42, 2);
    tiff.writeUInt32BE(8, 4);
    tiff.writeUInt16BE(1, 8);
    tiff.writeUInt16BE(0x0112, 10);
    tiff.writeUInt16BE(3, 12);
    tiff.writeUInt32BE(1, 14);
    tiff.writeUInt16BE(orientation, 18);
  }
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}

/** A real PDF of `pages` A4 pages, made with pdf-lib. */
export async function makePdf(pages: number, title = 'test'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  for (let i = 0; i < pages; i += 1) doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

/** A one-page PDF whose trailer names a standard security handler, as an encrypted PDF's does. */
export async function makeEncryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  const encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    O: PDFString.of('o'),
    U: PDFString.of('u'),
    P: -4,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The start of a Windows program: "MZ", then padding and the DOS stub text. */
export function makeExe(): Buffer {
  const bytes = Buffer.alloc(512, 0);
  bytes.write('MZ', 0, 'latin1');
  bytes.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return bytes;
}

const MiB = 1024 * 1024;

/**
 * zlib data that inflates to `mebibytes` MiB of zeros, about 1 KB per MiB: one MiB deflated on its own
 * (a full flush, so each copy stands alone) and repeated, then the end block and the checksum.
 */
export function deflatedZeros(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((mebibytes * MiB) % 65521) * 0x10000 + 1) >>> 0); // Adler-32 of zeros: a = 1, b = length
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(mebibytes).fill(block), deflateRawSync(''), adler]);
}

/**
 * A compression bomb: a PDF with one good A4 page and one stream that inflates to `mebibytes` MiB of
 * zeros — an object stream (pdf-lib inflates those while it loads the file) or the page's contents
 * (inflated by whatever draws the page). `twice` deflates the deflated data again
 * ([/FlateDecode /FlateDecode]): the file stays a few KB whatever it inflates to.
 */
export function makeBombPdf(where: 'object-stream' | 'page-contents', mebibytes: number, twice = false): Buffer {
  const zeros = deflatedZeros(mebibytes);
  const data = twice ? deflateSync(zeros, { level: 9 }) : zeros;
  const filter = twice ? '[/FlateDecode /FlateDecode]' : '/FlateDecode';
  const contents = where === 'page-contents' ? ' /Contents 4 0 R' : '';
  const kind = where === 'object-stream' ? '/Type /ObjStm /N 1 /First 4 ' : '';
  const head = [
    '%PDF-1.7',
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj',
    `3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]${contents} >>\nendobj`,
    `4 0 obj\n<< ${kind}/Filter ${filter} /Length ${data.length} >>\nstream\n`,
  ].join('\n');
  const tail = '\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), data, Buffer.from(tail, 'latin1')]);
}

/** The PNG with the size in its header changed (the CRC made right): a picture claiming any size. */
export function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const bytes = Buffer.from(png);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29); // over "IHDR" and its 13 bytes
  return bytes;
}
