import { z } from 'zod';
import { channel, none } from '../channel';
import { supervisors } from '../roles';
import { caseStateSchema } from '@yichuang/domain/cases';

export const upcomingPurgeSchema = z.object({
  retentionDays: z.number().int(),
  cases: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      state: caseStateSchema,
      matterName: z.string().nullable(),
      /** When central had the decision (or the window's rejection). */
      finalAt: z.string(),
      /** The hall day the case leaves this workstation. */
      purgeOn: z.string(),
    }),
  ),
  /** More cases are due than the list shows. */
  more: z.boolean(),
});
export type UpcomingPurge = z.infer<typeof upcomingPurgeSchema>;

/** Retention: what the next days purge from this workstation (the supervisor's view). */
export const retentionChannels = {
  'retention.upcoming': channel({ input: none, output: upcomingPurgeSchema, access: supervisors, audit: false }),
} as const;
