import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../app/clock';
import type { Db } from '../db/connection';
import { printJobs } from '../db/schema';
import type { DocumentKind, PrintBackend, PrintJob } from '../../preload/contract/documents';
import { z } from 'zod';
import { AppError, errorCodeSchema, errorParamsSchema, errorText } from '../../preload/contract/errors';
import type { PrintFailure } from './driver';

/** A job still pending after this long was cut short (the program stopped): it printed nothing we know of. */
export const stalePendingMs = 10 * 60 * 1000;

export interface NewJob {
  documentKey: string;
  kind: DocumentKind;
  caseId: string | null;
  caseVersion: number | null;
  caseNumber: string | null;
  copies: number;
  backend: PrintBackend;
  printer: string;
  clerkId: number;
  clerkName: string;
  windowNumber: number;
}

type Row = typeof printJobs.$inferSelect;

function toJob(r: Row): PrintJob {
  return {
    id: r.id,
    kind: r.kind,
    documentKey: r.documentKey,
    caseId: r.caseId,
    caseVersion: r.caseVersion,
    caseNumber: r.caseNumber,
    copyNumber: r.copyNumber,
    copies: r.copies,
    backend: r.backend,
    printer: r.printer,
    state: r.state,
    ...storedError(r.error),
    spoolId: r.spoolId,
    bytes: r.bytes,
    clerkName: r.clerkName,
    windowNumber: r.windowNumber,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

/**
 * A failure is stored as its code and params (JSON), so the screen can say it in the clerk's
 * language; records from before hold the Chinese text itself and are shown as they are.
 */
function storedError(stored: string | null): Pick<PrintJob, 'error' | 'errorCode' | 'errorParams'> {
  if (stored === null) return { error: null, errorCode: null, errorParams: null };
  if (stored.startsWith('{')) {
    try {
      const parsed = storedErrorSchema.parse(JSON.parse(stored));
      return {
        error: errorText(parsed.code, parsed.params),
        errorCode: parsed.code,
        errorParams: parsed.params ?? null,
      };
    } catch {
      // Not one of ours: the text as it was stored.
    }
  }
  return { error: stored, errorCode: null, errorParams: null };
}

const storedErrorSchema = z.object({ code: errorCodeSchema, params: errorParamsSchema.optional() });

export type PrintHistory = ReturnType<typeof createPrintHistory>;

/**
 * The print history. Which print of a document a job is comes from the jobs that succeeded
 * before it: none → the original (0); otherwise the next copy number. A failed job counts for
 * nothing, so printing it again is still the original. One job per document at a time.
 */
export function createPrintHistory(db: Db, clock: Clock) {
  function row(id: number): Row {
    const r = db.select().from(printJobs).where(eq(printJobs.id, id)).get();
    if (!r) throw new AppError('print_record_not_found');
    return r;
  }

  function expireStale(documentKey: string): void {
    const before = new Date(clock.now().getTime() - stalePendingMs).toISOString();
    db.update(printJobs)
      .set({
        state: 'failed',
        error: JSON.stringify({ code: 'print_result_unknown' } satisfies PrintFailure),
        finishedAt: clock.now().toISOString(),
      })
      .where(
        and(eq(printJobs.documentKey, documentKey), eq(printJobs.state, 'pending'), lt(printJobs.createdAt, before)),
      )
      .run();
  }

  /** The copy number the next successful print of this document gets (0 for the original). */
  function nextCopyNumber(documentKey: string): number {
    const done = db
      .select({ n: sql<number>`coalesce(sum(${printJobs.copies}), 0)` })
      .from(printJobs)
      .where(and(eq(printJobs.documentKey, documentKey), eq(printJobs.state, 'succeeded')))
      .get();
    return done?.n ?? 0;
  }

  return {
    nextCopyNumber,

    /** Retention: forgets the print records of cases being purged (in the caller's transaction). */
    forgetCases(caseIds: readonly string[]): number {
      if (caseIds.length === 0) return 0;
      return db
        .delete(printJobs)
        .where(inArray(printJobs.caseId, [...caseIds]))
        .run().changes;
    },

    /** Opens a pending job with its copy number; refused while another job of the document is pending. */
    reserve(job: NewJob): PrintJob {
      return db.transaction(() => {
        expireStale(job.documentKey);
        const busy = db
          .select({ id: printJobs.id })
          .from(printJobs)
          .where(and(eq(printJobs.documentKey, job.documentKey), eq(printJobs.state, 'pending')))
          .get();
        if (busy) throw new AppError('print_in_progress');
        const inserted = db
          .insert(printJobs)
          .values({
            ...job,
            copyNumber: nextCopyNumber(job.documentKey),
            state: 'pending',
            error: null,
            spoolId: null,
            bytes: 0,
            createdAt: clock.now().toISOString(),
            finishedAt: null,
          })
          .returning()
          .get();
        return toJob(inserted);
      });
    },

    /** Records how a pending job ended. A job already ended is left as it was. */
    finish(
      id: number,
      outcome: { ok: boolean; error?: PrintFailure | null; spoolId?: string | null },
      bytes: number,
    ): PrintJob {
      db.update(printJobs)
        .set({
          state: outcome.ok ? 'succeeded' : 'failed',
          error: outcome.ok ? null : JSON.stringify(outcome.error ?? { code: 'print_driver_failed' }),
          spoolId: outcome.spoolId ?? null,
          bytes,
          finishedAt: clock.now().toISOString(),
        })
        .where(and(eq(printJobs.id, id), eq(printJobs.state, 'pending')))
        .run();
      return toJob(row(id));
    },

    /** Notes the PDF's size while the job is out (for a job whose result comes later). */
    noteBytes(id: number, bytes: number): void {
      db.update(printJobs).set({ bytes }).where(eq(printJobs.id, id)).run();
    },

    /** Who started a job (its clerk), which the job as shown does not carry. */
    printedBy(id: number): { clerkId: number; clerkName: string } {
      const r = row(id);
      return { clerkId: r.clerkId, clerkName: r.clerkName };
    },

    get(id: number): PrintJob {
      return toJob(row(id));
    },

    /** Newest first: a case's jobs, or those created in [fromIso, toIso). */
    list(query: { caseId?: string; fromIso?: string; toIso?: string; limit?: number }): PrintJob[] {
      const filters: SQL[] = [];
      if (query.caseId) filters.push(eq(printJobs.caseId, query.caseId));
      if (query.fromIso) filters.push(gte(printJobs.createdAt, query.fromIso));
      if (query.toIso) filters.push(lt(printJobs.createdAt, query.toIso));
      return db
        .select()
        .from(printJobs)
        .where(filters.length ? and(...filters) : undefined)
        .orderBy(desc(printJobs.id))
        .limit(query.limit ?? 200)
        .all()
        .map(toJob);
    },
  };
}
