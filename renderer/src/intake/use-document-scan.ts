import { App } from 'antd';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract/cases';
import {
  defaultScanSettings,
  type ScanJob,
  type ScannedPageEvent,
  type ScanSettings,
} from '../../../preload/contract/document-scanners';
import type { ChecklistEntry } from '../../../preload/contract/intake';
import { api, bridge } from '../bridge';
import { useRun } from '../lib/result';
import { nextToCapture, toItemFile, withItem } from './draft-items';
import { attachedScanPages, scanJobs } from './page-memory';
import type { DraftHandle } from './use-draft';

interface ScanDeps {
  live: RefObject<{ detail: CaseDetail | null; selected: ChecklistEntry | null; entries: ChecklistEntry[] }>;
  selected: ChecklistEntry | null;
  update: DraftHandle['update'];
  setPageIndex: (index: number) => void;
  /** The open case (this render's), whose missed pages are taken when the screen opens. */
  caseId: string | null;
}

/**
 * Scanning onto the selected checklist item (F7): the scanner and settings last used for the
 * item's type, pages added as they arrive (in order, each once), a rescanned page put in place of
 * the old one, and when the feeder has emptied, the next item still missing a page selected.
 */
export function useDocumentScan({ live, selected, update, setPageIndex, caseId }: ScanDeps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const [scannerId, setScannerId] = useState<string | null>(null);
  const [settings, setSettings] = useState<ScanSettings>(defaultScanSettings);
  const [job, setJob] = useState<ScanJob | null>(null);
  // Events can overtake the answer to the scan request: kept until the job is known to be ours.
  const early = useRef<{ pages: ScannedPageEvent[]; jobs: Map<string, ScanJob> }>({ pages: [], jobs: new Map() });
  const itemId = selected?.item.id ?? null;

  // The item's type remembers its scanner and settings (a licence in colour, a form in grey).
  useEffect(() => {
    if (!itemId) return;
    let current = true;
    void api.documentScanners.preset({ itemId }).then((r) => {
      if (!current || !r.ok) return;
      setScannerId(r.value.scannerId);
      setSettings(r.value.settings);
    });
    return () => {
      current = false;
    };
  }, [itemId]);

  const onPage = useCallback(
    (page: ScannedPageEvent) => {
      const mine = scanJobs.get(page.jobId);
      const key = `${page.jobId}:${page.index}`;
      if (!mine) {
        early.current.pages = [...early.current.pages, page].slice(-50);
        return;
      }
      if (attachedScanPages.has(key)) return;
      attachedScanPages.add(key);
      const { detail } = live.current;
      if (detail?.id !== mine.caseId || detail.state !== 'draft')
        return void message.warning(t('intake.scanner.otherCase'));
      const file = toItemFile(page.file, page.name, 'scanner');
      const replaces = mine.replaces;
      update((d) =>
        withItem(d, page.itemId, (s) => ({
          ...s,
          files:
            replaces !== null && replaces < s.files.length
              ? s.files.map((f, j) => (j === replaces ? file : f))
              : [...s.files, file],
          applies: true,
        })),
      );
      if (replaces !== null) {
        setPageIndex(replaces);
        void message.success(t('intake.scanner.rescanned', { page: replaces + 1 }));
      } else setPageIndex(Number.MAX_SAFE_INTEGER);
    },
    [live, message, setPageIndex, t, update],
  );

  const onJob = useCallback(
    (next: ScanJob) => {
      const mine = scanJobs.get(next.jobId);
      if (!mine) {
        early.current.jobs.set(next.jobId, next);
        return;
      }
      setJob(next);
      if (next.state !== 'done' && next.state !== 'failed' && next.state !== 'cancelled') return;
      scanJobs.delete(next.jobId);
      // The feeder emptied: on to the next item still missing a page, as after a camera page.
      if (next.state === 'done' && mine.replaces === null && next.pages > 0) {
        const after = nextToCapture(live.current.entries, next.itemId);
        if (after && live.current.detail?.id === mine.caseId) {
          update((d) => ({ ...d, selectedItemId: after }));
          setPageIndex(0);
        }
      }
    },
    [live, setPageIndex, update],
  );

  useEffect(() => {
    const offs = [bridge.on('documentScanners.page', onPage), bridge.on('documentScanners.job', onJob)];
    return () => offs.forEach((off) => off());
  }, [onJob, onPage]);

  // Back from another screen while a scan went on: take the pages that came meanwhile (each once).
  useEffect(() => {
    const jobIds = [...scanJobs].filter(([, j]) => j.caseId === caseId).map(([id]) => id);
    if (jobIds.length === 0) return;
    void api.documentScanners.jobs({ jobIds }).then((r) => {
      if (!r.ok) return;
      for (const page of r.value.pages) onPage(page);
      for (const job of r.value.jobs) onJob(job);
    });
  }, [caseId, onJob, onPage]);

  const busy = job !== null && (job.state === 'queued' || job.state === 'scanning');

  /** F7: every sheet in the feeder onto the selected item; `replaces` rescans one page in place. */
  const scan = useCallback(
    async (replaces: number | null = null) => {
      const { selected: entry, detail } = live.current;
      if (!entry || !detail) return void message.warning(t('intake.capture.pickItemFirst'));
      if (detail.state !== 'draft' || busy) return;
      const started = await run(
        api.documentScanners.scan({
          itemId: entry.item.id,
          scannerId,
          settings:
            replaces === null ? settings : { ...settings, source: settings.source === 'flatbed' ? 'flatbed' : 'adf' },
          replaces,
        }),
      );
      if (!started) return;
      scanJobs.set(started.jobId, { caseId: detail.id, replaces });
      setJob(started);
      setScannerId(started.scannerId);
      const { pages, jobs } = early.current;
      early.current = { pages: pages.filter((p) => p.jobId !== started.jobId), jobs: new Map() };
      for (const page of pages.filter((p) => p.jobId === started.jobId)) onPage(page);
      const latest = jobs.get(started.jobId);
      if (latest) onJob(latest);
    },
    [busy, live, message, onJob, onPage, run, scannerId, settings, t],
  );

  const cancel = useCallback(() => {
    if (job) void run(api.documentScanners.cancel({ jobId: job.jobId }));
  }, [job, run]);

  return { scan, cancel, busy, job, scannerId, setScannerId, settings, setSettings };
}

export type DocumentScan = ReturnType<typeof useDocumentScan>;
