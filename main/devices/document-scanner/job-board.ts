import type { ScanJob, ScannedPageEvent } from '../../../preload/contract/document-scanners';
import type { Clock } from '../../app/clock';
import type { Session } from '../../ipc/session';

/** How many finished jobs (with their pages) stay in memory for a screen that missed them. */
const jobsKept = 20;

interface Entry {
  job: ScanJob;
  /** Who started it: only they get its pages again (documentScanners.jobs). */
  userId: number | null;
  pages: ScannedPageEvent[];
  /** Null once the job has ended. */
  controller: AbortController | null;
  emit: Session['emit'];
}

/**
 * The scan jobs of this window, in memory: their state and pages, the switch that stops each one,
 * and which screen hears of them. A job's progress and pages go to the screen that started it,
 * while the same person is signed in there and it is not locked: a scanned page (an ID card) is
 * never shown on anyone else's screen.
 */
export function createJobBoard(clock: Clock) {
  const entries = new Map<string, Entry>();

  function entryOf(jobId: string): Entry {
    const entry = entries.get(jobId);
    if (!entry) throw new Error(`unknown scan job ${jobId}`);
    return entry;
  }

  /** The job changed: kept, and told to its screen. */
  function update(jobId: string, change: Partial<ScanJob>): ScanJob {
    const entry = entryOf(jobId);
    entry.job = { ...entry.job, ...change };
    entry.emit('documentScanners.job', entry.job);
    return entry.job;
  }

  return {
    update,

    /** Takes a new job (queued) from `session`; answers the switch that stops it. */
    open(job: ScanJob, session: Session): AbortController {
      const userId = session.userId;
      const controller = new AbortController();
      entries.set(job.jobId, {
        job,
        userId,
        pages: [],
        controller,
        emit: (event, payload) => {
          if (session.userId === userId && !session.locked) session.emit(event, payload);
        },
      });
      for (const [id, entry] of entries) {
        if (entries.size <= jobsKept) break;
        if (!entry.controller) entries.delete(id);
      }
      return controller;
    },

    page(event: ScannedPageEvent): void {
      const entry = entryOf(event.jobId);
      entry.pages.push(event);
      entry.emit('documentScanners.page', event);
    },

    /** The job has ended (its last update follows or came): nothing can stop it any more. */
    close(jobId: string): void {
      entryOf(jobId).controller = null;
    },

    /** Stops a job: one still waiting its turn ends here; a running one when its scanner has stopped. */
    cancel(jobId: string): ScanJob | null {
      const entry = entries.get(jobId);
      if (!entry) return null;
      const { controller } = entry;
      controller?.abort();
      if (entry.job.state !== 'queued' || !controller) return entry.job;
      entry.controller = null;
      return update(jobId, { state: 'cancelled', finishedAt: clock.now().toISOString() });
    },

    /** The jobs among `jobIds` that `userId` started, and their pages so far. */
    jobsOf(jobIds: readonly string[], userId: number | null): { jobs: ScanJob[]; pages: ScannedPageEvent[] } {
      const mine = jobIds.flatMap((id) => {
        const entry = entries.get(id);
        return entry && entry.userId === userId ? [entry] : [];
      });
      return { jobs: mine.map((e) => e.job), pages: mine.flatMap((e) => e.pages) };
    },

    /** Stops every job still running (shutdown). */
    abortAll(): void {
      for (const entry of entries.values()) entry.controller?.abort();
    },
  };
}

export type JobBoard = ReturnType<typeof createJobBoard>;
