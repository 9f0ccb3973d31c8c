import { describe, expect, it } from 'vitest';
import { AppError } from '../../../preload/contract/errors';
import { EscPosBuilder, parsePrinterStatus, statusByte, statusRequest, type StatusKind } from './escpos';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const build = (f: (b: EscPosBuilder) => EscPosBuilder) => hex(f(new EscPosBuilder()).bytes());

describe('EscPosBuilder bytes', () => {
  it('init is ESC @', () => expect(build((b) => b.init())).toBe('1B 40'));

  it('align is ESC a n', () => {
    expect(build((b) => b.align('left'))).toBe('1B 61 00');
    expect(build((b) => b.align('center'))).toBe('1B 61 01');
    expect(build((b) => b.align('right'))).toBe('1B 61 02');
  });

  it('size is GS ! with width-1 in the high nibble and height-1 in the low', () => {
    expect(build((b) => b.size({ width: 1, height: 1 }))).toBe('1D 21 00');
    expect(build((b) => b.size({ width: 2, height: 2 }))).toBe('1D 21 11');
    expect(build((b) => b.size({ width: 2, height: 1 }))).toBe('1D 21 10');
    expect(build((b) => b.size({ width: 8, height: 8 }))).toBe('1D 21 77');
  });

  it('bold is ESC E n', () => {
    expect(build((b) => b.bold(true))).toBe('1B 45 01');
    expect(build((b) => b.bold(false))).toBe('1B 45 00');
  });

  it('feed is ESC d n', () => expect(build((b) => b.feed(4))).toBe('1B 64 04'));

  it('chinese mode is FS & / FS .', () => {
    expect(build((b) => b.chineseMode())).toBe('1C 26');
    expect(build((b) => b.chineseMode(false))).toBe('1C 2E');
  });

  it('cut is GS V m, or GS V 65/66 n with a feed', () => {
    expect(build((b) => b.cut('full'))).toBe('1D 56 00');
    expect(build((b) => b.cut('partial'))).toBe('1D 56 01');
    expect(build((b) => b.cut('full', 3))).toBe('1D 56 41 03');
    expect(build((b) => b.cut('partial', 5))).toBe('1D 56 42 05');
  });

  it('text is GB18030: 中文 = D6 D0 CE C4, a supplementary character takes 4 bytes', () => {
    expect(build((b) => b.text('中文'))).toBe('D6 D0 CE C4');
    expect(build((b) => b.text('𠀀'))).toBe('95 32 82 36');
    expect(build((b) => b.text('龘'))).toBe('FD 93');
    expect(build((b) => b.line('A1'))).toBe('41 31 0A');
  });

  it('text cannot smuggle in commands: control characters become spaces, CR LF becomes LF', () => {
    expect(build((b) => b.text('a\x1b@b\tc\r\nd\re'))).toBe('61 20 40 62 20 63 0A 64 0A 65');
  });

  it('qr is the full GS ( k sequence: model 2, size, error level, store, print', () => {
    expect(build((b) => b.qr('ABC', { moduleSize: 6, errorLevel: 'M' }))).toBe(
      [
        '1D 28 6B 04 00 31 41 32 00', // model 2
        '1D 28 6B 03 00 31 43 06', // module size 6
        '1D 28 6B 03 00 31 45 31', // error level M
        '1D 28 6B 06 00 31 50 30 41 42 43', // store 3 bytes: pL = 3 + 3
        '1D 28 6B 03 00 31 51 30', // print
      ].join(' '),
    );
    expect(build((b) => b.qr('x', { errorLevel: 'L', moduleSize: 1 }))).toContain('31 45 30');
    expect(build((b) => b.qr('x', { errorLevel: 'H' }))).toContain('31 45 33');
  });

  it('qr stores pL pH little-endian for long data, in UTF-8', () => {
    const data = 'é'.repeat(200); // 400 bytes: 403 = 0x0193
    expect(build((b) => b.qr(data))).toContain('1D 28 6B 93 01 31 50 30 C3 A9');
  });

  it.each([
    ['size 0', (b: EscPosBuilder) => b.size({ width: 0, height: 1 })],
    ['size 9', (b: EscPosBuilder) => b.size({ width: 1, height: 9 })],
    ['size 1.5', (b: EscPosBuilder) => b.size({ width: 1.5, height: 1 })],
    ['feed 256', (b: EscPosBuilder) => b.feed(256)],
    ['empty QR', (b: EscPosBuilder) => b.qr('')],
    ['QR over 7089 bytes', (b: EscPosBuilder) => b.qr('1'.repeat(7090))],
    ['module size 17', (b: EscPosBuilder) => b.qr('x', { moduleSize: 17 })],
    ['bad align', (b: EscPosBuilder) => b.align('middle' as never)],
  ])('rejects %s with invalid_input and a Chinese message', (_name, call) => {
    try {
      call(new EscPosBuilder());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toMatch(/^(escpos_out_of_range|escpos_bad_option|qr_empty|qr_too_long)$/);
      expect((error as AppError).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('accepts a QR of exactly 7089 bytes', () => {
    expect(() => new EscPosBuilder().qr('1'.repeat(7089))).not.toThrow();
  });
});

describe('real-time status', () => {
  it('requests with DLE EOT n', () => {
    expect(hex(statusRequest(1))).toBe('10 04 01');
    expect(hex(statusRequest(4))).toBe('10 04 04');
  });

  it('reads the fixed bits 0xx1xx10', () => {
    expect(parsePrinterStatus(1, 0x12).valid).toBe(true);
    expect(parsePrinterStatus(1, 0x16).valid).toBe(true);
    expect(parsePrinterStatus(1, 0x00).valid).toBe(false);
    expect(parsePrinterStatus(1, 0x13).valid).toBe(false);
    expect(parsePrinterStatus(1, 0x92).valid).toBe(false);
  });

  it('n=1: online unless bit 3', () => {
    expect(parsePrinterStatus(1, 0x12)).toEqual({
      valid: true,
      online: true,
      coverOpen: null,
      paperOut: null,
      paperNearEnd: null,
      error: null,
    });
    expect(parsePrinterStatus(1, 0x1a).online).toBe(false);
  });

  it('n=2: cover (bit 2), paper end stop (bit 5), error (bit 6)', () => {
    expect(parsePrinterStatus(2, 0x16)).toMatchObject({ coverOpen: true, paperOut: false, error: false });
    expect(parsePrinterStatus(2, 0x32)).toMatchObject({ coverOpen: false, paperOut: true, error: false });
    expect(parsePrinterStatus(2, 0x52)).toMatchObject({ error: true });
  });

  it('n=3: any error cause', () => {
    expect(parsePrinterStatus(3, 0x12).error).toBe(false);
    for (const bit of [0x04, 0x08, 0x20, 0x40]) expect(parsePrinterStatus(3, 0x12 | bit).error).toBe(true);
  });

  it('n=4: near end (bits 2,3) and paper end (bits 5,6)', () => {
    expect(parsePrinterStatus(4, 0x12)).toMatchObject({ paperNearEnd: false, paperOut: false });
    expect(parsePrinterStatus(4, 0x1e)).toMatchObject({ paperNearEnd: true, paperOut: false });
    expect(parsePrinterStatus(4, 0x7e)).toMatchObject({ paperNearEnd: true, paperOut: true });
  });

  it('statusByte and parsePrinterStatus agree', () => {
    for (const paperOut of [false, true]) {
      for (const n of [1, 2, 3, 4] as StatusKind[]) {
        const status = parsePrinterStatus(n, statusByte(n, { paperOut }));
        expect(status.valid).toBe(true);
        if (n === 1) expect(status.online).toBe(!paperOut);
        if (n === 2 || n === 4) expect(status.paperOut).toBe(paperOut);
      }
    }
    expect(statusByte(4, { paperOut: true })).toBe(0x7e);
  });
});
