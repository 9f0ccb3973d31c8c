import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scannerCapabilitiesSchema } from '../../../../preload/contract/document-scanners';
import { type AppError } from '../../../../preload/contract/errors';
import {
  capabilitiesOf,
  jobError,
  parseWiaLine,
  queryError,
  stateOf,
  wiaCondition,
  WiaLineReader,
  type WiaErrorEvent,
  type WiaLine,
  type WiaProps,
} from './parse';
import { expectProtocolOnly } from '../testing/protocol-only';

// What a real run prints, give or take: a BOM, CRLF, a PowerShell warning, a Chinese name.
const output = [
  '\uFEFFWARNING: The names of some imported commands include unapproved verbs.',
  '{"event":"device","id":"{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\\\0000","name":"得力扫描仪 DL-9000","description":"WIA"}',
  '',
  '{"event":"page","number":1,"file":"C:\\\\Temp\\\\yichuang-wia-x\\\\p0001.jpg"}',
  '{"event":"error","hresult":"0x80210003","stage":"transfer","message":"馈纸器中没有文档。"}',
  '{"event":"done"}',
].join('\r\n');

const expected: WiaLine[] = [
  { event: 'noise', text: 'WARNING: The names of some imported commands include unapproved verbs.' },
  {
    event: 'device',
    id: '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0000',
    name: '得力扫描仪 DL-9000',
    description: 'WIA',
  },
  { event: 'page', number: 1, file: 'C:\\Temp\\yichuang-wia-x\\p0001.jpg' },
  { event: 'error', hresult: '0x80210003', stage: 'transfer', message: '馈纸器中没有文档。' },
  { event: 'done' },
];

function readAll(chunks: (Buffer | string)[]): WiaLine[] {
  const reader = new WiaLineReader();
  return [...chunks.flatMap((c) => reader.push(c)), ...reader.end()];
}

const error = (hresult: string, stage = 'transfer'): WiaErrorEvent => ({
  event: 'error',
  hresult,
  stage,
  message: 'x',
});

