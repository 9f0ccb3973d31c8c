/**
 * The card photo is WLT-compressed; decoding it needs the reader vendor's licensed library,
 * which we do not ship. A deployment that has one installs a decoder here; without it the raw
 * bytes are kept (in memory, with the read) and the UI says the photo needs the vendor's decoder.
 */
export interface PhotoDecoder {
  /** Shown on the devices screen, e.g. "厂商 WLT 解码库 3.2". */
  readonly name: string;
  /** WLT bytes (1024) to a PNG image (102 × 126). */
  decode(wlt: Uint8Array): Promise<Uint8Array>;
}

/** PNG bytes as a data URL for the card panel. */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
