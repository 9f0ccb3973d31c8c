import { z } from 'zod';
import { caseDraftSchema, caseIdSchema, centralEventKinds, decisionSchema, type CentralEventKind } from './cases';
import { subjectKinds } from './catalog';
import { materialMimes, sha256Schema } from './materials';
import {
  badRatingReasons,
  provincialRatingSchema,
  ratingChannels,
  ratingLevelSchema,
  ratingStageSchema,
  ratingTextMax,
} from './ratings';

/**
 * The wire protocol between a workstation and central: zod schemas, shared by central (which
 * validates every request with them and publishes them as OpenAPI) and the workstation's sync
 * client. No Node or Electron imports here.
 */

export const apiPrefix = '/api/v1';
/** The tus endpoint for material uploads. */
export const uploadsPath = `${apiPrefix}/uploads`;
/** Sent with every change; the same key again is answered from central's record, never re-applied. */
export const idempotencyHeader = 'idempotency-key';
/** Set on an answer that repeats an earlier one (same idempotency key or same case body). */
export const replayedHeader = 'idempotent-replayed';
/**
 * The workstation's app version (its package.json version, e.g. `0.2.0`), sent with every request
 * to central and to its update feed; central keeps it on the workstation's row (the 管理 page).
 */
export const versionHeader = 'x-yichuang-version';

export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9:._-]{8,120}$/, '幂等键格式无效');

/** A one-time enrolment code as the admin reads it out: XXXX-XXXX-XXXX (no 0/O/1/I). */
export const enrolmentCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/, '注册码格式为 XXXX-XXXX-XXXX（向中心管理员索取）');

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A window's audit-signing public key: an Ed25519 SPKI DER in base64 (44 bytes, the fixed Ed25519 prefix). */
export const auditKeySchema = z.string().regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, '审计签名公钥格式无效');
/** An Ed25519 signature (64 bytes) in base64. */
export const auditSignatureSchema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, '审计签名格式无效');

