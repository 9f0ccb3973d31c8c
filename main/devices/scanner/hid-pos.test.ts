import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { symbologySchema, type Symbology } from '../../../preload/contract/devices';
import { encodeHidPosReports, HidPosAssembler, type HidPosLayout, type HidPosResult } from './hid-pos';
import { newlandCodeIdToSymbology, symbologyToAim, symbologyToNewlandCodeId } from './symbology';

const layouts: HidPosLayout[] = ['newland', 'honeywell'];

function pushAll(assembler: HidPosAssembler, reports: Uint8Array[]): HidPosResult[] {
  return reports.flatMap((report) => assembler.push(report));
}

/** What a layout can say about a symbology: Newland's table is partial, Honeywell's code ids cover ours. */
function expectedSymbology(symbology: Symbology, layout: HidPosLayout): Symbology {
  return layout === 'newland' ? newlandCodeIdToSymbology(symbologyToNewlandCodeId(symbology)) : symbology;
}

function report(bytes: Record<number, number>, size = 64): Uint8Array {
  const out = new Uint8Array(size);
  for (const [index, value] of Object.entries(bytes)) out[Number(index)] = value;
  return out;
}

describe('Newland layout', () => {
  it('is report id 0x02, length, data from byte 2, symbology id at 62, continuation at 63', () => {
    const [only, ...rest] = encodeHidPosReports('ABC123', 'code128', 'newland');
    expect(rest).toHaveLength(0);
    const expected = report({ 0: 0x02, 1: 6, 2: 0x41, 3: 0x42, 4: 0x43, 5: 0x31, 6: 0x32, 7: 0x33, 62: 0x6a });
    expect(only).toEqual(expected);
    expect(new HidPosAssembler('newland').push(expected)).toEqual([
      { type: 'scan', code: 'ABC123', symbology: 'code128', aimId: null },
    ]);
  });

  it('splits a long code into 56-byte reports, flagging all but the last', () => {
    const code = 'X'.repeat(130);
    const reports = encodeHidPosReports(code, 'qr', 'newland');
    expect(reports.map((r) => [r[1], r[63]])).toEqual([
      [56, 1],
      [56, 1],
      [18, 0],
    ]);
    expect(reports.every((r) => r.length === 64 && r[0] === 0x02 && r[62] === 0x51)).toBe(true);
    const assembler = new HidPosAssembler('newland');
    expect(assembler.push(reports[0]!)).toEqual([]);
    expect(assembler.push(reports[1]!)).toEqual([]);
    expect(assembler.push(reports[2]!)).toEqual([{ type: 'scan', code, symbology: 'qr', aimId: null }]);
  });

  it('gives unknown when the symbology byte is 0x00 (not configured)', () => {
    const r = report({ 0: 0x02, 1: 2, 2: 0x31, 3: 0x32 });
    expect(new HidPosAssembler('newland').push(r)).toEqual([
      { type: 'scan', code: '12', symbology: 'unknown', aimId: null },
    ]);
  });
});