describe('WiaLineReader', () => {
  it('reads a whole output: BOM, CRLF, blank lines, a warning as noise', () => {
    expect(readAll([Buffer.from(output)])).toEqual(expected);
  });

  it('reads the same wherever the bytes are cut, even inside a Chinese character', () => {
    const bytes = Buffer.from(output);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        expect(readAll(chunks)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a line until its newline comes, and reads a last line without one', () => {
    const reader = new WiaLineReader();
    expect(reader.push('{"event":"pa')).toEqual([]);
    expect(reader.push('ge","number":2,"file":"p"}\r')).toEqual([]);
    expect(reader.push('\n{"event":"done"}')).toEqual([{ event: 'page', number: 2, file: 'p' }]);
    expect(reader.end()).toEqual([{ event: 'done' }]);
  });

  it('refuses a runaway line instead of buffering it', () => {
    const reader = new WiaLineReader();
    expect(() => reader.push('x'.repeat(70_000))).toThrow(expect.objectContaining({ code: 'docscan_protocol' }));
  });

  it('throws nothing but docscan_protocol, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 8 }), (chunks) => {
        expectProtocolOnly(() => readAll(chunks.map((c) => Buffer.from(c))));
      }),
      { numRuns: 500 },
    );
  });

  it('throws nothing but docscan_protocol for JSON-shaped lines that are not quite events', () => {
    const eventish = fc.record(
      {
        event: fc.constantFrom('device', 'props', 'page', 'error', 'done', 'not_found', 'other', ''),
        number: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
        file: fc.oneof(fc.string(), fc.integer()),
        hresult: fc.oneof(fc.constantFrom('0x80210003', '0xZZ', ''), fc.string()),
        id: fc.oneof(fc.string(), fc.integer()),
        xres: fc.oneof(fc.constant(null), fc.record({ subType: fc.integer(), values: fc.anything() })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.json(),
            eventish.map((o) => JSON.stringify(o)),
            fc.string(),
          ),
        ),
        (lines) => {
          expectProtocolOnly(() => readAll([lines.join('\n')]));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseWiaLine', () => {
  it('reads each event the scripts print', () => {
    expect(parseWiaLine('{"event":"not_found"}')).toEqual({ event: 'not_found' });
    expect(parseWiaLine('  ')).toBeNull();
    expect(parseWiaLine('#< CLIXML')).toEqual({ event: 'noise', text: '#< CLIXML' });
  });

  it('takes a one-value list as PowerShell may unroll it', () => {
    const line = parseWiaLine(
      '{"event":"props","handlingCaps":7,"handlingStatus":1,"bedWidth":8500,"bedHeight":11700,"feedWidth":null,"feedHeight":null,' +
        '"xres":{"value":200,"subType":2,"values":300},"yres":null,"intent":{"value":1,"subType":3,"values":[1,2,4]}}',
    ) as WiaProps;
    expect(line.xres?.values).toEqual([300]);
    expect(line.intent?.values).toEqual([1, 2, 4]);
  });

  it.each([
    ['{"event":"page","number":0,"file":"x"}', 'number'],
    ['{"event":"page","number":1}', 'file'],
    ['{"event":"error","hresult":"80210003"}', 'hresult'],
    ['{"event":"scan"}', 'event'],
    ['{"event":"done"', 'not JSON'],
  ])('refuses %s as docscan_protocol (%s)', (line, detail) => {
    expect(() => parseWiaLine(line)).toThrow(expect.objectContaining({ code: 'docscan_protocol' }));
    try {
      parseWiaLine(line);
    } catch (e) {
      expect(JSON.stringify((e as AppError).params)).toContain(detail);
    }
  });
});

describe('HRESULTs', () => {
  it.each([
    ['0x80210002', 'docscan_jam', { page: 3 }],
    ['0x80210004', 'docscan_jam', { page: 3 }],
    ['0x80210014', 'docscan_jam', { page: 3 }],
    ['0x80210006', 'docscan_busy', undefined],
    ['0x8021000D', 'docscan_busy', undefined],
    ['0x80210005', 'docscan_gone', { page: 3 }],
    ['0x80210009', 'docscan_gone', { page: 3 }],
    ['0x8021000a', 'docscan_io', { page: 3 }],
    ['0x80210001', 'docscan_io', { page: 3 }],
    ['0x80210010', 'docscan_cover_open', undefined],
    ['0x80210016', 'docscan_cover_open', undefined],
    ['0x80210003', 'docscan_feeder_empty', undefined],
    ['0x80040154', 'docscan_tool_missing', { tool: 'WIA' }],
  ])('maps %s during a job to %s', (hresult, code, params) => {
    const e = jobError(error(hresult), 3);
    expect([e.code, e.params]).toEqual([code, params]);
  });

  it('names the setting a driver refused while setting up, and says the rest as docscan_failed', () => {
    expect(jobError(error('0x80070057', 'resolution'), 1).params).toEqual({
      setting: { 'zh-CN': '分辨率', en: 'resolution' },
    });
    expect(jobError(error('0x80070057', 'source'), 1).code).toBe('docscan_unsupported');
    const failed = jobError(
      { event: 'error', hresult: '0x80004005', stage: 'transfer', message: ' Unspecified\r\n error ' },
      2,
    );
    expect([failed.code, failed.params]).toEqual(['docscan_failed', { detail: '0x80004005: Unspecified error' }]);
    expect(jobError(error('0x80210002', 'area'), 1).code).toBe('docscan_jam');
  });

  it('maps failures outside a job without a page', () => {
    expect(queryError(error('0x80210005'), 'Canon').params).toEqual({ name: 'Canon' });
    expect(queryError(error('0x8021000A'), 'Canon').code).toBe('docscan_timeout');
    expect(queryError(error('0x80210001'), 'Canon').params).toEqual({ detail: 'WIA_ERROR_GENERAL_ERROR: x' });
    expect(wiaCondition('0x12345678')).toBeNull();
  });
});

const props = (over: Partial<WiaProps>): WiaProps => ({
  event: 'props',
  handlingCaps: null,
  handlingStatus: null,
  bedWidth: null,
  bedHeight: null,
  feedWidth: null,
  feedHeight: null,
  xres: null,
  yres: null,
  intent: null,
  ...over,
});

describe('capabilitiesOf', () => {
  it('reads a duplex feeder with a glass, a resolution range and all three intents', () => {
    const caps = capabilitiesOf(
      props({
        handlingCaps: 1 | 2 | 4,
        bedWidth: 8500,
        bedHeight: 11700,
        feedWidth: 8500,
        feedHeight: 14000,
        xres: { value: 200, subType: 1, min: 75, max: 600, step: 1 },
        yres: { value: 200, subType: 1, min: 75, max: 600, step: 1 },
        intent: { value: 1, subType: 3, values: [1, 2, 4] },
      }),
    );
    expect(caps).toEqual({
      sources: ['flatbed', 'adf', 'adf_duplex'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [75, 100, 150, 200, 240, 300, 400, 600],
      maxWidthMm: 215.9,
      maxHeightMm: 355.6,
    });
    expect(scannerCapabilitiesSchema.safeParse(caps).success).toBe(true);
  });

  it('keeps the steps of a stepped range, and only what both axes offer from lists', () => {
    const stepped = capabilitiesOf(props({ xres: { value: 100, subType: 1, min: 100, max: 600, step: 100 } }));
    expect(stepped.resolutions).toEqual([100, 200, 300, 400, 600]);
    const lists = capabilitiesOf(
      props({
        xres: { value: 300, subType: 2, values: [150, 300, 600, 2400] },
        yres: { value: 300, subType: 2, values: [150, 300] },
      }),
    );
    expect(lists.resolutions).toEqual([150, 300]);
  });

  it('gives the common answer where a driver says nothing', () => {
    expect(capabilitiesOf(props({}))).toEqual({
      sources: ['flatbed'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [200],
      maxWidthMm: 210,
      maxHeightMm: 297,
    });
    expect(capabilitiesOf(props({ handlingCaps: 1, intent: { value: 2, subType: 3, values: [2 | 4] } }))).toMatchObject(
      {
        sources: ['adf'],
        modes: ['gray', 'lineart'],
      },
    );
  });

  it('always fits the contract', () => {
    const info = fc.option(
      fc.record({
        value: fc.option(fc.double({ noNaN: true }), { nil: null }),
        subType: fc.integer({ min: 0, max: 3 }),
        min: fc.integer({ min: -10, max: 5000 }),
        max: fc.integer({ min: -10, max: 5000 }),
        step: fc.integer({ min: -5, max: 500 }),
        values: fc.array(fc.integer({ min: -10, max: 5000 })),
      }),
      { nil: null },
    );
    const n = fc.option(fc.integer({ min: -1, max: 1 << 20 }), { nil: null });
    fc.assert(
      fc.property(n, n, n, info, info, info, (handlingCaps, bedWidth, feedHeight, xres, yres, intent) => {
        const caps = capabilitiesOf(props({ handlingCaps, bedWidth, feedHeight, xres, yres, intent }));
        expect(scannerCapabilitiesSchema.safeParse(caps).success).toBe(true);
      }),
    );
  });
});

describe('stateOf', () => {
  it.each([
    [null, 1, 'idle'],
    [3, 2 | 1, 'idle'],
    [3, 2, 'feeder_empty'],
    [2, 2, 'idle'],
    [3, 1 | 0x20, 'jam'],
    [3, 1 | 0x10, 'cover_open'],
    [2, 2 | 0x08, 'idle'],
    [3, null, 'idle'],
  ] as const)('caps %s, status %s → %s', (handlingCaps, handlingStatus, state) => {
    expect(stateOf(props({ handlingCaps, handlingStatus }))).toBe(state);
  });
});
