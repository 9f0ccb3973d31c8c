import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scannerCapabilitiesSchema, scannerStatusSchema } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import { capabilitiesXml, statusXml } from './simulator-xml';
import { parseScannerCapabilities, parseScannerStatus, parseScanSettings, scannerStatusOf } from './xml';

const simulatorCaps = capabilitiesXml({ name: 'Sim & Co', uuid: '11111111-2222-4333-8444-555555555555', serial: 'S' });
const at = new Date('2025-03-01T02:00:00Z');

// Written the way other devices do it: another prefix for the eSCL namespace, a resolution range,
// duplex as an AdfOption, black and white offered.
const otherDevice = `<?xml version="1.0" encoding="UTF-8"?>
<escl:ScannerCapabilities xmlns:escl="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.1</pwg:Version>
  <pwg:MakeAndModel>EPSON ET-4850 Series</pwg:MakeAndModel>
  <escl:Adf>
    <escl:AdfSimplexInputCaps>
      <escl:MaxWidth>2550</escl:MaxWidth><escl:MaxHeight>4200</escl:MaxHeight>
      <escl:SettingProfiles><escl:SettingProfile>
        <escl:ColorModes><escl:ColorMode>BlackAndWhite1</escl:ColorMode><escl:ColorMode>RGB48</escl:ColorMode></escl:ColorModes>
        <escl:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat></escl:DocumentFormats>
        <escl:SupportedResolutions><escl:ResolutionRange>
          <escl:XResolution><escl:Min>100</escl:Min><escl:Max>300</escl:Max><escl:Step>1</escl:Step></escl:XResolution>
          <escl:YResolution><escl:Min>100</escl:Min><escl:Max>300</escl:Max><escl:Step>1</escl:Step></escl:YResolution>
        </escl:ResolutionRange></escl:SupportedResolutions>
      </escl:SettingProfile></escl:SettingProfiles>
    </escl:AdfSimplexInputCaps>
    <escl:AdfOptions><escl:AdfOption>Duplex</escl:AdfOption></escl:AdfOptions>
  </escl:Adf>
</escl:ScannerCapabilities>`;

/** The property every parser keeps: a valid result, or docscan_protocol — never another exception. */
function readsOrRefuses<T>(parse: (xml: string) => T, check: (value: T) => void) {
  return (xml: string) => {
    let value: T;
    try {
      value = parse(xml);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('docscan_protocol');
      return;
    }
    check(value);
  };
}
const capsOk = readsOrRefuses(parseScannerCapabilities, (caps) => scannerCapabilitiesSchema.parse(caps.capabilities));
const statusOk = readsOrRefuses(parseScannerStatus, (status) => scannerStatusSchema.parse(scannerStatusOf(status, at)));
const settingsOk = readsOrRefuses(parseScanSettings, (request) => {
  expect(request.resolution).toBeGreaterThan(0);
  expect(request.region.width).toBeGreaterThan(0);
});

describe('ScannerCapabilities', () => {
  it('reads the simulator’s document', () => {
    const caps = parseScannerCapabilities(simulatorCaps);
    expect(caps.capabilities).toEqual({
      sources: ['flatbed', 'adf', 'adf_duplex'],
      modes: ['color', 'gray'],
      resolutions: [100, 150, 200, 300, 600],
      maxWidthMm: 215.9,
      maxHeightMm: 297,
    });
    expect(caps.makeAndModel).toBe('Sim & Co');
    expect(caps.sources.adf?.formats).toEqual(['image/jpeg', 'application/pdf']);
  });

  it('reads another prefix, a resolution range and duplex given as an AdfOption', () => {
    const caps = parseScannerCapabilities(otherDevice);
    expect(caps.capabilities).toEqual({
      sources: ['adf', 'adf_duplex'],
      modes: ['lineart'],
      resolutions: [100, 150, 200, 240, 300],
      maxWidthMm: 215.9,
      maxHeightMm: 355.6,
    });
    expect(caps.makeAndModel).toBe('EPSON ET-4850 Series');
  });

  it('refuses what is not a scanner’s capabilities', () => {
    for (const xml of ['', 'Not Found', '<html><body>Login</body></html>', simulatorCaps.slice(0, 400), '<a/><b/>']) {
      expect(() => parseScannerCapabilities(xml), xml).toThrow(expect.objectContaining({ code: 'docscan_protocol' }));
    }
    const noModes = simulatorCaps.replaceAll(/<scan:ColorMode>\w+<\/scan:ColorMode>/g, '');
    expect(() => parseScannerCapabilities(noModes)).toThrow(expect.objectContaining({ code: 'docscan_protocol' }));
  });
});

