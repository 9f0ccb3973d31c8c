import iconv from 'iconv-lite';
import type { Symbology } from '../../../preload/contract/devices';
import type { ErrorCode } from '../../../preload/contract/errors';
import {
  aimToSymbology,
  honeywellCodeIdToSymbology,
  newlandCodeIdToSymbology,
  symbologyToAim,
  symbologyToHoneywellCodeId,
  symbologyToNewlandCodeId,
} from './symbology';

/**
 * HID POS (usage page 0x8C) input reports of barcode scanners: 64 bytes with the report id, one code per
 * report or split over several with a continuation flag.
 *
 * Newland (NLS-FM430 user guide; the same table in the QU-R-302 manual of a Newland-engine reader):
 *   0 report id 0x02 | 1 length of data in this report | 2..57 data (≤ 56) | 58..61 reserved |
 *   62 symbology id (0x00 when not configured) | 63 bit 0: more data follows in the next report
 * Honeywell (Access-IS ATR110/LSR116 manuals, Honeywell engines; a Voyager 1602g capture in
 * HenkVanAsselt/python_hon_usbhid agrees byte for byte):
 *   0 report id 0x02 | 1 length of data in this report | 2..4 AIM id (`]Q1`) | 5..60 data (≤ 56) |
 *   61 Honeywell code id | 62 reserved | 63 bit 0: more data follows
 *
 * The report id byte: Linux hidraw and hidapi include it for numbered reports; WebHID and some node-hid
 * builds hand over the report without it. The assembler accepts both: a 64-byte report has it, a 63-byte
 * report has not, and a report of another size has it when its first byte is 0x02.
 */

export type HidPosLayout = 'newland' | 'honeywell';

export const HID_POS_REPORT_ID = 0x02;
/** Bytes of an input report including the report id. */
export const HID_POS_REPORT_SIZE = 64;
/** Data bytes one report carries. */
export const HID_POS_CHUNK = 56;
/** Longest code accepted: QR tops out at 7089 digits; anything longer is a stuck continuation. */
export const HID_POS_MAX_CODE_BYTES = 8192;

export type HidPosErrorCode = Extract<ErrorCode, 'scanner_bad_report'>;

export type HidPosResult =
  | { type: 'scan'; code: string; symbology: Symbology; aimId: string | null }
  | { type: 'error'; code: HidPosErrorCode; message: string };

export interface HidPosAssemblerOptions {
  layout: HidPosLayout;
  /** Whether reports start with the report id byte; `auto` decides per report as described above. */
  reportId?: 'auto' | 'present' | 'absent';
}

interface Body {
  data: Uint8Array;
  /** Honeywell: the three AIM bytes; Newland: empty. */
  aim: Uint8Array;
  idByte: number;
  more: boolean;
}

interface Pending {
  chunks: Uint8Array[];
  size: number;
  aim: Uint8Array;
  idByte: number;
}

const layouts = {
  // Offsets within the report body (the report without its id byte).
  newland: { dataAt: 1, aimAt: -1, idAt: 61, moreAt: 62 },
  honeywell: { dataAt: 4, aimAt: 1, idAt: 60, moreAt: 62 },
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bad(detail: string): HidPosResult {
  return { type: 'error', code: 'scanner_bad_report', message: `扫码数据异常（${detail}）：请重新扫码` };
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * Bytes of a code as text: UTF-8 when they are valid UTF-8, else GB18030 (QR codes of Chinese apps and
 * government forms are often GBK; GB18030 is its superset). Trailing CR/LF are dropped: they are a
 * terminator suffix some scanners are configured to append, never part of a code we look up.
 */
export function decodeCodeBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), 'gb18030');
  }
  return text.replace(/[\r\n]+$/, '');
}

/**
 * Turns HID POS reports into scans. Stateful only across the reports of one split code. `push` never
 * throws: a malformed report becomes an error result and the assembler is ready for the next code.
 */
export class HidPosAssembler {
  readonly layout: HidPosLayout;
  private readonly reportId: 'auto' | 'present' | 'absent';
  private pending: Pending | null = null;
  /** After an overlong code: drop reports up to the one that ends it, so its tail is not taken for a code. */
  private discarding = false;

  constructor(options: HidPosLayout | HidPosAssemblerOptions) {
    const opts = typeof options === 'string' ? { layout: options } : options;
    this.layout = opts.layout;
    this.reportId = opts.reportId ?? 'auto';
  }

  reset(): void {
    this.pending = null;
    this.discarding = false;
  }

  push(report: Uint8Array): HidPosResult[] {
    try {
      return this.take(report);
    } catch (error) {
      // Defensive: the parser is written not to throw, but a scanner must never take the driver down.
      this.reset();
      return [bad(error instanceof Error ? error.message : String(error))];
    }
  }

