import { describe, expect, it } from 'vitest';
import { imageSize, sniffMaterial } from './sniff';
import { SOF0_AT, makeExe, makeJpeg, makePdf, withExifOrientation } from '../testing/sample-files';
import { makePng } from '@yichuang/domain/testing/images';

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('sniffMaterial', () => {
  it('recognises JPEG, PNG and PDF by their first bytes', async () => {
    expect(sniffMaterial(makeJpeg())).toEqual({ mime: 'image/jpeg' });
    expect(sniffMaterial(makePng(3, 2))).toEqual({ mime: 'image/png' });
    expect(sniffMaterial(await makePdf(1))).toEqual({ mime: 'application/pdf' });
  });

  it('takes a PDF header at offset 0 only: junk, a mail prefix or a ZIP head before it is refused', () => {
    const at = (offset: number): Buffer => Buffer.concat([Buffer.alloc(offset, 0x20), ascii('%PDF-1.4\n')]);
    expect(sniffMaterial(at(0))).toEqual({ mime: 'application/pdf' });
    for (const offset of [1, 100, 1024 - 5, 1024])
      expect(sniffMaterial(at(offset))).toEqual({ mime: null, looksLike: null });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), ascii('%PDF-1.7\n')]);
    expect(sniffMaterial(zip)).toEqual({ mime: null, looksLike: 'ZIP 压缩包或 Office 文档' });
  });

  it('refuses an image head with a PDF header in the first kilobyte (a polyglot), not a clean image', async () => {
    const jpeg = makeJpeg();
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x0c]), ascii('%PDF-1.7\n\n')]);
    const polyglot = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
    expect(sniffMaterial(polyglot)).toEqual({ mime: null, looksLike: null });
    const png = makePng(3, 2);
    expect(sniffMaterial(Buffer.concat([png, ascii('%PDF-1.7')]))).toEqual({ mime: null, looksLike: null });
    // Past the first kilobyte a PDF reader does not look: that is image data like any other.
    expect(sniffMaterial(Buffer.concat([png, Buffer.alloc(1024), ascii('%PDF-1.7')]))).toEqual({ mime: 'image/png' });
    expect(sniffMaterial(await makePdf(1))).toEqual({ mime: 'application/pdf' });
  });

  it('names common other kinds so a refusal can say what the file is', () => {
    const cases: [Buffer, string][] = [
      [makeExe(), 'Windows 程序 (.exe)'],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'ZIP 压缩包或 Office 文档'],
      [ascii('GIF89a\x01\x00\x01\x00'), 'GIF 图片'],
      [ascii('II*\0\x08\0\0\0'), 'TIFF 图片'],
      [ascii('MM\0*\0\0\0\x08'), 'TIFF 图片'],
      [ascii('RIFF\x24\0\0\0WEBPVP8 '), 'WebP 图片'],
      [ascii('BM\x36\0\0\0'), 'BMP 图片'],
      [ascii('\x7fELF\x02\x01\x01'), '程序文件'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '旧版 Office 文档'],
    ];
    for (const [bytes, kind] of cases) expect(sniffMaterial(bytes)).toEqual({ mime: null, looksLike: kind });
  });

  it('refuses a program even when "%PDF-" follows soon after its first bytes', () => {
    const exe = makeExe();
    exe.write('%PDF-1.7', 100, 'latin1');
    expect(sniffMaterial(exe)).toEqual({ mime: null, looksLike: 'Windows 程序 (.exe)' });
  });

  it('returns null for unknown, empty and too-short input', () => {
    expect(sniffMaterial(ascii('hello, world'))).toEqual({ mime: null, looksLike: null });
    expect(sniffMaterial(new Uint8Array(0))).toEqual({ mime: null, looksLike: null });
    expect(sniffMaterial(Buffer.from([0xff, 0xd8]))).toEqual({ mime: null, looksLike: null });
    expect(sniffMaterial(ascii('RIFF\0\0\0\0WAVE'))).toEqual({ mime: null, looksLike: null });
  });
});

describe('imageSize', () => {
  it('reads a PNG size from IHDR', () => {
    expect(imageSize(makePng(3, 2), 'image/png')).toEqual({ width: 3, height: 2 });
    expect(imageSize(makePng(1, 700), 'image/png')).toEqual({ width: 1, height: 700 });
  });

  it('reads a JPEG size from the SOF marker, past APPn and DQT segments', () => {
    expect(imageSize(makeJpeg(), 'image/jpeg')).toEqual({ width: 2, height: 2 });
    expect(imageSize(makeJpeg(5, 3), 'image/jpeg')).toEqual({ width: 5, height: 3 });
  });

  it('reads progressive (SOF2) frames and skips fill bytes before markers', () => {
    const progressive = makeJpeg(5, 3);
    progressive[SOF0_AT + 1] = 0xc2;
    expect(imageSize(progressive, 'image/jpeg')).toEqual({ width: 5, height: 3 });
    const padded = Buffer.concat([
      progressive.subarray(0, SOF0_AT),
      Buffer.from([0xff, 0xff]),
      progressive.subarray(SOF0_AT),
    ]);
    expect(imageSize(padded, 'image/jpeg')).toEqual({ width: 5, height: 3 });
  });

  it('does not take DHT (C4) for a frame', () => {
    const jpeg = makeJpeg(5, 3);
    // Turn SOF0 into a bogus C4 segment: no frame is left before SOS.
    jpeg[SOF0_AT + 1] = 0xc4;
    expect(imageSize(jpeg, 'image/jpeg')).toBeNull();
  });

  it('applies the EXIF orientation: a quarter turn swaps width and height', () => {
    const jpeg = makeJpeg(5, 3);
    expect(imageSize(withExifOrientation(jpeg, 1), 'image/jpeg')).toEqual({ width: 5, height: 3 });
    expect(imageSize(withExifOrientation(jpeg, 3), 'image/jpeg')).toEqual({ width: 5, height: 3 });
    expect(imageSize(withExifOrientation(jpeg, 6), 'image/jpeg')).toEqual({ width: 3, height: 5 });
    expect(imageSize(withExifOrientation(jpeg, 8, true), 'image/jpeg')).toEqual({ width: 3, height: 5 });
  });

  it('returns null for truncated input at every length, without throwing', () => {
    const png = makePng(3, 2);
    const jpeg = withExifOrientation(makeJpeg(5, 3), 6);
    for (let n = 0; n < 24; n += 1) expect(imageSize(png.subarray(0, n), 'image/png')).toBeNull();
    expect(imageSize(png.subarray(0, 24), 'image/png')).toEqual({ width: 3, height: 2 });
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    for (let n = 0; n < sof + 9; n += 1) expect(imageSize(jpeg.subarray(0, n), 'image/jpeg')).toBeNull();
    expect(imageSize(jpeg.subarray(0, sof + 9), 'image/jpeg')).toEqual({ width: 3, height: 5 });
  });

  it('returns null for zero sizes, a wrong signature, garbage between segments, and PDFs', async () => {
    expect(imageSize(makePng(0, 2), 'image/png')).toBeNull();
    expect(imageSize(makeJpeg(0, 3), 'image/jpeg')).toBeNull();
    expect(imageSize(makeJpeg(), 'image/png')).toBeNull();
    expect(imageSize(makePng(3, 2), 'image/jpeg')).toBeNull();
    const broken = makeJpeg();
    broken[0x14] = 0x00; // where the DQT marker's 0xFF should be
    expect(imageSize(broken, 'image/jpeg')).toBeNull();
    expect(imageSize(await makePdf(1), 'application/pdf')).toBeNull();
  });
});
