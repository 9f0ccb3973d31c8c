import { z } from 'zod';
import { channel, none } from '../channel';
import {
  caseDocumentRefSchema,
  printJobSchema,
  printerInfoSchema,
  renderedDocumentSchema,
  reportDocumentRefSchema,
} from '../documents';
import { intakeRoles, printingRoles, supervisors } from '../roles';
import { printerChoiceSchema } from '../schemas';
import { caseIdSchema } from '@yichuang/domain/cases';

/** Documents and printing: previews, A4 and the browser's print dialog, print history. */
export const printingChannels = {
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

  /** After the browser's own print dialog: did it print? Until then the job is pending. Only the job's own printer answers. */
  'printing.confirm': channel({
    input: z.object({ jobId: z.number().int().positive(), printed: z.boolean() }).strict(),
    output: printJobSchema,
    access: printingRoles,
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
} as const;
