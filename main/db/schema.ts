// Long on purpose: drizzle-kit reads the workstation's tables from this one file to generate the migrations.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { caseStates, decisionKinds, resumableStates } from '@yichuang/domain/cases';
import { subjectKinds } from '@yichuang/domain/catalog';
import { materialMimes } from '@yichuang/domain/materials';
import { ratingChannels, ratingLevels, ratingStages } from '@yichuang/domain/ratings';
import { documentKinds, printBackends, printJobStates } from '../../preload/contract/documents';
import { deviceRoles } from '../../preload/contract/devices';
import { scannerBackendKinds } from '../../preload/contract/document-scanners';
import { outboxFailures, outboxKinds, outboxStates } from '../../preload/contract/sync';
import { roles } from '../../preload/contract/roles';

/** Staff accounts. Usernames are stored lower-case; password hashes never leave main. */
export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  windowNumber: integer('window_number'),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: text('locked_until'),
  lastSignInAt: text('last_sign_in_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Workstation settings as JSON values by key; each key has a zod schema in the settings service. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, each
 * entry's hash covering its fields and the previous entry's hash.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    userId: integer('user_id'),
    username: text('username'),
    action: text('action').notNull(),
    target: text('target'),
    result: text('result', { enum: ['ok', 'denied', 'failed'] }).notNull(),
    code: text('code'),
    detail: text('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // A case's timeline is its entries by target.
  (t) => [index('audit_log_target').on(t.target)],
);

/** Roles the clerk or admin gave to devices (by the device's stable id); they win over the known-devices table. */
export const deviceRoleAssignments = sqliteTable('device_roles', {
  deviceId: text('device_id').primaryKey(),
  role: text('role', { enum: deviceRoles }).notNull(),
  assignedBy: text('assigned_by'),
  assignedAt: text('assigned_at').notNull(),
});

/**
 * Document scanners the window knows: addresses typed by the clerk (eSCL), ones found on the
 * network, and every scanner a job ran on; each with its own default settings (JSON ScanSettings).
 */
export const documentScanners = sqliteTable('document_scanners', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: scannerBackendKinds }).notNull(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  /** `typed`: the clerk added it by address (kept even when unreachable); `seen`: listed or found once. */
  origin: text('origin', { enum: ['typed', 'seen'] }).notNull(),
  defaults: text('defaults'),
  lastUsedAt: text('last_used_at'),
  updatedAt: text('updated_at').notNull(),
});

