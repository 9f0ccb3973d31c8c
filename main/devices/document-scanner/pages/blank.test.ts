import { describe, expect, it } from 'vitest';
import { distanceToEdge, measureInk } from './blank';
import { findBacking } from './crop';
import type { Raster } from './render';

// A 200 × 280 analysis copy of a sheet: 2 analysis pixels per mm (about 50 dpi).
const w = 200;
const h = 280;
const pxPerMm = 2;

function paper(level = 235): Raster {
  const data = new Uint8Array(w * h);
  // Paper with a little texture: ±3 levels in a fixed pattern.
  for (let i = 0; i < data.length; i += 1) data[i] = level - 3 + ((i * 7919) % 7);
  return { data, width: w, height: h };
}

function fill(r: Raster, x: number, y: number, width: number, height: number, value: number): void {
  for (let j = y; j < y + height; j += 1) for (let i = x; i < x + width; i += 1) r.data[j * w + i] = value;
}

const inkOf = (r: Raster) => measureInk(r, distanceToEdge(null, w, h), 235, pxPerMm);

describe('distance to the sheet edge', () => {
  it('counts from the frame edge without a backing, and from the backing where there is one', () => {
    const d = distanceToEdge(null, 10, 10);
    expect([d[0], d[11], d[22], d[4 * 10 + 4]]).toEqual([3, 6, 9, 15]);
    const backing = new Uint8Array(100);
    for (let y = 0; y < 10; y += 1) backing[y * 10] = backing[y * 10 + 1] = 1;
    const e = distanceToEdge(backing, 10, 10);
    expect([e[5 * 10 + 1], e[5 * 10 + 2], e[5 * 10 + 4]]).toEqual([0, 3, 9]);
  });
});

describe('ink on the sheet', () => {
  it('finds none on textured paper', () => {
    expect(inkOf(paper())).toMatchObject({ blank: true, marks: 0 });
  });

  it('ignores show-through: a whole page of faint print, 30 levels under the paper', () => {
    const r = paper();
    for (let y = 30; y < 250; y += 12) fill(r, 30, y, 140, 4, 205);
    expect(inkOf(r).blank).toBe(true);
  });

  it('ignores dust: specks under 2 mm, however dark', () => {
    const r = paper();
    for (const [x, y] of [
      [40, 40],
      [120, 90],
      [60, 200],
      [150, 230],
    ] as const) {
      fill(r, x, y, 3, 3, 20);
    }
    expect(inkOf(r)).toMatchObject({ blank: true, marks: 0 });
  });

  it('ignores the margin band: a feeder shadow along the edge', () => {
    const r = paper();
    fill(r, 0, 0, w, 8, 90);
    expect(inkOf(r).blank).toBe(true);
  });

  it('sees one short handwritten word: 6 mm of stroke, half a mm wide, in blue', () => {
    const r = paper();
    fill(r, 100, 150, 12, 1, 120);
    fill(r, 105, 146, 1, 9, 120);
    expect(inkOf(r).blank).toBe(false);
  });

  it('sees a stamp ring in the corner, just clear of the margin band', () => {
    const r = paper();
    for (let a = 0; a < 360; a += 1) {
      const x = Math.round(160 + 14 * Math.cos((a * Math.PI) / 180));
      const y = Math.round(240 + 14 * Math.sin((a * Math.PI) / 180));
      fill(r, x, y, 2, 2, 110);
    }
    expect(inkOf(r)).toMatchObject({ blank: false, marks: 1 });
  });

  it('never calls a dark sheet blank', () => {
    expect(measureInk(paper(70), distanceToEdge(null, w, h), 70, pxPerMm).blank).toBe(false);
  });
});

describe('the backing around the sheet', () => {
  it('finds a dark backing and leaves the print inside the sheet alone', () => {
    const r = paper();
    fill(r, 0, 0, w, 12, 30);
    fill(r, 0, 0, 10, h, 30);
    fill(r, w - 10, 0, 10, h, 30);
    fill(r, 0, h - 12, w, 12, 30);
    fill(r, 50, 100, 100, 6, 25);
    const backing = findBacking(r)!;
    expect(backing.level).toBeLessThan(40);
    expect(backing.mask[5 * w + 5]).toBe(1);
    expect(backing.mask[102 * w + 60]).toBe(0);
  });

  it('finds none when the sheet fills the frame', () => {
    expect(findBacking(paper())).toBeNull();
  });
});
