import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditVerdicts } from '@yichuang/domain/protocol';
import { ratingChannels, ratingLevels, ratingStages, type BadRatingReason } from '@yichuang/domain/ratings';
import { at } from './columns';

/** Central's own settings (the first administrator's one-time setup token, hashed). */
export const centralSettings = pgTable('central_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Approvers and administrators who sign in to the approver page. */
export const people = pgTable('people', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['approver', 'admin'] }).notNull(),
  /** Department the approver decides for ('' = all). */
  department: text('department').notNull().default(''),
  passwordHash: text('password_hash').notNull(),
  createdAt: at('created_at').notNull(),
  /** Set when an administrator disabled the account: no sign-in, and its sessions end. */
  disabledAt: at('disabled_at'),
});

/**
 * Approver-page sessions: the cookie carries a random id, central keeps only its SHA-256. A session
 * ends at sign-out, when idle too long, at its absolute limit, and when its person is disabled or
 * their password reset (service/sessions.ts).
 */
export const approverSessions = pgTable(
  'approver_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
  },
  (t) => [index('approver_sessions_person').on(t.personId)],
);

/** Failed sign-ins by user name (known or not, alike), and until when the name is locked. */
export const signInFailures = pgTable('sign_in_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: at('last_failure_at').notNull(),
  lockedUntil: at('locked_until'),
});

/** One-time codes an administrator gives to a window; only their hash is kept. */
export const enrolmentCodes = pgTable('enrolment_codes', {
  codeHash: text('code_hash').primaryKey(),
  note: text('note').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
  workstationId: uuid('workstation_id'),
});

/** Enrolled workstations; a request carries `Bearer <id>.<secret>`, central keeps the secret's hash. */
export const workstations = pgTable('workstations', {
  id: uuid('id').primaryKey(),
  secretHash: text('secret_hash').notNull(),
  districtCode: text('district_code').notNull(),
  windowNumber: integer('window_number').notNull(),
  hallName: text('hall_name').notNull(),
  hostname: text('hostname').notNull(),
  enrolledAt: at('enrolled_at').notNull(),
  lastSeenAt: at('last_seen_at'),
  revokedAt: at('revoked_at'),
  /** The app version the workstation last reported (`x-yichuang-version`); null until it sends one. */
  appVersion: text('app_version'),
  /** Its audit-signing public key (Ed25519 SPKI DER, base64), registered at enrolment and never replaced. */
  auditKey: text('audit_key'),
});

/** A case as central knows it: its latest version and where it stands. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    workstationId: uuid('workstation_id')
      .notNull()
      .references(() => workstations.id),
    number: text('number').notNull(),
    version: integer('version').notNull(),
    state: text('state').notNull(),
    matterCode: text('matter_code').notNull(),
    matterName: text('matter_name').notNull(),
    department: text('department').notNull(),
    applicantName: text('applicant_name').notNull(),
    windowNumber: integer('window_number').notNull(),
    clerkName: text('clerk_name').notNull(),
    promisedDate: text('promised_date'),
    receivedAt: at('received_at').notNull(),
    submittedAt: at('submitted_at'),
    updatedAt: at('updated_at').notNull(),
    /** The approver's last comment and name. */
    comment: text('comment').notNull().default(''),
    approver: text('approver'),
  },
  (t) => [index('cases_state').on(t.state, t.submittedAt), uniqueIndex('cases_number').on(t.number)],
);

/** Every version a window sent, exactly as sent (the body and its hash decide idempotency). */
export const caseVersions = pgTable(
  'case_versions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    version: integer('version').notNull(),
    bodySha256: text('body_sha256').notNull(),
    body: jsonb('body').notNull(),
    receivedAt: at('received_at').notNull(),
    workstationId: uuid('workstation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.version] })],
);

/** The files a case version needs (one row per distinct file). */
export const caseFiles = pgTable(
  'case_files',
  {
    caseId: uuid('case_id').notNull(),
    version: integer('version').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.version, t.sha256] }), index('case_files_sha').on(t.sha256)],
);

/** Verified files, content-addressed: the bytes on disk hashed to this SHA-256 when the upload ended. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  storedAt: at('stored_at').notNull(),
});

/** tus uploads: which case and file each one is for, and how it ended. */
export const uploads = pgTable(
  'uploads',
  {
    id: text('id').primaryKey(),
    workstationId: uuid('workstation_id').notNull(),
    caseId: uuid('case_id').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    createdAt: at('created_at').notNull(),
    finishedAt: at('finished_at'),
    result: text('result', { enum: ['verified', 'hash_mismatch'] }),
  },
  (t) => [index('uploads_case').on(t.caseId)],
);

/** The feed: what happened to cases, for the workstations to read from a cursor. */
export const caseEvents = pgTable(
  'case_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    caseVersion: integer('case_version').notNull(),
    workstationId: uuid('workstation_id').notNull(),
    kind: text('kind').notNull(),
    comment: text('comment').notNull(),
    approver: text('approver'),
    /** A supplement request's materials and reasons (`CentralSupplementItem[]`); [] for other events. */
    items: jsonb('items').$type<{ itemId: string; name: string; reason: string }[]>().notNull().default([]),
    at: at('at').notNull(),
  },
  (t) => [index('case_events_ws').on(t.workstationId, t.seq)],
);

