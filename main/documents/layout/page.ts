import type { PDFImage, PDFPage } from 'pdf-lib';

/**
 * The page and what is drawn on it. Layout works top-down (y grows down the page, from its top
 * edge, in pt); the renderer turns that into PDF coordinates.
 */

export interface PageGeometry {
  width: number;
  height: number;
  /** Content area: left and right edges from the page's left, top and bottom from its top. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Header text baseline and the rule under it. */
  headerBaseline: number;
  headerRule: number;
  footerBaseline: number;
}

/** A4 portrait, 56 pt side margins, a header band and a footer line. */
export const a4: PageGeometry = {
  width: 595.28,
  height: 841.89,
  left: 56,
  right: 595.28 - 56,
  top: 72,
  bottom: 841.89 - 60,
  headerBaseline: 42,
  headerRule: 50,
  footerBaseline: 841.89 - 32,
};

export type Rgb = readonly [number, number, number];

/** Calm colours for official paper: black text, grey rules, red only for the copy stamp. */
export const colors = {
  text: [0, 0, 0],
  muted: [0.35, 0.35, 0.35],
  rule: [0.55, 0.55, 0.55],
  ruleLight: [0.8, 0.8, 0.8],
  fill: [0.93, 0.93, 0.93],
  zebra: [0.965, 0.965, 0.965],
  bar: [0.38, 0.45, 0.55],
  white: [1, 1, 1],
  stamp: [0.8, 0.1, 0.1],
} as const satisfies Record<string, Rgb>;

export type DrawOp =
  /** A run of text; y is its baseline. */
  | { kind: 'text'; x: number; y: number; text: string; size: number; bold?: boolean; color?: Rgb }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: Rgb }
  /** A rectangle; y is its top edge. */
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: Rgb; stroke?: Rgb; lineWidth?: number }
  /** Many filled rectangles in one path (QR modules, bars): [x, top, w, h]. */
  | { kind: 'rects'; rects: (readonly [number, number, number, number])[]; fill: Rgb };

/** One page of the output, in order. */
export type PageContent =
  /** A page laid out here: it gets the header, the page footer and the copy stamp. */
  | { kind: 'flow'; ops: DrawOp[] }
  /** A picture (embedded already) on its own A4 page, turned clockwise by `rotation`; `label` goes in its footer. */
  | { kind: 'image'; image: PDFImage; rotation: Rotation; label: string }
  /** A page copied from another PDF (not yet added), turned clockwise by `rotation`; `label` is overlaid as its footer. */
  | { kind: 'imported'; page: PDFPage; rotation: Rotation; label: string };

/** Clockwise quarter turns, as the clerk turned a file on screen. */
export type Rotation = 0 | 90 | 180 | 270;

/** The page's own rotation plus a clockwise turn, as one of 0, 90, 180, 270. */
export function turnOf(page: PDFPage, rotation: Rotation): Rotation {
  const turn = (((Math.round(page.getRotation().angle / 90) * 90 + rotation) % 360) + 360) % 360;
  return turn as Rotation;
}

/** The characters every text op draws. */
export function charactersOf(pages: readonly DrawOp[][]): Set<string> {
  const chars = new Set<string>();
  for (const ops of pages) for (const op of ops) if (op.kind === 'text') for (const char of op.text) chars.add(char);
  return chars;
}

/** Where the baseline of text of `size` sits in a line box of height `lineHeight` starting at `top`. */
export function baselineIn(top: number, lineHeight: number, size: number): number {
  // The ideographic em box (0.88 above the baseline, 0.12 below) centred in the line.
  return top + (lineHeight - size) / 2 + size * 0.88;
}
