import type { CitizenDisplay } from '../../citizen/displays';

/**
 * Where the citizen window goes, as plain functions over a list of displays: no `electron` import,
 * so the rules are unit-tested without the binary (`citizen-window.ts` feeds them Electron's
 * `screen` and applies the answer).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the rules need of an Electron `Display` (its own fields keep their names). */
export interface PlacementDisplay {
  id: number;
  /** The whole display in screen coordinates (DIP): the citizen window covers it, full screen. */
  bounds: Rect;
  workArea: Rect;
  primary: boolean;
  /** A laptop's own panel: the clerk's, never the one turned to the citizen when another exists. */
  internal?: boolean;
  /** Pixels per DIP: the label gives the resolution the display's own settings show. */
  scaleFactor?: number;
}

export type CitizenPlacement = { kind: 'window'; displayId: number; bounds: Rect } | { kind: 'panel' };

/**
 * The clerk's choice as remembered: a display id, null for the in-window panel, undefined when the
 * clerk never chose (the first display not the clerk's is taken).
 */
export type RememberedDisplay = number | null | undefined;

/**
 * Decides the citizen window's display. The remembered display wins while it is plugged in and is
 * not the one the clerk works on; otherwise (never chosen, unplugged, or the clerk's window moved
 * onto it) the first other display, non-primary and external ones first. The remembered id is not
 * changed here: when the unplugged display comes back, the next placement returns to it. One
 * display, or the panel chosen: no window.
 */
export function placeCitizen(
  displays: readonly PlacementDisplay[],
  clerkDisplayId: number | null,
  remembered: RememberedDisplay,
): CitizenPlacement {
  if (remembered === null || displays.length < 2) return { kind: 'panel' };
  const others = displays.filter((d) => d.id !== clerkDisplayId);
  const target = others.find((d) => d.id === remembered) ?? fallback(others);
  if (!target) return { kind: 'panel' };
  return { kind: 'window', displayId: target.id, bounds: { ...target.bounds } };
}

/** Non-primary before primary, external before internal, then the system's order (sort is stable). */
function fallback(others: readonly PlacementDisplay[]): PlacementDisplay | undefined {
  const rank = (d: PlacementDisplay) => (d.primary ? 2 : 0) + (d.internal ? 1 : 0);
  return [...others].sort((a, b) => rank(a) - rank(b))[0];
}

/** Whether two placements put the window in the same place (a moved-to display with new metrics differs). */
export function samePlacement(a: CitizenPlacement, b: CitizenPlacement): boolean {
  if (a.kind === 'panel' || b.kind === 'panel') return a.kind === b.kind;
  return (
    a.displayId === b.displayId &&
    a.bounds.x === b.bounds.x &&
    a.bounds.y === b.bounds.y &&
    a.bounds.width === b.bounds.width &&
    a.bounds.height === b.bounds.height
  );
}

/** The display's resolution in pixels (a 1920×1080 monitor at 150 % is 1280×720 DIP). */
function pixels(display: PlacementDisplay): { width: number; height: number } {
  const scale = display.scaleFactor && display.scaleFactor > 0 ? display.scaleFactor : 1;
  return { width: Math.round(display.bounds.width * scale), height: Math.round(display.bounds.height * scale) };
}

/** How the clerk tells displays apart: `显示器 2（1920×1080）（主显示器）`; `index` counts from 0 in the system's list. */
export function displayLabel(display: PlacementDisplay, index: number): string {
  const { width, height } = pixels(display);
  return `显示器 ${index + 1}（${width}×${height}）${display.primary ? '（主显示器）' : ''}`;
}

/**
 * The displays the clerk may send the citizen window to: every one but the clerk's own (choosing it
 * would change nothing). Numbered over the whole list, so a display keeps its number wherever the
 * clerk's window is.
 */
export function citizenDisplays(
  displays: readonly PlacementDisplay[],
  clerkDisplayId: number | null,
): CitizenDisplay[] {
  return displays
    .map((display, index) => ({ display, index }))
    .filter(({ display }) => display.id !== clerkDisplayId)
    .map(({ display, index }) => ({
      id: display.id,
      label: displayLabel(display, index),
      ...pixels(display),
      primary: display.primary,
    }));
}
