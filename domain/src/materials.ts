import { z } from 'zod';

/** Files a material can be: images and PDFs only, recognised by their first bytes, never by name. */
export const materialMimes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type MaterialMime = (typeof materialMimes)[number];

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '文件摘要须为 64 位十六进制');

/** Limits on one file; the settings may lower them, never raise them past these. */
export const materialLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxPdfPages: 50,
  /** Pages on one checklist item, all files together. */
  maxItemPages: 100,
  /**
   * Pixels of one picture (a JPEG, a PNG, or an image inside a PDF): an A4 page at 600 dpi is
   * 4961 × 7016 ≈ 35 million; a larger claim is a made-up header or a needless scan.
   */
  maxImagePixels: 80_000_000,
} as const;
