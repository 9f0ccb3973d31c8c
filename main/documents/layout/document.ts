// Longer than most files on purpose: the A4 flow (cursor, page breaks, floats, text wrapping) is one
// state machine; its blocks (table, chart, QR code) and the page decorations are files of their own.
import type { PDFDocument } from 'pdf-lib';
import type { DocumentFont } from '../font';
import { type BarChartSpec, barChart } from './chart';
import {
  type DrawOp,
  type PageContent,
  type PageGeometry,
  type Rgb,
  type Rotation,
  a4,
  baselineIn,
  colors,
} from './page';
import { materialFooter, pageDecorations } from './decorations';
import { type QrOptions, qrCode } from './qr';
import { createTarget, renderPdf, type RenderPage } from './render';
import { type TableSpec, table } from './table';
import type { LayoutFlow } from './flow';
import { breakLines, lineWidth, trimEndSpaces, truncate } from './text';

/**
 * An A4 document laid out top-down in two phases. Phase one (the block methods) measures with the
 * full font, breaks lines and records what to draw on which page; phase two (`toPdf`) adds the
 * header, the "第 x 页 共 y 页" footer (the total is known only then) and the copy stamp, and
 * renders with a font subset to exactly the characters used.
 */

export interface DocumentOptions {
  /** PDF title (metadata) */
  title: string;
  subject?: string;
  keywords?: string[];
  /** The instant the document is dated (ISO or Date): its PDF creation date. Never the clock. */
  createdAt: string | Date;
  /** Every laid-out page's header: left (the hall) and optional right text (the case number). */
  header: { left: string; right?: string };
  /** 0 or absent: the original; n: every page is stamped 副本 n. */
  copyNumber?: number;
  /** Told, once the pages are laid out, of characters the font lacks (printed as empty boxes). */
  onMissingCharacters?: (chars: string[]) => void;
}

/** What a caller of a document function may ask for besides the bytes. */
export interface MakeOptions {
  /** Told of characters the font lacks (rare characters in a name, printed as empty boxes). */
  onMissingCharacters?: (chars: string[]) => void;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  color?: Rgb;
  /** Line height as a multiple of the size. */
  lineHeight?: number;
  align?: 'left' | 'center' | 'right';
  /** First-line indent of each paragraph, in em (2 is the Chinese convention). */
  indent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
}

export interface KeyValueRow {
  label: string;
  value: string;
  /** Size of the value (a prominent case number is larger). */
  size?: number;
  bold?: boolean;
}

interface Float {
  left: number;
  top: number;
  bottom: number;
}

const floatGap = 12;

function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
}

export class A4Document implements LayoutFlow {
  readonly geometry: PageGeometry = a4;
  /** The cursor: where the next block starts, from the page's top. */
  y = a4.top;
  private readonly pages: PageContent[] = [];
  private ops: DrawOp[] = [];
  private floats: Float[] = [];
  private pdf: Promise<PDFDocument> | null = null;
  private readonly missingChars = new Set<string>();

  constructor(
    readonly font: DocumentFont,
    readonly options: DocumentOptions,
  ) {
    this.startPage();
  }

  get left(): number {
    return this.geometry.left;
  }

  get right(): number {
    return this.geometry.right;
  }

  get width(): number {
    return this.geometry.right - this.geometry.left;
  }

  get bottom(): number {
    return this.geometry.bottom;
  }

