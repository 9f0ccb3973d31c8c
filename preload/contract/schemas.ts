import { z } from 'zod';
import { roles } from './roles';
import { centralAddressProblem } from './central-address';

/** Shapes shared by several channels. Messages are Chinese: they reach the clerk as-is. */

export const roleSchema = z.enum(roles);

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,32}$/, '用户名为 3–32 位字母、数字或 . _ -');

/** Only the length is checked here; the strength rule lives in the auth service. */
export const passwordSchema = z.string().min(1, '请输入密码').max(128, '密码不能超过 128 位');

export const displayNameSchema = z.string().trim().min(1, '请输入姓名').max(40, '姓名不超过 40 个字');

export const windowNumberSchema = z
  .number({ error: '窗口号须为数字' })
  .int('窗口号须为整数')
  .min(1, '窗口号为 1–999')
  .max(999, '窗口号为 1–999');

export const localeSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const windowSettingsSchema = z.object({
  districtCode: z.string().regex(/^\d{6}$/, '区划代码为 6 位数字，例如 370303'),
  windowNumber: windowNumberSchema,
  hallName: z.string().trim().min(1, '请输入大厅名称').max(60, '大厅名称不超过 60 个字'),
});
export type WindowSettings = z.infer<typeof windowSettingsSchema>;

/**
 * The settings that are never invented: a case number is district – date – window – sequence,
 * so a guessed district or window number would give two windows the same numbers.
 */
export const requiredSettings = [
  'districtCode',
  'windowNumber',
  'hallName',
] as const satisfies readonly (keyof WindowSettings)[];
export type RequiredSetting = (typeof requiredSettings)[number];

/** A required setting that is missing or invalid: which, what kind of problem, and why in Chinese. */
export const settingsProblemSchema = z.object({
  field: z.enum(requiredSettings),
  /** missing: not stored; invalid: stored but fails its rule; unreadable: the stored settings are corrupt. */
  kind: z.enum(['missing', 'invalid', 'unreadable']),
  message: z.string(),
});
export type SettingsProblem = z.infer<typeof settingsProblemSchema>;

/** `https://…{number}…`: the case number is filled in (URL-encoded) for each notice's QR code. */
export const progressUrlTemplateSchema = z
  .string()
  .trim()
  .max(300, '地址不超过 300 个字符')
  .regex(/^https?:\/\/[^\s]+$/, '进度查询地址须以 http:// 或 https:// 开头，且不含空格')
  .refine((v) => v.includes('{number}'), { message: '进度查询地址须含 {number}（办件编号的位置）' });

/** A printer as the workstation knows it: which way it is reached and its system name. */
export const printerChoiceSchema = z
  .object({
    backend: z.enum(['cups', 'electron', 'browser']),
    /** The system name (CUPS queue or the OS printer name); '' for the browser's own dialog. */
    name: z.string().max(200),
  })
  .strict();
export type PrinterChoice = z.infer<typeof printerChoiceSchema>;

/** A serial port path the OS does not list by itself: `COM7`, `/dev/ttyUSB0`, a symlink to a pseudo-terminal. */
export const serialPortPathSchema = z
  .string()
  .trim()
  .min(1, '请输入串口路径')
  .max(200, '串口路径不超过 200 个字符')
  .regex(/^(COM\d{1,3}|\/[\w./-]+)$/, '串口路径形如 COM3 或 /dev/ttyUSB0');

/**
 * The hall service's own address, when it runs apart from central (`--only hall` on a machine in the
 * hall); '' uses central's. The same rule as central's address: https, or http on this PC only.
 */
export const hallUrlSchema = z
  .string()
  .trim()
  .max(300, '地址不超过 300 个字符')
  .refine((v) => v === '' || centralAddressProblem(v) === null, {
    message: '大厅服务地址须以 https:// 开头（仅本机可用 http://），或留空使用中心地址',
  });

