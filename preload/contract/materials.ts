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
} as const;

/** A stored file: content-addressed, so the same bytes are one file however often they come. */
export const storedFileSchema = z.object({
  sha256: sha256Schema,
  mime: z.enum(materialMimes),
  bytes: z.number().int().nonnegative(),
  /** 1 for an image; the page count for a PDF. */
  pages: z.number().int().positive(),
  /** Image size in pixels (null for PDFs), so the viewer can lay pages out before loading them. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** True when these bytes were already in the store. */
  duplicate: z.boolean(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const fileNameSchema = z.string().trim().min(1).max(255);

/** A file that arrived in the scanner's hot folder, imported (or refused) by main. */
export const hotFolderArrivalSchema = z.object({
  /** Unique per arrival, so the UI attaches each one exactly once. */
  id: z.string(),
  name: fileNameSchema,
  at: z.string(),
  file: storedFileSchema.nullable(),
  /** Why it was refused (wrong type, too big…), in Chinese; null when imported. */
  error: z.string().nullable(),
});
export type HotFolderArrival = z.infer<typeof hotFolderArrivalSchema>;

export const hotFolderStatusSchema = z.object({
  folder: z.string().nullable(),
  watching: z.boolean(),
  /** Why the folder cannot be watched (missing, no permission), in Chinese. */
  problem: z.string().nullable(),
  /** The latest arrivals, newest first (kept in memory for 8 hours). */
  arrivals: z.array(hotFolderArrivalSchema),
});
export type HotFolderStatus = z.infer<typeof hotFolderStatusSchema>;
