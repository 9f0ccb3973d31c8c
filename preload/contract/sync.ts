import { centralEventKinds, type CentralEventKind } from '@yichuang/domain/cases';
import { auditVerdicts, centralSupplementItemSchema, enrolmentCodeSchema } from '@yichuang/domain/protocol';
import { z } from 'zod';
import { centralAddressProblem } from './central-address';
import { errorText } from './errors';

/**
 * Sync with central: the outbox the window fills at each decision, and what the clerk sees of it.
 * The wire protocol itself is `central/protocol`; this is only the UI's view.
 */

/** An outbox item's life: queued → sending → acknowledged, or failed (retrying by itself, or needing a person). */
export const outboxStates = ['queued', 'sending', 'acknowledged', 'retrying', 'needs_attention'] as const;
export type OutboxState = (typeof outboxStates)[number];

/**
 * Why a retrying item failed last: central could not be reached (it goes again as soon as central
 * answers), or central answered with an error (it waits out its backoff, and the same error
 * `syncMaxServerErrors` times in a row sends it to 需处理).
 */
export const outboxFailures = ['unreachable', 'central_error'] as const;
export type OutboxFailure = (typeof outboxFailures)[number];

/** A case version (`PUT /cases/{id}`) or one of its files (a tus upload). */
/** A decided case version, one of its files, or a 好差评 the citizen gave of it. */
export const outboxKinds = ['case', 'file', 'rating'] as const;
export type OutboxKind = (typeof outboxKinds)[number];

export const outboxItemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(outboxKinds),
  caseId: z.string(),
  caseNumber: z.string(),
  caseVersion: z.number().int(),
  /** Files: the SHA-256 and the name it had on the checklist. */
  sha256: z.string().nullable(),
  fileName: z.string().nullable(),
  state: z.enum(outboxStates),
  attempts: z.number().int(),
  /** Plain Chinese: what went wrong last time and what happens next. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  bytesSent: z.number().int(),
  bytesTotal: z.number().int(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxQuerySchema = z
  .object({
    /** Only these states (default: everything not yet acknowledged, then the latest acknowledged). */
    states: z.array(z.enum(outboxStates)).max(outboxStates.length).optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();

/** How far the PC's clock may be from central's before the clerk is told. */
export const clockSkewWarningMs = 5 * 60 * 1000;

export const syncStatusSchema = z.object({
  /** The central address in settings ('' = none). */
  centralUrl: z.string(),
  enrolled: z.boolean(),
  workstationId: z.string().nullable(),
  /** Central answered the last request. */
  online: z.boolean(),
  lastContactAt: z.string().nullable(),
  /** Why the last contact failed, in plain Chinese. */
  lastError: z.string().nullable(),
  /** Central's clock minus this PC's (ms), measured at the last answer. */
  clockSkewMs: z.number().nullable(),
  clockWarning: z.boolean(),
  /** Items not yet acknowledged, and those that need a person. */
  backlog: z.number().int(),
  needsAttention: z.number().int(),
  /** The file being uploaded now, for a progress bar. */
  uploading: z
    .object({ caseNumber: z.string(), fileName: z.string(), bytesSent: z.number().int(), bytesTotal: z.number().int() })
    .nullable(),
  /** Central's finding on the audit trail, or `broken_here`: this PC's own check found a break (reports stop). */
  auditCheck: z.enum([...auditVerdicts, 'broken_here']).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/**
 * Central's word the clerk must see: a decision, or a request for more. Each is told at once (a
 * notification) and the case is marked unseen in 办件 until its page is opened at this window.
 */
export const centralDecisionKinds = [
  'approved',
  'denied',
  'supplement_requested',
  'completed',
] as const satisfies readonly CentralEventKind[];

/** Central moved a case (pushed to the UI when the feed's event is applied): the clerk sees it at once. */
export const centralCaseEventSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  kind: z.enum(centralEventKinds),
  comment: z.string(),
  approver: z.string().nullable(),
  /** A supplement request's materials and reasons ([] for other events). */
  items: z.array(centralSupplementItemSchema),
});
export type CentralCaseEvent = z.infer<typeof centralCaseEventSchema>;

export const enrolInputSchema = z
  .object({
    /** https, or http on this PC's loopback only (central-address.ts); the message from the error catalog. */
    centralUrl: z
      .string()
      .trim()
      .superRefine((address, ctx) => {
        const problem = centralAddressProblem(address);
        if (problem) ctx.addIssue({ code: 'custom', message: errorText(problem, undefined) });
      }),
    code: enrolmentCodeSchema,
  })
  .strict();
export type EnrolInput = z.infer<typeof enrolInputSchema>;
