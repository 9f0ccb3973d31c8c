import { z } from 'zod';
import { errorCodeSchema, errorParamsSchema } from './errors';
import { printerStatusSchema } from './printer-status';

/**
 * The paper the workstation prints, and the print history. Every printed document is recorded:
 * the first successful print of a document is the original (正本); every later one is stamped
 * 副本 n. A failed job leaves no original behind, so printing it again is still the original.
 */

export const documentKinds = [
  'receipt',
  'supplement_notice',
  'rejection_notice',
  'bundle',
  'daily_report',
  /** The 一次性补正告知书 of a supplement central asked for, printed at the window from central's list. */
  'central_supplement_notice',
] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentKindSchema = z.enum(documentKinds);

/** The notice that goes with each decision. */
export const noticeForDecision = {
  accept: 'receipt',
  supplement: 'supplement_notice',
  reject: 'rejection_notice',
} as const satisfies Record<'accept' | 'supplement' | 'reject', DocumentKind>;

/** How a job reaches paper. */
export const printBackends = ['cups', 'electron', 'browser'] as const;
export type PrintBackend = (typeof printBackends)[number];

export const printJobStates = ['pending', 'succeeded', 'failed'] as const;
export type PrintJobState = (typeof printJobStates)[number];

/** A printer found on this machine. */
export const printerInfoSchema = z.object({
  backend: z.enum(printBackends),
  /** The system name used to print (CUPS queue, OS printer name). */
  name: z.string(),
  /** What people call it (the description, or the name). */
  label: z.string(),
  isDefault: z.boolean(),
  /** idle / printing / stopped … (with CUPS's reason when stopped): a value the screen words. */
  status: printerStatusSchema,
  /**
   * A job sent now would print: false for a stopped (paused) or rejecting queue. Such a printer is
   * shown with its status, never chosen for the clerk, and printing to it fails at once.
   */
  ready: z.boolean(),
});
export type PrinterInfo = z.infer<typeof printerInfoSchema>;

/** One string naming a printer (`cups:PDF`), for pickers that hold a printer as a value. */
export function printerKey(p: { backend: PrintBackend; name: string }): string {
  return `${p.backend}:${p.name}`;
}

/** Which document: a notice or the bundle of one case version, or the report of a day or range. */
export const caseDocumentRefSchema = z
  .object({
    kind: z.enum(['receipt', 'supplement_notice', 'rejection_notice', 'bundle', 'central_supplement_notice']),
    caseId: z.string().uuid('办件标识无效'),
    /** The case version whose decision (or central's request) the notice records; the latest matching one when absent. */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type CaseDocumentRef = z.infer<typeof caseDocumentRefSchema>;

export const reportDocumentRefSchema = z
  .object({
    kind: z.literal('daily_report'),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD'),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD'),
  })
  .strict();
export type ReportDocumentRef = z.infer<typeof reportDocumentRefSchema>;

export const documentRefSchema = z.discriminatedUnion('kind', [caseDocumentRefSchema, reportDocumentRefSchema]);
export type DocumentRef = z.infer<typeof documentRefSchema>;

export const printJobSchema = z.object({
  id: z.number().int(),
  kind: documentKindSchema,
  documentKey: z.string(),
  caseId: z.string().nullable(),
  caseVersion: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  /** 0: the original; n: 副本 n (the first set of this job). */
  copyNumber: z.number().int(),
  copies: z.number().int(),
  backend: z.enum(printBackends),
  printer: z.string(),
  state: z.enum(printJobStates),
  /** Why it failed, in Chinese (the audit trail's words); the screen says it from `errorCode`. */
  error: z.string().nullable(),
  /** The failure as a catalog code and its params, so the screen says it in the clerk's language; null for old records. */
  errorCode: errorCodeSchema.nullable(),
  errorParams: errorParamsSchema.nullable(),
  spoolId: z.string().nullable(),
  bytes: z.number().int(),
  clerkName: z.string(),
  windowNumber: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

/** A document made for the screen: the PDF and what it is. */
export const renderedDocumentSchema = z.object({
  kind: documentKindSchema,
  documentKey: z.string(),
  title: z.string(),
  /** The copy the next print would be: 0 for the original. */
  copyNumber: z.number().int(),
  pdf: z.instanceof(Uint8Array),
});
export type RenderedDocument = z.infer<typeof renderedDocumentSchema>;

export const documentTitles: Record<DocumentKind, string> = {
  receipt: '受理回执',
  supplement_notice: '一次性补正告知书',
  rejection_notice: '不予受理通知书',
  bundle: '材料汇编',
  daily_report: '业务日报',
  central_supplement_notice: '一次性补正告知书（中心审查）',
};
