import { describe, expect, it } from 'vitest';
import { symbologySchema } from '../../../preload/contract/devices';
import {
  aimToSymbology,
  honeywellCodeIdToSymbology,
  newlandCodeIdToSymbology,
  symbologyToAim,
  symbologyToHoneywellCodeId,
  symbologyToNewlandCodeId,
} from './symbology';

describe('aimToSymbology', () => {
  it.each([
    [']Q1', 'qr'],
    [']Q3', 'qr'],
    [']d2', 'data_matrix'],
    [']d1', 'data_matrix'],
    [']L2', 'pdf417'],
    [']z0', 'aztec'],
    [']C0', 'code128'],
    [']C1', 'code128'],
    [']A0', 'code39'],
    [']G0', 'code93'],
    [']E0', 'ean13'],
    [']E3', 'ean13'],
    [']E4', 'ean8'],
    [']I0', 'itf'],
    [']F0', 'codabar'],
  ])('maps %s by its letter to %s', (aim, symbology) => {
    expect(aimToSymbology(aim)).toBe(symbology);
  });

  it.each([[''], [']'], [']Q'], ['Q1x'], [']X0'], [']D0'], [']e0'], ['[Q1']])('gives unknown for %j', (aim) => {
    expect(aimToSymbology(aim)).toBe('unknown');
  });

  it('round-trips every symbology through its AIM id, up to what AIM can tell apart', () => {
    for (const symbology of symbologySchema.options) {
      const back = aimToSymbology(symbologyToAim(symbology));
      expect(back).toBe(symbology === 'upca' || symbology === 'upce' ? 'ean13' : symbology);
    }
  });
});

describe('vendor code ids', () => {
  it('reads the Honeywell code ids of the Honeywell chart', () => {
    expect(honeywellCodeIdToSymbology(0x73)).toBe('qr'); // 's'
    expect(honeywellCodeIdToSymbology(0x77)).toBe('data_matrix'); // 'w'
    expect(honeywellCodeIdToSymbology(0x6a)).toBe('code128'); // 'j'
    expect(honeywellCodeIdToSymbology(0x63)).toBe('upca'); // 'c'
    expect(honeywellCodeIdToSymbology(0x44)).toBe('ean8'); // 'D'
    expect(honeywellCodeIdToSymbology(0x3f)).toBe('unknown'); // '?', menu responses
    expect(honeywellCodeIdToSymbology(0)).toBe('unknown');
  });

  it('reads Newland 0x00 (not configured) as unknown', () => {
    expect(newlandCodeIdToSymbology(0)).toBe('unknown');
    expect(newlandCodeIdToSymbology(0x51)).toBe('qr'); // 'Q'
  });

  it('round-trips each vendor table', () => {
    for (const symbology of symbologySchema.options) {
      const honeywell = symbologyToHoneywellCodeId(symbology);
      expect(honeywellCodeIdToSymbology(honeywell)).toBe(honeywell === 0 ? 'unknown' : symbology);
      const newland = symbologyToNewlandCodeId(symbology);
      expect(newlandCodeIdToSymbology(newland)).toBe(newland === 0 ? 'unknown' : symbology);
    }
  });
});
