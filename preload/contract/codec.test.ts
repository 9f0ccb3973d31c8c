import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './codec';

const bytes = (...values: number[]) => Uint8Array.from(values);
const allByteValues = Uint8Array.from({ length: 256 }, (_, i) => i);

const samples: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['1 byte', bytes(0xff)],
  ['3 bytes', bytes(0x01, 0x80, 0x7f)],
  ['1000 random bytes', new Uint8Array(randomBytes(1000))],
  ['all 256 byte values', allByteValues],
];

/** A frame built by hand: header JSON, then raw bytes. */
function frameOf(header: string, ...tails: Uint8Array[]): Uint8Array {
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(4 + head.length + tails.reduce((n, t) => n + t.length, 0));
  new DataView(out.buffer).setUint32(0, head.length);
  out.set(head, 4);
  let at = 4 + head.length;
  for (const t of tails) {
    out.set(t, at);
    at += t.length;
  }
  return out;
}

describe('encodeMessage / decodeMessage', () => {
  it.each(samples)('round-trips %s nested in objects and arrays', (_name, value) => {
    const message = {
      photo: value,
      list: [value, { deeper: [value] }],
      meta: { name: '张三', count: 3, none: null, flag: true },
    };
    const back = decodeMessage(encodeMessage(message)) as {
      photo: Uint8Array;
      list: [Uint8Array, { deeper: [Uint8Array] }];
      meta: unknown;
    };
    expect(back.photo).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.photo)).toEqual(Array.from(value));
    expect(Array.from(back.list[0])).toEqual(Array.from(value));
    expect(Array.from(back.list[1].deeper[0])).toEqual(Array.from(value));
    expect(back.meta).toEqual({ name: '张三', count: 3, none: null, flag: true });
  });

  it('carries bytes raw after the header: a 1 MB payload makes a frame of 1 MB and a few bytes', () => {
    const payload = new Uint8Array(randomBytes(1024 * 1024));
    const frame = encodeMessage({ id: 7, input: { bytes: payload, name: 'scan.pdf' } });
    expect(frame.length).toBeLessThan(payload.length + 200);
    expect(Buffer.from(frame.subarray(frame.length - payload.length)).equals(payload)).toBe(true);
    const headerLength = new DataView(frame.buffer).getUint32(0);
    expect(JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + headerLength)))).toEqual({
      v: { id: 7, input: { bytes: { $bytes: 0 }, name: 'scan.pdf' } },
      b: [payload.length],
    });
  });

  it('encodes a top-level Uint8Array and undefined', () => {
    expect(Array.from(decodeMessage(encodeMessage(allByteValues)) as Uint8Array)).toEqual(Array.from(allByteValues));
    expect(decodeMessage(encodeMessage(undefined))).toBeNull();
  });

  it('encodes a Node Buffer as bytes, not as Buffer.toJSON(), and a pooled slice by its own bytes only', () => {
    const buffer = randomBytes(333);
    const back = decodeMessage(encodeMessage({ file: buffer, files: [buffer] })) as {
      file: Uint8Array;
      files: Uint8Array[];
    };
    expect(Buffer.from(back.file).equals(buffer)).toBe(true);
    expect(Buffer.from(back.files[0]!).equals(buffer)).toBe(true);
    const slice = Buffer.from('hello world').subarray(6);
    expect(new TextDecoder().decode((decodeMessage(encodeMessage({ s: slice })) as { s: Uint8Array }).s)).toBe('world');
  });

  it('keeps data of ours that looks like a byte reference as it was', () => {
    const value = {
      a: 1,
      $bytes: 0,
      lookalike: { $bytes: 0 },
      both: { $bytes: 'x', other: 1 },
      $$deeper: { $x: [{ $bytes: 1 }] },
      real: bytes(1, 2, 3),
    };
    const back = decodeMessage(encodeMessage(value)) as typeof value;
    expect({ ...back, real: Array.from(back.real) }).toEqual({ ...value, real: [1, 2, 3] });
  });

  it('round-trips any JSON value with byte arrays anywhere in it', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.uint8Array({ maxLength: 64 }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    const plain = (v: unknown): unknown =>
      v instanceof Uint8Array
        ? { bytes: Array.from(v) }
        : Array.isArray(v)
          ? v.map(plain)
          : v !== null && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
            : v;
    fc.assert(
      fc.property(value, (v) => {
        expect(plain(decodeMessage(encodeMessage(v)))).toEqual(plain(v));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['shorter than its length field', Uint8Array.from([0, 0])],
    ['a header that runs past the frame', frameOf('{"v":1,"b":[]}').subarray(0, 10)],
    ['a header that is not JSON', frameOf('{not json')],
    ['a header that is not UTF-8', Uint8Array.from([0, 0, 0, 2, 0xff, 0xfe])],
    ['no byte table', frameOf('{"v":1}')],
    ['a negative length', frameOf('{"v":1,"b":[-1]}')],
    ['bytes that run past the frame', frameOf('{"v":{"$bytes":0},"b":[10]}', bytes(1, 2))],
    ['trailing bytes', frameOf('{"v":1,"b":[]}', bytes(1))],
    ['a reference to no array', frameOf('{"v":{"$bytes":1},"b":[1]}', bytes(1))],
  ])('refuses a frame with %s', (_name, frame) => {
    expect(() => decodeMessage(frame)).toThrow();
  });
});
