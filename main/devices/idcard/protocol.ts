import { AppError, type ErrorCode } from '../../../preload/contract/errors';
import { encodeCommand } from './frame';

/**
 * Commands and replies of the SAM protocol (GA 467), above the framing: what each command is,
 * what each SW3 status means, and the layout of the read and SAM-id replies.
 */

interface CommandSpec {
  readonly cmd: number;
  readonly para: number;
  readonly label: string;
}

export const commands = {
  resetSam: { cmd: 0x10, para: 0xff, label: '复位 SAM' },
  samStatus: { cmd: 0x11, para: 0xff, label: 'SAM 状态检测' },
  samId: { cmd: 0x12, para: 0xff, label: '读 SAM 管理信息（SAM 编号）' },
  findCard: { cmd: 0x20, para: 0x01, label: '寻卡' },
  selectCard: { cmd: 0x20, para: 0x02, label: '选卡' },
  readText: { cmd: 0x30, para: 0x01, label: '读文字和照片' },
  readTextWithFingerprint: { cmd: 0x30, para: 0x10, label: '读文字、照片和指纹' },
  readAppendedAddress: { cmd: 0x30, para: 0x03, label: '读追加住址' },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commands;

const commandNames = Object.keys(commands) as CommandName[];

export function commandFrame(name: CommandName): Uint8Array {
  const { cmd, para } = commands[name];
  return encodeCommand(cmd, para);
}

export function commandByCode(cmd: number, para: number): CommandName | null {
  return commandNames.find((name) => commands[name].cmd === cmd && commands[name].para === para) ?? null;
}

/** A command body: CMD PARA DATA…; null when it is too short to be one. */
export function parseCommandBody(
  body: Uint8Array,
): { name: CommandName | null; cmd: number; para: number; data: Uint8Array } | null {
  if (body.length < 2) return null;
  const cmd = body[0]!;
  const para = body[1]!;
  return { name: commandByCode(cmd, para), cmd, para, data: body.slice(2) };
}

export interface ResponseBody {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** A reply body: SW1 SW2 SW3 DATA…; null when it is too short to be one. */
export function parseResponseBody(body: Uint8Array): ResponseBody | null {
  if (body.length < 3) return null;
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.slice(3) };
}

/**
 * SW3 codes a reader sends with the card's own SW1 SW2 instead of 00 00 (the published
 * protocol tables write them `XX XX 31` and so on).
 */
const cardStatusCodes = new Set([0x31, 0x41, 0x47, 0x81]);

/**
 * Tells a reply from a command (some USB bridges echo what the host wrote). Commands start
 * with CMD in 0x10..0x3F and carry no data in this protocol; replies start with SW1 SW2, which
 * are 00 00 except for the few codes that forward the card's status bytes.
 */
export function looksLikeResponse(body: Uint8Array): boolean {
  if (body.length < 3) return false;
  if (body[0] === 0 && body[1] === 0) return true;
  const first = body[0]!;
  return cardStatusCodes.has(body[2]!) && !(first >= 0x10 && first <= 0x3f);
}

export interface StatusMeaning {
  sw3: number;
  ok: boolean;
  errorCode: ErrorCode | null;
  meaning: string;
}

const statusTable: Record<number, Omit<StatusMeaning, 'sw3'>> = {
  0x90: { ok: true, errorCode: null, meaning: '操作成功' },
  0x91: { ok: true, errorCode: null, meaning: '证件中此项无内容' },
  0x9f: { ok: true, errorCode: null, meaning: '寻卡成功' },
  0x10: { ok: false, errorCode: 'idcard_frame_corrupt', meaning: '读卡器收到的数据校验和错误' },
  0x11: { ok: false, errorCode: 'idcard_frame_corrupt', meaning: '读卡器收到的数据长度错误' },
  // The reader did not accept what we sent: a bug on our side or a command this model lacks.
  0x21: { ok: false, errorCode: 'internal', meaning: '读卡器不接受该命令（命令或参数错误）' },
  0x23: { ok: false, errorCode: 'idcard_sam_failed', meaning: '越权操作' },
  0x24: { ok: false, errorCode: 'idcard_read_failed', meaning: '读卡器报告无法识别的错误' },
  0x31: { ok: false, errorCode: 'idcard_auth_failed', meaning: '证件认证 SAM 失败' },
  0x32: { ok: false, errorCode: 'idcard_auth_failed', meaning: 'SAM 认证证件失败' },
  0x33: { ok: false, errorCode: 'idcard_auth_failed', meaning: '信息验证错误' },
  0x37: { ok: false, errorCode: 'idcard_auth_failed', meaning: '指纹信息验证错误' },
  0x40: { ok: false, errorCode: 'idcard_unknown_card', meaning: '无法识别的证件类型' },
  0x41: { ok: false, errorCode: 'idcard_read_failed', meaning: '读证件失败' },
  0x47: { ok: false, errorCode: 'idcard_auth_failed', meaning: '取随机数失败' },
  0x60: { ok: false, errorCode: 'idcard_sam_failed', meaning: 'SAM 自检失败，不能接收命令' },
  0x66: { ok: false, errorCode: 'idcard_sam_failed', meaning: 'SAM 未经授权，无法使用' },
  0x80: { ok: false, errorCode: 'idcard_no_card', meaning: '寻卡失败（感应区内没有证件）' },
  0x81: { ok: false, errorCode: 'idcard_select_failed', meaning: '选卡失败' },
  // Not in devices.md; listed by open-source SAM_V code (libsamv.h) as a communication fault.
  0xff: { ok: false, errorCode: 'idcard_read_failed', meaning: '读卡器内部通信故障' },
};

export function statusOf(sw3: number): StatusMeaning {
  const known = statusTable[sw3];
  if (known) return { sw3, ...known };
  const code = `0x${sw3.toString(16).toUpperCase().padStart(2, '0')}`;
  return { sw3, ok: false, errorCode: 'idcard_read_failed', meaning: `未知状态码 ${code}` };
}

export interface ReadReply {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array | null;
}

/**
 * The data of a read reply: text length, photo length, [fingerprint length] (2 bytes each,
 * big-endian), then the parts in that order. The lengths must add up exactly.
 */
export function parseReadReply(data: Uint8Array, withFingerprint: boolean): ReadReply {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) {
    throw new AppError('idcard_reply_short', { length: data.length, header });
  }
  const textLength = (data[0]! << 8) | data[1]!;
  const photoLength = (data[2]! << 8) | data[3]!;
  const fingerprintLength = withFingerprint ? (data[4]! << 8) | data[5]! : 0;
  const expected = header + textLength + photoLength + fingerprintLength;
  if (expected !== data.length) {
    throw new AppError('idcard_reply_length', { expected, actual: data.length });
  }
  const text = data.slice(header, header + textLength);
  const photo = data.slice(header + textLength, header + textLength + photoLength);
  const fingerprint = withFingerprint ? data.slice(header + textLength + photoLength) : null;
  return { text, photo, fingerprint };
}

