import { z } from 'zod';
import { channel } from '../channel';
import { renderedDocumentSchema } from '../documents';
import { dailyReportSchema, reportQuerySchema } from '../reports';
import { supervisors } from '../roles';

/** The supervisor's daily report from this workstation's own numbers. */
export const reportsChannels = {
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
} as const;
