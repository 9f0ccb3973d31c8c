import type { LayoutFlow } from './flow';
import { type DrawOp, baselineIn, colors } from './page';
import { breakLines, trimEndSpaces } from './text';

/**
 * Tables that run over pages: the header row is repeated at the top of every page the table
 * continues on, cells wrap, and a row is never split across pages unless it alone is taller than
 * a page (then its lines are split).
 */

export interface TableColumn {
  header: string;
  /** Fixed width in pt; without it the column shares the rest by `flex` (default 1). */
  width?: number;
  flex?: number;
  /** 'right' for numbers. */
  align?: 'left' | 'center' | 'right';
}

export interface TableSpec {
  columns: TableColumn[];
  rows: string[][];
  /** A last row in bold under a heavier rule, e.g. 合计. */
  totals?: string[];
  size?: number;
  /** Shade every other row. */
  zebra?: boolean;
  /** Thin grey rules around every cell (default true); without, only rules between rows. */
  borders?: boolean;
}

const padX = 4;
const padY = 3.5;

/** Widths of the columns in a table `total` wide. */
export function columnWidths(columns: TableColumn[], total: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const flex = columns.reduce((sum, c) => sum + (c.width === undefined ? (c.flex ?? 1) : 0), 0);
  const rest = Math.max(0, total - fixed);
  return columns.map((c) => c.width ?? (flex > 0 ? (rest * (c.flex ?? 1)) / flex : 0));
}

interface LaidRow {
  cells: string[][];
  bold: boolean;
  shade: boolean;
  totals: boolean;
}

export function table(doc: LayoutFlow, spec: TableSpec): void {
  const size = spec.size ?? 10;
  const lh = size * 1.45;
  const borders = spec.borders ?? true;
  const widths = columnWidths(spec.columns, doc.width);
  const lefts = widths.map((_, i) => doc.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const measure = (s: string) => doc.measure(s, size);
  const wrap = (text: string, col: number) =>
    breakLines(text.replace(/\t/g, ' '), measure, { width: Math.max(size, (widths[col] ?? 0) - 2 * padX) });
  const lay = (cells: string[], bold: boolean, shade: boolean, totals = false): LaidRow => ({
    cells: spec.columns.map((_, c) => wrap(cells[c] ?? '', c)),
    bold,
    shade,
    totals,
  });
  const height = (row: LaidRow, from = 0, to = Infinity) =>
    Math.max(1, ...row.cells.map((lines) => Math.max(0, Math.min(lines.length, to) - from))) * lh + 2 * padY;

  const header = lay(
    spec.columns.map((c) => c.header),
    true,
    false,
  );
  const headerHeight = height(header);
  const rows = spec.rows.map((r, i) => lay(r, false, Boolean(spec.zebra) && i % 2 === 1));
  if (spec.totals) rows.push(lay(spec.totals, true, false, true));

  doc.clearFloats();
  // The header is never left alone at the bottom of a page.
  const first = rows[0];
  doc.ensureSpace(headerHeight + (first ? Math.min(height(first), lh * 2 + 2 * padY) : 0));

  let segmentTop = doc.y;
  const right = doc.left + doc.width;
  const hline = (y: number, width = 0.5): DrawOp => ({
    kind: 'line',
    x1: doc.left,
    y1: y,
    x2: right,
    y2: y,
    width,
    color: colors.rule,
  });

  const drawRow = (row: LaidRow, from: number, to: number, isHeader: boolean) => {
    const h = height(row, from, to);
    const top = doc.y;
    if (isHeader) doc.draw({ kind: 'rect', x: doc.left, y: top, w: doc.width, h, fill: colors.fill });
    else if (row.shade) doc.draw({ kind: 'rect', x: doc.left, y: top, w: doc.width, h, fill: colors.zebra });
    if (row.totals) doc.draw(hline(top, 1));
    row.cells.forEach((lines, c) => {
      const column = spec.columns[c];
      const align = isHeader ? 'center' : (column?.align ?? 'left');
      const x0 = lefts[c] ?? doc.left;
      const w = widths[c] ?? 0;
      lines.slice(from, to).forEach((line, i) => {
        const text = trimEndSpaces(line);
        if (text === '') return;
        const tw = measure(text);
        const x = align === 'right' ? x0 + w - padX - tw : align === 'center' ? x0 + (w - tw) / 2 : x0 + padX;
        const op: DrawOp = { kind: 'text', x, y: baselineIn(top + padY + i * lh, lh, size), text, size };
        if (row.bold) op.bold = true;
        doc.draw(op);
      });
    });
    doc.y = top + h;
    doc.draw(hline(doc.y, isHeader ? 0.8 : 0.5));
  };

  const closeSegment = () => {
    if (!borders) return;
    for (const x of [...lefts, right]) {
      doc.draw({ kind: 'line', x1: x, y1: segmentTop, x2: x, y2: doc.y, width: 0.5, color: colors.rule });
    }
  };
  const openSegment = () => {
    segmentTop = doc.y;
    doc.draw(hline(doc.y, 0.8));
    drawRow(header, 0, Infinity, true);
  };
  const nextPage = () => {
    closeSegment();
    doc.pageBreak();
    openSegment();
  };

  openSegment();
  for (const row of rows) {
    const full = height(row);
    if (full <= doc.remaining()) {
      drawRow(row, 0, Infinity, false);
      continue;
    }
    if (full <= doc.pageHeight - headerHeight) {
      nextPage();
      drawRow(row, 0, Infinity, false);
      continue;
    }
    // Taller than a page: split its lines, as many as fit on each page.
    const lineCount = Math.max(...row.cells.map((l) => l.length));
    let from = 0;
    let fresh = false;
    while (from < lineCount) {
      const fit = Math.floor((doc.remaining() - 2 * padY) / lh);
      if (fit < 1 && !fresh) {
        nextPage();
        fresh = true;
        continue;
      }
      fresh = false;
      const to = Math.min(lineCount, from + Math.max(1, fit));
      drawRow(row, from, to, false);
      from = to;
      if (from < lineCount) nextPage();
    }
  }
  closeSegment();
  doc.space(size * 0.8);
}
