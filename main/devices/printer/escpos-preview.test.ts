import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosBuilder, type EscPosAlign, type QrErrorLevel } from './escpos';
import { decodeEscPos, type EscPosOp } from './escpos-preview';

type Step =
  | { kind: 'init' }
  | { kind: 'chinese'; on: boolean }
  | { kind: 'align'; align: EscPosAlign }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'bold'; on: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'feed'; lines: number }
  | { kind: 'qr'; data: string; moduleSize: number; errorLevel: QrErrorLevel }
  | { kind: 'cut'; mode: 'full' | 'partial'; feed: number | undefined };

function apply(builder: EscPosBuilder, step: Step): void {
  switch (step.kind) {
    case 'init':
      builder.init();
      break;
    case 'chinese':
      builder.chineseMode(step.on);
      break;
    case 'align':
      builder.align(step.align);
      break;
    case 'size':
      builder.size(step);
      break;
    case 'bold':
      builder.bold(step.on);
      break;
    case 'text':
      builder.text(step.text);
      break;
    case 'feed':
      builder.feed(step.lines);
      break;
    case 'qr':
      builder.qr(step.data, step);
      break;
    case 'cut':
      builder.cut(step.mode, step.feed);
      break;
  }
}

/** The op the decoder should give for each builder step; adjacent text merges as the decoder merges it. */
function expectedOps(steps: Step[]): EscPosOp[] {
  const ops: EscPosOp[] = [];
  for (const step of steps) {
    let op: EscPosOp | null;
    switch (step.kind) {
      case 'init':
        op = { op: 'init' };
        break;
      case 'chinese':
        op = { op: 'chinese', on: step.on };
        break;
      case 'align':
        op = { op: 'align', align: step.align };
        break;
      case 'size':
        op = { op: 'size', width: step.width, height: step.height };
        break;
      case 'bold':
        op = { op: 'bold', on: step.on };
        break;
      case 'text': {
        const last = ops[ops.length - 1];
        if (step.text === '') op = null;
        else if (last?.op === 'text') {
          last.text += step.text;
          op = null;
        } else op = { op: 'text', text: step.text };
        break;
      }
      case 'feed':
        op = { op: 'feed', lines: step.lines };
        break;
      case 'qr':
        op = { op: 'qr', data: step.data, moduleSize: step.moduleSize, errorLevel: step.errorLevel, model: 2 };
        break;
      case 'cut':
        op = { op: 'cut', mode: step.mode, feed: step.feed ?? null };
        break;
    }
    if (op) ops.push(op);
  }
  return ops;
}

const chinese = fc.constantFrom(...'政务服务中心一窗受理排队号请稍候龘䶮𠀀𪚥，。：（）');
const textArb = fc
  .string({ unit: fc.oneof(fc.constant('\n'), chinese, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) })
  // eslint-disable-next-line no-control-regex
  .filter((text) => !/[\x00-\x09\x0b-\x1f\x7f\ue5e5]/.test(text));

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'init' }),
  fc.boolean().map<Step>((on) => ({ kind: 'chinese', on })),
  fc.constantFrom<EscPosAlign>('left', 'center', 'right').map<Step>((align) => ({ kind: 'align', align })),
  fc
    .record({ width: fc.integer({ min: 1, max: 8 }), height: fc.integer({ min: 1, max: 8 }) })
    .map<Step>((size) => ({ kind: 'size', ...size })),
  fc.boolean().map<Step>((on) => ({ kind: 'bold', on })),
  textArb.map<Step>((text) => ({ kind: 'text', text })),
  textArb.map<Step>((text) => ({ kind: 'text', text })),
  fc.integer({ min: 0, max: 255 }).map<Step>((lines) => ({ kind: 'feed', lines })),
  fc
    .record({
      data: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
      moduleSize: fc.integer({ min: 1, max: 16 }),
      errorLevel: fc.constantFrom<QrErrorLevel>('L', 'M', 'Q', 'H'),
    })
    .map<Step>((qr) => ({ kind: 'qr', ...qr })),
  fc
    .record({
      mode: fc.constantFrom<'full' | 'partial'>('full', 'partial'),
      feed: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
    })
    .map<Step>((cut) => ({ kind: 'cut', ...cut })),
);

