import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../preload/contract/errors';
import { encodeResponse, FrameReader, maxFrameLength } from './frame';
import {
  commandByCode,
  commandFrame,
  commands,
  encodeReadReply,
  encodeSamId,
  looksLikeResponse,
  parseCommandBody,
  parseReadReply,
  parseResponseBody,
  parseSamId,
  statusOf,
  type CommandName,
} from './protocol';
import { appErrorOf } from '../../testing/wait';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const ok = [0, 0, 0x90] as const;

describe('commands', () => {
  it('encodes every command of the devices.md table byte for byte', () => {
    const table: Record<CommandName, string> = {
      resetSam: 'AA AA AA 96 69 00 03 10 FF EC',
      samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
      samId: 'AA AA AA 96 69 00 03 12 FF EE',
      findCard: 'AA AA AA 96 69 00 03 20 01 22',
      selectCard: 'AA AA AA 96 69 00 03 20 02 21',
      readText: 'AA AA AA 96 69 00 03 30 01 32',
      readTextWithFingerprint: 'AA AA AA 96 69 00 03 30 10 23',
      readAppendedAddress: 'AA AA AA 96 69 00 03 30 03 30',
    };
    for (const name of Object.keys(commands) as CommandName[]) {
      expect(hex(commandFrame(name)), name).toBe(table[name]);
      expect(commands[name].label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('parses command bodies and names the known ones', () => {
    expect(parseCommandBody(Uint8Array.of(0x20, 0x02))).toEqual({
      name: 'selectCard',
      cmd: 0x20,
      para: 0x02,
      data: new Uint8Array(0),
    });
    expect(parseCommandBody(Uint8Array.of(0x60, 0x00, 7))).toEqual({
      name: null,
      cmd: 0x60,
      para: 0,
      data: Uint8Array.of(7),
    });
    expect(parseCommandBody(Uint8Array.of(0x20))).toBeNull();
    expect(commandByCode(0x30, 0x10)).toBe('readTextWithFingerprint');
  });

  it('tells replies from commands, including replies that forward the card status bytes', () => {
    expect(looksLikeResponse(Uint8Array.of(0, 0, 0x9f, 0, 0, 0, 0))).toBe(true);
    expect(looksLikeResponse(Uint8Array.of(0, 0, 0x90))).toBe(true);
    expect(looksLikeResponse(Uint8Array.of(0x6a, 0x82, 0x41))).toBe(true);
    expect(looksLikeResponse(Uint8Array.of(0x20, 0x01))).toBe(false);
    expect(looksLikeResponse(Uint8Array.of(0x30, 0x01, 0x41))).toBe(false);
    expect(looksLikeResponse(Uint8Array.of(0x12, 0xff, 0x00))).toBe(false);
    expect(parseResponseBody(Uint8Array.of(0, 0, 0x80))).toEqual({
      sw1: 0,
      sw2: 0,
      sw3: 0x80,
      data: new Uint8Array(0),
    });
    expect(parseResponseBody(Uint8Array.of(0, 0))).toBeNull();
  });
});

describe('statusOf', () => {
  it('knows every SW3 of devices.md with the error code a clerk can act on', () => {
    const expected: [number, boolean, string | null][] = [
      [0x90, true, null],
      [0x91, true, null],
      [0x9f, true, null],
      [0x10, false, 'idcard_frame_corrupt'],
      [0x11, false, 'idcard_frame_corrupt'],
      [0x21, false, 'internal'],
      [0x23, false, 'idcard_sam_failed'],
      [0x24, false, 'idcard_read_failed'],
      [0x31, false, 'idcard_auth_failed'],
      [0x32, false, 'idcard_auth_failed'],
      [0x33, false, 'idcard_auth_failed'],
      [0x37, false, 'idcard_auth_failed'],
      [0x40, false, 'idcard_unknown_card'],
      [0x41, false, 'idcard_read_failed'],
      [0x47, false, 'idcard_auth_failed'],
      [0x60, false, 'idcard_sam_failed'],
      [0x66, false, 'idcard_sam_failed'],
      [0x80, false, 'idcard_no_card'],
      [0x81, false, 'idcard_select_failed'],
    ];
    for (const [sw3, okay, code] of expected) {
      const status = statusOf(sw3);
      expect(status, sw3.toString(16)).toMatchObject({ sw3, ok: okay, errorCode: code });
      expect(status.meaning).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('handles codes it does not know', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (sw3) => {
        const status = statusOf(sw3);
        expect(status.sw3).toBe(sw3);
        expect(status.ok || status.errorCode !== null).toBe(true);
      }),
      { numRuns: 10_000 },
    );
    expect(statusOf(0x55)).toEqual({
      sw3: 0x55,
      ok: false,
      errorCode: 'idcard_read_failed',
      meaning: '未知状态码 0x55',
    });
  });
});

describe('read replies', () => {
  const text = new Uint8Array(256).fill(0x20);
  const photo = new Uint8Array(1024).fill(0x33);

  it('is 1295 bytes for text and photo, with the header of devices.md', () => {
    const frame = encodeResponse(ok, encodeReadReply({ text, photo, fingerprint: null }));
    expect(frame).toHaveLength(1295);
    expect(hex(frame.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
  });

  it('is 1297, 1809 or 2321 bytes with a fingerprint of 0, 512 or 1024 bytes, and fits the reader', () => {
    for (const [size, length] of [
      [0, 1297],
      [512, 1809],
      [1024, 2321],
    ] as const) {
      const fingerprint = new Uint8Array(size).fill(0x77);
      const frame = encodeResponse(ok, encodeReadReply({ text, photo, fingerprint }));
      expect(frame).toHaveLength(length);
      expect(length).toBeLessThanOrEqual(maxFrameLength);
      const [event] = new FrameReader().push(frame);
      expect(event?.type).toBe('frame');
      const body = parseResponseBody(event?.type === 'frame' ? event.body : new Uint8Array(0))!;
      expect(parseReadReply(body.data, true)).toEqual({ text, photo, fingerprint });
    }
  });

  it('round-trips any parts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.option(fc.uint8Array({ maxLength: 300 })),
        (t, p, f) => {
          const reply = { text: t, photo: p, fingerprint: f };
          expect(parseReadReply(encodeReadReply(reply), f !== null)).toEqual(reply);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('rejects lengths that do not add up, in Chinese', () => {
    const data = encodeReadReply({ text, photo, fingerprint: null });
    for (const bad of [data.subarray(0, 3), data.subarray(0, data.length - 1), Uint8Array.of(...data, 0)]) {
      const error = appErrorOf(() => parseReadReply(bad, false));
      expect(['idcard_reply_short', 'idcard_reply_length']).toContain(error.code);
      expect(error.message).toMatch(/读卡返回数据/);
    }
    expect(appErrorOf(() => parseReadReply(data, true)).code).toBe('idcard_reply_length');
  });

  it('never throws anything but AppError on any data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), (data, withFingerprint) => {
        try {
          parseReadReply(data, withFingerprint);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('SAM id', () => {
  it('prints the 16 bytes as vendors print them', () => {
    const data = Uint8Array.of(
      0x05,
      0x00,
      0x01,
      0x00, // 05.01
      ...[20101215, 10166296, 1234567890].flatMap((n) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]),
    );
    expect(parseSamId(data)).toBe('05.01-20101215-0010166296-1234567890');
    expect(encodeSamId('05.01-20101215-0010166296-1234567890')).toEqual(data);
  });

  it('round-trips every id and rejects short data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (data) => {
        expect(encodeSamId(parseSamId(data))).toEqual(data);
      }),
      { numRuns: 10_000 },
    );
    expect(appErrorOf(() => parseSamId(new Uint8Array(15))).code).toBe('idcard_sam_id_length');
    expect(appErrorOf(() => encodeSamId('05.01-x')).code).toBe('sam_id_format');
  });
});
