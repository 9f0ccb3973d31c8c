import { App } from 'antd';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract/cases';
import type { ItemFile } from '@yichuang/domain/cases';
import { hallTime } from '@yichuang/domain/hall-time';
import type { ChecklistEntry } from '../../../preload/contract/intake';
import type { HotFolderArrival, HotFolderStatus } from '../../../preload/contract/materials';
import { api, bridge } from '../bridge';
import { useDevices } from '../devices/devices-context';
import { useRun } from '../lib/result';
import type { CameraHandle } from './CameraCapture';
import type { CaptureSource } from './CapturePanel';
import { nextToCapture, toItemFile, withCapturedPage, withItem } from './draft-items';
import { attachedArrivals, recentArrivalMs } from './page-memory';
import type { DraftHandle } from './use-draft';

interface CaptureDeps {
  /** The screen's latest case, selected item and checklist, for handlers that outlive a render. */
  live: RefObject<{ detail: CaseDetail | null; selected: ChecklistEntry | null; entries: ChecklistEntry[] }>;
  /** The item selected in this render (the panel's pages belong to it). */
  selected: ChecklistEntry | null;
  update: DraftHandle['update'];
}

/**
 * The material being captured onto the selected item: camera pages (F4, Shift+F4 to stay), imported
 * files, scans from the hot folder (attached without a click, or kept to be attached by hand when no
 * item was selected), a cut page, and a scanned e-licence code. Answers what the capture panel needs.
 */
