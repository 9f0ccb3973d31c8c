import QRCode from 'qrcode';
import type { LayoutFlow } from './flow';
import { type DrawOp, baselineIn, colors } from './page';
import { truncate } from './text';

/** QR codes as vector squares (no image): sharp at any printer resolution and a few hundred bytes. */

/** Modules of white kept around the code (the standard asks for 4). */
export const quietZone = 4;

/**
 * The dark modules of `text`'s QR code (error correction M) in a `size` square at (x, top),
 * quiet zone included, one rectangle per horizontal run.
 */
export function qrRects(text: string, x: number, top: number, size: number): DrawOp & { kind: 'rects' } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / (n + 2 * quietZone);
  const rects: [number, number, number, number][] = [];
  for (let row = 0; row < n; row += 1) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col += 1;
      // A hair of overlap between neighbouring rows keeps renderers from showing seams.
      rects.push([x + (quietZone + start) * unit, top + (quietZone + row) * unit, (col - start) * unit, unit + 0.01]);
    }
  }
  return { kind: 'rects', rects, fill: colors.text };
}

export interface QrOptions {
  /** Side of the square in pt, quiet zone included. */
  size?: number;
  /** A line under the code, e.g. 扫码查询办理进度. */
  caption?: string;
  captionSize?: number;
  /** At the right margin beside the text that follows (default), or at a fixed place on the page. */
  at?: 'float-right' | { x: number; y: number };
}

/** Places a QR code with its caption on the current page. */
export function qrCode(doc: LayoutFlow, text: string, options: QrOptions = {}): void {
  const size = options.size ?? 84;
  const captionSize = options.captionSize ?? 8;
  const caption = options.caption ? truncate(options.caption, size * 1.6, (s) => doc.measure(s, captionSize)) : '';
  const captionWidth = caption ? doc.measure(caption, captionSize) : 0;
  const captionHeight = caption ? captionSize * 1.5 : 0;
  const width = Math.max(size, captionWidth);
  // The quiet zone is white space: the caption may sit in its lower part.
  const quiet = (size / 33) * quietZone * 0.6;
  const height = size + captionHeight - (caption ? quiet : 0);
  const place = options.at ?? 'float-right';
  const box = place === 'float-right' ? doc.floatRight(width, height) : place;
  const codeX = box.x + (width - size) / 2;
  doc.draw(qrRects(text, codeX, box.y, size));
  if (caption) {
    const top = box.y + size - quiet;
    doc.draw({
      kind: 'text',
      x: box.x + (width - captionWidth) / 2,
      y: baselineIn(top, captionHeight, captionSize),
      text: caption,
      size: captionSize,
      color: colors.text,
    });
  }
}
