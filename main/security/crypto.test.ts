import { describe, expect, it } from 'vitest';
import { deriveKey, isSealed, keyedName, randomKey, SealError, seal, sealOverhead, unseal } from './crypto';

describe('at-rest primitives', () => {
  const dataKey = Buffer.alloc(32, 1);

  it('derives a different key for each purpose, the same each time', () => {
    const keys = (['database', 'materials', 'material-names', 'backups', 'id-digest'] as const).map((p) =>
      deriveKey(dataKey, p).toString('hex'),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(deriveKey(dataKey, 'database').equals(deriveKey(Buffer.from(dataKey), 'database'))).toBe(true);
    expect(deriveKey(Buffer.alloc(32, 2), 'database').equals(deriveKey(dataKey, 'database'))).toBe(false);
    expect(() => deriveKey(Buffer.alloc(16), 'database')).toThrow(/32 bytes/);
  });

  it('seals with AES-256-GCM: no plaintext in the output, a fresh nonce each time, opened only with the key and the same label', () => {
    const key = randomKey();
    const plain = Buffer.from('110105199001011234 张三 北京市东城区', 'utf8');
    const a = seal(key, plain, 'material:abc');
    const b = seal(key, plain, 'material:abc');
    expect(a.length).toBe(plain.length + sealOverhead);
    expect(a.includes(plain.subarray(0, 18))).toBe(false);
    expect(a.equals(b)).toBe(false);
    expect(isSealed(a)).toBe(true);
    expect(isSealed(plain)).toBe(false);
    expect(unseal(key, a, 'material:abc').equals(plain)).toBe(true);
    // Another material's label, another key, one flipped bit: all refused.
    expect(() => unseal(key, a, 'material:abd')).toThrow(SealError);
    expect(() => unseal(randomKey(), a, 'material:abc')).toThrow(SealError);
    const flipped = Buffer.from(a);
    flipped[10]! ^= 1;
    expect(() => unseal(key, flipped, 'material:abc')).toThrow(SealError);
    expect(() => unseal(key, plain, 'material:abc')).toThrow(/not a sealed file/);
  });

  it('names a file by a keyed hash: stable under one key, unrelated under another', () => {
    const id = 'a'.repeat(64);
    expect(keyedName(dataKey, id)).toBe(keyedName(dataKey, id));
    expect(keyedName(dataKey, id)).not.toBe(keyedName(Buffer.alloc(32, 9), id));
    expect(keyedName(dataKey, id)).not.toContain(id.slice(0, 8));
  });
});