export function useCapture({ live, selected, update }: CaptureDeps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const { scans } = useDevices();

  const [source, setSource] = useState<CaptureSource>('import');
  const [pageIndex, setPageIndex] = useState(0);
  const [capturing, setCapturing] = useState(false);
  const [hotFolder, setHotFolder] = useState<HotFolderStatus | null>(null);
  const [unattached, setUnattached] = useState<HotFolderArrival[]>([]);
  const camera = useRef<CameraHandle>(null);

  useEffect(() => {
    void run(api.materials.hotFolder({})).then((status) => {
      if (!status) return;
      setHotFolder(status);
      // Scans that came while another screen was open wait here to be attached by hand.
      const since = Date.now() - recentArrivalMs;
      setUnattached(status.arrivals.filter((a) => a.file && !attachedArrivals.has(a.id) && Date.parse(a.at) > since));
    });
  }, [run]);

  const addFiles = useCallback(
    (itemId: string, files: ItemFile[]) => {
      update((d) => withItem(d, itemId, (s) => ({ ...s, files: [...s.files, ...files] })));
      setPageIndex(Number.MAX_SAFE_INTEGER);
    },
    [update],
  );

  const importBytes = useCallback(
    async (itemId: string, name: string, bytes: Uint8Array<ArrayBuffer>, via: ItemFile['via']) => {
      const stored = await run(api.materials.import({ name, bytes }));
      if (stored) addFiles(itemId, [toItemFile(stored, name, via)]);
      return stored;
    },
    [addFiles, run],
  );

  const onImport = useCallback(
    async (files: File[]) => {
      const target = live.current.selected?.item.id;
      if (!target) return void message.warning(t('intake.capture.pickItemFirst'));
      for (const file of files) {
        await importBytes(target, file.name, new Uint8Array(await file.arrayBuffer()), 'import');
      }
    },
    [importBytes, live, message, t],
  );

  const capturingNow = useRef(false);
  const captureCount = useRef(0);
  /** F4: a page onto the selected item, then on to the next item to capture; Shift+F4 stays for another page. */
  const capture = useCallback(
    async (stay = false) => {
      if (source !== 'camera') return setSource('camera');
      const entry = live.current.selected;
      const target = entry?.item.id;
      if (!entry || !target) return void message.warning(t('intake.capture.pickItemFirst'));
      // One page per key press: a held or repeated F4 does not take pages while one is being stored.
      if (capturingNow.current) return;
      capturingNow.current = true;
      setCapturing(true);
      try {
        const bytes = await camera.current?.capture();
        if (!bytes) return void message.warning(t('intake.camera.notRunning'));
        const stamp = hallTime(Date.now()).replaceAll(':', '');
        captureCount.current += 1;
        const name = `camera-${stamp}-${captureCount.current}.jpg`;
        const stored = await run(api.materials.import({ name, bytes }));
        if (!stored) return;
        const next = stay ? null : nextToCapture(live.current.entries, target);
        update((d) => ({
          ...withCapturedPage(d, entry.item, toItemFile(stored, name, 'camera')),
          selectedItemId: next ?? d.selectedItemId,
        }));
        setPageIndex(next ? 0 : Number.MAX_SAFE_INTEGER);
      } finally {
        capturingNow.current = false;
        setCapturing(false);
      }
    },
    [live, message, run, source, t, update],
  );

  // Scans from the hot folder attach to the selected item without a click.
  const attachArrival = useCallback(
    (arrival: HotFolderArrival) => {
      const target = live.current.selected?.item.id;
      if (!arrival.file || !target || live.current.detail?.state !== 'draft') return false;
      if (attachedArrivals.has(arrival.id)) return true;
      attachedArrivals.add(arrival.id);
      addFiles(target, [toItemFile(arrival.file, arrival.name, 'hotFolder')]);
      setUnattached((list) => list.filter((a) => a.id !== arrival.id));
      return true;
    },
    [addFiles, live],
  );

  useEffect(
    () =>
      bridge.on('materials.arrived', (arrival) => {
        if (attachedArrivals.has(arrival.id)) return;
        setHotFolder((s) =>
          s && !s.arrivals.some((a) => a.id === arrival.id)
            ? { ...s, arrivals: [arrival, ...s.arrivals].slice(0, 100) }
            : s,
        );
        if (arrival.error) return void message.error(`${arrival.name}：${arrival.error}`);
        if (attachArrival(arrival)) void message.success(t('intake.capture.arrived', { name: arrival.name }));
        else setUnattached((list) => (list.some((a) => a.id === arrival.id) ? list : [arrival, ...list]));
      }),
    [attachArrival, message, t],
  );

  // A scanned code (an electronic licence's QR) lands on the selected item when that item takes
  // an e-licence: it is marked as provided by e-licence and the code kept in its note.
  const lastScan = useRef(scans[0] ?? null);
  useEffect(() => {
    const scan = scans[0];
    if (!scan || scan === lastScan.current) return;
    lastScan.current = scan;
    const { selected: entry, detail: current } = live.current;
    if (!entry || current?.state !== 'draft') return;
    if (!entry.item.eLicence) return void message.warning(t('intake.scan.noELicence', { name: entry.item.name }));
    const note = t('intake.scan.note', { code: scan.code.slice(0, 150) });
    update((d) => withItem(d, entry.item.id, (st) => ({ ...st, eLicence: true, note })));
    void message.success(t('intake.scan.attached', { name: entry.item.name }));
  }, [live, scans, message, t, update]);

  /** A page cut in the crop dialog replaces the page it was cut from. */
  const onCropped = useCallback(
    (index: number, bytes: Uint8Array<ArrayBuffer>) => {
      if (!selected) return;
      const itemId = selected.item.id;
      const old = selected.state.files[index];
      void run(api.materials.import({ name: old?.name ?? 'crop.jpg', bytes })).then((stored) => {
        if (!stored || !old) return;
        update((d) =>
          withItem(d, itemId, (s) => ({
            ...s,
            // The cut comes back upright: its rotation is in the pixels now.
            files: s.files.map((f, j) => (j === index ? toItemFile(stored, f.name, f.via) : f)),
          })),
        );
      });
    },
    [run, selected, update],
  );

  const forgetUnattached = useCallback(() => setUnattached([]), []);

  return {
    camera,
    capture,
    setPageIndex,
    forgetUnattached,
    /** The capture panel's props, but for the selected entry and its files. */
    panel: {
      source,
      onSource: setSource,
      busy: capturing,
      onCapture: () => void capture(),
      onImport: (files: File[]) => void onImport(files),
      hotFolder,
      unattached,
      onAttachArrival: (a: HotFolderArrival) => void attachArrival(a),
      onCropped,
      pageIndex,
      onPageIndex: setPageIndex,
    },
  };
}
