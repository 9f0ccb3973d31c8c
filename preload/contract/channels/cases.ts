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
import { intakeRoles, revealRoles } from '../roles';
import { caseDraftSchema, caseIdSchema, decisionSchema } from '@yichuang/domain/cases';

const unseenSchema = z.object({ count: z.number().int().nonnegative() });

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

  /** How many cases carry central's news nobody at this window has opened yet (the 办件 menu's badge). */
  'cases.unseenCount': channel({ input: none, output: unseenSchema, access: intakeRoles, audit: false }),

  /** The case page was opened: central's news on it is seen (the list's marker and the menu's count drop). */
  'cases.seen': channel({
    input: z.object({ caseId: caseIdSchema }).strict(),
    output: unseenSchema,
    access: intakeRoles,
    audit: false,
  }),

  /**
   * Earlier cases of the same applicant, to prefill the form; audited as a reveal (phone, address).
   * The ID number is the caller's own (typed or read): no case to check, the roles that take cases.
   */
  'cases.history': channel({
    input: z
      .object({
        kind: z.enum(['person', 'enterprise']),
        idNumber: z.string().trim().min(15, '证件号码不完整').max(18, '证件号码不超过 18 位'),
      })
      .strict(),
    output: applicantHistorySchema,
    access: revealRoles,
    audit: 'reveal',
  }),

  /**
   * The unmasked identity of a card read, to fill the case's applicant or agent; audited on the case.
   * Only the case's own clerk or a supervisor (main checks; a refusal is audited as denied).
   */
  'cases.takeCard': channel({
    input: z.object({ caseId: caseIdSchema, readId: z.string().uuid() }).strict(),
    output: identitySchema,
    access: revealRoles,
    audit: 'reveal',
    auditTarget: (input) => input.caseId,
  }),

  /** Stores a file (camera page, import) content-addressed after checking its type by content. */
} as const;

export const casesEvents = {
  /** The number of cases with central's news nobody opened yet changed (an event came, a case page was opened). */
  'cases.unseenChanged': unseenSchema,
} as const;
