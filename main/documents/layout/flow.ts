import type { DrawOp } from './page';

/**
 * What a block (table, chart, QR code) needs of the document it flows into: the column, the
 * cursor, measuring, drawing and page breaks. `A4Document` is one; blocks depend on this, not on
 * the document class, so the document can place blocks without a cycle between them.
 */
export interface LayoutFlow {
  /** The cursor: the top of the next thing drawn, in points from the page top. */
  y: number;
  readonly left: number;
  readonly width: number;
  /** The right edge of the column. */
  readonly right: number;
  /** The usable height of a page. */
  readonly pageHeight: number;
  measure(text: string, size: number): number;
  /** Height left on the current page below the cursor. */
  remaining(): number;
  draw(...ops: DrawOp[]): void;
  pageBreak(): void;
  /** Breaks the page when less than `height` is left. */
  ensureSpace(height: number): void;
  space(height: number): void;
  /** Reserves a box at the right margin beside the following text. */
  floatRight(width: number, height: number): { x: number; y: number };
  /** Moves the cursor below every float. */
  clearFloats(): void;
}
