import { z } from 'zod';
import {
  caseDraftSchema,
  caseStateSchema,
  caseStates,
  centralEventKinds,
  decisionKinds,
  idTypes,
} from '@yichuang/domain/cases';
import { subjectKinds } from '@yichuang/domain/catalog';
import { centralSupplementItemSchema } from '@yichuang/domain/protocol';
import { auditEntrySchema } from './schemas';

// What the screens read about cases (lists, detail, history); the case rules themselves live in @yichuang/domain/cases.

/** A row of the 办件 list: nothing here shows a whole ID number. */
export const caseSummarySchema = z.object({
  id: z.string(),
  /** 办件编号, given at the first decision; null for a draft never decided. */
  number: z.string().nullable(),
  version: z.number().int(),
  state: caseStateSchema,
  matterCode: z.string().nullable(),
  matterName: z.string().nullable(),
  subject: z.enum(subjectKinds).nullable(),
  applicantName: z.string(),
  applicantIdMasked: z.string(),
  clerkId: z.number().int(),
  clerkName: z.string(),
  windowNumber: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Accepted cases: the promised date (承诺办结日期), in working days from acceptance. */
  promisedDate: z.string().nullable(),
  promisedProvisional: z.boolean(),
  /** Working days left until the promised date (negative when overdue); null when no clock runs. */
  daysLeft: z.number().int().nullable(),
  /** The clock is stopped: a supplement is awaited. */
  paused: z.boolean(),
  /** Central moved the case and nobody at this window has opened its page since. */
  centralUnseen: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDecisionRecordSchema = z.object({
  version: z.number().int(),
  kind: z.enum(decisionKinds),
  at: z.string(),
  clerkName: z.string(),
  windowNumber: z.number().int(),
  /** Supplement items with their names and reasons, or the reject reason. */
  supplementItems: z.array(z.object({ itemId: z.string(), name: z.string(), reason: z.string() })),
  rejectReason: z.object({ code: z.string(), text: z.string(), basis: z.string().nullable() }).nullable(),
  note: z.string(),
  /** SHA-256 of the case content as decided, so later changes are evident. */
  contentHash: z.string(),
});
export type CaseDecisionRecord = z.infer<typeof caseDecisionRecordSchema>;

export const maskedPersonSchema = z.object({
  name: z.string(),
  idType: z.enum(idTypes),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
});

export const caseDetailSchema = caseSummarySchema.extend({
  /** Optimistic revision of the draft: a save with an older one is refused (another window saved). */
  revision: z.number().int(),
  catalogVersion: z.number().int().nullable(),
  applicant: maskedPersonSchema.nullable(),
  enterprise: z.object({ name: z.string(), creditCode: z.string(), legalRepresentative: z.string() }).nullable(),
  agent: maskedPersonSchema.nullable(),
  /** The draft as last saved: the whole working content (only the clerk's own screen uses it). */
  draft: caseDraftSchema,
  decisions: z.array(caseDecisionRecordSchema),
  /** The case's entries in the audit trail, oldest first. */
  timeline: z.array(auditEntrySchema),
  /** What central said: the approver's last comment and name, and every event from its feed, oldest first. */
  central: z.object({
    comment: z.string().nullable(),
    approver: z.string().nullable(),
    at: z.string().nullable(),
    events: z.array(
      z.object({
        kind: z.enum(centralEventKinds),
        caseVersion: z.number().int(),
        comment: z.string(),
        approver: z.string().nullable(),
        /** A supplement request's materials, each with what is wrong with it (the notice's list). */
        items: z.array(centralSupplementItemSchema),
        /** Central's clock. */
        at: z.string(),
      }),
    ),
  }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const dateFilter = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

export const caseListQuerySchema = z
  .object({
    /** Case number (whole or its start), applicant name (its start), or a whole ID / credit code. */
    search: z.string().trim().max(40).optional(),
    states: z.array(caseStateSchema).max(caseStates.length).optional(),
    matterCode: z.string().max(40).optional(),
    clerkId: z.number().int().optional(),
    /** Created on or after / on or before (hall dates). */
    from: dateFilter.optional(),
    to: dateFilter.optional(),
    /** Only open cases that are due within this many working days, or overdue. */
    dueWithin: z.number().int().min(0).max(60).optional(),
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(200),
  })
  .strict();
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseListSchema = z.object({
  rows: z.array(caseSummarySchema),
  total: z.number().int(),
});
export type CaseList = z.infer<typeof caseListSchema>;

/** The enterprise a person last acted for (as agent), offered when they come again. */
export const actedForSchema = z.object({
  name: z.string(),
  creditCode: z.string(),
  legalRepresentative: z.string(),
  phone: z.string(),
  address: z.string(),
});

/**
 * What earlier cases of the same applicant can prefill: the latest value of each form field (for
 * the same matter's fields), the applicant's details by what they are (`residenceAddress`, `phone`:
 * for any matter's field that holds that detail), and the enterprise they last acted for.
 */
export const applicantHistorySchema = z.object({
  found: z.boolean(),
  caseCount: z.number().int(),
  name: z.string().nullable(),
  form: z.record(z.string(), z.string()),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  details: z.record(z.string(), z.string()),
  actedFor: actedForSchema.nullable(),
});
export type ApplicantHistory = z.infer<typeof applicantHistorySchema>;