  private take(report: Uint8Array): HidPosResult[] {
    if (report.length === 0) return [];
    const body = this.body(report);
    if ('type' in body) {
      const results: HidPosResult[] = [];
      if (this.pending) results.push(bad('上一条码未收完'));
      this.reset();
      results.push(body);
      return results;
    }

    if (this.discarding) {
      if (!body.more) this.discarding = false;
      return [];
    }

    const results: HidPosResult[] = [];
    // A report of another code arrived while one was still open: the open one lost its tail. The id byte
    // only counts when both reports carry one (whether every report of a split code repeats it is not
    // documented for Newland).
    const open = this.pending;
    if (open && (!sameBytes(open.aim, body.aim) || (open.idByte && body.idByte && open.idByte !== body.idByte))) {
      results.push(bad('上一条码未收完'));
      this.pending = null;
    }
    const pending = this.pending ?? { chunks: [], size: 0, aim: body.aim, idByte: body.idByte };
    pending.idByte ||= body.idByte;
    pending.chunks.push(body.data);
    pending.size += body.data.length;
    if (pending.size > HID_POS_MAX_CODE_BYTES) {
      this.pending = null;
      this.discarding = body.more;
      results.push(bad(`条码超过 ${HID_POS_MAX_CODE_BYTES} 字节`));
      return results;
    }
    if (body.more) {
      this.pending = pending;
      return results;
    }
    this.pending = null;
    const scan = this.finish(pending);
    if (scan) results.push(scan);
    return results;
  }

  /** The report without its id byte, checked; or an error result. */
  private body(report: Uint8Array): Body | HidPosResult {
    let withId: boolean;
    if (this.reportId === 'present') withId = true;
    else if (this.reportId === 'absent') withId = false;
    else if (report.length === HID_POS_REPORT_SIZE) withId = true;
    else if (report.length === HID_POS_REPORT_SIZE - 1) withId = false;
    else withId = report[0] === HID_POS_REPORT_ID;

    if (withId && report[0] !== HID_POS_REPORT_ID) return bad(`报告编号 ${hex(report[0] ?? 0)} 不是扫码数据`);
    const body = withId ? report.subarray(1) : report;
    if (body.length === 0) return bad('报告为空');

    const at = layouts[this.layout];
    const length = body[0] ?? 0;
    if (length > HID_POS_CHUNK) return bad(`长度字节 ${length} 超过每个报告 ${HID_POS_CHUNK} 字节`);
    if (at.dataAt + length > body.length) return bad(`长度字节 ${length} 超出报告`);
    return {
      data: body.slice(at.dataAt, at.dataAt + length),
      aim: at.aimAt < 0 ? new Uint8Array(0) : body.slice(at.aimAt, at.aimAt + 3),
      // Bytes past the end of a short report count as 0: no symbology, no continuation.
      idByte: body[at.idAt] ?? 0,
      more: ((body[at.moreAt] ?? 0) & 0x01) === 1,
    };
  }

  private finish(pending: Pending): HidPosResult | null {
    const bytes = new Uint8Array(pending.size);
    let offset = 0;
    for (const chunk of pending.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    const code = decodeCodeBytes(bytes);
    if (code === '') return null;

    if (this.layout === 'newland') {
      return { type: 'scan', code, symbology: newlandCodeIdToSymbology(pending.idByte), aimId: null };
    }
    const aim = String.fromCharCode(...pending.aim);
    const aimId = /^\][\x21-\x7e]{2}$/.test(aim) ? aim : null;
    let symbology = honeywellCodeIdToSymbology(pending.idByte);
    if (symbology === 'unknown' && aimId) symbology = aimToSymbology(aimId);
    return { type: 'scan', code, symbology, aimId };
  }
}

/**
 * The reports a scanner sends for one code, 64 bytes each with the report id, exactly as read from hidraw.
 * The code goes out as UTF-8 unless `encoding` says GB18030 (how a GBK QR code arrives). An empty code
 * gives one empty report, which the assembler ignores.
 */
export function encodeHidPosReports(
  code: string,
  symbology: Symbology,
  layout: HidPosLayout,
  options: { encoding?: 'utf-8' | 'gb18030' } = {},
): Uint8Array[] {
  const bytes =
    options.encoding === 'gb18030' ? new Uint8Array(iconv.encode(code, 'gb18030')) : new TextEncoder().encode(code);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += HID_POS_CHUNK) {
    chunks.push(bytes.subarray(offset, offset + HID_POS_CHUNK));
  }
  if (chunks.length === 0) chunks.push(new Uint8Array(0));

  const at = layouts[layout];
  const aim = new TextEncoder().encode(symbologyToAim(symbology));
  const idByte = layout === 'newland' ? symbologyToNewlandCodeId(symbology) : symbologyToHoneywellCodeId(symbology);
  return chunks.map((chunk, index) => {
    const report = new Uint8Array(HID_POS_REPORT_SIZE);
    report[0] = HID_POS_REPORT_ID;
    report[1] = chunk.length;
    if (at.aimAt >= 0) report.set(aim, 1 + at.aimAt);
    report.set(chunk, 1 + at.dataAt);
    report[1 + at.idAt] = idByte;
    report[1 + at.moreAt] = index < chunks.length - 1 ? 0x01 : 0x00;
    return report;
  });
}
