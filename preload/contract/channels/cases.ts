import { z } from 'zod';
import { channel, none } from '../channel';
import {
  applicantHistorySchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListSchema,
  caseSummarySchema,
} from '../cases';
import { identitySchema } from '../devices';
import { intakeRoles } from '../roles';
import { caseDraftSchema, caseIdSchema, decisionSchema } from '@yichuang/domain/cases';

/** Cases (办件): drafts, decisions, the list, an applicant's history. */
export const casesChannels = {
  'cases.create': channel({
    input: z.object({ matterCode: z.string().max(40).nullable() }).strict(),
    output: caseDetailSchema,
    access: intakeRoles,
    audit: 'service',
  }),

  /** Autosave of the whole draft; refused when the revision is stale. Not audited: the decision records the content's hash. */
  'cases.saveDraft': channel({
    input: z.object({ caseId: caseIdSchema, revision: z.number().int().positive(), draft: caseDraftSchema }).strict(),
    output: z.object({ revision: z.number().int(), savedAt: z.string() }),
    access: intakeRoles,
    audit: false,
  }),

  'cases.get': channel({
    input: z.object({ caseId: caseIdSchema }).strict(),
    output: caseDetailSchema,
    access: intakeRoles,
    audit: false,
  }),

  /** The signed-in clerk's unfinished drafts, offered again after a crash or reload. */
  'cases.myDrafts': channel({ input: none, output: z.array(caseSummarySchema), access: intakeRoles, audit: false }),

  /** 受理 / 一次性补正告知 / 不予受理: final for this case version; gives the case its number. */
  'cases.decide': channel({
    input: z.object({ caseId: caseIdSchema, revision: z.number().int().positive(), decision: decisionSchema }).strict(),
    output: caseDetailSchema,
    access: intakeRoles,
    audit: 'service',
    auditTarget: (input) => input.caseId,
  }),

  /** The citizen brought what the supplement notice asked for: continue as a new version. */
  'cases.resume': channel({
    input: z.object({ caseId: caseIdSchema }).strict(),
    output: caseDetailSchema,
    access: intakeRoles,
    audit: 'service',
    auditTarget: (input) => input.caseId,
  }),

  'cases.discard': channel({
    input: z.object({ caseId: caseIdSchema }).strict(),
    output: z.object({ done: z.literal(true) }),
    access: intakeRoles,
    audit: 'service',
    auditTarget: (input) => input.caseId,
  }),

  'cases.list': channel({ input: caseListQuerySchema, output: caseListSchema, access: intakeRoles, audit: false }),

  /** Earlier cases of the same applicant, to prefill the form; audited as a reveal (phone, address). */
  'cases.history': channel({
    input: z
      .object({
        kind: z.enum(['person', 'enterprise']),
        idNumber: z.string().trim().min(15, '证件号码不完整').max(18, '证件号码不超过 18 位'),
      })
      .strict(),
    output: applicantHistorySchema,
    access: intakeRoles,
    audit: 'reveal',
  }),

  /** The unmasked identity of a card read, to fill the case's applicant or agent; audited on the case. */
  'cases.takeCard': channel({
    input: z.object({ caseId: caseIdSchema, readId: z.string().uuid() }).strict(),
    output: identitySchema,
    access: intakeRoles,
    audit: 'reveal',
    auditTarget: (input) => input.caseId,
  }),

  /** Stores a file (camera page, import) content-addressed after checking its type by content. */
} as const;
