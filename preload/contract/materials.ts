import { z } from 'zod';
import { errorCodeSchema, errorParamsSchema } from './errors';
import { materialMimes, sha256Schema } from '@yichuang/domain/materials';
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
  /** Why the folder cannot be watched (missing, no permission), in Chinese (logs, old screens). */
  problem: z.string().nullable(),
  /** The same as a catalog code: the screen says it in the clerk's language. */
  problemCode: errorCodeSchema.nullable(),
  problemParams: errorParamsSchema.nullable(),
  /** The latest arrivals, newest first (kept in memory for 8 hours). */
  arrivals: z.array(hotFolderArrivalSchema),
});
export type HotFolderStatus = z.infer<typeof hotFolderStatusSchema>;