describe('Honeywell layout', () => {
  it('is report id, length, AIM id at 2..4, data from 5, code id at 61, continuation at 63', () => {
    const [only] = encodeHidPosReports('6901234567892', 'ean13', 'honeywell');
    const digits = Array.from('6901234567892', (c) => c.charCodeAt(0));
    const expected = report({ 0: 0x02, 1: 13, 2: 0x5d, 3: 0x45, 4: 0x30, 61: 0x64 });
    expected.set(digits, 5);
    expect(only).toEqual(expected);
    expect(new HidPosAssembler('honeywell').push(expected)).toEqual([
      { type: 'scan', code: '6901234567892', symbology: 'ean13', aimId: ']E0' },
    ]);
  });

  it('reads the captured Voyager multi-report reply (AIM in every report, flag in byte 63)', () => {
    const first = report({ 0: 2, 1: 56, 2: 93, 3: 81, 4: 49, 61: 0x73, 63: 1 });
    first.fill(0x61, 5, 61);
    const last = report({ 0: 2, 1: 4, 2: 93, 3: 81, 4: 49, 5: 0x20, 6: 0x31, 7: 0x30, 8: 0x30, 61: 0x73 });
    const assembler = new HidPosAssembler('honeywell');
    expect(assembler.push(first)).toEqual([]);
    expect(assembler.push(last)).toEqual([
      { type: 'scan', code: `${'a'.repeat(56)} 100`, symbology: 'qr', aimId: ']Q1' },
    ]);
  });

  it('takes the symbology from the code id first (UPC-A), else from the AIM id', () => {
    const upca = report({ 0: 2, 1: 1, 2: 93, 3: 69, 4: 48, 5: 0x30, 61: 0x63 });
    expect(new HidPosAssembler('honeywell').push(upca)[0]).toMatchObject({ symbology: 'upca', aimId: ']E0' });
    const noId = report({ 0: 2, 1: 1, 2: 93, 3: 69, 4: 52, 5: 0x30 });
    expect(new HidPosAssembler('honeywell').push(noId)[0]).toMatchObject({ symbology: 'ean8', aimId: ']E4' });
  });
});

