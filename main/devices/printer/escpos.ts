import iconv from 'iconv-lite';
import { AppError, type ErrorParam } from '../../../preload/contract/errors';

/**
 * ESC/POS commands for receipt and ticket printers (Epson ESC/POS reference; the Chinese printers that
 * print our tickets implement the same subset). Text goes out as GB18030, which these printers expect in
 * their Chinese mode; QR data goes out as UTF-8, which phones read.
 */

export type EscPosAlign = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutMode = 'full' | 'partial';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/** GS ( k store: (pL + pH·256) = data length + 3 may not exceed 7092. */
export const QR_MAX_BYTES = 7089;

export const alignCodes: Record<EscPosAlign, number> = { left: 0, center: 1, right: 2 };
export const qrErrorCodes: Record<QrErrorLevel, number> = { L: 48, M: 49, Q: 50, H: 51 };

/** What each checked argument is called in the refusal. */
const argNames = {
  width: { 'zh-CN': '字宽倍数', en: 'The character width' },
  height: { 'zh-CN': '字高倍数', en: 'The character height' },
  feed: { 'zh-CN': '走纸行数', en: 'The lines to feed' },
  qrModule: { 'zh-CN': '二维码模块大小', en: 'The QR module size' },
  cutFeed: { 'zh-CN': '切纸前走纸行数', en: 'The lines to feed before the cut' },
  status: { 'zh-CN': '状态类型', en: 'The status kind' },
  align: { 'zh-CN': '对齐方式', en: 'The alignment' },
  qrLevel: { 'zh-CN': '二维码纠错等级', en: 'The QR error correction level' },
  cut: { 'zh-CN': '切纸方式', en: 'The cut' },
} satisfies Record<string, ErrorParam>;

function checkInt(value: number, min: number, max: number, what: keyof typeof argNames): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('escpos_out_of_range', { what: argNames[what], min, max });
  }
  return value;
}

function badOption(what: keyof typeof argNames, allowed: string): never {
  throw new AppError('escpos_bad_option', { what: argNames[what], allowed });
}

/**
 * Text as a printer can take it. Control characters would be read as commands, so they become spaces;
 * CR LF and lone CR become LF. Characters GB18030 cannot carry (lone surrogates) print as `?`.
 */
export function encodeText(text: string): Uint8Array {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\x00-\x09\x0b-\x1f\x7f]/g, ' ');
  return new Uint8Array(iconv.encode(clean, 'gb18030'));
}

/** A chain of ESC/POS commands; `bytes()` gives the stream to send. Invalid arguments throw `invalid_input`. */
export class EscPosBuilder {
  private readonly parts: Uint8Array[] = [];

  private push(...bytes: number[]): this {
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }

  /** ESC @: clears the buffer and settings left by the previous job. */
  init(): this {
    return this.push(ESC, 0x40);
  }

  /** FS & / FS .: Chinese character mode on or off; most Chinese printers start in it, some need telling. */
  chineseMode(on = true): this {
    return on ? this.push(FS, 0x26) : this.push(FS, 0x2e);
  }

  /** ESC a n: takes effect at the start of a line. */
  align(align: EscPosAlign): this {
    const code = alignCodes[align];
    if (code === undefined) badOption('align', 'left、center、right');
    return this.push(ESC, 0x61, code);
  }

  /** GS ! n: character width and height multipliers, 1 to 8 each. */
  size(size: { width: number; height: number }): this {
    const width = checkInt(size.width, 1, 8, 'width');
    const height = checkInt(size.height, 1, 8, 'height');
    return this.push(GS, 0x21, ((width - 1) << 4) | (height - 1));
  }

  /** ESC E n: emphasised (bold). */
  bold(on: boolean): this {
    return this.push(ESC, 0x45, on ? 1 : 0);
  }

  /** Text in GB18030; `\n` ends a line (LF prints the buffer and feeds one line). */
  text(text: string): this {
    const bytes = encodeText(text);
    if (bytes.length > 0) this.parts.push(bytes);
    return this;
  }

  line(text = ''): this {
    return this.text(`${text}\n`);
  }

  /** ESC d n: print the buffer and feed n lines. */
  feed(lines = 1): this {
    return this.push(ESC, 0x64, checkInt(lines, 0, 255, 'feed'));
  }

