import { createHash } from 'node:crypto';
import * as fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  type PDFFont,
  type PDFPage,
  TextRenderingMode,
  closePath,
  concatTransformationMatrix,
  degrees,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  setLineWidth,
  setStrokingRgbColor,
  setTextRenderingMode,
  stroke,
} from 'pdf-lib';
import type { DocumentFont } from '../font';
import { type DrawOp, type PageContent, a4, charactersOf, turnOf } from './page';

/**
 * The second phase: the pages laid out, every op final, to PDF bytes. The font is subset to the
 * characters actually drawn and embedded once; nothing depends on the clock, so the same pages
 * give the same bytes.
 */

export interface PdfMetadata {
  title: string;
  subject?: string;
  keywords?: string[];
  /** The instant the document is dated: the PDF's creation and modification date. */
  createdAt: Date;
}

export interface RenderPage {
  content: PageContent;
  /** Drawn over the page, in its coordinates as seen (after rotation), y down from its top. */
  overlay: DrawOp[];
}

export const producer = 'Yichuang documents (pdf-lib 1.17.1, HarfBuzz subset)';

/** Bold without a bold face: the glyph outline is stroked as well as filled. */
const boldStroke = 0.035;

/** A new PDF document for a layout: deterministic metadata, fontkit registered. */
export async function createTarget(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  return doc;
}

/** Renders the pages into `doc` (which holds the pictures and copied pages already) and saves it. */
export async function renderPdf(
  doc: PDFDocument,
  pages: RenderPage[],
  font: DocumentFont,
  meta: PdfMetadata,
): Promise<Uint8Array> {
  const chars = charactersOf(
    pages.map((p) => (p.content.kind === 'flow' ? [...p.content.ops, ...p.overlay] : p.overlay)),
  );
  const present = [...chars].filter((c) => font.has(c));
  const pdfFont = await doc.embedFont(await font.subset(present), {
    subset: false,
    customName: `${subsetTag(present)}+${font.name}`,
  });

  for (const { content, overlay } of pages) {
    if (content.kind === 'flow') {
      const page = doc.addPage([a4.width, a4.height]);
      drawOps(page, pdfFont, font, [...content.ops, ...overlay], page.getHeight());
    } else if (content.kind === 'image') {
      drawImagePage(doc, content, pdfFont, font, overlay);
    } else {
      const turn = turnOf(content.page, content.rotation);
      const page = doc.addPage(content.page);
      page.setRotation(degrees(turn));
      drawOverlay(page, pdfFont, font, overlay, turn);
    }
  }

  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords) doc.setKeywords(meta.keywords);
  doc.setCreator('Yichuang');
  doc.setProducer(producer);
  doc.setLanguage('zh-CN');
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  return doc.save();
}

/** A subset font's name starts with six capitals; made from its characters, so it is deterministic. */
function subsetTag(chars: string[]): string {
  const digest = createHash('sha256').update(chars.sort().join('')).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

function drawImagePage(
  doc: PDFDocument,
  content: Extract<PageContent, { kind: 'image' }>,
  pdfFont: PDFFont,
  font: DocumentFont,
  overlay: DrawOp[],
): void {
  const page = doc.addPage([a4.width, a4.height]);
  const { image } = content;
  const box = imageBox(page.getWidth(), page.getHeight());
  const turned = content.rotation === 90 || content.rotation === 270;
  const shownW = turned ? image.height : image.width;
  const shownH = turned ? image.width : image.height;
  const scale = Math.min(box.w / shownW, box.h / shownH);
  const w = image.width * scale;
  const h = image.height * scale;
  // The shown picture, centred in the box (PDF coordinates, origin bottom left).
  const bx = box.x + (box.w - shownW * scale) / 2;
  const by = box.y + (box.h - shownH * scale) / 2;
  // drawImage turns about the image's lower-left corner, counter-clockwise: place that corner so the
  // turned picture lands on the box.
  const corner = {
    0: { x: bx, y: by },
    90: { x: bx, y: by + w },
    180: { x: bx + w, y: by + h },
    270: { x: bx + h, y: by },
  }[content.rotation];
  page.drawImage(image, { x: corner.x, y: corner.y, width: w, height: h, rotate: degrees(-content.rotation) });
  drawOps(page, pdfFont, font, overlay, page.getHeight());
}

/** Where a picture may go on its page: inside the side margins, above the footer. */
export function imageBox(pageWidth: number, pageHeight: number): { x: number; y: number; w: number; h: number } {
  return { x: 56, y: 60, w: pageWidth - 112, h: pageHeight - 60 - 48 };
}

/** Draws ops given in the page's seen coordinates on a page the viewer turns by `turn` degrees clockwise. */
function drawOverlay(page: PDFPage, pdfFont: PDFFont, font: DocumentFont, ops: DrawOp[], turn: number): void {
  const box = page.getMediaBox();
  const { x: ox, y: oy, width: w, height: h } = box;
  const seenHeight = turn === 90 || turn === 270 ? w : h;
  // Maps seen (u, v), origin bottom left as seen, to the page's own coordinates.
  const matrix: Record<number, [number, number, number, number, number, number]> = {
    0: [1, 0, 0, 1, ox, oy],
    90: [0, 1, -1, 0, ox + w, oy],
    180: [-1, 0, 0, -1, ox + w, oy + h],
    270: [0, -1, 1, 0, ox, oy + h],
  };
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix[turn]!));
  drawOps(page, pdfFont, font, ops, seenHeight);
  page.pushOperators(popGraphicsState());
}

