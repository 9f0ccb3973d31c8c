import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decode, encode } from './codec';

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

const allByteValues = Uint8Array.from({ length: 256 }, (_, i) => i);

const samples: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['1 byte', bytes(0xff)],
  ['2 bytes', bytes(0x00, 0xfe)],
  ['3 bytes', bytes(0x01, 0x80, 0x7f)],
  ['4 bytes', bytes(0xde, 0xad, 0xbe, 0xef)],
  ['1000 random bytes', new Uint8Array(randomBytes(1000))],
  ['all 256 byte values', allByteValues],
];

describe('bytesToBase64', () => {
  it.each(samples)('matches Buffer.toString("base64") for %s', (_name, value) => {
    expect(bytesToBase64(value)).toBe(Buffer.from(value).toString('base64'));
  });

  it('encodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, b64] of vectors) {
      expect(bytesToBase64(new TextEncoder().encode(plain))).toBe(b64);
      expect(new TextDecoder().decode(base64ToBytes(b64))).toBe(plain);
    }
  });

  it('encodes a view into a larger buffer by its own bytes only', () => {
    const backing = Uint8Array.from([9, 9, 1, 2, 3, 9]);
    const view = backing.subarray(2, 5);
    expect(bytesToBase64(view)).toBe(Buffer.from([1, 2, 3]).toString('base64'));
  });
});

describe('base64ToBytes', () => {
  it.each(samples)('inverts Buffer base64 for %s', (_name, value) => {
    const decoded = base64ToBytes(Buffer.from(value).toString('base64'));
    expect(decoded).toBeInstanceOf(Uint8Array);
    expect(Array.from(decoded)).toEqual(Array.from(value));
  });

  it.each([
    ['wrong length', 'Zm9'],
    ['single char', 'Z'],
    ['illegal character', 'Zm9v!A=='],
    ['URL-safe alphabet', 'ab-_'],
    ['three padding characters', 'Z==='],
    ['only padding', '===='],
    ['padding in the middle', 'Zg==Zm8='],
    ['whitespace', 'Zm9v Yg=='],
    ['non-ASCII', '中文编码'],
  ])('rejects invalid base64: %s', (_name, text) => {
    expect(() => base64ToBytes(text)).toThrow('invalid base64');
  });
});

describe('encode/decode', () => {
  it.each(samples)('round-trips %s nested in objects and arrays', (_name, value) => {
    const message = {
      photo: value,
      list: [value, { deeper: [value] }],
      meta: { name: '张三', count: 3, none: null, flag: true },
    };
    const text = encode(message);
    expect(typeof text).toBe('string');
    const back = decode(text) as {
      photo: Uint8Array;
      list: [Uint8Array, { deeper: [Uint8Array] }];
      meta: unknown;
    };
    expect(back.photo).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.photo)).toEqual(Array.from(value));
    expect(back.list[0]).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.list[0])).toEqual(Array.from(value));
    expect(Array.from(back.list[1].deeper[0])).toEqual(Array.from(value));
    expect(back.meta).toEqual({ name: '张三', count: 3, none: null, flag: true });
  });

  it('carries bytes as base64 under a $bytes key', () => {
    expect(JSON.parse(encode({ b: bytes(102, 111, 111) }))).toEqual({ b: { $bytes: 'Zm9v' } });
    expect(JSON.parse(encode(bytes(1, 2)))).toEqual({ $bytes: Buffer.from([1, 2]).toString('base64') });
  });

  it('encodes a top-level Uint8Array and decodes it back', () => {
    const back = decode(encode(allByteValues));
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Array.from(back as Uint8Array)).toEqual(Array.from(allByteValues));
  });

  it('encodes a Node Buffer as bytes, not as Buffer.toJSON()', () => {
    const buffer = randomBytes(333);
    const text = encode({ file: buffer, files: [buffer] });
    expect(text).not.toContain('"type":"Buffer"');
    expect(JSON.parse(text)).toEqual({
      file: { $bytes: buffer.toString('base64') },
      files: [{ $bytes: buffer.toString('base64') }],
    });
    const back = decode(text) as { file: Uint8Array; files: Uint8Array[] };
    expect(back.file).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back.file).equals(buffer)).toBe(true);
    expect(Buffer.from(back.files[0]!).equals(buffer)).toBe(true);
  });

  it('encodes a pooled Buffer slice by its own bytes only', () => {
    const slice = Buffer.from('hello world').subarray(6);
    const back = decode(encode({ s: slice })) as { s: Uint8Array };
    expect(new TextDecoder().decode(back.s)).toBe('world');
  });

  it('leaves ordinary values untouched', () => {
    const value = { a: 1, b: 'x', c: [1, 'two', null], d: { e: false }, bytes: 'not bytes', $bytesLike: { $bytes: 1 } };
    expect(decode(encode(value))).toEqual(value);
  });

  it('does not treat an object with $bytes and other keys as bytes', () => {
    const value = { $bytes: 'Zm9v', other: 1 };
    expect(decode(encode(value))).toEqual(value);
  });

  it('throws when a $bytes value is not valid base64', () => {
    expect(() => decode('{"x":{"$bytes":"@@@"}}')).toThrow('invalid base64');
  });

  it('throws on text that is not JSON', () => {
    expect(() => decode('{not json')).toThrow();
  });
});
