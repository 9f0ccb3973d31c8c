import type { printingChannels } from '../../preload/contract/channels/printing';
import type { PrintJob } from '../../preload/contract/documents';
import { actorOf } from '../ipc/actor';
import type { AuditNote, HandlersOf } from '../ipc/router';
import type { PrintingService } from './service';

/** What a print's audit entry says: which paper, which print of it, where, and how it went. */
function notePrint(note: AuditNote, job: PrintJob): void {
  note.detail = {
    jobId: job.id,
    kind: job.kind,
    number: job.caseNumber,
    copyNumber: job.copyNumber,
    copies: job.copies,
    backend: job.backend,
    printer: job.printer,
    state: job.state,
    ...(job.error ? { error: job.error } : {}),
  };
}

/** Previews, printing (each print audited with its copy number), print history. */
export function printingHandlers({ printing }: { printing: PrintingService }): HandlersOf<typeof printingChannels> {
  return {
    'documents.preview': (_ctx, input) => printing.preview(input),
    'printing.printers': () => printing.printers(),
    'printing.print': async ({ user, audit: note }, input) => {
      const result = await printing.print(actorOf(user), input);
      notePrint(note, result.job);
      return result;
    },
    'printing.printReport': async ({ user, audit: note }, input) => {
      const result = await printing.print(actorOf(user), input);
      note.target = result.job.documentKey;
      notePrint(note, result.job);
      return result;
    },
    'printing.confirm': ({ user, audit: note }, input) => {
      const job = printing.confirm(actorOf(user), input.jobId, input.printed);
      notePrint(note, job);
      return job;
    },
    'printing.history': (_ctx, input) => printing.history.list({ caseId: input.caseId }),
  };
}
