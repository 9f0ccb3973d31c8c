// Longer than most files on purpose: one parser for the whole ESC/POS command set we emit, so the
// preview and the byte-level tests read the stream exactly as a printer would.
import iconv from 'iconv-lite';
import type { CutMode, EscPosAlign, QrErrorLevel } from './escpos';

/**
 * Reads an ESC/POS stream back, byte for byte: into commands (`ops`) and into a preview of the paper.
 * It never throws; unknown or cut-off commands are listed in `errors` (Chinese, with the byte offset).
 *
 * Preview format — one string, one line of paper per line:
 * - A printed text line is its text. Lines not aligned left start with `[center]` or `[right]`.
 * - Style shows as tags where it differs from plain: `[2x2]` (width x height, `[1x1]` back to plain
 *   within a line), `[B]` / `[/B]` for bold. Each line starts from plain, so a line is self-describing:
 *   `[center][2x2][B]A023` is a centred, double-size, bold `A023`.
 * - `[QR: data]` a QR code (with the alignment prefix), `[FEED n]` feed n lines (ESC d),
 *   `[FEED n dots]` (ESC J), `[CUT]` / `[CUT partial]`. An empty printed line is an empty line.
 * - Status requests, mode switches and ESC @ print nothing and do not show. ESC @ discards a line not yet
 *   ended, as the printer does; a line still unended at the end of the stream is shown.
 */

export type EscPosOp =
  | { op: 'init' }
  | { op: 'align'; align: EscPosAlign }
  | { op: 'mode'; bold: boolean; doubleWidth: boolean; doubleHeight: boolean; underline: boolean; fontB: boolean }
  | { op: 'size'; width: number; height: number }
  | { op: 'bold'; on: boolean }
  | { op: 'underline'; dots: number }
  | { op: 'font'; font: number }
  | { op: 'reverse'; on: boolean }
  | { op: 'line_spacing'; dots: number | null }
  | { op: 'code_table'; table: number }
  | { op: 'chinese'; on: boolean }
  /** Printable text with its line ends (`\n`); consecutive text and LF merge into one op. */
  | { op: 'text'; text: string }
  | { op: 'feed'; lines: number }
  | { op: 'feed_dots'; dots: number }
  | { op: 'qr'; data: string; moduleSize: number; errorLevel: QrErrorLevel; model: 1 | 2 | 'micro' }
  | { op: 'cut'; mode: CutMode; feed: number | null }
  | { op: 'status_request'; n: number };

export interface EscPosDecoded {
  ops: EscPosOp[];
  preview: string;
  errors: string[];
}

const errorLevels: Record<number, QrErrorLevel> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };
const aligns: Record<number, EscPosAlign> = {
  0: 'left',
  1: 'center',
  2: 'right',
  48: 'left',
  49: 'center',
  50: 'right',
};
const utf8 = new TextDecoder('utf-8', { fatal: true });

function hex(bytes: Uint8Array | number[]): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function decodeQrData(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}

class Truncated extends Error {}

/**
 * Parses the stream into ops. `consumed` is where a command cut off at the end starts (the whole length
 * when none is): a reader of a stream arriving in chunks parses again from there once more bytes come.
 */
