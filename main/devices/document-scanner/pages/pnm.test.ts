import { describe, expect, it } from 'vitest';
import { isPnm, PnmError, readPnm } from './pnm';
import { decodePage } from './render';

const header = (text: string, body: Buffer | number[]) =>
  Buffer.concat([Buffer.from(text, 'latin1'), Buffer.from(body)]);

describe('PNM', () => {
  it('tells binary PNM from other bytes', () => {
    expect(isPnm(header('P6\n', []))).toBe(true);
    expect(isPnm(header('P4 ', []))).toBe(true);
    expect(isPnm(header('P3\n', []))).toBe(false);
    expect(isPnm(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
  });

  it('reads P6 with a comment, its samples where they lie', async () => {
    const bytes = header('P6\n# SANE data follows\n2 1\n255\n', [10, 20, 30, 40, 50, 60]);
    expect(readPnm(bytes, 100)).toMatchObject({ width: 2, height: 1, channels: 3, maxval: 255 });
    expect([...(await decodePage(bytes, false, 100)).data]).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('reads P5 16-bit (big-endian in the file) and P5 with a small maxval, to full range', async () => {
    const wide = Buffer.alloc(4);
    wide.writeUInt16BE(65535, 0);
    wide.writeUInt16BE(32896, 2);
    expect([...(await decodePage(header('P5 2 1 65535\n', wide), true, 100)).data]).toEqual([255, 128]);
    expect([...(await decodePage(header('P5 3 1 15\n', [0, 5, 15]), true, 100)).data]).toEqual([0, 85, 255]);
  });

  it('unpacks P4 line art: a set bit is black, rows padded to whole bytes', async () => {
    const px = await decodePage(header('P4\n10 2\n', [0b10000000, 0b01000000, 0b00000000, 0b00000000]), true, 100);
    expect([...px.data]).toEqual([0, 255, 255, 255, 255, 255, 255, 255, 255, 0, ...Array<number>(10).fill(255)]);
  });

  it('refuses a cut-off file, a huge one before allocating it, and a bad header', () => {
    const reason = (bytes: Buffer, max = 1e6) => {
      try {
        readPnm(bytes, max);
        return null;
      } catch (e) {
        return e instanceof PnmError ? e.reason : String(e);
      }
    };
    expect(reason(header('P6\n4 4\n255\n', [1, 2, 3]))).toBe('图像不完整');
    expect(reason(header('P6\n4 4', []))).toBe('图像不完整');
    expect(reason(header('P5\n30000 30000\n255\n', []))).toBe('图像过大');
    expect(reason(header('P6\nfour 4\n255\n', []))).toBe('不是可识别的图像');
    expect(reason(header('P5\n4 4\n70000\n', []))).toBe('不是可识别的图像');
  });
});
