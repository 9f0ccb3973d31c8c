import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../preload/contract/errors';
import { type PageOptions, type ProcessedPage, processScannedPage, type ScanPageInput } from './process';
import {
  a4At200,
  cachedPage,
  cachedScan as scan,
  type PageChoice,
  type PageKind,
  type ScanOptions,
} from './testing/fixtures';
import { alignedDifference, greyOf, patchMean } from './testing/measure';

// A4 at 200 dpi, as the window's default scan settings give.
const process = (bytes: Buffer, more: Partial<ScanPageInput> = {}, options?: PageOptions) =>
  processScannedPage({ bytes, mode: 'color', resolution: 200, dropBlank: true, ...more }, options);

// Most scans are looked at by more than one test: processed once per file.
const processed = new Map<string, Promise<ProcessedPage>>();
function colourPage(kind: PageKind, options: ScanOptions & PageChoice): Promise<ProcessedPage> {
  const key = `${kind} ${JSON.stringify(options)}`;
  let page = processed.get(key);
  if (!page) {
    page = scan(kind, options).then((bytes) => process(bytes, { resolution: options.dpi ?? 200 }));
    processed.set(key, page);
  }
  return page;
}
// The variants of the blank test at 100 dpi, a resolution some windows use for plain forms (and
// four times quicker to make): thin strokes are at their faintest there.
const at100 = { dpi: 100 } as const;

// The letter, skewed on a dark backing: the page most tests below look at.
const letter: ScanOptions = { angle: 1.2, backing: 'dark', border: 60 };
const photo: ScanOptions = { angle: -2, backing: 'dark' };

describe('blank pages', () => {
  const blankBack: ScanOptions = { angle: -1, backing: 'grey' };

  it('drops a blank back side: scanner noise, specks, show-through, a feeder shadow', async () => {
    expect(await colourPage('blank', blankBack)).toMatchObject({ blank: true, jpeg: null, thumbnail: null });
  });

  it('keeps a blank page when asked to, saying it is blank', async () => {
    const out = await process(await scan('blank', blankBack), { dropBlank: false });
    expect(out.blank).toBe(true);
    expect(out.jpeg).not.toBeNull();
    expect(out.thumbnail).not.toBeNull();
  });

  it('calls a page blank that fills the frame (no backing), its feeder shadow at the frame edge', async () => {
    expect((await colourPage('blank', { backing: 'none', ...at100 })).blank).toBe(true);
  });

  it.each<[PageKind, ScanOptions & PageChoice]>([
    ['stamp', { angle: 1, backing: 'dark' }],
    ['signature', { angle: -2.5, backing: 'dark', ...at100 }],
    ['signature', { angle: 2, backing: 'none', ...at100 }],
    ['short_line', { backing: 'grey', ...at100 }],
    ['text', letter],
    ['photo', photo],
  ])('keeps a page with a %s on it (%o)', async (kind, options) => {
    const out = await colourPage(kind, options);
    expect(out.blank).toBe(false);
    expect(out.jpeg).not.toBeNull();
  });

  it('keeps the stamp in a grey scan too', async () => {
    const bytes = await scan('stamp', { backing: 'dark', grey: true, ...at100 });
    expect((await process(bytes, { mode: 'gray', resolution: 100 })).blank).toBe(false);
  });

  it('takes the threshold as an option', async () => {
    const bytes = await scan('short_line', { backing: 'grey', ...at100 });
    expect((await process(bytes, { resolution: 100 }, { blank: { minInkMm2: 1000 } })).blank).toBe(true);
  });
});

describe('cropping to the sheet', () => {
  it('cuts the dark backing away and keeps every bit of the page', async () => {
    const out = await colourPage('text', letter);
    expect(out.cropped).toBe(true);
    // The sheet is 1654 × 2339; the crop may take up to a millimetre of its edge, never backing.
    expect(a4At200.width - out.width).toBeLessThanOrEqual(16);
    expect(a4At200.height - out.height).toBeLessThanOrEqual(16);
    const g = await greyOf(out.jpeg!);
    for (const [x, y] of [
      [0, 0],
      [g.width - 6, 0],
      [0, g.height - 6],
      [g.width - 6, g.height - 6],
    ] as const) {
      expect(patchMean(g, x, y, 6, 6)).toBeGreaterThan(200);
    }
    // Laid on the page as printed, the page as stored matches it (a scan's noise and JPEG make
    // about 5; a page a half degree off makes 15).
    const { difference, dx, dy } = await alignedDifference(out.jpeg!, await cachedPage('text'));
    expect(difference).toBeLessThan(8);
    expect(Math.max(Math.abs(dx), Math.abs(dy))).toBeLessThanOrEqual(8);
  });

  it('leaves a page that fills the frame as it is', async () => {
    const out = await colourPage('text', { backing: 'none', ...at100 });
    expect(out).toMatchObject({ cropped: false, width: 827, height: 1170 });
  });

  it('leaves the backing when cropping is off', async () => {
    const bytes = await scan('text', letter);
    const scanned = await sharp(bytes).metadata();
    const out = await process(bytes, {}, { crop: false, deskew: false });
    expect(out).toMatchObject({ cropped: false, width: scanned.width, height: scanned.height });
  });
});

