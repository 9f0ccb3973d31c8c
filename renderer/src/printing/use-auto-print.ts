import { useEffect, useState } from 'react';
import type { CaseDocumentRef, PrintJob } from '../../../preload/contract/documents';
import { printerKey } from '../../../preload/contract/documents';
import { api } from '../bridge';

export type AutoPrint =
  | { step: 'off' }
  | { step: 'printing'; printer: string }
  | { step: 'done'; job: PrintJob }
  | { step: 'failed'; message: string };

/** Each decision's paper is printed by itself once in this page's life, whatever re-renders. */
const runs = new Map<string, { printer: string | null; done: Promise<AutoPrint> }>();

async function printOnce(ref: CaseDocumentRef, onPrinter: (label: string) => void): Promise<AutoPrint> {
  const [settings, printers] = await Promise.all([api.settings.get({}), api.printing.printers({})]);
  const configured = settings.ok ? settings.value.a4Printer : null;
  if (!configured || configured.backend === 'browser' || !printers.ok) return { step: 'off' };
  const printer = printers.value.find((p) => printerKey(p) === printerKey(configured));
  if (!printer?.ready) return { step: 'off' };
  onPrinter(printer.label);
  const result = await api.printing.print({ ref, copies: 1, printer: configured });
  if (result.ok && result.value.job.state !== 'failed') return { step: 'done', job: result.value.job };
  return { step: 'failed', message: result.ok ? (result.value.job.error ?? '') : result.error.message };
}

/**
 * Prints a decision's paper at once when the window's A4 printer (settings) is there and ready —
 * the receipt goes with the citizen without a key pressed. Off when no printer is set, when it is
 * the browser's own print (that needs the clerk), or when it is not ready: then Ctrl+P previews as
 * before. The print goes through the same service as the dialog's (original, audited, history).
 */
export function useAutoPrint(ref: CaseDocumentRef | null): AutoPrint {
  const [state, setState] = useState<AutoPrint>({ step: 'off' });
  const key = ref ? `${ref.kind}:${ref.caseId}:${ref.version ?? 'latest'}` : null;
  useEffect(() => {
    if (!ref || !key) return;
    let run = runs.get(key);
    if (!run) {
      const fresh: { printer: string | null; done: Promise<AutoPrint> } = {
        printer: null,
        done: Promise.resolve({ step: 'off' }),
      };
      fresh.done = printOnce(ref, (label) => {
        fresh.printer = label;
        setState((s) => (s.step === 'off' ? { step: 'printing', printer: label } : s));
      });
      runs.set(key, fresh);
      run = fresh;
    } else if (run.printer) setState({ step: 'printing', printer: run.printer });
    let cancelled = false;
    void run.done.then((outcome) => {
      if (!cancelled) setState(outcome);
    });
    return () => {
      cancelled = true;
    };
    // The ref is identified by its key: a new object for the same paper does not print again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
