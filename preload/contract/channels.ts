import { z } from 'zod';
import {
  cardReadSchema,
  decodedFrameSchema,
  deviceInfoSchema,
  deviceRoleSchema,
  identitySchema,
  selfTestSchema,
  simulatedReaderHoldsSchema,
  simulationStateSchema,
  symbologySchema,
} from './devices';
import type { Access } from './roles';
import { admins, intakeRoles, supervisors } from './roles';
import { catalogInfoSchema, catalogMatterSchema } from './catalog';
import { calendarInfoSchema, workingDateSchema } from './calendar';
import {
  applicantHistorySchema,
  caseDetailSchema,
  caseDraftSchema,
  caseIdSchema,
  caseListQuerySchema,
  caseListSchema,
  caseSummarySchema,
  decisionSchema,
} from './cases';
import {
  caseDocumentRefSchema,
  printJobSchema,
  printerInfoSchema,
  renderedDocumentSchema,
  reportDocumentRefSchema,
} from './documents';
import { dailyReportSchema, reportQuerySchema } from './reports';
import { enrolInputSchema, outboxItemSchema, outboxQuerySchema, syncStatusSchema } from './sync';
import {
  fileNameSchema,
  hotFolderStatusSchema,
  materialLimits,
  materialMimes,
  sha256Schema,
  storedFileSchema,
} from './materials';
import {
  auditEntrySchema,
  auditResultSchema,
  auditVerificationSchema,
  displayNameSchema,
  passwordSchema,
  roleSchema,
  sessionStateSchema,
  staffSchema,
  usernameSchema,
  windowNumberSchema,
  windowSettingsSchema,
  printerChoiceSchema,
  workstationSettingsSchema,
} from './schemas';

/**
 * How the router audits a channel: `change` for anything that changes data, `reveal` for
 * anything that shows personal data; `false` for plain reads; `service` when the service writes
 * the entry itself, inside the same transaction as the change (case decisions).
 */
export type AuditKind = 'change' | 'reveal' | 'service' | false;

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Callable while the session is locked (unlock, sign out, state). */
  whenLocked?: boolean;
  /** Callable before a temporary password has been changed. */
  beforePasswordChange?: boolean;
  audit: AuditKind;
  /** What the audit entry names as the target; never put secrets here. */
  auditTarget?: (input: z.infer<I>) => string;
}

function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

const none = z.object({}).strict();

const deviceIdSchema = z.string().min(1).max(300);