function drawOps(page: PDFPage, pdfFont: PDFFont, font: DocumentFont, ops: DrawOp[], height: number): void {
  const Y = (y: number) => height - y;
  for (const op of ops) {
    switch (op.kind) {
      case 'text':
        drawText(page, pdfFont, font, op, Y(op.y));
        break;
      case 'line':
        page.pushOperators(
          pushGraphicsState(),
          setStrokingRgbColor(...op.color),
          setLineWidth(op.width),
          moveTo(op.x1, Y(op.y1)),
          lineTo(op.x2, Y(op.y2)),
          stroke(),
          popGraphicsState(),
        );
        break;
      case 'rect': {
        const path = rectangle(op.x, Y(op.y + op.h), op.w, op.h);
        if (op.fill)
          page.pushOperators(pushGraphicsState(), setFillingRgbColor(...op.fill), path, fill(), popGraphicsState());
        if (op.stroke) {
          page.pushOperators(
            pushGraphicsState(),
            setStrokingRgbColor(...op.stroke),
            setLineWidth(op.lineWidth ?? 0.5),
            rectangle(op.x, Y(op.y + op.h), op.w, op.h),
            closePath(),
            stroke(),
            popGraphicsState(),
          );
        }
        break;
      }
      case 'rects':
        page.pushOperators(
          pushGraphicsState(),
          setFillingRgbColor(...op.fill),
          ...op.rects.map(([x, y, w, h]) => rectangle(x, Y(y + h), w, h)),
          fill(),
          popGraphicsState(),
        );
        break;
    }
  }
}

/** Text in runs the font has; a character it lacks is shown as an empty box of 1 em. */
function drawText(
  page: PDFPage,
  pdfFont: PDFFont,
  font: DocumentFont,
  op: Extract<DrawOp, { kind: 'text' }>,
  baseline: number,
): void {
  const color = op.color ?? [0, 0, 0];
  if (op.bold) {
    page.pushOperators(
      pushGraphicsState(),
      setTextRenderingMode(TextRenderingMode.FillAndOutline),
      setLineWidth(op.size * boldStroke),
      setStrokingRgbColor(...color),
    );
  }
  let x = op.x;
  let run = '';
  const flush = () => {
    if (run === '') return;
    page.drawText(run, { x, y: baseline, size: op.size, font: pdfFont, color: rgb(...color) });
    x += font.widthOf(run, op.size);
    run = '';
  };
  for (const char of op.text) {
    if (font.has(char)) {
      run += char;
      continue;
    }
    flush();
    page.pushOperators(
      pushGraphicsState(),
      setStrokingRgbColor(...color),
      setLineWidth(0.5),
      rectangle(x + op.size * 0.1, baseline - op.size * 0.1, op.size * 0.8, op.size * 0.9),
      stroke(),
      popGraphicsState(),
    );
    x += op.size;
  }
  flush();
  if (op.bold) page.pushOperators(popGraphicsState());
}
