import { describe, expect, it } from 'vitest';
import {
  citizenDisplays,
  displayLabel,
  placeCitizen,
  samePlacement,
  type CitizenPlacement,
  type PlacementDisplay,
} from './citizen-placement';

/** A 1920×1080 display (unless `extra` says otherwise) whose left edge is at `x`. */
function display(id: number, x: number, extra: Partial<PlacementDisplay> = {}): PlacementDisplay {
  const bounds = { x, y: 0, width: 1920, height: 1080 };
  return { id, bounds, workArea: { ...bounds, height: 1040 }, primary: false, ...extra };
}

const laptop = display(1, 0, { primary: true, internal: true });
const left = display(2, -1920);
const right = display(3, 1920, { bounds: { x: 1920, y: 0, width: 1280, height: 1024 } });

function on(d: PlacementDisplay): CitizenPlacement {
  return { kind: 'window', displayId: d.id, bounds: d.bounds };
}

describe('placeCitizen', () => {
  it('shows the panel with one display, whatever was remembered', () => {
    expect(placeCitizen([laptop], laptop.id, undefined)).toEqual({ kind: 'panel' });
    expect(placeCitizen([laptop], laptop.id, laptop.id)).toEqual({ kind: 'panel' });
    expect(placeCitizen([laptop], laptop.id, 99)).toEqual({ kind: 'panel' });
    expect(placeCitizen([], null, undefined)).toEqual({ kind: 'panel' });
  });

  it('goes to the other display of two when never chosen, covering all of it (not its work area)', () => {
    expect(placeCitizen([laptop, right], laptop.id, undefined)).toEqual(on(right));
    // The clerk on the second display: the citizen window takes the primary one.
    expect(placeCitizen([laptop, right], right.id, undefined)).toEqual(on(laptop));
  });

  it('shows the panel when the clerk chose it, however many displays there are', () => {
    expect(placeCitizen([laptop, right], laptop.id, null)).toEqual({ kind: 'panel' });
    expect(placeCitizen([laptop, left, right], laptop.id, null)).toEqual({ kind: 'panel' });
  });

  it('goes to the remembered display while it is plugged in', () => {
    expect(placeCitizen([laptop, left, right], laptop.id, right.id)).toEqual(on(right));
    expect(placeCitizen([laptop, left, right], laptop.id, left.id)).toEqual(on(left));
  });

  it('prefers, among three, a display that is neither primary nor internal when never chosen', () => {
    expect(placeCitizen([laptop, left, right], laptop.id, undefined)).toEqual(on(left));
    // The clerk on an external display: the other external one, not the laptop's (primary) panel.
    expect(placeCitizen([laptop, left, right], left.id, undefined)).toEqual(on(right));
    // A non-primary internal panel still comes after an external one.
    const internal = display(4, 3840, { internal: true });
    const primaryExternal = display(5, 0, { primary: true });
    expect(placeCitizen([primaryExternal, internal, right], primaryExternal.id, undefined)).toEqual(on(right));
    // Nothing better than the primary: it is taken.
    expect(placeCitizen([laptop, left], left.id, undefined)).toEqual(on(laptop));
  });

  it('moves away from the remembered display when the clerk’s window is on it', () => {
    expect(placeCitizen([laptop, right], right.id, right.id)).toEqual(on(laptop));
    expect(placeCitizen([laptop, left, right], right.id, right.id)).toEqual(on(left));
  });

  it('falls back like a first start when the remembered display is unplugged', () => {
    expect(placeCitizen([laptop, left], laptop.id, right.id)).toEqual(on(left));
    expect(placeCitizen([laptop], laptop.id, right.id)).toEqual({ kind: 'panel' });
  });

  it('follows displays as they are added and removed, returning to the remembered one', () => {
    const remembered = right.id;
    let displays = [laptop, left, right];
    expect(placeCitizen(displays, laptop.id, remembered)).toEqual(on(right));
    displays = [laptop, left]; // the remembered display unplugged
    expect(placeCitizen(displays, laptop.id, remembered)).toEqual(on(left));
    displays = [laptop]; // and the other one too
    expect(placeCitizen(displays, laptop.id, remembered)).toEqual({ kind: 'panel' });
    displays = [laptop, right]; // the remembered one back
    expect(placeCitizen(displays, laptop.id, remembered)).toEqual(on(right));
    displays = [laptop, right, left];
    expect(placeCitizen(displays, laptop.id, remembered)).toEqual(on(right));
  });

  it('takes the new bounds of a display whose resolution or position changed', () => {
    const moved = { ...right, bounds: { x: 1920, y: -200, width: 2560, height: 1440 } };
    expect(placeCitizen([laptop, moved], laptop.id, right.id)).toEqual(on(moved));
  });

  it('does not let the caller’s display object be changed through the answer', () => {
    const placement = placeCitizen([laptop, right], laptop.id, undefined);
    if (placement.kind !== 'window') throw new Error('expected a window');
    placement.bounds.x = 0;
    expect(right.bounds.x).toBe(1920);
  });

  it('treats an unknown clerk’s display as none: every display may be the citizen’s', () => {
    expect(placeCitizen([laptop, right], null, laptop.id)).toEqual(on(laptop));
    expect(placeCitizen([laptop, right], 42, undefined)).toEqual(on(right));
  });
});

