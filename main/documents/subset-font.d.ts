// subset-font ships no types; this is the part of its API the documents layer uses.
declare module 'subset-font' {
  interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
    preserveNameIds?: number[];
    keepFeatures?: string[];
    noLayoutClosure?: boolean;
    noHinting?: boolean;
    dropTables?: string[];
  }
  function subsetFont(buffer: Buffer | Uint8Array, text: string, options?: SubsetFontOptions): Promise<Buffer>;
  export = subsetFont;
}
