import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeCommand,
  encodeFrame,
  encodeResponse,
  FrameReader,
  maxFrameLength,
  preamble,
  xorChecksum,
  type FrameEvent,
} from './frame';

const bytes = (hex: string) => Uint8Array.from(hex.trim().split(/\s+/), (h) => Number.parseInt(h, 16));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** Pushes `stream` cut at `cuts` (positions), then flushes; every event in order. */
function decode(stream: Uint8Array, cuts: number[] = [], flush = true): FrameEvent[] {
  const reader = new FrameReader();
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const events: FrameEvent[] = [];
  let from = 0;
  for (const point of [...points, stream.length]) {
    events.push(...reader.push(stream.subarray(from, point)));
    from = point;
  }
  if (flush) events.push(...reader.flush());
  return events;
}

const findCardReply = bytes('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const findCardCommand = bytes('AA AA AA 96 69 00 03 20 01 22');

describe('encoding', () => {
  it('builds the find-card command and reply of devices.md byte for byte', () => {
    expect(encodeCommand(0x20, 0x01)).toEqual(findCardCommand);
    expect(encodeResponse([0, 0, 0x9f], new Uint8Array(4))).toEqual(findCardReply);
  });

  it('counts the body and CHK in LEN and XORs LEN and body into CHK', () => {
    const frame = encodeFrame(Uint8Array.of(1, 2, 3));
    expect(frame.subarray(0, 5)).toEqual(preamble);
    expect([frame[5], frame[6]]).toEqual([0, 4]);
    expect(frame[frame.length - 1]).toBe(xorChecksum(Uint8Array.of(0, 4, 1, 2, 3)));
    expect(xorChecksum(new Uint8Array(0))).toBe(0);
  });

  it('refuses to build frames its own reader would reject', () => {
    // Our own code built it: a bug (a plain Error, logged; the clerk sees 'internal'), not bad input.
    expect(() => encodeFrame(Uint8Array.of(1))).toThrow(/frame body of 1 bytes is outside/);
    expect(() => encodeFrame(new Uint8Array(maxFrameLength - 7))).toThrow();
    expect(encodeFrame(new Uint8Array(maxFrameLength - 8))).toHaveLength(maxFrameLength);
  });
});

describe('FrameReader', () => {
  it('decodes a frame with its offset, raw bytes and body', () => {
    const reader = new FrameReader();
    const events = reader.push(findCardReply);
    expect(events).toEqual([{ type: 'frame', offset: 0, raw: findCardReply, body: bytes('00 00 9F 00 00 00 00') }]);
    expect(reader.buffered).toBe(0);
  });

  const mixed = concat(
    bytes('01 02 03'),
    findCardCommand,
    bytes('FF AA AA 00'),
    findCardReply,
    bytes('AA AA AA 96 69 00 03 20 01 23'), // checksum off by one
    findCardReply,
    bytes('AA AA AA'),
  );

  it('reports garbage, frames and bad frames in stream order', () => {
    const events = decode(mixed);
    expect(events.map((e) => [e.type, e.offset, e.raw.length, e.type === 'error' ? e.code : null])).toEqual([
      ['garbage', 0, 3, null],
      ['frame', 3, 10, null],
      ['garbage', 13, 4, null],
      ['frame', 17, 15, null],
      ['error', 32, 10, 'frame_checksum'],
      ['frame', 42, 15, null],
      ['garbage', 57, 3, null],
    ]);
    const error = events[4] as Extract<FrameEvent, { type: 'error' }>;
    expect(error.message).toContain('校验和错误');
  });

  it('gives the same events wherever the stream is split, in two pieces or byte by byte', () => {
    const whole = decode(mixed);
    for (let cut = 0; cut <= mixed.length; cut++) expect(decode(mixed, [cut])).toEqual(whole);
    expect(decode(mixed, [...mixed.keys()])).toEqual(whole);
  });

  it('waits for the rest of a frame and says how much it holds', () => {
    const reader = new FrameReader();
    expect(reader.push(findCardReply.subarray(0, 9))).toEqual([]);
    expect(reader.buffered).toBe(9);
    expect(reader.push(findCardReply.subarray(9))).toHaveLength(1);
    expect(reader.buffered).toBe(0);
    // A possible preamble at the end is held, garbage before it is not reported yet.
    expect(reader.push(bytes('10 20 AA AA'))).toEqual([]);
    expect(reader.buffered).toBe(4);
    expect(reader.flush()).toEqual([{ type: 'garbage', offset: 15, raw: bytes('10 20 AA AA') }]);
    expect(reader.buffered).toBe(0);
  });

  it('finds a frame right after a preamble that garbage contained', () => {
    const stream = concat(bytes('AA AA AA 96 69 FF FF 12'), findCardReply);
    const events = decode(stream);
    expect(events.map((e) => e.type)).toEqual(['error', 'garbage', 'frame']);
    expect(events[0]).toMatchObject({ code: 'frame_length', offset: 0, raw: bytes('AA AA AA 96 69 FF FF') });
    expect(events[2]).toMatchObject({ offset: 8, raw: findCardReply });
  });

  it('rejects LEN too small to hold anything or above the maximum without waiting', () => {
    for (const len of ['00 00', '00 01', '00 02', '0F FA', 'FF FF']) {
      const reader = new FrameReader();
      const events = reader.push(bytes(`AA AA AA 96 69 ${len}`));
      expect(events).toEqual([expect.objectContaining({ type: 'error', code: 'frame_length' })]);
      expect((events[0] as { message: string }).message).toContain('帧长度无效');
    }
    expect(new FrameReader().push(bytes('AA AA AA 96 69 0F F9'))).toEqual([]); // 4089 + 7 = 4096: allowed
  });

  it('resynchronises on a preamble inside the LEN bytes of a bad frame', () => {
    // LEN = AA AA is too long; a real frame starts at the first AA of it.
    const stream = concat(bytes('AA AA AA 96 69'), findCardReply);
    const events = decode(stream);
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', code: 'frame_length', offset: 0, raw: preamble }),
      { type: 'frame', offset: 5, raw: findCardReply, body: findCardReply.subarray(7, 14) },
    ]);
    expect((events[0] as { message: string }).message).toContain('重新同步');
  });

  it('keeps a good frame that starts inside a frame with a bad checksum', () => {
    // A read reply cut short after 20 bytes, then a find-card reply, then the rest of the line.
    const read = encodeResponse(
      [0, 0, 0x90],
      Uint8Array.from({ length: 1284 }, (_, i) => (i * 7) % 0x50),
    );
    const stream = concat(read.subarray(0, 20), findCardReply, read.subarray(0, 1295 - 35));
    const events = decode(stream);
    expect(events.map((e) => [e.type, e.offset, e.raw.length])).toEqual([
      ['error', 0, 20],
      ['frame', 20, 15],
      ['error', 35, 1260],
    ]);
    expect(events[0]).toMatchObject({ code: 'frame_checksum' });
    expect(events[2]).toMatchObject({ code: 'frame_length' });
    expect((events[2] as { message: string }).message).toContain('帧不完整');
  });

  it('reports a frame truncated at the end of the stream, once flushed', () => {
    const reader = new FrameReader();
    expect(reader.push(findCardReply.subarray(0, 6))).toEqual([]);
    expect(reader.flush()).toEqual([
      expect.objectContaining({ type: 'error', code: 'frame_length', raw: findCardReply.subarray(0, 6) }),
    ]);
  });

  it('counts offsets from construction or reset', () => {
    const reader = new FrameReader();
    reader.push(bytes('00 00 00'));
    reader.push(findCardReply);
    reader.reset();
    expect(reader.buffered).toBe(0);
    expect(reader.push(findCardReply)).toEqual([expect.objectContaining({ offset: 0 })]);
    expect(reader.push(findCardReply)).toEqual([expect.objectContaining({ offset: 15 })]);
  });

  it('reports endless garbage in bounded pieces and never holds more than a frame', () => {
    const reader = new FrameReader();
    const noise = new Uint8Array(100_000).fill(0x55);
    let pieces = 0;
    for (let at = 0; at < noise.length; at += 1000) {
      for (const event of reader.push(noise.subarray(at, at + 1000))) {
        expect(event).toMatchObject({ type: 'garbage', offset: pieces * maxFrameLength });
        expect(event.raw).toHaveLength(maxFrameLength);
        pieces++;
      }
      expect(reader.buffered).toBeLessThan(maxFrameLength);
    }
    expect(pieces).toBe(Math.floor(noise.length / maxFrameLength));
  });

  it('stays linear when the largest frames arrive one byte at a time', () => {
    const frame = encodeFrame(new Uint8Array(maxFrameLength - 8).fill(7));
    const stream = concat(...Array.from({ length: 256 }, () => frame)); // 1 MiB
    const reader = new FrameReader();
    const started = performance.now();
    let frames = 0;
    for (let i = 0; i < stream.length; i++) frames += reader.push(stream.subarray(i, i + 1)).length;
    expect(frames).toBe(256);
    // Quadratic copying (the pending 4 KiB frame on every byte) would take minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('FrameReader properties', () => {
  const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

  it('never throws, and accounts for every byte: raw lengths + buffered = bytes pushed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), cutsArb, fc.boolean(), (noise, cuts, withPreambles) => {
        // Sprinkle preamble bytes so the interesting paths are taken often.
        const stream = withPreambles ? noise.map((b) => (b < 128 ? b : ([0xaa, 0xaa, 0x96, 0x69][b % 4] ?? b))) : noise;
        const reader = new FrameReader();
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1))), stream.length].sort((a, b) => a - b);
        let from = 0;
        let accounted = 0;
        for (const point of points) {
          for (const event of reader.push(stream.subarray(from, point))) {
            expect(event.offset).toBe(accounted); // events tile the stream in order
            accounted += event.raw.length;
          }
          from = point;
          expect(accounted + reader.buffered).toBe(from);
        }
        for (const event of reader.flush()) {
          expect(event.offset).toBe(accounted);
          accounted += event.raw.length;
        }
        expect(reader.buffered).toBe(0);
        expect(accounted).toBe(stream.length);
      }),
      { numRuns: 10_000 },
    );
  });

  it('round-trips: encoded bodies, chunked at random, come back as the same bodies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 2, maxLength: 60 }), { maxLength: 8 }),
        cutsArb,
        (bodies, cuts) => {
          const events = decode(concat(...bodies.map(encodeFrame)), cuts);
          expect(events.every((e) => e.type === 'frame')).toBe(true);
          expect(events.map((e) => (e.type === 'frame' ? e.body : null))).toEqual(bodies);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  /** Frames, bad frames, preamble fragments and noise: the material of real line trouble. */
  const segmentArb = fc.oneof(
    fc.uint8Array({ minLength: 2, maxLength: 30 }).map(encodeFrame),
    fc.tuple(fc.uint8Array({ minLength: 2, maxLength: 30 }), fc.integer({ min: 1, max: 255 })).map(([body, flip]) => {
      const frame = encodeFrame(body);
      frame[frame.length - 1] = frame[frame.length - 1]! ^ flip;
      return frame;
    }),
    fc.integer({ min: 1, max: 5 }).map((n) => preamble.slice(0, n)),
    fc.tuple(fc.integer({ min: 0, max: 0xffff })).map(([len]) => concat(preamble, Uint8Array.of(len >> 8, len & 0xff))),
    fc.uint8Array({ maxLength: 12 }),
  );

  it('gives the same events however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(segmentArb, { maxLength: 10 }), cutsArb, (segments, cuts) => {
        const stream = concat(...segments);
        expect(decode(stream, cuts)).toEqual(decode(stream));
      }),
      { numRuns: 10_000 },
    );
  });

  /**
   * What corruption cannot do: an intact frame is never swallowed by garbage or by an error.
   * It is decoded at its own offset — unless a frame the reader accepted covers its start (a
   * false frame whose XOR happens to match, 1 in 256), which no resync rule can prevent.
   */
  it('never loses an intact frame to an earlier corrupted one', () => {
    const corruptionArb = fc.record({
      kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate'),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
    });
    const itemArb = fc.record({
      body: fc.uint8Array({ minLength: 2, maxLength: 40 }),
      corruptions: fc.array(corruptionArb, { maxLength: 3 }),
      gap: fc.uint8Array({ maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 8 }), cutsArb, (items, cuts) => {
        const parts: Uint8Array[] = [];
        const intact: { offset: number; raw: Uint8Array }[] = [];
        let offset = 0;
        for (const item of items) {
          let frame = Array.from(encodeFrame(item.body));
          const original = frame.join();
          for (const c of item.corruptions) {
            const at = c.at % frame.length;
            if (c.kind === 'flip') frame[at] = frame[at]! ^ (c.value || 1);
            else if (c.kind === 'insert') frame.splice(at, 0, c.value);
            else if (c.kind === 'delete' && frame.length > 1) frame.splice(at, 1);
            else if (c.kind === 'truncate') frame = frame.slice(0, Math.max(1, at));
          }
          const bytesOut = Uint8Array.from(frame);
          if (frame.join() === original) intact.push({ offset, raw: bytesOut });
          parts.push(bytesOut, item.gap);
          offset += bytesOut.length + item.gap.length;
        }
        const events = decode(concat(...parts), cuts);
        for (const frame of intact) {
          const exact = events.find((e) => e.offset === frame.offset);
          const covered = events.some(
            (e) => e.type === 'frame' && e.offset < frame.offset && frame.offset < e.offset + e.raw.length,
          );
          if (!covered) expect(exact).toMatchObject({ type: 'frame', raw: frame.raw });
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