/** Every request the UI can make. Names are `area.action`; the bridge nests them. */
export const channels = {
  'system.ping': channel({ input: none, output: z.object({ pong: z.literal(true) }), access: 'public', audit: false }),

  'session.state': channel({
    input: none,
    output: sessionStateSchema,
    access: 'public',
    whenLocked: true,
    beforePasswordChange: true,
    audit: false,
  }),
  'session.lock': channel({
    input: z.object({ reason: z.enum(['idle', 'manual']) }).strict(),
    output: sessionStateSchema,
    access: 'signedIn',
    whenLocked: true,
    beforePasswordChange: true,
    audit: 'change',
    auditTarget: (input) => input.reason,
  }),
  'session.unlock': channel({
    input: z.object({ password: passwordSchema }).strict(),
    output: sessionStateSchema,
    access: 'signedIn',
    whenLocked: true,
    beforePasswordChange: true,
    audit: 'change',
  }),

  'setup.initialize': channel({
    input: z
      .object({
        admin: z
          .object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema })
          .strict(),
        window: windowSettingsSchema,
      })
      .strict(),
    output: sessionStateSchema,
    access: 'public',
    audit: 'change',
    auditTarget: (input) => input.admin.username.toLowerCase(),
  }),

  'auth.signIn': channel({
    input: z.object({ username: usernameSchema, password: passwordSchema }).strict(),
    output: sessionStateSchema,
    access: 'public',
    audit: 'change',
    auditTarget: (input) => input.username.toLowerCase(),
  }),
  'auth.signOut': channel({
    input: none,
    output: sessionStateSchema,
    access: 'signedIn',
    whenLocked: true,
    beforePasswordChange: true,
    audit: 'change',
  }),
  'auth.changePassword': channel({
    input: z.object({ currentPassword: passwordSchema, newPassword: passwordSchema }).strict(),
    output: sessionStateSchema,
    access: 'signedIn',
    beforePasswordChange: true,
    audit: 'change',
  }),

  'staff.list': channel({ input: none, output: z.array(staffSchema), access: admins, audit: false }),
  'staff.create': channel({
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        role: roleSchema,
        windowNumber: windowNumberSchema.nullable(),
        password: passwordSchema,
      })
      .strict(),
    output: staffSchema,
    access: admins,
    audit: 'change',
    auditTarget: (input) => input.username.toLowerCase(),
  }),
  'staff.update': channel({
    input: z
      .object({
        id: z.number().int(),
        displayName: displayNameSchema.optional(),
        role: roleSchema.optional(),
        windowNumber: windowNumberSchema.nullable().optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    output: staffSchema,
    access: admins,
    audit: 'change',
    auditTarget: (input) => `staff#${input.id}`,
  }),
  'staff.resetPassword': channel({
    input: z.object({ id: z.number().int(), temporaryPassword: passwordSchema }).strict(),
    output: staffSchema,
    access: admins,
    audit: 'change',
    auditTarget: (input) => `staff#${input.id}`,
  }),

  'settings.get': channel({ input: none, output: workstationSettingsSchema, access: 'signedIn', audit: false }),
  'settings.update': channel({
    input: workstationSettingsSchema.partial().strict(),
    output: workstationSettingsSchema,
    access: admins,
    audit: 'change',
  }),

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
    output: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }),
    access: supervisors,
    audit: false,
  }),
  'audit.verify': channel({ input: none, output: auditVerificationSchema, access: supervisors, audit: false }),

  'devices.list': channel({ input: none, output: z.array(deviceInfoSchema), access: 'signedIn', audit: false }),
  /** Enumerate now instead of waiting for the next poll (the 刷新 button). */
  'devices.refresh': channel({ input: none, output: z.array(deviceInfoSchema), access: 'signedIn', audit: false }),
  'devices.assignRole': channel({
    input: z.object({ deviceId: deviceIdSchema, role: deviceRoleSchema }).strict(),
    output: deviceInfoSchema,
    access: 'signedIn',
    audit: 'change',
    auditTarget: (input) => input.deviceId,
  }),
  'devices.selfTest': channel({
    input: z.object({ deviceId: deviceIdSchema }).strict(),
    output: selfTestSchema,
    access: 'signedIn',
    audit: false,
  }),
  /** Support: decode a hex dump of reader traffic (ID numbers masked). */
  'devices.decodeFrames': channel({
    input: z.object({ hex: z.string().max(1_000_000, '数据过长：一次最多粘贴约 1 MB 的十六进制文本') }).strict(),
    output: z.object({ frames: z.array(decodedFrameSchema) }),
    access: 'signedIn',
    audit: false,
  }),

  /** The latest card read of the last few minutes (masked), for a screen opened after the read. */
  'idcard.current': channel({ input: none, output: cardReadSchema.nullable(), access: 'signedIn', audit: false }),
  /** Read the card on the reader now, even the same card again (the 读卡 shortcut). */
  'idcard.readNow': channel({
    input: none,
    output: z.object({ done: z.literal(true) }),
    access: 'signedIn',
    audit: false,
  }),
  /** The unmasked identity of a read, to fill a form; audited as a reveal. */
  'idcard.reveal': channel({
    input: z.object({ readId: z.string().uuid() }).strict(),
    output: identitySchema,
    access: 'signedIn',
    audit: 'reveal',
    auditTarget: (input) => `card-read#${input.readId}`,
  }),

  'printer.printTicket': channel({
    input: z
      .object({
        number: z.string().trim().min(1, '请输入票号').max(12, '票号不超过 12 位'),
        matter: z.string().trim().min(1, '请输入事项').max(40, '事项不超过 40 个字'),
        waiting: z.number().int().min(0).max(999).nullable().default(null),
        qr: z.string().max(500, '二维码内容不超过 500 个字符').nullable().default(null),
      })
      .strict(),
    output: z.object({ deviceId: z.string() }),
    access: 'signedIn',
    audit: false,
  }),

  'simulation.get': channel({ input: none, output: simulationStateSchema, access: 'signedIn', audit: false }),
  /** Choose what the simulated reader holds, plug or unplug simulated devices (demos, training, tests). */
  'simulation.update': channel({
    input: z
      .object({
        readerHolds: simulatedReaderHoldsSchema.optional(),
        plugged: z
          .object({ idcard: z.boolean().optional(), scanner: z.boolean().optional(), printer: z.boolean().optional() })
          .strict()
          .optional(),
        clearPrinter: z.boolean().optional(),
      })
      .strict(),
    output: simulationStateSchema,
    access: 'signedIn',
    audit: false,
  }),
  'simulation.scan': channel({
    input: z
      .object({
        code: z.string().min(1, '请输入条码内容').max(2000, '条码内容不超过 2000 个字符'),
        symbology: symbologySchema.default('qr'),
      })
      .strict(),
    output: z.object({ done: z.literal(true) }),
    access: 'signedIn',
    audit: false,
  }),

  'catalog.list': channel({
    input: none,
    output: z.object({ info: catalogInfoSchema, matters: z.array(catalogMatterSchema) }),
    access: 'signedIn',
    audit: false,
  }),
  'calendar.info': channel({ input: none, output: calendarInfoSchema, access: 'signedIn', audit: false }),
  /** The date `days` working days after today (hall date): the promised date if accepted now. */
  'calendar.promisedDate': channel({
    input: z.object({ days: z.number().int().min(0).max(365) }).strict(),
    output: workingDateSchema,
    access: 'signedIn',
    audit: false,
  }),

  /** Starts a draft case at this window. */
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
  'materials.import': channel({
    input: z
      .object({
        name: fileNameSchema,
        bytes: z
          .instanceof(Uint8Array, { message: '文件内容缺失' })
          .refine((b) => b.length <= materialLimits.maxFileBytes, {
            message: '文件超过 20 MB 的上限：请降低扫描分辨率或分开扫描',
          }),
      })
      .strict(),
    output: storedFileSchema,
    access: intakeRoles,
    audit: false,
  }),
  'materials.read': channel({
    input: z.object({ sha256: sha256Schema }).strict(),
    output: z.object({ mime: z.enum(materialMimes), bytes: z.instanceof(Uint8Array) }),
    access: intakeRoles,
    audit: false,
  }),
  /** The scanner's hot folder: where it is, whether it is watched, and the latest arrivals. */
  'materials.hotFolder': channel({ input: none, output: hotFolderStatusSchema, access: intakeRoles, audit: false }),

  /** A notice or the material bundle as its next print would look (original or 副本 n); not recorded. */
  'documents.preview': channel({
    input: caseDocumentRefSchema,
    output: renderedDocumentSchema,
    access: intakeRoles,
    audit: false,
  }),
  /** The A4 printers this machine can print to (CUPS queues, the OS's printers), and the browser's dialog. */
  'printing.printers': channel({ input: none, output: z.array(printerInfoSchema), access: 'signedIn', audit: false }),
  /** Prints a case's notice or bundle; recorded in the print history whatever happens. */
  'printing.print': channel({
    input: z
      .object({
        ref: caseDocumentRefSchema,
        copies: z.number().int().min(1, '至少 1 份').max(5, '一次最多 5 份').default(1),
        printer: printerChoiceSchema.nullable().default(null),
      })
      .strict(),
    output: z.object({ job: printJobSchema, pdf: z.instanceof(Uint8Array).nullable() }),
    access: intakeRoles,
    audit: 'change',
    auditTarget: (input) => input.ref.caseId,
  }),
  /** Prints the daily report. */
  'printing.printReport': channel({
    input: z
      .object({
        ref: reportDocumentRefSchema,
        copies: z.number().int().min(1, '至少 1 份').max(5, '一次最多 5 份').default(1),
        printer: printerChoiceSchema.nullable().default(null),
      })
      .strict(),
    output: z.object({ job: printJobSchema, pdf: z.instanceof(Uint8Array).nullable() }),
    access: supervisors,
    audit: 'change',
  }),
  /** After the browser's own print dialog: did it print? Until then the job is pending. */
  'printing.confirm': channel({
    input: z.object({ jobId: z.number().int().positive(), printed: z.boolean() }).strict(),
    output: printJobSchema,
    access: 'signedIn',
    audit: 'change',
    auditTarget: (input) => `print-job#${input.jobId}`,
  }),
  /** A case's print jobs, newest first. */
  'printing.history': channel({
    input: z.object({ caseId: caseIdSchema }).strict(),
    output: z.array(printJobSchema),
    access: intakeRoles,
    audit: false,
  }),

  /** The numbers of a day or a range, from this workstation's database (works offline). */
  'reports.daily': channel({ input: reportQuerySchema, output: dailyReportSchema, access: supervisors, audit: false }),
  /** The report as a PDF to look at before printing. */
  'reports.pdf': channel({
    input: reportQuerySchema,
    output: renderedDocumentSchema,
    access: supervisors,
    audit: false,
  }),
  /** The report as CSV (UTF-8 with BOM, for Excel); audited: it carries names of applicants with cases due. */
  'reports.csv': channel({
    input: reportQuerySchema,
    output: z.object({ fileName: z.string(), csv: z.string() }),
    access: supervisors,
    audit: 'reveal',
  }),

  /** Where sync stands: backlog, connection, clock skew (the status bar's badge asks this). */
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

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
