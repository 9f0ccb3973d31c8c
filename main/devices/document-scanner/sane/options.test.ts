import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scannerCapabilitiesSchema } from '../../../../preload/contract/document-scanners';
import { modeValues, parseDeviceOptions, sourceKind } from './options';
import { airscan, brother, epson2, fujitsu, genesys, kodak, testBackend } from './testing/option-lists';
import { expectProtocolOnly } from '../testing/protocol-only';

const allDevices = [fujitsu, epson2, genesys, kodak, airscan, brother, testBackend];

describe('parseDeviceOptions', () => {
  it('reads the test backend: a range of resolutions becomes the usual steps', () => {
    const device = parseDeviceOptions(testBackend);
    expect(device.capabilities).toEqual({
      sources: ['flatbed', 'adf'],
      modes: ['color', 'gray'],
      resolutions: [75, 100, 150, 200, 240, 300, 400, 600, 1200],
      maxWidthMm: 200,
      maxHeightMm: 200,
    });
    expect(device.sources).toEqual({ flatbed: ['--source=Flatbed'], adf: ['--source=Automatic Document Feeder'] });
    expect(device.modes).toEqual({ color: 'Color', gray: 'Gray' });
    expect(device.resolutions).toEqual({ kind: 'range', min: 1, max: 1200, step: 1 });
  });

  it('reads a Fujitsu fi-7260: ADF Front is the feeder, ADF Back is not a source of ours, 50..600 dpi', () => {
    const device = parseDeviceOptions(fujitsu);
    expect(device.capabilities).toEqual({
      sources: ['flatbed', 'adf', 'adf_duplex'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [75, 100, 150, 200, 240, 300, 400, 600],
      maxWidthMm: 215.872,
      maxHeightMm: 279.364,
    });
    expect(device.sources).toEqual({
      flatbed: ['--source=Flatbed'],
      adf: ['--source=ADF Front'],
      adf_duplex: ['--source=ADF Duplex'],
    });
    expect(device.modes).toEqual({ color: 'Color', gray: 'Gray', lineart: 'Lineart' });
  });

  it('reads an epson2 device, whose duplex is --adf-mode (set after the source), and a list of resolutions', () => {
    const device = parseDeviceOptions(epson2);
    expect(device.capabilities).toEqual({
      sources: ['flatbed', 'adf', 'adf_duplex'],
      modes: ['color', 'gray', 'lineart'],
      resolutions: [75, 150, 300, 600, 1200],
      maxWidthMm: 215.9,
      maxHeightMm: 297.18,
    });
    expect(device.sources).toEqual({
      flatbed: ['--source=Flatbed'],
      adf: ['--source=Automatic Document Feeder', '--adf-mode=Simplex'],
      adf_duplex: ['--source=Automatic Document Feeder', '--adf-mode=Duplex'],
    });
    expect(device.resolutions).toEqual({ kind: 'list', values: [75, 150, 300, 600, 1200] });
  });

  it('reads a genesys flatbed: an inactive --source is not set, resolutions sorted and kept to 1200', () => {
    const device = parseDeviceOptions(genesys);
    expect(device.sources).toEqual({ flatbed: [] });
    expect(device.capabilities.sources).toEqual(['flatbed']);
    expect(device.capabilities.modes).toEqual(['color', 'gray']);
    expect(device.capabilities.resolutions).toEqual([75, 100, 150, 300, 600, 1200]);
    expect([device.maxWidthMm, device.maxHeightMm]).toEqual([216.7, 297.5]);
  });

  it('reads a device with no --source at all as glass only', () => {
    const noSource = genesys.replace(/ {4}--source.*\n.*\n/, '');
    expect(noSource).not.toContain('--source');
    expect(parseDeviceOptions(noSource).sources).toEqual({ flatbed: [] });
  });

  it('reads Kodak (feeder listed before the glass) and sane-airscan (ADF, ADF Duplex)', () => {
    expect(parseDeviceOptions(kodak).sources).toEqual({
      adf: ['--source=ADF Front'],
      adf_duplex: ['--source=ADF Duplex'],
      flatbed: ['--source=Flatbed'],
    });
    expect(parseDeviceOptions(kodak).capabilities.sources).toEqual(['flatbed', 'adf', 'adf_duplex']);
    expect(parseDeviceOptions(kodak).capabilities.maxHeightMm).toBe(355.6);
    expect(parseDeviceOptions(airscan).sources).toEqual({
      flatbed: ['--source=Flatbed'],
      adf: ['--source=ADF'],
      adf_duplex: ['--source=ADF Duplex'],
    });
  });

  it('reads brscan4 words: values with brackets, the plainest one chosen for each mode', () => {
    const device = parseDeviceOptions(brother);
    expect(device.modes).toEqual({ color: '24bit Color', gray: 'True Gray', lineart: 'Black & White' });
    expect(device.sources).toEqual({
      flatbed: ['--source=FlatBed'],
      adf: ['--source=Automatic Document Feeder(left aligned)'],
      adf_duplex: ['--source=Automatic Document Feeder(left aligned,Duplex)'],
    });
    expect(device.capabilities.resolutions).toEqual([100, 150, 200, 300, 400, 600, 1200]);
  });

  it('offers from a stepped range only what the steps reach', () => {
    const stepped = testBackend.replace('1..1200dpi (in steps of 1)', '50..600dpi (in steps of 50)');
    expect(parseDeviceOptions(stepped).capabilities.resolutions).toEqual([100, 150, 200, 300, 400, 600]);
    const low = testBackend.replace('1..1200dpi (in steps of 1)', '1..60dpi (in steps of 1)');
    expect(parseDeviceOptions(low).capabilities.resolutions).toEqual([60]);
  });

  it('refuses output it cannot use: no option list, no --mode, no --resolution, no -x, geometry in pixels', () => {
    const cases = [
      'Output format is not set, using pnm as a default.\n',
      testBackend.replace('--mode Gray|Color', '--colour Gray|Color'),
      testBackend.replace('--mode Gray|Color', '--mode Infrared'),
      testBackend.replace('--resolution', '--x-resolution'),
      testBackend.replace('-x 0..200mm', '-x 0..2000pel'),
      testBackend.replace('-y 0..200mm (in steps of 1) [100]', '-y <float> [100]'),
      testBackend.replace('--source Flatbed|Automatic Document Feeder', '--source Transparency Adapter|Film'),
    ];
    for (const text of cases) {
      expect(() => parseDeviceOptions(text), text.slice(0, 80)).toThrow(
        expect.objectContaining({ code: 'docscan_protocol' }),
      );
    }
  });

  it('fuzz: random text and every device output cut anywhere give valid capabilities or docscan_protocol', () => {
    const valid = (text: string) =>
      expectProtocolOnly(() => scannerCapabilitiesSchema.parse(parseDeviceOptions(text).capabilities));
    fc.assert(fc.property(fc.string({ maxLength: 600 }), valid));
    fc.assert(
      fc.property(fc.constantFrom(...allDevices), fc.nat(), (text, cut) => valid(text.slice(0, cut % text.length))),
    );
  });

  it('fuzz: option lines built from the real parts, in any order and number', () => {
    const line = fc
      .tuple(
        fc.constantFrom('--source', '--mode', '--resolution', '-x', '-y', '--adf-mode', '--x'),
        fc.constantFrom(
          'Flatbed|ADF Duplex',
          'Color|Gray[Error Diffusion]',
          '1..1200dpi (in steps of 1)',
          '0..1e999mm',
          '-5..-1mm',
          '75|150|x|300dpi',
          '0..215.9mm',
          '2400|4800dpi',
          '',
          '[',
          ']',
          '<int>',
        ),
        fc.constantFrom('', ' [x]', ' [inactive]', ' [a [b]]', ' [', ']'),
      )
      .map(([name, constraint, tail]) => `    ${name} ${constraint}${tail}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = ["All options specific to device `x':", ...lines].join('\n');
        expectProtocolOnly(() => scannerCapabilitiesSchema.parse(parseDeviceOptions(text).capabilities));
      }),
    );
  });
});