  /** GS ( k: a model 2 QR code of the UTF-8 bytes of `data`, printed at the current alignment. */
  qr(data: string, options: { moduleSize?: number; errorLevel?: QrErrorLevel } = {}): this {
    const bytes = new TextEncoder().encode(data);
    if (bytes.length === 0) throw new AppError('qr_empty');
    if (bytes.length > QR_MAX_BYTES) throw new AppError('qr_too_long', { max: QR_MAX_BYTES });
    const moduleSize = checkInt(options.moduleSize ?? 6, 1, 16, 'qrModule');
    const level = qrErrorCodes[options.errorLevel ?? 'M'];
    if (level === undefined) badOption('qrLevel', 'L、M、Q、H');
    const stored = bytes.length + 3;
    this.push(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00); // model 2
    this.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize);
    this.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, level);
    this.push(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30);
    this.parts.push(bytes);
    return this.push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  /**
   * GS V: cut the paper. Without `feed`: GS V m (m 0 full, 1 partial), cutting where the paper is — feed
   * first, the cutter sits above the print head. With `feed`: GS V 65/66 n, which feeds n lines then cuts.
   */
  cut(mode: CutMode = 'full', feed?: number): this {
    if (mode !== 'full' && mode !== 'partial') badOption('cut', 'full、partial');
    if (feed === undefined) return this.push(GS, 0x56, mode === 'full' ? 0 : 1);
    return this.push(GS, 0x56, mode === 'full' ? 65 : 66, checkInt(feed, 0, 255, 'cutFeed'));
  }

  bytes(): Uint8Array {
    const total = this.parts.reduce((sum, part) => sum + part.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

export type StatusKind = 1 | 2 | 3 | 4;

/** DLE EOT n: real-time status. 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export function statusRequest(n: StatusKind): Uint8Array {
  checkInt(n, 1, 4, 'status');
  return Uint8Array.of(DLE, EOT, n);
}

/**
 * What one DLE EOT reply says. Each kind answers only some questions; the others are null. `valid` is
 * false when the fixed bits (bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0, i.e. 0xx1xx10) do not match:
 * the byte is not a status reply (noise, or the answer to something else).
 */
export interface PrinterStatus {
  valid: boolean;
  online: boolean | null;
  coverOpen: boolean | null;
  paperOut: boolean | null;
  paperNearEnd: boolean | null;
  error: boolean | null;
}

/**
 * Bits per the ESC/POS reference (confirmed by node-escpos's status parser):
 * n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 stopped by paper end, bit 6 error; n=3 bit 2 recoverable,
 * bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable error; n=4 bits 2-3 near end, bits 5-6
 * paper end (printers set both bits of a pair; either counts).
 */
export function parsePrinterStatus(n: StatusKind, byte: number): PrinterStatus {
  const bit = (i: number) => ((byte >> i) & 1) === 1;
  const status: PrinterStatus = {
    valid: (byte & 0x93) === 0x12,
    online: null,
    coverOpen: null,
    paperOut: null,
    paperNearEnd: null,
    error: null,
  };
  switch (n) {
    case 1:
      status.online = !bit(3);
      break;
    case 2:
      status.coverOpen = bit(2);
      status.paperOut = bit(5);
      status.error = bit(6);
      break;
    case 3:
      status.error = bit(2) || bit(3) || bit(5) || bit(6);
      break;
    case 4:
      status.paperNearEnd = bit(2) || bit(3);
      status.paperOut = bit(5) || bit(6);
      break;
  }
  return status;
}

/** The reply a printer sends to DLE EOT n in the given state (used by the simulator and its tests). */
export function statusByte(n: StatusKind, state: { paperOut: boolean; coverOpen?: boolean }): number {
  const stopped = state.paperOut || state.coverOpen === true;
  switch (n) {
    case 1:
      return 0x12 | (stopped ? 0x08 : 0);
    case 2:
      return 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paperOut ? 0x20 : 0);
    case 3:
      return 0x12;
    case 4:
      // An empty roll also trips the near-end sensor.
      return 0x12 | (state.paperOut ? 0x0c | 0x60 : 0);
  }
}
