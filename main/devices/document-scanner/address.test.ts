import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../preload/contract/errors';
import { esclBaseUrl } from './address';

describe('esclBaseUrl', () => {
  it.each([
    ['192.168.1.20', 'http://192.168.1.20/eSCL'],
    [' 192.168.1.20 ', 'http://192.168.1.20/eSCL'],
    ['printer.local:8080', 'http://printer.local:8080/eSCL'],
    ['http://10.0.0.5/eSCL/', 'http://10.0.0.5/eSCL'],
    ['https://10.0.0.5:443/eSCL', 'https://10.0.0.5/eSCL'],
    ['http://[fe80::1]:8080/escl', 'http://[fe80::1]:8080/escl'],
    ['HTTP://Scanner.Hall.Local/', 'http://scanner.hall.local/eSCL'],
  ])('%s → %s', (typed, url) => {
    expect(esclBaseUrl(typed)).toBe(url);
  });

  it.each([
    '',
    '   ',
    'ftp://10.0.0.5/eSCL',
    'http://user:pw@10.0.0.5/eSCL',
    'http://10.0.0.5/eSCL?x=1',
    'http://',
    'file:///etc',
  ])('refuses %j with a message that shows the expected form', (typed) => {
    expect(() => esclBaseUrl(typed)).toThrow(AppError);
    try {
      esclBaseUrl(typed);
    } catch (error) {
      expect((error as AppError).code).toBe('docscan_address');
      expect((error as AppError).message).toContain('http://192.168.1.20/eSCL');
    }
  });

  it('never throws anything but the address refusal, and what it accepts is an http(s) URL without credentials', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (typed) => {
        try {
          const url = new URL(esclBaseUrl(typed));
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.username + url.password + url.search + url.hash).toBe('');
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('docscan_address');
        }
      }),
    );
  });
});
