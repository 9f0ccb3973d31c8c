import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../testing/wait';
import { parsePrinterAddress } from './network-address';

describe('network printer addresses as typed', () => {
  it.each([
    ['192.168.1.50', { host: '192.168.1.50', port: 9100, address: '192.168.1.50:9100' }],
    [' 192.168.1.50:9101 ', { host: '192.168.1.50', port: 9101, address: '192.168.1.50:9101' }],
    ['POS-Printer.local', { host: 'pos-printer.local', port: 9100, address: 'pos-printer.local:9100' }],
    ['printer', { host: 'printer', port: 9100, address: 'printer:9100' }],
    ['socket://10.0.0.7:9100/', { host: '10.0.0.7', port: 9100, address: '10.0.0.7:9100' }],
    ['[fe80::1]:9100', { host: 'fe80::1', port: 9100, address: '[fe80::1]:9100' }],
    ['fd00::20', { host: 'fd00::20', port: 9100, address: '[fd00::20]:9100' }],
  ])('%s', (typed, expected) => {
    expect(parsePrinterAddress(typed)).toEqual(expected);
  });

  it.each([
    '',
    '   ',
    'http://192.168.1.50',
    '192.168.1.50:0',
    '192.168.1.50:65536',
    '192.168.1.50:91a0',
    '999.1.1.1',
    '192.168.1',
    'user@192.168.1.50',
    '192.168.1.50/ipp',
    'pos printer',
    '-printer.local',
    '打印机',
    '[printer.local]:9100',
    '[fe80::1',
  ])('refuses %j with the right form in the message', (typed) => {
    const error = appErrorOf(() => parsePrinterAddress(typed));
    expect(error.code).toBe('printer_address_invalid');
    expect(error.message).toContain('192.168.1.50:9100');
    expect(error.fields?.address).toContain('192.168.1.50');
  });

  it.each(['255.255.255.255', '224.0.0.1', '239.255.255.250:9100', '0.0.0.0', '240.0.0.1', '[ff02::1]', '::'])(
    'refuses %s: not one printer',
    (typed) => {
      const error = appErrorOf(() => parsePrinterAddress(typed));
      expect(error.code).toBe('printer_address_not_unicast');
      expect(error.message).toMatch(/广播、组播/);
    },
  );
});
