import type { PrintBackend, PrinterInfo } from '../../preload/contract/documents';
import type { ErrorCode, ErrorParams } from '../../preload/contract/errors';

export interface PrintRequest {
  /** The system name of the printer. */
  printer: string;
  pdf: Uint8Array;
  /** The job's name in the spooler (document title and case number; no personal data). */
  title: string;
}

/** Why a print failed: a catalog code and its params (the screen says it in the clerk's language). */
export interface PrintFailure {
  code: ErrorCode;
  params?: ErrorParams;
}

/** The result a driver could verify: printed, or failed with its reason. */
export type PrintOutcome =
  { ok: true; spoolId?: string | null } | { ok: false; error: PrintFailure; spoolId?: string | null };

/**
 * One way to reach paper: CUPS (`lp`), the Electron platform (`webContents.print`). The browser
 * host's own dialog is not a driver: the PDF goes to the screen and the clerk says how it went.
 */
export interface PrintDriver {
  backend: Exclude<PrintBackend, 'browser'>;
  list(): Promise<PrinterInfo[]>;
  /** Never throws for a printing failure: returns it, so the job is recorded as failed. */
  print(request: PrintRequest): Promise<PrintOutcome>;
}
