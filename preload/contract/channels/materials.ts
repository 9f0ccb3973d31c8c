import { z } from 'zod';
import { channel, none } from '../channel';
import { fileNameSchema, hotFolderStatusSchema, storedFileSchema } from '../materials';
import { intakeRoles } from '../roles';
import { materialLimits, materialMimes, sha256Schema } from '@yichuang/domain/materials';
import { hotFolderArrivalSchema } from '../materials';

/** Material files: import, read, the scanner's hot folder. */
export const materialsChannels = {
  'materials.import': channel({
    input: z
      .object({
        name: fileNameSchema,
        bytes: z
          .instanceof(Uint8Array, { message: '文件内容缺失' })
          .refine((b) => b.length <= materialLimits.maxFileBytes, {
            message: '文件超过 20 MB 的上限：请降低扫描分辨率或分开扫描',
          }),
      })
      .strict(),
    output: storedFileSchema,
    access: intakeRoles,
    audit: false,
  }),

  'materials.read': channel({
    input: z.object({ sha256: sha256Schema }).strict(),
    output: z.object({ mime: z.enum(materialMimes), bytes: z.instanceof(Uint8Array) }),
    access: intakeRoles,
    audit: false,
  }),

  /** The scanner's hot folder: where it is, whether it is watched, and the latest arrivals. */
  'materials.hotFolder': channel({ input: none, output: hotFolderStatusSchema, access: intakeRoles, audit: false }),

  /** A notice or the material bundle as its next print would look (original or 副本 n); not recorded. */
} as const;

/** What main pushes to the screens about materials. */
export const materialsEvents = {
  /** A file arrived in the scanner's hot folder and was imported (or refused). */
  'materials.arrived': hotFolderArrivalSchema,
} as const;
