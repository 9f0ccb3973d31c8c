import type { DocumentFont } from '../font';
import { type DrawOp, type PageContent, type PageGeometry, a4, baselineIn, colors, turnOf } from './page';
import { truncate } from './text';

/**
 * What phase two adds to every page once the page count is known: the header, the
 * "第 x 页 共 y 页" footer and the copy stamp on laid-out pages; a footer naming the item on
 * pictures and appended PDF pages.
 */

/** Header, page footer and copy stamp of a laid-out page. */
export function pageDecorations(
  font: DocumentFont,
  g: PageGeometry,
  options: { header: { left: string; right?: string }; copyNumber?: number },
  page: number,
  total: number,
): DrawOp[] {
  const size = 9;
  const ops: DrawOp[] = [];
  let rightEdge = g.right;
  const copy = options.copyNumber ?? 0;
  if (copy > 0) {
    const label = `副本 ${copy}`;
    const stampSize = 13;
    const w = font.widthOf(label, stampSize) + 16;
    const h = 24;
    const x = g.right - w;
    const top = g.headerRule - h - 6;
    ops.push(
      { kind: 'rect', x, y: top, w, h, stroke: colors.stamp, lineWidth: 1.4 },
      { kind: 'rect', x: x + 2.2, y: top + 2.2, w: w - 4.4, h: h - 4.4, stroke: colors.stamp, lineWidth: 0.5 },
      {
        kind: 'text',
        x: x + 8,
        y: baselineIn(top, h, stampSize),
        text: label,
        size: stampSize,
        bold: true,
        color: colors.stamp,
      },
    );
    rightEdge = x - 10;
  }
  const { left, right } = options.header;
  const rightText = right ?? '';
  const rightWidth = font.widthOf(rightText, size);
  const leftText = truncate(left, rightEdge - g.left - rightWidth - 16, (s) => font.widthOf(s, size));
  ops.push({ kind: 'text', x: g.left, y: g.headerBaseline, text: leftText, size, color: colors.muted });
  if (rightText !== '') {
    ops.push({
      kind: 'text',
      x: rightEdge - rightWidth,
      y: g.headerBaseline,
      text: rightText,
      size,
      color: colors.muted,
    });
  }
  ops.push({
    kind: 'line',
    x1: g.left,
    y1: g.headerRule,
    x2: g.right,
    y2: g.headerRule,
    width: 0.5,
    color: colors.rule,
  });
  const footer = `第 ${page} 页 共 ${total} 页`;
  const fw = font.widthOf(footer, size);
  ops.push({ kind: 'text', x: (g.width - fw) / 2, y: g.footerBaseline, text: footer, size, color: colors.muted });
  return ops;
}

/** The footer of a picture or appended PDF page, in its coordinates as seen: the item, and the page number. */
export function materialFooter(
  font: DocumentFont,
  content: Exclude<PageContent, { kind: 'flow' }>,
  page: number,
  total: number,
): DrawOp[] {
  let seenW = a4.width;
  let seenH = a4.height;
  if (content.kind === 'imported') {
    const { width, height } = content.page.getMediaBox();
    const turn = turnOf(content.page, content.rotation);
    [seenW, seenH] = turn === 90 || turn === 270 ? [height, width] : [width, height];
  }
  const size = Math.max(6, Math.min(9, seenW / 66));
  const margin = Math.min(56, seenW * 0.09);
  const baseline = seenH - Math.min(32, seenH * 0.04);
  const number = `第 ${page} 页 共 ${total} 页`;
  const numberWidth = font.widthOf(number, size);
  const label = truncate(content.label, seenW - 2 * margin - numberWidth - 16, (s) => font.widthOf(s, size));
  const labelWidth = font.widthOf(label, size);
  const pad = 2;
  const back = (x: number, w: number): DrawOp => ({
    kind: 'rect',
    x: x - pad,
    y: baseline - size * 0.95 - pad,
    w: w + 2 * pad,
    h: size * 1.2 + 2 * pad,
    fill: colors.white,
  });
  return [
    back(margin, labelWidth),
    { kind: 'text', x: margin, y: baseline, text: label, size, color: colors.muted },
    back(seenW - margin - numberWidth, numberWidth),
    { kind: 'text', x: seenW - margin - numberWidth, y: baseline, text: number, size, color: colors.muted },
  ];
}