export const workstationSettingsSchema = windowSettingsSchema.extend({
  idleLockMinutes: z.number().int().min(1, '至少 1 分钟').max(120, '最多 120 分钟'),
  defaultLocale: localeSchema,
  /** Simulated reader, scanner and printer (labelled 模拟) for demos and training. */
  simulateDevices: z.boolean(),
  extraSerialPorts: z.array(serialPortPathSchema).max(16, '最多 16 个串口'),
  /** The folder the document scanner saves into (扫描文件夹); '' when not used. */
  hotFolder: z.string().trim().max(500, '文件夹路径不超过 500 个字符'),
  /** Printed on every notice: where the hall is and how to reach it. */
  hallAddress: z.string().trim().max(100, '地址不超过 100 个字'),
  hallPhone: z.string().trim().max(40, '电话不超过 40 个字符'),
  /** The progress-query address on each notice's QR code; `{number}` becomes the case number. */
  progressUrlTemplate: progressUrlTemplateSchema,
  /** Where a rejected applicant may apply for administrative reconsideration (行政复议机关). */
  reconsiderationBody: z.string().trim().min(1, '请输入行政复议机关').max(40, '不超过 40 个字'),
  /** Working days the supplement notice gives the applicant to bring what is missing. */
  supplementDays: z.number().int('须为整数').min(1, '至少 1 个工作日').max(60, '最多 60 个工作日'),
  /** The A4 printer notices go to; null asks each time (or opens the PDF in the browser host). */
  a4Printer: printerChoiceSchema.nullable(),
  /** The ticket printer (a device id from 设备) when several are attached; '' takes the first. */
  ticketPrinter: z.string().max(300),
  /** Central answered one outbox item with the same error this many times in a row: it goes to 需处理. */
  syncMaxServerErrors: z.number().int('须为整数').min(1, '至少 1 次').max(50, '最多 50 次'),
  /** The hall queue's address; '' when the hall service runs inside central (the usual case). */
  hallUrl: hallUrlSchema,
  /** Days a case, its materials and its print records stay here after central has the decision (the audit trail stays). */
  retentionDays: z.number().int('须为整数').min(30, '至少 30 天').max(3650, '最多 3650 天'),
  /** Working days a citizen may rate a visit later with the notice's QR code and 评价码 (好差评). */
  ratingDays: z.number().int('须为整数').min(1, '至少 1 个工作日').max(15, '最多 15 个工作日'),
  /**
   * The address of central's rating page as the citizen's phone reaches it, `{number}` the case
   * number; '' uses central's address (`…/rate?case={number}`).
   */
  ratingUrlTemplate: z
    .string()
    .trim()
    .max(300, '地址不超过 300 个字符')
    .refine((v) => v === '' || (/^https:\/\/[^\s]+$/.test(v) && v.includes('{number}')), {
      message: '评价地址须以 https:// 开头并含 {number}（办件编号），或留空使用中心地址',
    }),
  /** The hall's notices the idle citizen screen shows in large type, one per line. */
  citizenNotices: z
    .array(z.string().trim().min(1, '公告不能为空行').max(80, '每条公告不超过 80 个字'))
    .max(6, '最多 6 条公告'),
});
export type WorkstationSettings = z.infer<typeof workstationSettingsSchema>;

/**
 * What a setting takes while nothing is stored for it. The optional ones are real defaults. The
 * required ones (district code, window number, hall name) are only placeholders that keep `get()`
 * usable: they are never written over a stored value, they make `load()` report a problem, and
 * nothing numbers or decides a case on them (see main/cases/numbering.ts). main/settings/service.ts
 * applies them; the renderer's tests answer with them.
 */
export const defaultWorkstationSettings: WorkstationSettings = {
  districtCode: '370303',
  windowNumber: 1,
  hallName: '张店区市民中心',
  idleLockMinutes: 10,
  defaultLocale: 'zh-CN',
  simulateDevices: false,
  extraSerialPorts: [],
  hotFolder: '',
  hallAddress: '山东省淄博市张店区人民西路 1 号',
  hallPhone: '0533-2180000',
  progressUrlTemplate: 'https://zwfw.zhangdian.gov.cn/progress?case={number}',
  reconsiderationBody: '张店区人民政府',
  supplementDays: 15,
  a4Printer: null,
  ticketPrinter: '',
  syncMaxServerErrors: 5,
  hallUrl: '',
  retentionDays: 180,
  ratingDays: 5,
  ratingUrlTemplate: '',
  citizenNotices: [
    '办事请携带本人有效身份证件原件',
    '过号的群众可凭号票到窗口重新排队',
    '对我们的服务有意见，请在办理后评价，我们会在 5 个工作日内回访',
  ],
};

export const staffSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  windowNumber: z.number().int().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Staff = z.infer<typeof staffSchema>;

export const sessionUserSchema = staffSchema.pick({
  id: true,
  username: true,
  displayName: true,
  role: true,
  windowNumber: true,
  mustChangePassword: true,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionStateSchema = z.object({
  user: sessionUserSchema.nullable(),
  locked: z.boolean(),
  needsSetup: z.boolean(),
  idleLockMinutes: z.number().int(),
  /** The window as stored; null before first-run setup and while a required setting is broken. */
  window: windowSettingsSchema.nullable(),
  /**
   * After setup: the required settings that are missing or invalid. While any is listed the
   * workstation shows the repair screen (an administrator fixes it there) and numbers no case.
   */
  settingsProblems: z.array(settingsProblemSchema),
  defaultLocale: localeSchema,
  /** Server time, so the UI clock does not depend on the PC alone. */
  serverTime: z.string(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const auditResultSchema = z.enum(['ok', 'denied', 'failed']);

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  result: auditResultSchema,
  code: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  headHash: z.string().nullable(),
  /** The first entry that does not verify, and why. */
  firstBadSeq: z.number().int().nullable(),
  problem: z.enum(['hash_mismatch', 'link_broken', 'sequence_gap']).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
