import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scannerRefSchema } from '../../../../preload/contract/document-scanners';
import { parseDeviceList } from './list';
import { expectProtocolOnly } from '../testing/protocol-only';

// As scanimage -L prints them (sane-backends 1.0.27 … 1.3): the test backend, then real devices.
const testBackend = [
  "device `test:0' is a Noname frontend-tester virtual device",
  "device `test:1' is a Noname frontend-tester virtual device",
  '',
].join('\n');

const office = [
  "device `fujitsu:fi-7160:10236' is a FUJITSU fi-7160 scanner",
  "device `epson2:net:192.168.1.35' is a Epson PID 08BC flatbed scanner",
  "device `airscan:e0:Canon TS5300 series' is a eSCL Canon TS5300 series ip=192.168.1.20",
  "device `escl:https://192.168.1.20:443' is a Canon TS5300 series (USB) platen,adf scanner",
  "device `hpaio:/net/HP_LaserJet_MFP_M426fdn?ip=192.168.1.21' is a Hewlett-Packard HP_LaserJet_MFP_M426fdn all-in-one",
  "device `genesys:libusb:001:006' is a Canon LiDE 220 flatbed scanner",
  "device `kodakaio:net:192.168.1.22' is a Kodak ESP 5250 multi-function peripheral",
  '',
].join('\n');

const none = [
  '',
  'No scanners were identified. If you were expecting something different,',
  'check that the scanner is plugged in, turned on and detected by the',
  'sane-find-scanner tool (if appropriate). Please read the documentation',
  'which came with this software (README, FAQ, manpages).',
  '',
].join('\n');

describe('parseDeviceList', () => {
  it('reads the test backend as scanimage lists it', () => {
    expect(parseDeviceList(testBackend)).toEqual([
      { id: 'sane:test:0', kind: 'sane', name: 'Noname frontend-tester', address: 'test:0' },
      { id: 'sane:test:1', kind: 'sane', name: 'Noname frontend-tester', address: 'test:1' },
    ]);
  });

  it('keeps each device name whole (colons, slashes, spaces, query strings) and drops the SANE type from the name', () => {
    expect(parseDeviceList(office).map((s) => [s.address, s.name])).toEqual([
      ['fujitsu:fi-7160:10236', 'FUJITSU fi-7160'],
      ['epson2:net:192.168.1.35', 'Epson PID 08BC'],
      ['airscan:e0:Canon TS5300 series', 'eSCL Canon TS5300 series ip=192.168.1.20'],
      ['escl:https://192.168.1.20:443', 'Canon TS5300 series (USB) platen,adf'],
      ['hpaio:/net/HP_LaserJet_MFP_M426fdn?ip=192.168.1.21', 'Hewlett-Packard HP_LaserJet_MFP_M426fdn all-in-one'],
      ['genesys:libusb:001:006', 'Canon LiDE 220'],
      ['kodakaio:net:192.168.1.22', 'Kodak ESP 5250'],
    ]);
  });

  it('reads "No scanners were identified" and empty output as no scanner', () => {
    expect(parseDeviceList(none)).toEqual([]);
    expect(parseDeviceList('')).toEqual([]);
  });

  it('takes a device name with a quote in it up to the last "\' is a"', () => {
    expect(parseDeviceList("device `airscan:e1:Li's MFP' is a eSCL Li's MFP\n")[0]?.address).toBe(
      "airscan:e1:Li's MFP",
    );
  });

  it('lists a device once, reads CRLF, and leaves out a name longer than the contract allows', () => {
    const long = `net:${'x'.repeat(600)}`;
    const text = `device \`test:0' is a A b c\r\ndevice \`test:0' is a A b c\r\ndevice \`${long}' is a A b c\n`;
    expect(parseDeviceList(text).map((s) => s.address)).toEqual(['test:0']);
  });

  it('refuses a device line cut short', () => {
    expect(() => parseDeviceList("device `test:0' is a Noname\ndevice `test:1")).toThrow(
      expect.objectContaining({ code: 'docscan_protocol' }),
    );
  });

  it('fuzz: any text gives valid ScannerRefs or docscan_protocol, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expectProtocolOnly(() => {
          for (const ref of parseDeviceList(text)) scannerRefSchema.parse(ref);
        });
      }),
    );
  });

  it('fuzz: real output cut anywhere, or with lines made of device-like parts', () => {
    fc.assert(
      fc.property(fc.nat(office.length), (cut) => {
        expectProtocolOnly(() => parseDeviceList(office.slice(0, cut)));
      }),
    );
    const part = fc.constantFrom('device `', "' is a ", '`', "'", ' ', 'test:0', '\n', '\r', 'scanner', '');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), (parts) => {
        expectProtocolOnly(() => {
          for (const ref of parseDeviceList(parts.join(''))) scannerRefSchema.parse(ref);
        });
      }),
    );
  });
});