export const enrolRequestSchema = z
  .object({
    code: enrolmentCodeSchema,
    districtCode: z.string().regex(/^\d{6}$/),
    windowNumber: z.number().int().min(1).max(999),
    hallName: z.string().max(100),
    hostname: z.string().max(200),
    /** The window's audit-signing public key, registered with the workstation. */
    auditKey: auditKeySchema,
  })
  .strict();
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  workstationId: z.string().uuid(),
  /** `Authorization: Bearer <credential>` on every later request. Shown once; central keeps a hash. */
  credential: z.string(),
  serverTime: z.string(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

export const timeResponseSchema = z.object({ serverTime: z.string() });

/** Who did it at the window: travels with every change for central's audit. */
export const actorSchema = z
  .object({
    staffId: z.number().int(),
    username: z.string().max(60),
    displayName: z.string().max(60),
  })
  .strict();
export type Actor = z.infer<typeof actorSchema>;

export const centralFileSchema = z
  .object({
    sha256: sha256Schema,
    mime: z.enum(materialMimes),
    bytes: z.number().int().nonnegative(),
    pages: z.number().int().positive(),
    name: z.string().max(255),
  })
  .strict();
export type CentralFile = z.infer<typeof centralFileSchema>;

export const centralMaterialSchema = z
  .object({
    itemId: z.string().max(40),
    name: z.string().max(200),
    required: z.boolean(),
    status: z.string().max(40),
    pages: z.number().int().nonnegative(),
    originalChecked: z.boolean(),
    copies: z.number().int().nonnegative(),
    eLicence: z.boolean(),
    files: z.array(centralFileSchema).max(200),
  })
  .strict();
export type CentralMaterial = z.infer<typeof centralMaterialSchema>;

/** What the window decided, as a case version: the body of `PUT /cases/{id}`. */
export const windowStates = ['accepted', 'supplement_requested', 'rejected'] as const;
export const casePutSchema = z
  .object({
    id: caseIdSchema,
    version: z.number().int().min(1),
    number: z.string().regex(/^\d{6}-\d{8}-\d{3}-\d{4,}$/),
    windowState: z.enum(windowStates),
    matter: z
      .object({
        code: z.string().max(40),
        name: z.string().max(200),
        department: z.string().max(100),
        departmentCode: z.string().max(40).optional(),
      })
      .strict(),
    catalogVersion: z.number().int(),
    subject: z.enum(subjectKinds),
    districtCode: z.string().regex(/^\d{6}$/),
    windowNumber: z.number().int().min(1).max(999),
    clerk: actorSchema,
    decision: decisionSchema,
    decidedAt: z.string(),
    acceptedAt: z.string().nullable(),
    promisedDate: z.string().nullable(),
    promisedProvisional: z.boolean(),
    /**
     * The notice's 评价码 for rating this visit later on the citizen's phone: its digest
     * (`ratingCodeDigest`) and the last hall day it may be used. Absent from windows before it.
     */
    ratingInvitation: z
      .object({ codeSha256: sha256Schema, until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
      .strict()
      .nullable()
      .optional(),
    /** SHA-256 of the content as decided (the window's own record). */
    contentHash: sha256Schema,
    draft: caseDraftSchema,
    materials: z.array(centralMaterialSchema).max(100),
  })
  .strict();
export type CasePut = z.infer<typeof casePutSchema>;

/** The answer to a PUT: fixed at the first receipt, so a replay answers exactly the same. */
export const casePutResponseSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  receivedAt: z.string(),
  bodySha256: sha256Schema,
});
export type CasePutResponse = z.infer<typeof casePutResponseSchema>;

/**
 * `PUT /v1/ratings/{id}`: one 好差评 a citizen gave at the window, sent through the outbox after its
 * case. Idempotent by id: the same body again answers the same; another body for the same id, or a
 * second rating of the same visit (case, version, stage), is 409.
 */
export const ratingPutSchema = z
  .object({
    id: z.string().uuid(),
    caseId: caseIdSchema,
    caseNumber: z.string().min(1).max(40),
    caseVersion: z.number().int().min(1),
    stage: ratingStageSchema,
    level: ratingLevelSchema,
    reasons: z.array(z.enum(badRatingReasons)).max(badRatingReasons.length),
    text: z.string().max(ratingTextMax),
    channel: z.enum(ratingChannels),
    windowNumber: z.number().int().min(1).max(999),
    clerk: actorSchema,
    /** The window's clock when the citizen rated. */
    ratedAt: z.string().datetime({ offset: true }),
    /** The provincial data elements, as the window fixed them (whole identity: central reports it upward). */
    record: provincialRatingSchema,
  })
  .strict();
export type RatingPut = z.infer<typeof ratingPutSchema>;

export const ratingPutResponseSchema = z.object({ id: z.string(), receivedAt: z.string() });
export type RatingPutResponse = z.infer<typeof ratingPutResponseSchema>;

/** Which of a case version's files central still needs (not received, or received and failed the hash). */
export const caseMissingResponseSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  missing: z.array(sha256Schema),
});

/** tus `Upload-Metadata` keys the workstation sends (values base64 as tus requires). */
export const uploadMetadataKeys = ['caseId', 'sha256', 'filename', 'filetype'] as const;

/** States of a case at central, as the approver sees them. */
export const centralStates = [
  /** The case is there; some materials are still arriving. */
  'receiving',
  /** Each event central reports leaves the case in the state of the same name. */
  ...centralEventKinds,
  /** The window itself asked for a supplement or did not accept: on record, not for approval. */
  'window_supplement',
  'window_rejected',
] as const;
export type CentralState = (typeof centralStates)[number];

/** What the feed tells a workstation happened to its cases (the case rules know each one's move). */
export const caseEventKinds = centralEventKinds;
export type CaseEventKind = CentralEventKind;

/** One material central asks to be supplemented: the checklist item as central received it, and why. */
export const centralSupplementItemSchema = z
  .object({
    itemId: z.string().min(1).max(40),
    name: z.string().max(200),
    reason: z.string().trim().min(1, '请写明需补正的内容').max(200, '补正内容不超过 200 字'),
  })
  .strict();