/** The inverse of parseReadReply; a fingerprint (even empty) means the fingerprint layout. */
export function encodeReadReply(reply: ReadReply): Uint8Array {
  const parts = [reply.text, reply.photo, ...(reply.fingerprint ? [reply.fingerprint] : [])];
  const header = 2 * parts.length;
  const out = new Uint8Array(header + parts.reduce((sum, part) => sum + part.length, 0));
  let at = header;
  parts.forEach((part, i) => {
    if (part.length > 0xffff) throw new Error(`read reply part ${i + 1} is ${part.length} bytes, over 65535`);
    out[2 * i] = part.length >> 8;
    out[2 * i + 1] = part.length & 0xff;
    out.set(part, at);
    at += part.length;
  });
  return out;
}

/**
 * SAM id (安全模块号, command 12 FF): 16 bytes, little-endian — two 16-bit numbers, then three
 * 32-bit numbers — printed `05.01-20101215-0010166296-1234567890`.
 *
 * How sure: the byte layout comes from public code that reads it — HslCommunication
 * (dathlin/HslCommunication, Profinet/IDCard SAMSerial.ExtractSafeModuleNumber, and several
 * forks) reads frame bytes 10 and 12 as `D2`, then little-endian Int32 at frame bytes 14, 18
 * and 22; a SAM_V firmware bridge (samv_agent.c, libsamv) answers 12 FF with exactly 16 bytes.
 * That code pads the last two numbers to 9 digits; we pad to 10 (a 32-bit number can have 10)
 * as vendor tools print it, which matches the example above. Fairly sure of the layout, less
 * of the padding; only the printed form differs. Verify against a real reader's label.
 */
export function parseSamId(data: Uint8Array): string {
  if (data.length < 16) {
    throw new AppError('idcard_sam_id_length', { length: data.length });
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return (
    `${pad(view.getUint16(0, true), 2)}.${pad(view.getUint16(2, true), 2)}` +
    `-${pad(view.getUint32(4, true), 8)}-${pad(view.getUint32(8, true), 10)}-${pad(view.getUint32(12, true), 10)}`
  );
}

/** The inverse of parseSamId, for the simulator. */
export function encodeSamId(samId: string): Uint8Array {
  const match = /^(\d{1,5})\.(\d{1,5})-(\d{1,10})-(\d{1,10})-(\d{1,10})$/.exec(samId);
  const numbers = match?.slice(1).map(Number) ?? [];
  const limits = [0xffff, 0xffff, 0xffffffff, 0xffffffff, 0xffffffff];
  if (numbers.length !== 5 || numbers.some((n, i) => n > limits[i]!)) {
    throw new AppError('sam_id_format', { samId });
  }
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setUint16(0, numbers[0]!, true);
  view.setUint16(2, numbers[1]!, true);
  view.setUint32(4, numbers[2]!, true);
  view.setUint32(8, numbers[3]!, true);
  view.setUint32(12, numbers[4]!, true);
  return out;
}