/** The scanner and settings last used for a checklist item type (a material item id), so F7 repeats them. */
export const scanPresets = sqliteTable('scan_presets', {
  itemId: text('item_id').primaryKey(),
  scannerId: text('scanner_id').notNull(),
  settings: text('settings').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Network ticket printers added by address on the devices screen (raw port, usually 9100): listed as
 * devices until removed. `address` is `host:port` as written (IPv6 in brackets).
 */
export const networkPrinters = sqliteTable('network_printers', {
  address: text('address').primaryKey(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  addedBy: text('added_by'),
  addedAt: text('added_at').notNull(),
});

/** Matter catalog versions (shipped or from central); the highest version is in use. */
export const catalogs = sqliteTable('catalogs', {
  version: integer('version').primaryKey(),
  source: text('source', { enum: ['shipped', 'central'] }).notNull(),
  publishedAt: text('published_at').notNull(),
  publisher: text('publisher').notNull(),
  /** The catalog JSON as validated by `catalogSchema`. */
  data: text('data').notNull(),
  loadedAt: text('loaded_at').notNull(),
});

/** Official holiday calendars (shipped or from central); the highest version is in use. */
export const holidayCalendars = sqliteTable('holiday_calendars', {
  version: integer('version').primaryKey(),
  source: text('source').notNull(),
  publishedAt: text('published_at').notNull(),
  /** The calendar JSON as validated by `holidayCalendarSchema`. */
  data: text('data').notNull(),
  loadedAt: text('loaded_at').notNull(),
});

/** The content-addressed material store's index: one row per distinct file (bytes live on disk under their SHA-256). */
export const materialFiles = sqliteTable('material_files', {
  sha256: text('sha256').primaryKey(),
  mime: text('mime', { enum: materialMimes }).notNull(),
  bytes: integer('bytes').notNull(),
  pages: integer('pages').notNull(),
  width: integer('width'),
  height: integer('height'),
  storedAt: text('stored_at').notNull(),
});

/**
 * Applicants seen at this window: persons by ID number, enterprises by credit code. The number
 * is kept whole (central needs it) and also as a keyed digest, so search never needs to show it.
 */
export const applicants = sqliteTable(
  'applicants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['person', 'enterprise'] }).notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    idDigest: text('id_digest').notNull(),
    idMasked: text('id_masked').notNull(),
    /** Other details as JSON (sex, nation, address, phone; legal representative). */
    details: text('details').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('applicants_kind_digest').on(t.kind, t.idDigest)],
);

/** 办件: one row per case; the draft JSON is the clerk's working content, autosaved. */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    number: text('number'),
    version: integer('version').notNull(),
    state: text('state', { enum: caseStates }).notNull(),
    /** Bumped by every draft save; a save with an older revision is refused. */
    revision: integer('revision').notNull(),
    matterCode: text('matter_code'),
    matterName: text('matter_name'),
    subject: text('subject', { enum: subjectKinds }),
    catalogVersion: integer('catalog_version'),
    applicantId: integer('applicant_id').references(() => applicants.id),
    applicantName: text('applicant_name').notNull(),
    applicantIdDigest: text('applicant_id_digest'),
    applicantIdMasked: text('applicant_id_masked').notNull(),
    agentIdDigest: text('agent_id_digest'),
    draft: text('draft').notNull(),
    clerkId: integer('clerk_id')
      .notNull()
      .references(() => staff.id),
    clerkName: text('clerk_name').notNull(),
    windowNumber: integer('window_number').notNull(),
    /** Hall date (Beijing) the case was started, for the list's date filter. */
    createdDay: text('created_day').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    decidedAt: text('decided_at'),
    acceptedAt: text('accepted_at'),
    promisedDate: text('promised_date'),
    promisedProvisional: integer('promised_provisional', { mode: 'boolean' }).notNull().default(false),
    /** Central's last word on the case: the approver's comment and name, at central's time. */
    centralComment: text('central_comment'),
    centralApprover: text('central_approver'),
    centralAt: text('central_at'),
    /**
     * Central moved the case and nobody at this window has opened its page since: the 办件 list
     * marks it and the menu counts it. Set by central's events, cleared by opening the case page.
     */
    centralUnseen: integer('central_unseen', { mode: 'boolean' }).notNull().default(false),
    /**
     * A resumed draft: the supplement it was resumed from (the window's or central's), where a
     * discard sends it back; null for a draft never decided and for decided cases.
     */
    resumedFrom: text('resumed_from', { enum: resumableStates }),
  },
  (t) => [
    uniqueIndex('cases_number').on(t.number),
    index('cases_created').on(t.createdDay, t.createdAt),
    index('cases_state_created').on(t.state, t.createdDay, t.createdAt),
    index('cases_clerk_state').on(t.clerkId, t.state),
    index('cases_matter').on(t.matterCode, t.createdDay),
    index('cases_applicant_name').on(t.applicantName),
    index('cases_applicant_digest').on(t.applicantIdDigest),
    index('cases_agent_digest').on(t.agentIdDigest),
    index('cases_promised').on(t.state, t.promisedDate),
    // The menu counts the cases with central's news nobody opened yet: few among many.
    index('cases_central_unseen')
      .on(t.centralUnseen)
      .where(sql`${t.centralUnseen} = 1`),
  ],
);