describe('samePlacement', () => {
  it('tells a move or a resize from nothing new', () => {
    expect(samePlacement({ kind: 'panel' }, { kind: 'panel' })).toBe(true);
    expect(samePlacement(on(right), { kind: 'panel' })).toBe(false);
    expect(samePlacement({ kind: 'panel' }, on(right))).toBe(false);
    expect(samePlacement(on(right), { kind: 'window', displayId: right.id, bounds: { ...right.bounds } })).toBe(true);
    expect(samePlacement(on(right), on(left))).toBe(false);
    for (const change of [{ x: 0 }, { y: 5 }, { width: 1920 }, { height: 1080 }]) {
      const resized = { kind: 'window' as const, displayId: right.id, bounds: { ...right.bounds, ...change } };
      expect(samePlacement(on(right), resized), JSON.stringify(change)).toBe(false);
    }
  });
});

describe('displayLabel', () => {
  it('numbers from 1 and marks the primary display', () => {
    expect(displayLabel(laptop, 0)).toBe('显示器 1（1920×1080）（主显示器）');
    expect(displayLabel(right, 2)).toBe('显示器 3（1280×1024）');
  });

  it('gives the resolution in pixels when the system scales the display', () => {
    const scaled = display(7, 0, { bounds: { x: 0, y: 0, width: 1280, height: 720 }, scaleFactor: 1.5 });
    expect(displayLabel(scaled, 1)).toBe('显示器 2（1920×1080）');
    const hidpi = display(8, 0, { bounds: { x: 0, y: 0, width: 1536, height: 864 }, scaleFactor: 1.25 });
    expect(displayLabel(hidpi, 0)).toBe('显示器 1（1920×1080）');
    expect(displayLabel({ ...scaled, scaleFactor: 0 }, 1)).toBe('显示器 2（1280×720）');
  });
});

describe('citizenDisplays', () => {
  it('lists every display but the clerk’s, numbered over the whole list', () => {
    expect(citizenDisplays([laptop, left, right], laptop.id)).toEqual([
      { id: 2, label: '显示器 2（1920×1080）', width: 1920, height: 1080, primary: false },
      { id: 3, label: '显示器 3（1280×1024）', width: 1280, height: 1024, primary: false },
    ]);
    expect(citizenDisplays([laptop, left, right], left.id)).toEqual([
      { id: 1, label: '显示器 1（1920×1080）（主显示器）', width: 1920, height: 1080, primary: true },
      { id: 3, label: '显示器 3（1280×1024）', width: 1280, height: 1024, primary: false },
    ]);
  });

  it('is empty with one display (only the panel is left)', () => {
    expect(citizenDisplays([laptop], laptop.id)).toEqual([]);
  });

  it('gives the width and height in pixels, like the label', () => {
    const scaled = display(7, 1920, { bounds: { x: 1920, y: 0, width: 1280, height: 720 }, scaleFactor: 1.5 });
    expect(citizenDisplays([laptop, scaled], laptop.id)).toEqual([
      { id: 7, label: '显示器 2（1920×1080）', width: 1920, height: 1080, primary: false },
    ]);
  });
});