export function parseEscPos(bytes: Uint8Array): { ops: EscPosOp[]; errors: string[]; consumed: number } {
  const ops: EscPosOp[] = [];
  const errors: string[] = [];
  const qr = {
    model: 2 as 1 | 2 | 'micro',
    moduleSize: 3,
    errorLevel: 'L' as QrErrorLevel,
    data: null as Uint8Array | null,
  };
  let i = 0;

  const need = (count: number): void => {
    if (i + count > bytes.length) throw new Truncated();
  };
  const at = (offset: number): number => bytes[offset] ?? 0;
  const fail = (start: number, length: number, what: string): void => {
    const shown = bytes.subarray(start, start + Math.min(length, 16));
    errors.push(`偏移 ${start}：${what}（${hex(shown)}${length > 16 ? ' …' : ''}）`);
  };
  let consumed = bytes.length;
  const text = (value: string): void => {
    const last = ops[ops.length - 1];
    if (last?.op === 'text') last.text += value;
    else ops.push({ op: 'text', text: value });
  };

  while (i < bytes.length) {
    const start = i;
    const byte = at(i);
    try {
      if (byte >= 0x20) {
        let end = i;
        while (end < bytes.length && at(end) >= 0x20) end++;
        const run = bytes.subarray(i, end);
        const decoded = iconv.decode(Buffer.from(run), 'gb18030');
        if (decoded.includes('\uFFFD') && hex(iconv.encode(decoded, 'gb18030')) !== hex(run)) {
          fail(start, run.length, '文本含无法按 GB18030 解码的字节');
        }
        text(decoded);
        i = end;
      } else if (byte === 0x0a) {
        text('\n');
        i++;
      } else if (byte === 0x09) {
        text('\t');
        i++;
      } else if (byte === 0x0d) {
        i++; // CR: printers with auto line feed off ignore it; LF ends lines.
      } else if (byte === 0x1b) {
        need(2);
        const command = at(i + 1);
        const withArg = (): number => {
          need(3);
          return at(i + 2);
        };
        switch (command) {
          case 0x40: // ESC @
            ops.push({ op: 'init' });
            qr.model = 2;
            qr.moduleSize = 3;
            qr.errorLevel = 'L';
            qr.data = null;
            i += 2;
            break;
          case 0x61: {
            // ESC a n
            const align = aligns[withArg()];
            if (align) ops.push({ op: 'align', align });
            else fail(start, 3, 'ESC a 参数无效');
            i += 3;
            break;
          }
          case 0x21: {
            // ESC ! n
            const n = withArg();
            ops.push({
              op: 'mode',
              fontB: (n & 0x01) !== 0,
              bold: (n & 0x08) !== 0,
              doubleHeight: (n & 0x10) !== 0,
              doubleWidth: (n & 0x20) !== 0,
              underline: (n & 0x80) !== 0,
            });
            i += 3;
            break;
          }
          case 0x45: // ESC E n
            ops.push({ op: 'bold', on: (withArg() & 1) === 1 });
            i += 3;
            break;
          case 0x2d: {
            // ESC - n
            const n = withArg();
            ops.push({ op: 'underline', dots: n >= 48 ? n - 48 : n });
            i += 3;
            break;
          }
          case 0x4d: {
            // ESC M n
            const n = withArg();
            ops.push({ op: 'font', font: n >= 48 ? n - 48 : n });
            i += 3;
            break;
          }
          case 0x64: // ESC d n
            ops.push({ op: 'feed', lines: withArg() });
            i += 3;
            break;
          case 0x4a: // ESC J n
            ops.push({ op: 'feed_dots', dots: withArg() });
            i += 3;
            break;
          case 0x32: // ESC 2
            ops.push({ op: 'line_spacing', dots: null });
            i += 2;
            break;
          case 0x33: // ESC 3 n
            ops.push({ op: 'line_spacing', dots: withArg() });
            i += 3;
            break;
          case 0x74: // ESC t n
            ops.push({ op: 'code_table', table: withArg() });
            i += 3;
            break;
          default:
            fail(start, 2, '未知命令');
            i += 2;
        }
      } else if (byte === 0x1d) {
        need(2);
        const command = at(i + 1);
        if (command === 0x21) {
          // GS ! n
          need(3);
          const n = at(i + 2);
          ops.push({ op: 'size', width: ((n >> 4) & 0x07) + 1, height: (n & 0x07) + 1 });
          i += 3;
        } else if (command === 0x42) {
          // GS B n
          need(3);
          ops.push({ op: 'reverse', on: (at(i + 2) & 1) === 1 });
          i += 3;
        } else if (command === 0x56) {
          // GS V m [n]
          need(3);
          const m = at(i + 2);
          if (m === 0 || m === 48 || m === 1 || m === 49) {
            ops.push({ op: 'cut', mode: m === 0 || m === 48 ? 'full' : 'partial', feed: null });
            i += 3;
          } else if ([65, 66, 97, 98, 103, 104].includes(m)) {
            need(4);
            ops.push({ op: 'cut', mode: m % 2 === 1 ? 'full' : 'partial', feed: at(i + 3) });
            i += 4;
          } else {
            fail(start, 3, 'GS V 参数无效');
            i += 3;
          }
        } else if (command === 0x28) {
          // GS ( fn pL pH …: every GS ( function carries its length, so unknown ones can be skipped whole.
          need(5);
          const length = at(i + 3) + at(i + 4) * 256;
          need(5 + length);
          const kind = at(i + 2);
          const params = bytes.subarray(i + 5, i + 5 + length);
          i += 5 + length;
          if (kind !== 0x6b) {
            fail(start, 5, '不支持的 GS ( 命令');
            continue;
          }
          const cn = params[0];
          const fn = params[1];
          if (cn !== 0x31 || fn === undefined) {
            fail(start, 7, '不支持的 GS ( k 符号（仅支持 QR）');
          } else if (fn === 0x41) {
            const model = params[2];
            if (model === 49) qr.model = 1;
            else if (model === 50) qr.model = 2;
            else if (model === 51) qr.model = 'micro';
            else fail(start, 5 + length, 'QR 型号无效');
          } else if (fn === 0x43) {
            const size = params[2] ?? 0;
            if (size >= 1 && size <= 16) qr.moduleSize = size;
            else fail(start, 5 + length, 'QR 模块大小无效');
          } else if (fn === 0x45) {
            const level = errorLevels[params[2] ?? 0];
            if (level) qr.errorLevel = level;
            else fail(start, 5 + length, 'QR 纠错等级无效');
          } else if (fn === 0x50) {
            if (length < 3 || params[2] !== 0x30) fail(start, 8, 'QR 存储命令无效');
            else qr.data = params.slice(3);
          } else if (fn === 0x51) {
            if (qr.data === null) fail(start, 5 + length, 'QR 打印前未存储数据');
            else
              ops.push({
                op: 'qr',
                data: decodeQrData(qr.data),
                moduleSize: qr.moduleSize,
                errorLevel: qr.errorLevel,
                model: qr.model,
              });
          } else if (fn !== 0x52) {
            fail(start, 7, '未知的 QR 功能');
          }
        } else {
          fail(start, 2, '未知命令');
          i += 2;
        }
      } else if (byte === 0x1c) {
        need(2);
        const command = at(i + 1);
        if (command === 0x26) ops.push({ op: 'chinese', on: true });
        else if (command === 0x2e) ops.push({ op: 'chinese', on: false });
        else fail(start, 2, '未知命令');
        i += 2;
      } else if (byte === 0x10) {
        need(2);
        if (at(i + 1) === 0x04) {
          need(3);
          const n = at(i + 2);
          if (n >= 1 && n <= 4) ops.push({ op: 'status_request', n });
          else fail(start, 3, '不支持的实时状态类型');
          i += 3;
        } else {
          fail(start, 2, '未知实时命令');
          i += 2;
        }
      } else {
        fail(start, 1, '未知控制字符');
        i++;
      }
    } catch (error) {
      if (!(error instanceof Truncated)) throw error;
      fail(start, bytes.length - start, '命令不完整');
      consumed = start;
      break;
    }
  }
  return { ops, errors, consumed };
}