/** The materials of a case as decided: one row per checklist item and version. */
export const caseMaterials = sqliteTable(
  'case_materials',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    version: integer('version').notNull(),
    itemId: text('item_id').notNull(),
    name: text('name').notNull(),
    required: integer('required', { mode: 'boolean' }).notNull(),
    status: text('status').notNull(),
    pages: integer('pages').notNull(),
    originalChecked: integer('original_checked', { mode: 'boolean' }).notNull(),
    copies: integer('copies').notNull(),
    eLicence: integer('e_licence', { mode: 'boolean' }).notNull(),
    /** The files (SHA-256, type, pages, rotation) in order, as JSON. */
    files: text('files').notNull(),
    /** The item's place in the matter's checklist as decided (agent items last): the order it is read in. */
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.version, t.itemId] })],
);

/** Every decision: final for its case version. */
export const caseDecisions = sqliteTable(
  'case_decisions',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    version: integer('version').notNull(),
    kind: text('kind', { enum: decisionKinds }).notNull(),
    at: text('at').notNull(),
    clerkId: integer('clerk_id').notNull(),
    clerkName: text('clerk_name').notNull(),
    windowNumber: integer('window_number').notNull(),
    /** Supplement items or the reject reason, as JSON. */
    detail: text('detail').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.version] }), index('case_decisions_at').on(t.at)],
);

/** The last sequence number given per hall date and window: case numbers survive restarts. */
export const caseCounters = sqliteTable(
  'case_counters',
  {
    day: text('day').notNull(),
    windowNumber: integer('window_number').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.windowNumber] })],
);

/**
 * Every print job. `documentKey` names one document (a case version's notice, a day's report);
 * the first succeeded job of a key is the original, later ones are copies numbered from 1.
 * A job prints `copies` sheets-sets stamped `copyNumber` … `copyNumber + copies - 1`.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentKey: text('document_key').notNull(),
    kind: text('kind', { enum: documentKinds }).notNull(),
    caseId: text('case_id').references(() => cases.id),
    caseVersion: integer('case_version'),
    caseNumber: text('case_number'),
    /** 0 for the original; n for 副本 n (the first set this job printed). */
    copyNumber: integer('copy_number').notNull(),
    copies: integer('copies').notNull(),
    backend: text('backend', { enum: printBackends }).notNull(),
    /** The printer's system name ('' for the browser's own dialog). */
    printer: text('printer').notNull(),
    state: text('state', { enum: printJobStates }).notNull(),
    /** Plain-Chinese reason of a failure. */
    error: text('error'),
    /** The spooler's job id (CUPS: PDF-12), when it gave one. */
    spoolId: text('spool_id'),
    bytes: integer('bytes').notNull(),
    clerkId: integer('clerk_id').notNull(),
    clerkName: text('clerk_name').notNull(),
    windowNumber: integer('window_number').notNull(),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
  },
  (t) => [
    index('print_jobs_document').on(t.documentKey, t.state),
    index('print_jobs_case').on(t.caseId),
    index('print_jobs_created').on(t.createdAt),
  ],
);

/**
 * The transactional outbox: written in the decision's own transaction (a case version, then one
 * item per distinct file), sent in order per case by the sync worker. The idempotency key is fixed
 * here, so a resend after a crash is the same request. A file's tus upload address is stored
 * before its first byte is sent, so a restart resumes the upload instead of starting it again.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: outboxKinds }).notNull(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    caseVersion: integer('case_version').notNull(),
    caseNumber: text('case_number').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** The case version as sent (`PUT /cases/{id}` body, JSON); null for files. */
    payload: text('payload'),
    sha256: text('sha256'),
    fileName: text('file_name'),
    mime: text('mime'),
    state: text('state', { enum: outboxStates }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Why the last try failed (null once sent or sent to 需处理): see `outboxFailures`. */
    failure: text('failure', { enum: outboxFailures }),
    /** How many tries in a row central answered with the same error (`last_error`). */
    sameErrors: integer('same_errors').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    uploadUrl: text('upload_url'),
    bytesSent: integer('bytes_sent').notNull().default(0),
    bytesTotal: integer('bytes_total').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
  },
  (t) => [
    index('outbox_state').on(t.state, t.nextAttemptAt),
    index('outbox_case').on(t.caseId, t.id),
    // What is still to send, in order: the worker reads the head of this, not the whole table.
    index('outbox_open')
      .on(t.id)
      .where(sql`${t.state} <> 'acknowledged'`),
  ],
);