/** Answers already given, by workstation and idempotency key. */
export const idempotency = pgTable(
  'idempotency',
  {
    workstationId: uuid('workstation_id').notNull(),
    key: text('key').notNull(),
    requestSha256: text('request_sha256').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workstationId, t.key] })],
);

/**
 * Each workstation's audit reports: an `ok` row is an anchored head (the newest one is where the
 * next report must go on from); any other status is a refused report, shown as an alert.
 */
export const auditHeads = pgTable(
  'audit_heads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workstationId: uuid('workstation_id').notNull(),
    sequence: bigint('sequence', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    status: text('status', { enum: auditVerdicts }).notNull(),
    detail: text('detail').notNull(),
    /** The window's signature over the head (null on heads anchored before reports were signed). */
    signature: text('signature'),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [index('audit_heads_ws').on(t.workstationId, t.id)],
);

/** The windows' audit trails as they sent them, entry by entry, once central had verified them. */
export const workstationAudit = pgTable(
  'workstation_audit',
  {
    workstationId: uuid('workstation_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: text('at').notNull(),
    userId: integer('user_id'),
    username: text('username'),
    action: text('action').notNull(),
    target: text('target'),
    result: text('result').notNull(),
    code: text('code'),
    detail: text('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workstationId, t.seq] })],
);

/** Catalog and holiday-calendar versions, as published by an administrator. */
export const published = pgTable(
  'published',
  {
    kind: text('kind', { enum: ['catalog', 'calendar'] }).notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    data: jsonb('data').notNull(),
    publishedAt: at('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.version] })],
);

/** Central's own trail: who (clerk through a workstation, approver, admin) did what. */
export const centralAudit = pgTable(
  'central_audit',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: at('at').notNull(),
    actorKind: text('actor_kind', { enum: ['clerk', 'approver', 'admin', 'system'] }).notNull(),
    actor: text('actor').notNull(),
    workstationId: uuid('workstation_id'),
    action: text('action').notNull(),
    target: text('target'),
    detail: jsonb('detail'),
  },
  (t) => [index('central_audit_target').on(t.target)],
);

/**
 * 好差评 the windows sent (`PUT /ratings/{id}`), one per visit (case, version, stage): the window's
 * rating id, who was rated, when (the window's clock, and its hall day), central's receipt, the hash
 * of the body as sent (idempotency) and the provincial data elements as the window fixed them, which
 * the export reports upward (docs/ratings.md). Written only by service/ratings.ts.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey(),
    workstationId: uuid('workstation_id')
      .notNull()
      .references(() => workstations.id),
    caseId: uuid('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    caseVersion: integer('case_version').notNull(),
    stage: text('stage', { enum: ratingStages }).notNull(),
    level: text('level', { enum: ratingLevels }).notNull(),
    /** The 差评 reasons ticked (codes of `badRatingReasons`); [] for a good rating. */
    reasons: jsonb('reasons').$type<BadRatingReason[]>().notNull(),
    text: text('text').notNull(),
    channel: text('channel', { enum: ratingChannels }).notNull(),
    windowNumber: integer('window_number').notNull(),
    clerkUsername: text('clerk_username').notNull(),
    clerkName: text('clerk_name').notNull(),
    /** The window's clock when the citizen rated. */
    ratedAt: at('rated_at').notNull(),
    /** The hall day (YYYY-MM-DD) of `ratedAt`, in the hall's time zone: what an export's range selects. */
    hallDay: text('hall_day').notNull(),
    /** Central's clock when the rating first arrived: the answer to every replay. */
    receivedAt: at('received_at').notNull(),
    /** SHA-256 of the canonical JSON of the body as sent: the same id again must carry the same. */
    bodySha256: text('body_sha256').notNull(),
    /** The provincial data elements (`ProvincialRating`), as the window fixed them. */
    record: jsonb('record').notNull(),
  },
  (t) => [uniqueIndex('ratings_visit').on(t.caseId, t.caseVersion, t.stage), index('ratings_hall_day').on(t.hallDay)],
);

/**
 * Every refusal of the rating page (`/rate`, docs/ratings.md): when, its hall day, why (`reason`,
 * one of `ratingRefusalReasons`) and the case number as typed (trimmed, at most 40 characters). The
 * failed tries of a number lock it for an hour; the admin page counts them by reason. Nothing else
 * about who tried is kept. Written only by service/ratings.ts.
 */
export const ratingRefusals = pgTable(
  'rating_refusals',
  {
    id: uuid('id').primaryKey(),
    at: at('at').notNull(),
    hallDay: text('hall_day').notNull(),
    reason: text('reason').notNull(),
    caseNumber: text('case_number').notNull(),
  },
  (t) => [index('rating_refusals_case_number').on(t.caseNumber, t.at), index('rating_refusals_hall_day').on(t.hallDay)],
);