interface Style {
  width: number;
  height: number;
  bold: boolean;
}

const plain: Style = { width: 1, height: 1, bold: false };

/** Renders ops as the preview format described at the top. */
export function renderPreview(ops: EscPosOp[]): string {
  const lines: string[] = [];
  let align: EscPosAlign = 'left';
  let style: Style = { ...plain };
  let line = '';
  let lineAlign: EscPosAlign = 'left';
  let shown: Style = { ...plain };

  const alignTag = (value: EscPosAlign) => (value === 'left' ? '' : `[${value}]`);
  const endLine = (): void => {
    lines.push(line === '' ? '' : alignTag(lineAlign) + line);
    line = '';
    shown = { ...plain };
  };
  const flush = (): void => {
    if (line !== '') endLine();
  };
  const put = (chars: string): void => {
    if (line === '') lineAlign = align;
    if (style.width !== shown.width || style.height !== shown.height) line += `[${style.width}x${style.height}]`;
    if (style.bold !== shown.bold) line += style.bold ? '[B]' : '[/B]';
    shown = { ...style };
    line += chars;
  };

  for (const op of ops) {
    switch (op.op) {
      case 'init':
        align = 'left';
        style = { ...plain };
        line = '';
        shown = { ...plain };
        break;
      case 'align':
        align = op.align;
        break;
      case 'mode':
        style = { width: op.doubleWidth ? 2 : 1, height: op.doubleHeight ? 2 : 1, bold: op.bold };
        break;
      case 'size':
        style = { ...style, width: op.width, height: op.height };
        break;
      case 'bold':
        style = { ...style, bold: op.on };
        break;
      case 'text': {
        const parts = op.text.split('\n');
        parts.forEach((part, index) => {
          if (part !== '') put(part);
          if (index < parts.length - 1) endLine();
        });
        break;
      }
      case 'feed':
        flush();
        lines.push(`[FEED ${op.lines}]`);
        break;
      case 'feed_dots':
        flush();
        lines.push(`[FEED ${op.dots} dots]`);
        break;
      case 'qr':
        flush();
        lines.push(`${alignTag(align)}[QR: ${op.data}]`);
        break;
      case 'cut':
        flush();
        lines.push(op.mode === 'full' ? '[CUT]' : '[CUT partial]');
        break;
      default:
        break;
    }
  }
  flush();
  return lines.join('\n');
}

export function decodeEscPos(bytes: Uint8Array): EscPosDecoded {
  try {
    const { ops, errors } = parseEscPos(bytes);
    return { ops, preview: renderPreview(ops), errors };
  } catch (error) {
    // Defensive: parse is written not to throw; a broken preview must not break printing.
    return { ops: [], preview: '', errors: [`解析失败：${error instanceof Error ? error.message : String(error)}`] };
  }
}