/** The sync worker's own state by key: the enrolment (workstation id and credential) and the feed cursor. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Every event from central's feed, applied once (its id is the key): the case page's central history. */
export const centralEvents = sqliteTable(
  'central_events',
  {
    id: text('id').primaryKey(),
    seq: integer('seq').notNull(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    caseVersion: integer('case_version').notNull(),
    kind: text('kind').notNull(),
    comment: text('comment').notNull(),
    approver: text('approver'),
    /** A supplement request's materials and reasons, as JSON (`CentralSupplementItem[]`); '[]' for others. */
    items: text('items').notNull().default('[]'),
    /** Central's clock. */
    at: text('at').notNull(),
    appliedAt: text('applied_at').notNull(),
  },
  (t) => [index('central_events_case').on(t.caseId, t.seq)],
);

/**
 * The hall ticket each case was taken on (written by main/queue only): recorded with the decision,
 * in its transaction, and sent to the hall service (`sent_at`) so its statistics join tickets to
 * cases; a link the hall did not get yet is sent again once it answers.
 */
export const caseTickets = sqliteTable('case_tickets', {
  caseId: text('case_id').primaryKey(),
  caseNumber: text('case_number').notNull(),
  matterCode: text('matter_code').notNull(),
  ticketId: text('ticket_id').notNull(),
  /** A001; null for a walk-in served without a ticket. */
  ticketNumber: text('ticket_number'),
  queue: text('queue').notNull(),
  linkedAt: text('linked_at').notNull(),
  sentAt: text('sent_at'),
});

/**
 * 好差评 given at this window (现场"一次一评"): one row per visit and stage, written only from the
 * citizen's screen. `record` keeps the provincial interface's data elements as they were at the
 * rating (applicant, matter, clerk), encrypted at rest with the rest of the database. No reference
 * to `cases`: a rating outlives its case's local retention (it is counted in the hall's figures).
 */
export const ratings = sqliteTable(
  'ratings',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    caseVersion: integer('case_version').notNull(),
    stage: text('stage', { enum: ratingStages }).notNull(),
    level: text('level', { enum: ratingLevels }).notNull(),
    /** The 差评 reasons ticked, as a JSON array of codes. */
    reasons: text('reasons').notNull(),
    text: text('text').notNull(),
    channel: text('channel', { enum: ratingChannels }).notNull(),
    clerkId: integer('clerk_id').notNull(),
    windowNumber: integer('window_number').notNull(),
    ratedAt: text('rated_at').notNull(),
    /** The hall date of the rating. */
    ratedDay: text('rated_day').notNull(),
    /** The provincial data elements (applicant, matter, clerk rated) as JSON. */
    record: text('record').notNull(),
  },
  (t) => [
    uniqueIndex('ratings_visit').on(t.caseId, t.caseVersion, t.stage),
    index('ratings_day').on(t.ratedDay),
    index('ratings_clerk').on(t.clerkId, t.ratedDay),
  ],
);

/**
 * The 评价码 printed on each decided version's notice (the QR code's partner): kept so a reprint
 * carries the same code; central holds only its digest. One per case version.
 */
export const ratingInvitations = sqliteTable(
  'rating_invitations',
  {
    caseId: text('case_id').notNull(),
    version: integer('version').notNull(),
    code: text('code').notNull(),
    /** The last hall day the code may be used. */
    until: text('until').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.version] })],
);
