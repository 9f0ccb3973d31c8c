import type { Actor } from '../cases/model';
import type { DocumentService } from '../documents/service';
import type { Logger } from '../logging/logger';
import type { SettingsService } from '../settings/service';
import type { DocumentRef, PrinterInfo, PrintJob, RenderedDocument } from '../../preload/contract/documents';
import { AppError } from '../../preload/contract/errors';
import type { PrinterChoice } from '../../preload/contract/schemas';
import { unknownPrinterStatus } from '../../preload/contract/printer-status';
import type { PrintDriver, PrintFailure } from './driver';
import type { PrintHistory } from './history';

export interface PrintingServiceDeps {
  documents: DocumentService;
  history: PrintHistory;
  settings: SettingsService;
  /** The drivers this host has (CUPS where `lp` exists; the Electron platform in Electron). */
  drivers: readonly PrintDriver[];
  log: Logger;
}

/** The bytes as the contract carries them (backed by a plain ArrayBuffer; pdf-lib's always are). */
function asBytes(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return u.buffer instanceof ArrayBuffer ? (u as Uint8Array<ArrayBuffer>) : new Uint8Array(u);
}

/** One PDF holding several PDFs one after another (a job of several stamped sets). */
async function joinPdfs(parts: Uint8Array[]): Promise<Uint8Array> {
  if (parts.length === 1) return parts[0]!;
  const { PDFDocument } = await import('pdf-lib'); // loaded with the first print, not at start-up
  const out = await PDFDocument.create();
  for (const part of parts) {
    const src = await PDFDocument.load(part);
    for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

/**
 * The job's name in the spooler: what it is and which job, in ASCII (spoolers and PDF printers
 * turn it into file names), never the applicant's name.
 */
export function spoolTitle(job: Pick<PrintJob, 'id' | 'kind' | 'caseNumber' | 'documentKey'>): string {
  const what = job.caseNumber ?? job.documentKey.replace(/^report\//, '').replaceAll('/', '_');
  return `yichuang-${job.kind}-${what}-job${job.id}`;
}

export type PrintingService = ReturnType<typeof createPrintingService>;

/**
 * Prints documents and keeps the history. A job is reserved first (which fixes whether it is
 * the original or which copy), then the PDF is made with that stamp, then sent; the outcome the
 * driver could verify is recorded. In the browser host the PDF goes back to the screen and the
 * job stays pending until the clerk says whether it printed.
 */
export function createPrintingService(deps: PrintingServiceDeps) {
  const { documents, history, settings, drivers, log } = deps;

  function driverFor(backend: PrinterChoice['backend']): PrintDriver | null {
    return drivers.find((d) => d.backend === backend) ?? null;
  }

  async function makeSets(ref: DocumentRef, first: number, copies: number) {
    const made = [];
    for (let i = 0; i < copies; i++) made.push(await documents.make(ref, first + i));
    return { pdf: await joinPdfs(made.map((m) => m.pdf)) };
  }

  return {
    /** Every printer the drivers see, plus the browser's own dialog. */
    async printers(): Promise<PrinterInfo[]> {
      const lists = await Promise.all(
        drivers.map((d) =>
          d.list().catch((err: unknown) => {
            log.warn({ err, backend: d.backend }, 'listing printers failed');
            return [] as PrinterInfo[];
          }),
        ),
      );
      return [
        ...lists.flat(),
        {
          backend: 'browser',
          name: '',
          label: '浏览器打印（打开 PDF）',
          isDefault: false,
          status: unknownPrinterStatus,
          ready: true,
        },
      ];
    },

    /** The document as its next print would be stamped; previews are not recorded. */
    async preview(ref: DocumentRef): Promise<RenderedDocument> {
      const key = documents.keyOf(ref);
      const copyNumber = history.nextCopyNumber(key.documentKey);
      const doc = await documents.make(ref, copyNumber);
      return { kind: doc.kind, documentKey: doc.documentKey, title: doc.title, copyNumber, pdf: asBytes(doc.pdf) };
    },

    /**
     * Prints `copies` sets to the chosen printer (or the one in settings). A failure is recorded
     * and returned, not thrown: the clerk sees why and prints again, still as the original.
     */
    async print(
      actor: Actor,
      input: { ref: DocumentRef; copies: number; printer: PrinterChoice | null },
    ): Promise<{ job: PrintJob; pdf: Uint8Array<ArrayBuffer> | null }> {
      const s = settings.get();
      const choice = input.printer ?? s.a4Printer;
      if (!choice)
        throw new AppError('no_printer_selected', undefined, {
          printer: '请选择打印机',
        });
      const driver = choice.backend === 'browser' ? null : driverFor(choice.backend);
      if (choice.backend !== 'browser' && !driver) {
        throw new AppError(choice.backend === 'electron' ? 'system_print_unavailable' : 'cups_unavailable', undefined, {
          printer: '该打印方式在本机不可用',
        });
      }
      const key = documents.keyOf(input.ref);
      const job = history.reserve({
        ...key,
        kind: input.ref.kind,
        copies: input.copies,
        backend: choice.backend,
        printer: choice.name,
        clerkId: actor.id,
        clerkName: actor.displayName,
        windowNumber: s.windowNumber,
      });
      let pdf: Uint8Array;
      try {
        pdf = (await makeSets(input.ref, job.copyNumber, input.copies)).pdf;
      } catch (error) {
        const failure: PrintFailure =
          error instanceof AppError
            ? { code: error.code, ...(error.params ? { params: error.params } : {}) }
            : { code: 'print_document_failed' };
        history.finish(job.id, { ok: false, error: failure }, 0);
        throw error;
      }
      if (!driver) {
        history.noteBytes(job.id, pdf.length);
        return { job: history.get(job.id), pdf: asBytes(pdf) };
      }
      const outcome = await driver
        .print({ printer: choice.name, pdf, title: spoolTitle(job) })
        .catch((err: unknown) => {
          log.error({ err, backend: choice.backend }, 'print driver threw');
          return { ok: false as const, error: { code: 'print_driver_failed' as const } };
        });
      const finished = history.finish(job.id, outcome, pdf.length);
      log.info({ jobId: job.id, kind: job.kind, state: finished.state, backend: choice.backend }, 'print job ended');
      return { job: finished, pdf: null };
    },

    /** The clerk's answer after the browser's print dialog: printed or not; only the one who printed answers. */
    confirm(actor: Actor, jobId: number, printed: boolean): PrintJob {
      const owner = history.printedBy(jobId);
      if (owner.clerkId !== actor.id) throw new AppError('print_job_of_other', { clerk: owner.clerkName });
      const job = history.get(jobId);
      if (job.backend !== 'browser') throw new AppError('print_result_not_needed');
      if (job.state !== 'pending') return job;
      return history.finish(
        jobId,
        printed ? { ok: true } : { ok: false, error: { code: 'print_not_confirmed' } },
        job.bytes,
      );
    },

    history,
  };
}
