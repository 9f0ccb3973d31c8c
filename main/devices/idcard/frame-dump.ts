import type { DecodedFrame } from '../../../preload/contract/devices';
import { AppError } from '../../../preload/contract/errors';
import { FrameReader, type FrameEvent } from './frame';
import { maskedIdentity } from './masked';
import {
  commands,
  looksLikeResponse,
  parseCommandBody,
  parseReadReply,
  parseResponseBody,
  parseSamId,
  statusOf,
  type CommandName,
  type ReadReply,
} from './protocol';
import { simulatedPhotoMarker } from './simulator';
import { parseAppendedAddress, parseTextBlock } from './text-block';

/**
 * Decodes captured reader traffic (a hex dump) into frames a person can read: for the devtool
 * and the devices screen. Pure; never throws on bad frames, only on text that is not hex.
 */

const separators = new Set([' ', '\t', '\r', '\f', '\v', ',', ':']);

/**
 * Hex text to bytes. Accepted, so dumps can be pasted from serial monitors and logs as they are:
 * - whitespace, commas and colons between digits (ignored; digits pair up across them and across lines);
 * - a `0x`/`0X` prefix on any group of digits;
 * - a `>` or `<` at the start of a line (direction: host to reader, reader to host) — dropped,
 *   as commands and replies are told apart by their content;
 * - `#` to the end of a line: a comment.
 * Anything else, or an odd number of digits, is invalid_input saying where.
 */
export function parseHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  let count = 0;
  let high = -1;
  let highAt = { line: 0, column: 0 };
  const lines = text.split('\n');
  lines.forEach((whole, index) => {
    const lineNo = index + 1;
    const hash = whole.indexOf('#');
    const line = hash >= 0 ? whole.slice(0, hash) : whole;
    let i = 0;
    while (i < line.length && separators.has(line[i]!)) i++;
    if (line[i] === '>' || line[i] === '<') i++;
    let tokenStart = true;
    while (i < line.length) {
      const c = line[i]!;
      if (separators.has(c)) {
        tokenStart = true;
        i++;
        continue;
      }
      if (tokenStart && c === '0' && (line[i + 1] === 'x' || line[i + 1] === 'X')) {
        i += 2;
        tokenStart = false;
        if (i >= line.length || separators.has(line[i]!)) {
          throw invalidHex(new AppError('hex_no_digits_after_0x', { line: lineNo, column: i - 1 }));
        }
        continue;
      }
      tokenStart = false;
      const value = Number.parseInt(c, 16);
      if (Number.isNaN(value)) {
        throw invalidHex(new AppError('hex_not_a_digit', { line: lineNo, column: i + 1, char: c }));
      }
      if (high < 0) {
        high = value;
        highAt = { line: lineNo, column: i + 1 };
      } else {
        out[count++] = (high << 4) | value;
        high = -1;
      }
      i++;
    }
  });
  if (high >= 0) {
    throw invalidHex(new AppError('hex_odd_digits', highAt));
  }
  return out.slice(0, count);
}

/** The error, its message also marked on the form's hex field. */
function invalidHex(error: AppError): AppError {
  return error.withFields({ hex: error.message });
}

const hexBytes = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

/** Which read layout the lengths in `data` fit: with or without a fingerprint, or neither. */
function readReplyLayout(data: Uint8Array): boolean | null {
  const at = (i: number) => (data[i]! << 8) | data[i + 1]!;
  if (data.length >= 4 && 4 + at(0) + at(2) === data.length) return false;
  if (data.length >= 6 && 6 + at(0) + at(2) + at(4) === data.length) return true;
  return null;
}

function startsWith(bytes: Uint8Array, marker: string): boolean {
  if (bytes.length < marker.length) return false;
  for (let i = 0; i < marker.length; i++) if (bytes[i] !== marker.charCodeAt(i)) return false;
  return true;
}

function base(event: FrameEvent): DecodedFrame {
  return {
    offset: event.offset,
    length: event.raw.length,
    hex: hexBytes(event.raw),
    kind: event.type === 'frame' ? 'command' : event.type,
    command: null,
    status: null,
    identity: null,
    detail: null,
    error: null,
  };
}

/**
 * Every frame, error and stretch of garbage in `bytes`, in order. A reply is read in the light of
 * the command before it (SAM id, read, appended address); a read reply is recognised by its
 * lengths even without one. ID and pass numbers are masked 6+4 unless `reveal`.
 */
export function decodeFrames(bytes: Uint8Array, options: { reveal?: boolean } = {}): DecodedFrame[] {
  const reader = new FrameReader();
  const events = [...reader.push(bytes), ...reader.flush()];
  let lastCommand: CommandName | null = null;

  return events.map((event): DecodedFrame => {
    const frame = base(event);
    if (event.type === 'garbage') {
      return { ...frame, error: `不属于任何帧的 ${event.raw.length} 个字节，已跳过` };
    }
    if (event.type === 'error') {
      lastCommand = null;
      return { ...frame, detail: { code: event.code }, error: event.message };
    }

    if (!looksLikeResponse(event.body)) {
      const command = parseCommandBody(event.body)!;
      lastCommand = command.name;
      return {
        ...frame,
        kind: 'command',
        command: command.name,
        detail: {
          cmd: hex2(command.cmd),
          para: hex2(command.para),
          label: command.name ? commands[command.name].label : '未知命令',
          dataLength: command.data.length,
        },
      };
    }

    const response = parseResponseBody(event.body)!;
    const answers = lastCommand;
    lastCommand = null;
    const status = statusOf(response.sw3);
    const detail: Record<string, unknown> = { answers, dataLength: response.data.length };
    const decoded: DecodedFrame = {
      ...frame,
      kind: 'response',
      command: answers,
      status: {
        sw: hexBytes(Uint8Array.of(response.sw1, response.sw2, response.sw3)),
        code: response.sw3,
        ok: status.ok,
        meaning: status.meaning,
      },
      detail,
    };
    if (response.sw3 !== 0x90) return decoded;

    const { data } = response;
    try {
      if (answers === 'samId') {
        detail.samId = parseSamId(data);
      } else if (answers === 'readAppendedAddress') {
        detail.appendedAddress = parseAppendedAddress(data);
      } else if (
        answers === 'readText' ||
        answers === 'readTextWithFingerprint' ||
        (answers === null && readReplyLayout(data) !== null)
      ) {
        const withFingerprint =
          answers === 'readTextWithFingerprint' || (answers === null && readReplyLayout(data) === true);
        const parts: ReadReply = parseReadReply(data, withFingerprint);
        Object.assign(detail, {
          textLength: parts.text.length,
          photoLength: parts.photo.length,
          fingerprintLength: parts.fingerprint?.length ?? null,
          photoSimulated: startsWith(parts.photo, simulatedPhotoMarker),
        });
        const identity = parseTextBlock(parts.text);
        decoded.identity = options.reveal ? identity : maskedIdentity(identity);
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      decoded.error = error.message;
    }
    return decoded;
  });
}

/** Frames that mean the capture is not clean: bad frames and replies whose data could not be read. */
export function isBadFrame(frame: DecodedFrame): boolean {
  return frame.kind === 'error' || (frame.kind === 'response' && frame.error !== null);
}