export type CentralSupplementItem = z.infer<typeof centralSupplementItemSchema>;

export const caseEventSchema = z.object({
  /** Position in the feed: read on from the highest one seen. */
  seq: z.number().int().positive(),
  /** The event's own id: applied once, whatever the cursor says. */
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  caseVersion: z.number().int(),
  kind: z.enum(caseEventKinds),
  comment: z.string(),
  approver: z.string().nullable(),
  /**
   * A supplement request: the materials to bring and what is wrong with each (one-time and
   * complete, like the window's own notice). Empty for other events; absent in older feeds.
   */
  items: z.array(centralSupplementItemSchema).max(100).default([]),
  /** Central's clock. */
  at: z.string(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const eventsQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const eventsResponseSchema = z.object({
  events: z.array(caseEventSchema),
  /** The cursor to send next time (the last event's seq, or `after` when there was none). */
  cursor: z.number().int().nonnegative(),
  serverTime: z.string(),
});
export type EventsResponse = z.infer<typeof eventsResponseSchema>;

/** Registers the audit-signing key of a workstation enrolled before keys existed: once; never replaced. */
export const auditKeyRequestSchema = z.object({ publicKey: auditKeySchema }).strict();

/** One entry of a window's audit trail exactly as stored there (detail is the stored JSON text the hash covers). */
export const auditEntryWireSchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.string().max(40),
    userId: z.number().int().nullable(),
    username: z.string().max(100).nullable(),
    action: z.string().min(1).max(100),
    target: z.string().max(200).nullable(),
    result: z.string().max(20),
    code: z.string().max(100).nullable(),
    detail: z.string().max(16_000).nullable(),
    prevHash: hex64,
    hash: hex64,
  })
  .strict();
export type AuditEntryWire = z.infer<typeof auditEntryWireSchema>;

/** The most entries one report carries; the window sends a longer backlog in several. */
export const auditBatchMax = 200;

/**
 * A report of the trail: the entries after the head central anchored, in order, and the window's
 * signature over the last one (`checkpointMessage` in audit-chain). Central recomputes every hash.
 */
export const auditBatchSchema = z
  .object({
    entries: z.array(auditEntryWireSchema).min(1).max(auditBatchMax),
    signature: auditSignatureSchema,
  })
  .strict();
export type AuditBatch = z.infer<typeof auditBatchSchema>;

/**
 * Central's verdict on a report. Only `ok` moves the anchor; every other one is refused, the
 * anchor stays where it was, and central raises an alert:
 * - `replayed`: it ends before the anchored head (an old report sent again, or the newest entries deleted);
 * - `forked`: it does not extend the anchored head (entries edited, deleted or reordered and the hashes recomputed, or a backup restored);
 * - `bad_signature`: not signed by the key this workstation registered;
 * - `invalid`: its own hashes, links or sequence numbers do not hold.
 */
export const auditVerdicts = ['ok', 'replayed', 'forked', 'bad_signature', 'invalid'] as const;
export type AuditVerdict = (typeof auditVerdicts)[number];

/** The head central anchored for this workstation (sequence and hash, null before the first report). */
export const auditAnchorSchema = z.object({
  sequence: z.number().int().nonnegative().nullable(),
  hash: hex64.nullable(),
  /** Whether central holds this workstation's audit-signing key (a window enrolled before keys registers one). */
  keyRegistered: z.boolean(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

export const auditReportResponseSchema = z.object({
  status: z.enum(auditVerdicts),
  /** The head central holds now: the new one when accepted, the old one when refused. */
  sequence: z.number().int().nonnegative().nullable(),
  hash: hex64.nullable(),
});
export type AuditReportResponse = z.infer<typeof auditReportResponseSchema>;

export const publishedQuerySchema = z.object({ after: z.coerce.number().int().nonnegative().default(0) });
/** A catalog or calendar version as central publishes it (the data is validated by the workstation's own schema). */
export const publishedSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  data: z.unknown(),
});

export const errorBodySchema = z.object({
  code: z.string(),
  /** Plain Chinese: what happened and what to do. */
  message: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
