import { z } from 'zod';
import { channel, none } from '../channel';
import { supervisors } from '../roles';
import { auditEntrySchema, auditResultSchema, auditVerificationSchema } from '../schemas';

/** The audit trail: reading it and verifying its chain. */
export const auditChannels = {
  'audit.list': channel({
    input: z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        action: z.string().max(64).optional(),
        username: z.string().max(32).optional(),
        result: auditResultSchema.optional(),
      })
      .strict(),
    output: z.object({
      entries: z.array(auditEntrySchema),
      total: z.number().int(),
      /** The entries' targets that are cases, by id: the case number (null for a draft without one). */
      caseNumbers: z.record(z.string(), z.string().nullable()),
    }),
    access: supervisors,
    audit: false,
  }),

  'audit.verify': channel({ input: none, output: auditVerificationSchema, access: supervisors, audit: false }),
} as const;