describe('decodeEscPos preview', () => {
  it('renders text lines with alignment, size and bold tags, QR, feed and cut', () => {
    const bytes = new EscPosBuilder()
      .init()
      .chineseMode()
      .align('center')
      .bold(true)
      .line('某区政务服务中心')
      .bold(false)
      .size({ width: 2, height: 2 })
      .line('A023')
      .size({ width: 1, height: 1 })
      .line()
      .align('left')
      .text('事项：')
      .bold(true)
      .text('户籍')
      .bold(false)
      .line('办理')
      .align('right')
      .qr('https://example.cn/q?n=A023')
      .feed(3)
      .cut('partial')
      .bytes();
    const decoded = decodeEscPos(bytes);
    expect(decoded.errors).toEqual([]);
    expect(decoded.preview).toBe(
      [
        '[center][B]某区政务服务中心',
        '[center][2x2]A023',
        '',
        '事项：[B]户籍[/B]办理',
        '[right][QR: https://example.cn/q?n=A023]',
        '[FEED 3]',
        '[CUT partial]',
      ].join('\n'),
    );
  });

  it('reads ESC ! modes, GS V with and without a feed, DLE EOT, and other common commands', () => {
    const bytes = Uint8Array.of(
      ...[0x1b, 0x21, 0x38], // ESC ! bold + double height + double width
      ...[0x41, 0x0a],
      ...[0x1b, 0x21, 0x00],
      ...[0x1b, 0x33, 0x18, 0x1b, 0x32, 0x1b, 0x2d, 0x01, 0x1b, 0x4d, 0x01, 0x1b, 0x74, 0x00, 0x1d, 0x42, 0x01],
      ...[0x42, 0x0d, 0x0a],
      ...[0x10, 0x04, 0x02],
      ...[0x1b, 0x4a, 0x10],
      ...[0x1d, 0x56, 0x30],
      ...[0x1d, 0x56, 0x41, 0x05],
    );
    const { ops, preview, errors } = decodeEscPos(bytes);
    expect(errors).toEqual([]);
    expect(ops).toContainEqual({ op: 'status_request', n: 2 });
    expect(ops).toContainEqual({
      op: 'mode',
      bold: true,
      doubleHeight: true,
      doubleWidth: true,
      underline: false,
      fontB: false,
    });
    expect(ops).toContainEqual({ op: 'cut', mode: 'full', feed: null });
    expect(ops).toContainEqual({ op: 'cut', mode: 'full', feed: 5 });
    expect(preview).toBe(['[2x2][B]A', 'B', '[FEED 16 dots]', '[CUT]', '[CUT]'].join('\n'));
  });

  it('reports unknown and truncated commands with their offset, and keeps going after unknown ones', () => {
    const { ops, errors } = decodeEscPos(Uint8Array.of(0x1b, 0x7a, 0x41, 0x0a, 0x07, 0x42, 0x1d, 0x28, 0x6b, 0x05));
    expect(ops).toEqual([{ op: 'text', text: 'A\nB' }]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/偏移 0：未知命令（1B 7A）/);
    expect(errors[1]).toMatch(/偏移 4：未知控制字符/);
    expect(errors[2]).toMatch(/偏移 6：命令不完整/);
  });

  it('says when a QR is printed before any data is stored', () => {
    const { ops, errors } = decodeEscPos(Uint8Array.of(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30));
    expect(ops).toEqual([]);
    expect(errors[0]).toMatch(/未存储数据/);
  });

  it('decodes GB18030 text including 4-byte characters', () => {
    const { ops } = decodeEscPos(Uint8Array.of(0xd6, 0xd0, 0xce, 0xc4, 0x95, 0x32, 0x82, 0x36, 0x0a));
    expect(ops).toEqual([{ op: 'text', text: '中文𠀀\n' }]);
  });

  it('encode → decode recovers the same ops for random text, alignment, sizes and QR data (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 12 }), (steps) => {
        const builder = new EscPosBuilder();
        for (const step of steps) apply(builder, step);
        const decoded = decodeEscPos(builder.bytes());
        expect(decoded.errors).toEqual([]);
        expect(decoded.ops).toEqual(expectedOps(steps));
      }),
      { numRuns: 10_000 },
    );
  });

  it('never throws on random, truncated or spliced bytes (property)', () => {
    const valid = fc.array(stepArb, { maxLength: 6 }).map((steps) => {
      const builder = new EscPosBuilder();
      for (const step of steps) apply(builder, step);
      return builder.bytes();
    });
    const bytesArb = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.tuple(valid, fc.nat()).map(([bytes, cut]) => bytes.subarray(0, cut % (bytes.length + 1))),
      fc
        .tuple(valid, fc.uint8Array({ maxLength: 20 }), valid)
        .map(([a, noise, b]) => Uint8Array.from([...a, ...noise, ...b])),
      fc
        .array(fc.constantFrom(0x1b, 0x1d, 0x1c, 0x10, 0x28, 0x6b, 0x04, 0x56, 0x31, 0x50, 0x51, 0x00, 0xff))
        .map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const decoded = decodeEscPos(bytes);
        expect(typeof decoded.preview).toBe('string');
        expect(Array.isArray(decoded.errors)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });
});