describe('colour, size and metadata', () => {
  it('stores a colour page as sRGB JPEG under 300 KB, with its resolution', async () => {
    const out = await colourPage('text', letter);
    const meta = await sharp(out.jpeg!).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', channels: 3, space: 'srgb', density: 200 });
    expect(out.jpeg!.length).toBeLessThan(300 * 1024);
  });

  it('keeps a colour photo page under 300 KB too', async () => {
    expect((await colourPage('photo', photo)).jpeg!.length).toBeLessThan(300 * 1024);
  });

  it('makes a thumbnail 200 px wide from the stored page', async () => {
    const out = await colourPage('text', letter);
    const meta = await sharp(out.thumbnail!).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 200, channels: 3 });
    expect(Math.abs(meta.height / meta.width - out.height / out.width)).toBeLessThan(0.02);
  });

  it('stores grey as one channel, from a colour scan too', async () => {
    const out = await process(await scan('text', letter), { mode: 'gray' });
    expect(await sharp(out.jpeg!).metadata()).toMatchObject({
      format: 'jpeg',
      channels: 1,
      space: 'b-w',
      density: 200,
    });
    expect((await sharp(out.thumbnail!).metadata()).channels).toBe(1);
  });

  it('stores line art as a grey JPEG', async () => {
    const page = await cachedPage('short_line', 1, 100);
    const bilevel = await sharp(page).greyscale().threshold(128).png({ palette: true, colours: 2 }).toBuffer();
    const out = await process(bilevel, { mode: 'lineart', resolution: 300 });
    expect(await sharp(out.jpeg!).metadata()).toMatchObject({ channels: 1, density: 300 });
  });

  it('reads PNM as scanimage writes it: P6 colour and P4 line art', async () => {
    const { data, info } = await sharp(await scan('short_line', { backing: 'grey', ...at100 }))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const p6 = Buffer.concat([Buffer.from(`P6\n# scanimage\n${info.width} ${info.height}\n255\n`), data]);
    const out = await process(p6, { resolution: 100 });
    expect(out).toMatchObject({ blank: false, cropped: true });

    const width = 320;
    const height = 400;
    const rowBytes = width / 8;
    // Two black rules 40 px in, on white: set bits are black.
    const bits = Buffer.alloc(rowBytes * height);
    for (let y = 40; y < height - 40; y += 1) {
      for (const x of [40, 41, 42, width - 43, width - 42, width - 41])
        bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    const p4 = Buffer.concat([Buffer.from(`P4\n${width} ${height}\n`), bits]);
    const art = await process(p4, { mode: 'lineart', resolution: 100, dropBlank: false });
    expect(art).toMatchObject({ blank: false, width, height });
  });
});

describe('bad input', () => {
  const refused = async (bytes: Buffer, reason: string, options?: PageOptions) => {
    const error = await process(bytes, { page: 4 }, options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'docscan_bad_page', params: { page: 4, reason } });
  };
  const jpeg = () => scan('short_line', { backing: 'grey', ...at100 });

  it('refuses no bytes', () => refused(Buffer.alloc(0), '没有图像数据'));
  it('refuses bytes that are no image', () =>
    refused(Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 251)), '不是可识别的图像'));
  it('refuses a JPEG cut off in the middle', async () => {
    const whole = await jpeg();
    await refused(whole.subarray(0, whole.length >> 1), '图像不完整');
  });
  it('refuses a JPEG cut off in its header', async () => refused((await jpeg()).subarray(0, 300), '图像不完整'));
  it('refuses a TIFF cut off (its directory, at the end, is lost)', async () => {
    const tiff = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#eee' } })
      .tiff()
      .toBuffer();
    await refused(tiff.subarray(0, tiff.length >> 1), '图像已损坏');
  });
  it('refuses a PNM cut off', () =>
    refused(Buffer.concat([Buffer.from('P6\n800 600\n255\n'), Buffer.alloc(5000)]), '图像不完整'));
  it('refuses a PNM that claims 400 megapixels, before allocating them', () =>
    refused(Buffer.concat([Buffer.from('P5\n20000 20000\n255\n'), Buffer.alloc(100)]), '图像过大'));
  it('refuses a PNG that claims 10 gigapixels', async () => {
    const png = Buffer.from(
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    // IHDR is the first chunk: width and height at 16 and 20, its CRC after its 13 bytes of data.
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await refused(png, '图像过大');
  });
  it('refuses a real page over the pixel cap', async () => refused(await jpeg(), '图像过大', { maxPixels: 500_000 }));
  it('refuses a postage stamp of an image', async () => {
    await refused(
      await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
        .jpeg()
        .toBuffer(),
      '图像过小',
    );
  });
});
