import { z } from 'zod';
import { channel, none } from '../channel';
import { admins } from '../roles';
import { enrolInputSchema, outboxItemSchema, outboxQuerySchema, syncStatusSchema } from '../sync';
import { centralCaseEventSchema } from '../sync';

/** Sync with central: the outbox, its status, enrolment. */
export const syncChannels = {
  'sync.status': channel({ input: none, output: syncStatusSchema, access: 'signedIn', audit: false }),

  /** The outbox items for the 同步 screen. */
  'sync.items': channel({
    input: outboxQuerySchema,
    output: z.array(outboxItemSchema),
    access: 'signedIn',
    audit: false,
  }),

  /** Retry one failed item now. */
  'sync.retry': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: syncStatusSchema,
    access: 'signedIn',
    audit: 'change',
    auditTarget: (input) => `outbox/${input.id}`,
  }),

  /** Send and fetch now instead of waiting for the next pass. */
  'sync.now': channel({ input: none, output: syncStatusSchema, access: 'signedIn', audit: false }),

  /** Enrol this workstation at central with a one-time code (administrator). */
  'sync.enrol': channel({
    input: enrolInputSchema,
    output: syncStatusSchema,
    access: admins,
    audit: 'change',
    auditTarget: (input) => `central/${input.centralUrl}`,
  }),
} as const;

/** What main pushes to the screens about sync. */
export const syncEvents = {
  /** The sync status changed: backlog, connection, upload progress, clock skew. */
  'sync.changed': syncStatusSchema,
  /** Central moved a case (approved, denied, asked for more…): the case page reloads, the clerk is told. */
  'sync.caseEvent': centralCaseEventSchema,
} as const;