describe('HidPosAssembler robustness', () => {
  it('accepts reports with and without the leading report id', () => {
    for (const layout of layouts) {
      const [withId] = encodeHidPosReports('扫码测试', 'qr', layout);
      const assembler = new HidPosAssembler(layout);
      const a = assembler.push(withId!);
      const b = assembler.push(withId!.subarray(1));
      expect(b).toEqual(a);
      expect(a[0]).toMatchObject({ type: 'scan', code: '扫码测试' });
    }
  });

  it('can be told the report id is absent, for a short stripped report starting with length 2', () => {
    const stripped = Uint8Array.of(2, 0x41, 0x42);
    expect(new HidPosAssembler({ layout: 'newland', reportId: 'absent' }).push(stripped)).toEqual([
      { type: 'scan', code: 'AB', symbology: 'unknown', aimId: null },
    ]);
  });

  it('rejects a length byte larger than the report or than 56', () => {
    const tooLong = report({ 0: 2, 1: 57 });
    expect(new HidPosAssembler('newland').push(tooLong)).toEqual([
      expect.objectContaining({ type: 'error', code: 'scanner_bad_report' }),
    ]);
    const short = Uint8Array.of(2, 10, 0x41, 0x42);
    const [error] = new HidPosAssembler('newland').push(short);
    expect(error).toMatchObject({ type: 'error', code: 'scanner_bad_report' });
    expect(error?.type === 'error' && error.message).toMatch(/请重新扫码/);
  });

  it('rejects a report of another id', () => {
    expect(new HidPosAssembler('honeywell').push(report({ 0: 0x04, 1: 1 }))[0]).toMatchObject({ type: 'error' });
  });

  it('ignores empty and zero-length reports, and a zero-length report ends a split code', () => {
    const assembler = new HidPosAssembler('newland');
    expect(assembler.push(new Uint8Array(0))).toEqual([]);
    expect(assembler.push(report({ 0: 2, 1: 0 }))).toEqual([]);
    const first = report({ 0: 2, 1: 3, 2: 0x41, 3: 0x42, 4: 0x43, 63: 1 });
    expect(assembler.push(first)).toEqual([]);
    expect(assembler.push(report({ 0: 2, 1: 0 }))).toEqual([
      { type: 'scan', code: 'ABC', symbology: 'unknown', aimId: null },
    ]);
  });

  it('decodes GB18030 (GBK) bytes when they are not valid UTF-8', () => {
    const gbk = encodeHidPosReports('北京市朝阳区政务服务中心', 'qr', 'honeywell', { encoding: 'gb18030' });
    expect(pushAll(new HidPosAssembler('honeywell'), gbk)).toEqual([
      { type: 'scan', code: '北京市朝阳区政务服务中心', symbology: 'qr', aimId: ']Q1' },
    ]);
    expect(iconv.encode('中文', 'gb18030')).toEqual(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]));
  });

  it('drops a trailing CR/LF suffix', () => {
    const reports = encodeHidPosReports('12345\r\n', 'code128', 'newland');
    expect(pushAll(new HidPosAssembler('newland'), reports)[0]).toMatchObject({ code: '12345' });
  });

  it('reports a split code cut off by a report of another code, then reads that code', () => {
    const assembler = new HidPosAssembler('honeywell');
    const long = encodeHidPosReports('A'.repeat(100), 'qr', 'honeywell');
    const other = encodeHidPosReports('XYZ', 'code128', 'honeywell');
    expect(assembler.push(long[0]!)).toEqual([]);
    expect(assembler.push(other[0]!)).toEqual([
      expect.objectContaining({ type: 'error', code: 'scanner_bad_report' }),
      { type: 'scan', code: 'XYZ', symbology: 'code128', aimId: ']C0' },
    ]);
  });

  it('gives up on a code longer than 8192 bytes and skips the rest of it', () => {
    const assembler = new HidPosAssembler('newland');
    const reports = encodeHidPosReports('9'.repeat(9000), 'qr', 'newland');
    const results = pushAll(assembler, reports);
    expect(results).toEqual([expect.objectContaining({ type: 'error', code: 'scanner_bad_report' })]);
    expect(pushAll(assembler, encodeHidPosReports('OK01', 'qr', 'newland'))).toEqual([
      { type: 'scan', code: 'OK01', symbology: 'qr', aimId: null },
    ]);
  });

  it('never throws on random or truncated reports (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.constantFrom<'auto' | 'present' | 'absent'>('auto', 'present', 'absent'),
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 80 }),
            fc
              .tuple(fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: 64 }))
              .chain(([code, cut]) =>
                fc.constant((encodeHidPosReports(code, 'qr', 'honeywell')[0] ?? new Uint8Array()).subarray(0, cut)),
              ),
          ),
          { maxLength: 6 },
        ),
        (layout, reportId, reports) => {
          const assembler = new HidPosAssembler({ layout, reportId });
          for (const r of reports) {
            const results = assembler.push(r);
            for (const result of results) {
              if (result.type === 'error') expect(result.message).toMatch(/请重新扫码/);
              else expect(symbologySchema.safeParse(result.symbology).success).toBe(true);
            }
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('encode → push round-trips ASCII, Chinese and long codes in both layouts (property)', () => {
    const codeArb = fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 300 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.string({ unit: fc.constantFrom(...'政务服务中心一窗受理龘𠀀ABC123'), minLength: 1, maxLength: 400 }),
      )
      .filter((code) => !/[\r\n]$/.test(code));
    fc.assert(
      fc.property(
        codeArb,
        fc.constantFrom(...symbologySchema.options),
        fc.constantFrom(...layouts),
        fc.boolean(),
        (code, symbology, layout, stripId) => {
          const reports = encodeHidPosReports(code, symbology, layout);
          expect(reports.every((r) => r.length === 64)).toBe(true);
          const fed = stripId ? reports.map((r) => r.subarray(1)) : reports;
          const results = pushAll(new HidPosAssembler(layout), fed);
          expect(results).toEqual([
            {
              type: 'scan',
              code,
              symbology: expectedSymbology(symbology, layout),
              aimId: layout === 'honeywell' ? symbologyToAim(symbology) : null,
            },
          ]);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('split codes whose id byte is only in some reports', () => {
  it('takes the symbology from whichever report carries it', () => {
    const reports = encodeHidPosReports('Z'.repeat(70), 'qr', 'newland');
    reports[0]![62] = 0;
    const assembler = new HidPosAssembler('newland');
    expect(reports.flatMap((r) => assembler.push(r))).toEqual([
      { type: 'scan', code: 'Z'.repeat(70), symbology: 'qr', aimId: null },
    ]);
  });
});
