import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodedFrameSchema } from '../../../preload/contract/devices';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import { encodeResponse } from './frame';
import { decodeFrames, isBadFrame, parseHex } from './frame-dump';
import { commandFrame, encodeReadReply, encodeSamId } from './protocol';
import { sampleCards } from './sample-cards';
import { simulatedBytes, simulatedPhotoMarker } from './simulator';
import { encodeAppendedAddress, encodeTextBlock } from './text-block';
import { appErrorOf } from '../../testing/wait';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const ok = [0, 0, 0x90] as const;
const readReply = (holds: keyof typeof sampleCards) =>
  encodeResponse(
    ok,
    encodeReadReply({
      text: encodeTextBlock(sampleCards[holds]),
      photo: simulatedBytes('photo', 1024, simulatedPhotoMarker),
      fingerprint: null,
    }),
  );

describe('parseHex', () => {
  it('reads dumps as serial monitors and logs write them', () => {
    const dump = [
      '# find card, then its reply',
      '> AA AA AA 96 69 00 03 20 01 22',
      '< 0xAA,0xAA,0xAA,0x96,0x69, 0x00 0x08',
      '  00:00:9f 00000000 97   # lower case and runs of digits',
      '',
    ].join('\r\n');
    expect(hex(parseHex(dump))).toBe('AA AA AA 96 69 00 03 20 01 22 AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(parseHex('')).toEqual(new Uint8Array(0));
    expect(hex(parseHex('A\nB'))).toBe('AB'); // digits pair up across lines
  });

  it('says where the text is not hex, in Chinese', () => {
    const notHex = appErrorOf(() => parseHex('AA BB\nCC GG'));
    expect(notHex.code).toBe('hex_not_a_digit');
    expect(notHex.message).toBe('第 2 行第 4 列：“G”不是十六进制数字');
    expect(appErrorOf(() => parseHex('AA B')).message).toBe(
      '十六进制数字个数为奇数：第 1 行第 4 列的数字没有配对，最后一个字节不完整',
    );
    expect(appErrorOf(() => parseHex('AA 0x')).message).toContain('“0x”后面没有十六进制数字');
    expect(appErrorOf(() => parseHex('AA > BB')).message).toContain('“>”不是十六进制数字');
  });

  it('reads back any bytes written as hex, in any accepted style', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(' ', ',', ':', '\n> ', '\n< ', ', 0x'),
        (bytes, sep) => {
          const text = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(sep);
          expect(parseHex(text)).toEqual(bytes);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('decodeFrames', () => {
  const corrupted = commandFrame('selectCard');
  corrupted[9] = corrupted[9]! ^ 0x40;
  const capture = Uint8Array.of(
    0x00,
    0x13, // line noise at power-up
    ...commandFrame('samId'),
    ...encodeResponse(ok, encodeSamId('05.01-20101215-0010166296-1234567890')),
    ...commandFrame('findCard'),
    ...encodeResponse([0, 0, 0x9f], new Uint8Array(4)),
    ...corrupted,
    ...commandFrame('selectCard'),
    ...encodeResponse(ok, new Uint8Array(8)),
    ...commandFrame('readText'),
    ...readReply('resident_zhang'),
    ...commandFrame('readAppendedAddress'),
    ...encodeResponse(ok, encodeAppendedAddress('山东省淄博市张店区柳泉路66号')),
    ...commandFrame('findCard'),
    ...encodeResponse([0, 0, 0x80]),
    0xaa,
    0xaa,
    0xaa,
    0x96,
    0x69,
    0x05, // a reply cut off at the end of the capture
  );

  it('names commands, explains replies, parses the card and reports bad frames', () => {
    const frames = decodeFrames(capture);
    for (const frame of frames) expect(decodedFrameSchema.parse(frame)).toEqual(frame);
    expect(frames.map((f) => [f.kind, f.command, f.status?.code ?? null])).toEqual([
      ['garbage', null, null],
      ['command', 'samId', null],
      ['response', 'samId', 0x90],
      ['command', 'findCard', null],
      ['response', 'findCard', 0x9f],
      ['error', null, null],
      ['command', 'selectCard', null],
      ['response', 'selectCard', 0x90],
      ['command', 'readText', null],
      ['response', 'readText', 0x90],
      ['command', 'readAppendedAddress', null],
      ['response', 'readAppendedAddress', 0x90],
      ['command', 'findCard', null],
      ['response', 'findCard', 0x80],
      ['error', null, null],
    ]);
    expect(frames[0]).toMatchObject({ offset: 0, length: 2, hex: '00 13' });
    expect(frames[1]).toMatchObject({
      offset: 2,
      hex: 'AA AA AA 96 69 00 03 12 FF EE',
      detail: { label: '读 SAM 管理信息（SAM 编号）' },
    });
    expect(frames[2]?.detail).toMatchObject({ samId: '05.01-20101215-0010166296-1234567890' });
    expect(frames[4]?.status).toEqual({ sw: '00 00 9F', code: 0x9f, ok: true, meaning: '寻卡成功' });
    expect(frames[5]).toMatchObject({
      detail: { code: 'frame_checksum' },
      error: expect.stringContaining('校验和错误') as string,
    });
    expect(frames[9]).toMatchObject({
      length: 1295,
      detail: { textLength: 256, photoLength: 1024, fingerprintLength: null, photoSimulated: true },
      identity: {
        cardType: 'resident',
        name: '张测试',
        idNumber: `370303********${sampleCards.resident_zhang.idNumber.slice(-4)}`,
      },
    });
    expect(frames[11]?.detail).toMatchObject({ appendedAddress: '山东省淄博市张店区柳泉路66号' });
    expect(frames[13]?.status).toMatchObject({ ok: false, meaning: expect.stringContaining('寻卡失败') as string });
    expect(frames[14]).toMatchObject({
      offset: capture.length - 6,
      length: 6,
      error: expect.stringContaining('帧不完整') as string,
    });
    expect(frames.filter(isBadFrame)).toHaveLength(2);
  });

  it('masks ID and pass numbers unless asked to reveal them', () => {
    const reply = readReply('hk_macao_taiwan');
    const [masked] = decodeFrames(reply);
    const [revealed] = decodeFrames(reply, { reveal: true });
    const card = sampleCards.hk_macao_taiwan;
    if (card.cardType !== 'hk_macao_taiwan') throw new Error('the J sample is a J card');
    expect(masked?.identity).toMatchObject({
      idNumber: maskIdNumber(card.idNumber),
      passNumber: maskIdNumber(card.passNumber),
    });
    expect(masked?.identity?.idNumber).toBe(`${card.idNumber.slice(0, 6)}********${card.idNumber.slice(-4)}`);
    expect(JSON.stringify(masked)).not.toContain(card.passNumber);
    expect(revealed?.identity).toEqual(card);
  });

  it('recognises a read reply by its lengths even without the command, and reports a bad text block', () => {
    const [alone] = decodeFrames(readReply('foreign_permanent'));
    expect(alone).toMatchObject({
      kind: 'response',
      command: null,
      identity: { cardType: 'foreign_permanent', typeLetter: 'I' },
    });
    const broken = encodeResponse(
      ok,
      encodeReadReply({ text: new Uint8Array(256), photo: new Uint8Array(1024), fingerprint: null }),
    );
    const [bad] = decodeFrames(broken);
    expect(bad).toMatchObject({
      kind: 'response',
      identity: null,
      error: expect.stringContaining('证件信息无法解析') as string,
    });
    expect(isBadFrame(bad!)).toBe(true);
  });

  it('names unknown commands by their bytes and keeps every frame within the schema', () => {
    const [unknown] = decodeFrames(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x60, 0x00, 0x63));
    expect(unknown).toMatchObject({
      kind: 'command',
      command: null,
      detail: { cmd: '0x60', para: '0x00', label: '未知命令' },
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (noise) => {
        const stream = Uint8Array.of(...noise.subarray(0, 40), ...commandFrame('readText'), ...noise.subarray(40));
        for (const frame of decodeFrames(stream)) decodedFrameSchema.parse(frame);
      }),
      { numRuns: 10_000 },
    );
  });
});
