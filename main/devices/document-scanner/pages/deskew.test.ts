import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateSkew } from './deskew';
import { processScannedPage } from './process';
import { type Pixels, turnAndCut, uprightBounds } from './render';
import { a4At200, pageImage, scanOf, type ScanOptions } from './testing/fixtures';
import { alignedDifference, darkestRow, firstDarkRow, greyOf } from './testing/measure';

const mm = (v: number) => Math.round((v * a4At200.dpi) / 25.4);

describe('skew estimate', () => {
  const linesAt = (degrees: number, jitter = 0) => {
    // Ten lines of points 40 px apart, 400 px long, turned clockwise by `degrees`.
    const xs: number[] = [];
    const ys: number[] = [];
    const r = (degrees * Math.PI) / 180;
    for (let line = 0; line < 10; line += 1) {
      for (let x = 0; x < 400; x += 2) {
        const y = 50 + line * 40 + ((x * 7919) % 5) * jitter;
        xs.push(Math.round(50 + x * Math.cos(r) - y * Math.sin(r)));
        ys.push(Math.round(x * Math.sin(r) + y * Math.cos(r)));
      }
    }
    return { xs: Int32Array.from(xs), ys: Int32Array.from(ys), count: xs.length };
  };

  it.each([-4.6, -2, -0.4, 0, 0.7, 3.3])('finds %f° in lines of points', (degrees) => {
    const found = estimateSkew(linesAt(degrees, 1), 600, 700);
    expect(Math.abs(found!.degrees - degrees)).toBeLessThan(0.15);
    expect(found!.confidence).toBeGreaterThan(2);
  });

  it('is unsure about points with no lines in them', () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const xs = Int32Array.from({ length: 5000 }, () => Math.floor(random() * 500));
    const ys = Int32Array.from({ length: 5000 }, () => Math.floor(random() * 700));
    expect(estimateSkew({ xs, ys, count: xs.length }, 500, 700)!.confidence).toBeLessThan(1.15);
  });

  it('says nothing from a handful of points', () => {
    expect(estimateSkew({ xs: new Int32Array(10), ys: new Int32Array(10), count: 10 }, 100, 100)).toBeNull();
  });
});

describe('turning in bands', () => {
  it('joins the bands without a seam: the same pixels as one turn of the whole', async () => {
    const { data, info } = await sharp(await pageImage('text'))
      .resize(400)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const px: Pixels = { data, width: info.width, height: info.height, channels: 3 };
    for (const skew of [-3.7, 1.3]) {
      const b = uprightBounds(px.width, px.height, skew);
      // Inside the turned image: where a sample straddles the image's own border, a rounding
      // difference in the last bit of a coordinate can flip one pixel between image and fill.
      const rect = { left: b.left + 31, top: b.top + 29, width: b.width - 65, height: b.height - 61 };
      const whole = await turnAndCut(px, skew, rect, 'bilinear', 1);
      const banded = await turnAndCut(px, skew, rect, 'bilinear', 3);
      expect(banded.data.equals(whole.data)).toBe(true);
    }
  });
});

describe('deskew of scanned pages', () => {
  let page: Buffer;
  beforeAll(async () => {
    page = await pageImage('text');
  });

  const cases: [number, ScanOptions['backing']][] = [
    [-4, 'dark'],
    [-1.5, 'grey'],
    [0, 'dark'],
    // Just over the turning threshold, where the pixel grid itself pulls an estimate towards 0°.
    [-0.4, 'grey'],
    [2, 'none'],
    [3.5, 'dark'],
  ];

  it.each(cases)('recovers %f° (%s backing) within 0.3° and the page comes out upright', async (angle, backing) => {
    const bytes = await scanOf(page, { angle, backing });
    const out = await processScannedPage({ bytes, mode: 'color', resolution: 200, dropBlank: false });
    expect(Math.abs(out.skewDegrees - angle)).toBeLessThanOrEqual(0.3);
    // Cut to the sheet (which has no backing to cut when it fills the frame), and laid on the page
    // as printed it matches it: a scan's noise and JPEG make about 5, a page half a degree off 15.
    expect(out.cropped).toBe(backing !== 'none');
    expect((await alignedDifference(out.jpeg!, page)).difference).toBeLessThan(8);

    const g = await greyOf(out.jpeg!);
    // The rule under the title runs from 28 mm to 26 mm short of the right edge, 45 mm down:
    // its centre lies in the same row near both ends (3 px over 1150 px is 0.15°).
    const left = Math.round(g.width * 0.15);
    const right = Math.round(g.width * 0.85);
    const ruleLeft = darkestRow(g, left, mm(39), mm(50));
    const ruleRight = darkestRow(g, right, mm(39), mm(50));
    expect(Math.abs(ruleLeft - ruleRight)).toBeLessThanOrEqual(3);
    // The title bar's top edge, level too (3 px over 660 px).
    const titleLeft = firstDarkRow(g, Math.round(g.width * 0.3));
    const titleRight = firstDarkRow(g, Math.round(g.width * 0.7));
    expect(Math.abs(titleLeft - titleRight)).toBeLessThanOrEqual(3);
    // …where the page has it, 30 mm from the top, give or take the crop.
    expect(Math.abs(titleLeft - mm(30))).toBeLessThan(mm(3));
  });
});