describe('ScannerStatus', () => {
  const status = (state: string, adf?: string) =>
    parseScannerStatus(statusXml({ state: state as 'Idle', adf: adf ?? 'ScannerAdfLoaded', jobs: [] }));

  it('puts a feeder problem before what the device is doing', () => {
    const cases: [string, string, string, string | null, Record<string, string>?][] = [
      ['Idle', 'ScannerAdfLoaded', 'idle', null],
      ['Idle', 'ScannerAdfEmpty', 'feeder_empty', 'docscan_feeder_empty'],
      ['Processing', 'ScannerAdfLoaded', 'busy', 'docscan_busy'],
      ['Processing', 'ScannerAdfJam', 'jam', null],
      ['Idle', 'ScannerAdfMispick', 'jam', null],
      ['Idle', 'ScannerAdfHatchOpen', 'cover_open', 'docscan_cover_open'],
      ['Down', 'ScannerAdfLoaded', 'offline', 'docscan_failed', { detail: 'ScannerStatus Down' }],
      // Kyocera says Processing for an empty feeder; sane-airscan reads it the same way at the end of a job.
      ['Idle', 'ScannerAdfProcessing', 'idle', null],
    ];
    for (const [state, adf, expected, code, params] of cases) {
      expect(scannerStatusOf(status(state, adf), at), `${state} ${adf}`).toEqual({
        state: expected,
        code,
        params: params ?? null,
        at: at.toISOString(),
      });
    }
  });

  it('reads the jobs', () => {
    const xml = statusXml({
      state: 'Processing',
      adf: 'ScannerAdfLoaded',
      jobs: [
        {
          id: 'abc',
          state: 'Processing',
          reason: 'JobScanning',
          imagesCompleted: 2,
          imagesToTransfer: 1,
          ageSeconds: 5,
        },
      ],
    });
    expect(parseScannerStatus(xml).jobs).toEqual([
      {
        uri: '/eSCL/ScanJobs/abc',
        uuid: 'urn:uuid:abc',
        state: 'Processing',
        reasons: ['JobScanning'],
        imagesCompleted: 2,
      },
    ]);
  });

  it('refuses a status without a known state', () => {
    expect(() => parseScannerStatus('<ScannerStatus><AdfState>ScannerAdfLoaded</AdfState></ScannerStatus>')).toThrow(
      expect.objectContaining({ code: 'docscan_protocol' }),
    );
    expect(() => status('Sleeping')).toThrow(expect.objectContaining({ code: 'docscan_protocol' }));
  });
});

// Random documents made of the words the parsers look for, so the fuzzing reaches past the root.
const tags = [
  'scan:ScannerCapabilities',
  'scan:ScannerStatus',
  'scan:ScanSettings',
  'scan:Platen',
  'scan:PlatenInputCaps',
  'scan:Adf',
  'scan:AdfSimplexInputCaps',
  'scan:AdfDuplexInputCaps',
  'scan:AdfOptions',
  'scan:AdfOption',
  'scan:SettingProfiles',
  'scan:SettingProfile',
  'scan:ColorModes',
  'scan:ColorMode',
  'scan:DocumentFormats',
  'pwg:DocumentFormat',
  'scan:DocumentFormatExt',
  'scan:SupportedResolutions',
  'scan:DiscreteResolutions',
  'scan:DiscreteResolution',
  'scan:XResolution',
  'scan:YResolution',
  'scan:ResolutionRange',
  'scan:Min',
  'scan:Max',
  'scan:MaxWidth',
  'scan:MaxHeight',
  'pwg:State',
  'scan:AdfState',
  'scan:Jobs',
  'scan:JobInfo',
  'pwg:JobUri',
  'pwg:JobStateReasons',
  'pwg:JobStateReason',
  'pwg:InputSource',
  'pwg:ScanRegions',
  'pwg:ScanRegion',
  'pwg:Width',
  'pwg:Height',
  '__proto__',
  'constructor',
];
const texts = fc.oneof(
  fc.constantFrom('RGB24', 'Grayscale8', 'BlackAndWhite1', 'Duplex', 'Idle', 'Processing', 'ScannerAdfJam', 'Feeder'),
  fc.constantFrom('300', '0', '-5', '99999999999', '1e3', 'image/jpeg', '&amp;', '&lt;x&gt;', ''),
  fc.string({ maxLength: 8 }),
);
const { element } = fc.letrec<{ element: string }>((tie) => ({
  element: fc
    .tuple(fc.constantFrom(...tags), fc.oneof(texts, fc.array(tie('element'), { maxLength: 4 })))
    .map(([tag, body]) => `<${tag}>${Array.isArray(body) ? body.join('') : body}</${tag}>`),
}));
const document = fc
  .tuple(fc.constantFrom(...tags.slice(0, 3)), fc.array(element, { maxLength: 6 }))
  .map(([root, body]) => `<?xml version="1.0"?><${root} xmlns:scan="s" xmlns:pwg="p">${body.join('')}</${root}>`);

describe('the parsers, fuzzed', () => {
  const all = (xml: string) => {
    capsOk(xml);
    statusOk(xml);
    settingsOk(xml);
  };

  it('read or refuse random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), all), { numRuns: 300 });
  });

  it('read or refuse random documents of eSCL words', () => {
    fc.assert(fc.property(document, all), { numRuns: 400 });
  });

  it('read or refuse real documents cut short or damaged anywhere', () => {
    const docs = [simulatorCaps, otherDevice, statusXml({ state: 'Idle', adf: 'ScannerAdfJam', jobs: [] })];
    const damaged = fc
      .tuple(fc.constantFrom(...docs), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 6 }), fc.boolean())
      .map(([doc, at, cut, insert, truncate]) => {
        const i = at % (doc.length + 1);
        return truncate ? doc.slice(0, i) : doc.slice(0, i) + insert + doc.slice(i + cut);
      });
    fc.assert(fc.property(damaged, all), { numRuns: 500 });
  });
});