  /** Height of the content area of a page. */
  get pageHeight(): number {
    return this.geometry.bottom - this.geometry.top;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** The pages laid out so far, with what each draws (before the header, footer and stamp). */
  get laidOut(): readonly PageContent[] {
    return this.pages;
  }

  /** Characters the font lacks that the document uses (shown as empty boxes): for the caller to report. */
  missingCharacters(): string[] {
    return [...this.missingChars];
  }

  /** Width of `text` at `size` with the full font; notes characters the font lacks. */
  measure(text: string, size: number): number {
    for (const char of this.font.missing(text)) this.missingChars.add(char);
    return this.font.widthOf(text, size);
  }

  /** Space left on the page below the cursor. */
  remaining(): number {
    return this.geometry.bottom - this.y;
  }

  /** Whether nothing has been placed on the current laid-out page yet. */
  get pageIsEmpty(): boolean {
    return this.ops.length === 0 && this.floats.length === 0 && this.y === this.geometry.top;
  }

  /** Records a drawing op on the current page. */
  draw(...ops: DrawOp[]): void {
    for (const op of ops) if (op.kind === 'text') this.measure(op.text, op.size);
    this.ops.push(...ops);
  }

  /** Starts a new laid-out page (an explicit page break); does nothing on a page still empty. */
  pageBreak(): void {
    if (!this.pageIsEmpty) this.startPage();
  }

  /** Keep-together: breaks the page unless `height` fits below the cursor. */
  ensureSpace(height: number): void {
    if (height > this.remaining() + 1e-6) this.pageBreak();
  }

  /** Vertical space; at most to the bottom of the page. */
  space(height: number): void {
    this.y = Math.min(this.y + height, this.geometry.bottom);
  }

  private startPage(): void {
    this.ops = [];
    this.floats = [];
    this.pages.push({ kind: 'flow', ops: this.ops });
    this.y = this.geometry.top;
  }

  /**
   * Reserves a box at the right margin from the cursor down (below any float already there);
   * text beside it flows in the narrower width. Returns the box's left and top.
   */
  floatRight(width: number, height: number): { x: number; y: number } {
    let top = this.y;
    for (const f of this.floats) if (f.bottom > top && f.top < top + height) top = f.bottom + floatGap / 2;
    const x = this.right - width;
    this.floats.push({ left: x, top, bottom: top + height });
    return { x, y: top };
  }

  /** Moves the cursor below every float (before a table or chart that needs the full width). */
  clearFloats(): void {
    for (const f of this.floats) this.y = Math.max(this.y, f.bottom + floatGap / 2);
  }

  /** The horizontal span free of floats between two heights. */
  span(top: number, bottom: number): [number, number] {
    let right = this.right;
    for (const f of this.floats) if (f.top < bottom && f.bottom > top) right = Math.min(right, f.left - floatGap);
    return [this.left, right];
  }

  /**
   * Lines of `text` for a block starting at the cursor with line height `lh`, `inset` from the left;
   * `first` marks the first line of each paragraph (the text and every '\n' start one).
   */
  private lines(
    text: string,
    size: number,
    lh: number,
    inset: number,
    indent: number,
  ): { text: string; first: boolean }[] {
    const top = this.y;
    const out: { text: string; first: boolean }[] = [];
    for (const paragraph of normalize(text).split('\n')) {
      const offset = out.length;
      const widthAt = (i: number) => {
        const [x0, x1] = this.span(top + (offset + i) * lh, top + (offset + i + 1) * lh);
        return x1 - x0 - inset;
      };
      const lines = breakLines(paragraph, (s) => this.measure(s, size), { width: widthAt, firstLineIndent: indent });
      lines.forEach((line, i) => out.push({ text: line, first: i === 0 }));
    }
    return out;
  }

  /** A centred bold title, larger than the text; kept with what follows. */
  heading(text: string, options: TextOptions = {}): void {
    this.paragraph(text, {
      size: 20,
      bold: true,
      align: 'center',
      indent: 0,
      lineHeight: 1.4,
      spaceAfter: (options.size ?? 20) * 0.8,
      ...options,
      keepWithNext: 60,
    });
  }

  /** A paragraph of wrapped text; each line after '\n' starts a new paragraph (indented). */
  paragraph(text: string, options: TextOptions & { keepWithNext?: number } = {}): void {
    const size = options.size ?? 11;
    const lh = size * (options.lineHeight ?? 1.65);
    const align = options.align ?? 'left';
    const indent = (options.indent ?? (align === 'left' ? 2 : 0)) * size;
    if (options.spaceBefore) this.space(options.spaceBefore);

    // Short paragraphs stay together; longer ones keep at least two lines together.
    let lines = this.lines(text, size, lh, 0, indent);
    const keep = (lines.length <= 3 ? lines.length : 2) * lh + (options.keepWithNext ?? 0);
    if (keep > this.remaining() && !this.pageIsEmpty) {
      this.pageBreak();
      lines = this.lines(text, size, lh, 0, indent);
    }

    for (const line of lines) {
      if (this.y + lh > this.geometry.bottom + 1e-6) this.pageBreak();
      const [x0, x1] = this.span(this.y, this.y + lh);
      const shown = trimEndSpaces(line.text);
      const w = lineWidth(shown, (s) => this.measure(s, size));
      const inset = line.first ? indent : 0;
      let x = align === 'right' ? x1 - w : x0 + inset;
      if (align === 'center') {
        // Centred on the page when clear of floats (a title beside the QR code), else in the free span.
        const centred = this.left + (this.width - w) / 2;
        x = centred >= x0 && centred + w <= x1 ? centred : x0 + (x1 - x0 - w) / 2;
      }
      if (shown !== '') this.draw(this.textOp(shown, x, baselineIn(this.y, lh, size), size, options));
      this.y += lh;
    }
    this.space(options.spaceAfter ?? size * 0.35);
  }

  private textOp(
    text: string,
    x: number,
    y: number,
    size: number,
    options: { bold?: boolean; color?: Rgb },
  ): Extract<DrawOp, { kind: 'text' }> {
    const op: Extract<DrawOp, { kind: 'text' }> = { kind: 'text', x, y, text, size };
    if (options.bold) op.bold = true;
    if (options.color) op.color = options.color;
    return op;
  }

  /** Label / value rows: the labels in one column, each value wrapped beside its label. */
  keyValues(
    rows: KeyValueRow[],
    options: { size?: number; labelWidth?: number; lineHeight?: number; spaceBefore?: number } = {},
  ): void {
    if (options.spaceBefore) this.space(options.spaceBefore);
    const size = options.size ?? 11;
    const labelWidth =
      options.labelWidth ?? Math.max(0, ...rows.map((r) => this.measure(`${r.label}：`, size))) + size * 0.3;
    for (const row of rows) {
      const valueSize = row.size ?? size;
      const lh = valueSize * (options.lineHeight ?? 1.6);
      // A label wider than the column pushes its own value to the right.
      const inset = Math.max(labelWidth, this.measure(`${row.label}：`, size) + size * 0.3);
      let lines = this.lines(row.value, valueSize, lh, inset, 0);
      if (lines.length * lh <= this.pageHeight && lines.length * lh > this.remaining()) {
        this.pageBreak();
        lines = this.lines(row.value, valueSize, lh, inset, 0);
      }
      const labelBaseline = baselineIn(this.y, lh, valueSize);
      this.draw(this.textOp(`${row.label}：`, this.left, labelBaseline, size, {}));
      for (const line of lines) {
        if (this.y + lh > this.geometry.bottom + 1e-6) this.pageBreak();
        const text = trimEndSpaces(line.text);
        if (text !== '')
          this.draw(this.textOp(text, this.left + inset, baselineIn(this.y, lh, valueSize), valueSize, row));
        this.y += lh;
      }
    }
    this.space(size * 0.35);
  }

  /** Signature and date lines: a block at the right, each line centred in it (as on a sealed notice). */
  signature(lines: string[], options: { size?: number; lineHeight?: number; spaceBefore?: number } = {}): void {
    const size = options.size ?? 11;
    const lh = size * (options.lineHeight ?? 1.9);
    this.space(options.spaceBefore ?? size);
    this.ensureSpace(lines.length * lh);
    const blockWidth = Math.min(this.width, Math.max(...lines.map((l) => this.measure(l, size))));
    const blockLeft = this.right - blockWidth - size * 2;
    for (const line of lines) {
      const shown = truncate(line, this.width, (s) => this.measure(s, size));
      const w = this.measure(shown, size);
      this.draw(this.textOp(shown, blockLeft + (blockWidth - w) / 2, baselineIn(this.y, lh, size), size, {}));
      this.y += lh;
    }
  }

  /** A thin horizontal rule across the content width. */
  rule(options: { color?: Rgb; width?: number; spaceAround?: number } = {}): void {
    const around = options.spaceAround ?? 6;
    this.space(around);
    this.draw({
      kind: 'line',
      x1: this.left,
      y1: this.y,
      x2: this.right,
      y2: this.y,
      width: options.width ?? 0.5,
      color: options.color ?? colors.rule,
    });
    this.space(around);
  }

  /** A table; see `TableSpec`. */
  table(spec: TableSpec): void {
    table(this, spec);
  }

  /** A QR code drawn as vector squares; see `QrOptions`. */
  qr(text: string, options: QrOptions = {}): void {
    qrCode(this, text, options);
  }

  /** A bar chart; see `BarChartSpec`. */
  barChart(spec: BarChartSpec): void {
    barChart(this, spec);
  }

  /** The PDF being made: pictures and copied pages go into it as they are added. */
  private async target(): Promise<PDFDocument> {
    this.pdf ??= createTarget();
    return this.pdf;
  }

  /**
   * A picture on its own A4 page, scaled to the margins and turned clockwise by `rotation`; `label`
   * is its footer. Throws when the picture cannot be read (the caller says so on a page instead).
   */
  async addImagePage(
    image: { bytes: Uint8Array; mime: 'image/jpeg' | 'image/png'; rotation: Rotation },
    label: string,
  ): Promise<void> {
    const pdf = await this.target();
    // A copy that starts its own buffer: pdf-lib reads JPEG headers through `bytes.buffer` and ignores
    // the offset, which a small Node Buffer (carved from the shared pool) has.
    const bytes = new Uint8Array(image.bytes);
    const embedded = image.mime === 'image/png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
    this.addExternal({ kind: 'image', image: embedded, rotation: image.rotation, label });
  }

  /**
   * Every page of `source` (a loaded PDF), each turned clockwise by `rotation`, `labels[i]` overlaid
   * as page i's footer. Throws when the pages cannot be copied.
   */
  async addPdfPages(source: PDFDocument, rotation: Rotation, labels: string[]): Promise<void> {
    const pdf = await this.target();
    const pages = await pdf.copyPages(source, source.getPageIndices());
    pages.forEach((page, i) => this.addExternal({ kind: 'imported', page, rotation, label: labels[i] ?? '' }));
  }

  /** An external page takes the place of an empty laid-out page; the flow continues on a fresh one. */
  private addExternal(page: Exclude<PageContent, { kind: 'flow' }>): void {
    if (this.pageIsEmpty) this.pages.pop();
    this.pages.push(page);
    this.startPage();
  }

  /** Phase two: header, footer and copy stamp on every page, then the PDF bytes. */
  async toPdf(): Promise<Uint8Array> {
    // A trailing laid-out page with nothing on it (after a page break or an external page) is dropped.
    const pages = this.pages.filter(
      (p, i) => !(p.kind === 'flow' && p.ops.length === 0 && i > 0 && i === this.pages.length - 1),
    );
    const total = pages.length;
    const rendered: RenderPage[] = pages.map((content, i) => ({
      content,
      overlay:
        content.kind === 'flow'
          ? pageDecorations(this.font, this.geometry, this.options, i + 1, total)
          : materialFooter(this.font, content, i + 1, total),
    }));
    for (const page of rendered) for (const op of page.overlay) if (op.kind === 'text') this.measure(op.text, op.size);
    const createdAt = new Date(this.options.createdAt);
    if (Number.isNaN(createdAt.getTime())) throw new Error(`invalid document date: ${String(this.options.createdAt)}`);
    const meta = {
      title: this.options.title,
      createdAt,
      ...(this.options.subject ? { subject: this.options.subject } : {}),
    };
    if (this.missingChars.size > 0) this.options.onMissingCharacters?.(this.missingCharacters());
    const pdf = await this.target();
    return renderPdf(
      pdf,
      rendered,
      this.font,
      this.options.keywords ? { ...meta, keywords: this.options.keywords } : meta,
    );
  }
}