describe('sourceKind and modeValues', () => {
  it('knows the vendors’ words for sources, case-insensitively', () => {
    const kinds = Object.fromEntries(
      [
        'Flatbed',
        'FLATBED',
        'Normal',
        'Automatic Document Feeder',
        'ADF',
        'adf front',
        'ADF Duplex',
        'Duplex',
        'ADF Back',
        'Transparency Adapter',
        'TMA Slides',
      ].map((v) => [v, sourceKind(v)]),
    );
    expect(kinds).toEqual({
      Flatbed: 'flatbed',
      FLATBED: 'flatbed',
      Normal: 'flatbed',
      'Automatic Document Feeder': 'adf',
      ADF: 'adf',
      'adf front': 'adf',
      'ADF Duplex': 'adf_duplex',
      Duplex: 'adf_duplex',
      'ADF Back': null,
      'Transparency Adapter': null,
      'TMA Slides': null,
    });
  });

  it('knows the vendors’ words for modes', () => {
    expect(modeValues(['Colour', 'Grey', 'Binary'])).toEqual({ color: 'Colour', gray: 'Grey', lineart: 'Binary' });
    expect(modeValues(['RGB', 'Grayscale', 'Halftone'])).toEqual({
      color: 'RGB',
      gray: 'Grayscale',
      lineart: 'Halftone',
    });
    // hp5590: the plain one, not the 48-bit one; Lineart over Halftone whatever the order.
    expect(modeValues(['Color (48 bits)', 'Color', 'Halftone', 'Lineart'])).toEqual({
      color: 'Color',
      lineart: 'Lineart',
    });
  });
});
