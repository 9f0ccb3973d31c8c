import type { Symbology } from '../../../preload/contract/devices';

/**
 * Symbology identifiers a scanner sends with a code, and what they mean.
 *
 * AIM identifiers (ISO/IEC 15424) are `]` + a code character + a modifier. The code character names the
 * symbology; the modifier only says how the data was encoded (check digit sent, GS1 mode, ECI …), so we
 * map by the letter and keep the modifier for the record. The one exception is `]E4`: the EAN/UPC family
 * shares the letter E and modifier 4 is EAN-8. UPC-A travels as `]E0` with 13 digits, so from the AIM id
 * alone it is EAN-13; a vendor code id (Honeywell `c`, `E`) can tell UPC-A and UPC-E apart.
 */

const aimLetters: Record<string, Symbology> = {
  Q: 'qr',
  d: 'data_matrix',
  L: 'pdf417',
  z: 'aztec',
  C: 'code128',
  A: 'code39',
  G: 'code93',
  E: 'ean13',
  I: 'itf',
  F: 'codabar',
};

/** `]Q1` → `qr`. Letters are case-sensitive (`]d` is Data Matrix, `]D` is not). Anything else → `unknown`. */
export function aimToSymbology(aim: string): Symbology {
  if (aim.length < 3 || aim[0] !== ']') return 'unknown';
  const letter = aim[1] ?? '';
  const symbology = aimLetters[letter];
  if (!symbology) return 'unknown';
  if (letter === 'E' && aim[2] === '4') return 'ean8';
  return symbology;
}

/** The AIM identifier a scanner sends for a symbology (the common modifier); `]X0` (other) when none fits. */
export function symbologyToAim(symbology: Symbology): string {
  switch (symbology) {
    case 'qr':
      return ']Q1';
    case 'data_matrix':
      return ']d1';
    case 'pdf417':
      return ']L0';
    case 'aztec':
      return ']z0';
    case 'code128':
      return ']C0';
    case 'code39':
      return ']A0';
    case 'code93':
      return ']G0';
    case 'ean13':
    case 'upca':
    case 'upce':
      return ']E0';
    case 'ean8':
      return ']E4';
    case 'itf':
      return ']I0';
    case 'codabar':
      return ']F0';
    case 'unknown':
      return ']X0';
  }
}

/**
 * Honeywell code id (byte 61 of a Honeywell HID POS report). Sure: this is the "Code ID" column of
 * Honeywell's symbology charts, the same table NielsLeenheer/WebHidBarcodeScanner reads from that byte,
 * and Access-IS's HID POS example (Honeywell engine) shows `s` for a QR code.
 */
const honeywellCodeIds: Record<string, Symbology> = {
  a: 'codabar',
  b: 'code39',
  c: 'upca',
  d: 'ean13',
  D: 'ean8',
  E: 'upce',
  e: 'itf',
  i: 'code93',
  j: 'code128',
  r: 'pdf417',
  s: 'qr',
  w: 'data_matrix',
  z: 'aztec',
};

export function honeywellCodeIdToSymbology(byte: number): Symbology {
  return honeywellCodeIds[String.fromCharCode(byte)] ?? 'unknown';
}

/** The Honeywell code id byte for a symbology; 0 when Honeywell has none for it. */
export function symbologyToHoneywellCodeId(symbology: Symbology): number {
  for (const [id, value] of Object.entries(honeywellCodeIds)) if (value === symbology) return id.charCodeAt(0);
  return 0;
}

/**
 * Newland HID POS symbology byte (byte 62; 0x00 means "not configured"). How sure: the byte's position is
 * documented (NLS-FM430 user guide UM10054 as transcribed in an open FM430 driver, and the QU-R-302 manual of
 * a reader on a Newland engine), but no source at hand lists its values. Newland calls it the symbology
 * identifier, which in their guides is the one-character Code ID; the letters below are Newland's default
 * Code IDs as far as they agree with the long-established 1D code-id letters (a b c d e i j r) plus `g`
 * (EAN-8) and `Q` (QR). Letters Newland is known to reuse (`u`, `h`) are left out on purpose. Treat this as
 * unverified: check with a real scanner, and prefer a configured AIM prefix where the symbology matters.
 */
const newlandCodeIds: Record<string, Symbology> = {
  a: 'codabar',
  b: 'code39',
  c: 'upca',
  d: 'ean13',
  e: 'itf',
  g: 'ean8',
  i: 'code93',
  j: 'code128',
  r: 'pdf417',
  Q: 'qr',
};

export function newlandCodeIdToSymbology(byte: number): Symbology {
  return newlandCodeIds[String.fromCharCode(byte)] ?? 'unknown';
}

/** The Newland code id byte for a symbology; 0 (not configured) when the table above has none. */
export function symbologyToNewlandCodeId(symbology: Symbology): number {
  for (const [id, value] of Object.entries(newlandCodeIds)) if (value === symbology) return id.charCodeAt(0);
  return 0;
}
