import { App } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardRead, DeviceInfo, Scan } from '../../../preload/contract/devices';
import type { ScannerEntry } from '../../../preload/contract/document-scanners';
import { api, bridge } from '../bridge';
import { useWedgeScanner } from './use-wedge-scanner';

interface DevicesContextValue {
  devices: DeviceInfo[];
  /** The latest card read (masked), as pushed by main. */
  card: CardRead | null;
  /** Recent scans, newest first, from HID POS scanners and the keyboard wedge. */
  scans: Scan[];
  /** Document scanners (SANE, eSCL, WIA), the last used first, with their status. */
  documentScanners: ScannerEntry[];
  refresh: () => Promise<void>;
}

const DevicesContext = createContext<DevicesContextValue | null>(null);
const scansKept = 20;

/**
 * Devices as every screen sees them: the list and statuses pushed by main, the latest card, and
 * scans from both kinds of scanner. Later screens (intake) take the card and scans from here.
 */
export function DevicesProvider({ children, active }: { children: ReactNode; active: boolean }) {
  const [devices, setDevices] = useState<DeviceInfo[]>([]);
  const [card, setCard] = useState<CardRead | null>(null);
  const [scans, setScans] = useState<Scan[]>([]);
  const [documentScanners, setDocumentScanners] = useState<ScannerEntry[]>([]);

  const { message } = App.useApp();
  const { t } = useTranslation();
  const addScan = useCallback((scan: Scan) => setScans((list) => [scan, ...list].slice(0, scansKept)), []);

  // Whatever screen is open, the clerk sees that the card was read (and whether it has expired).
  const onCard = useCallback(
    (read: CardRead) => {
      setCard(read);
      const text = t('devices.card.readToast', { name: read.identity.name || read.identity.idNumber });
      if (read.expired) void message.warning(`${text} · ${t('devices.card.expired')}`);
      else void message.success(text);
    },
    [message, t],
  );

  const refresh = useCallback(async () => {
    const [list, current, paperScanners] = await Promise.all([
      api.devices.list({}),
      api.idcard.current({}),
      api.documentScanners.list({}),
    ]);
    if (list.ok) setDevices(list.value);
    if (paperScanners.ok) setDocumentScanners(paperScanners.value);
    if (current.ok && current.value) setCard(current.value);
  }, []);

  useEffect(() => {
    const offs = [
      bridge.on('devices.changed', setDevices),
      bridge.on('idcard.read', onCard),
      bridge.on('scanner.scanned', addScan),
      bridge.on('documentScanners.changed', setDocumentScanners),
    ];
    return () => offs.forEach((off) => off());
  }, [addScan, onCard]);

  // Events are not sent while locked: read the state again when the screen comes back.
  useEffect(() => {
    if (active) void refresh();
  }, [active, refresh]);

  useWedgeScanner(
    useCallback(
      (scan) => addScan({ ...scan, aimId: null, source: 'wedge', deviceId: null, at: new Date().toISOString() }),
      [addScan],
    ),
  );

  const value = useMemo(
    () => ({ devices, card, scans, documentScanners, refresh }),
    [devices, card, scans, documentScanners, refresh],
  );
  return <DevicesContext.Provider value={value}>{children}</DevicesContext.Provider>;
}

export function useDevices(): DevicesContextValue {
  const value = useContext(DevicesContext);
  if (!value) throw new Error('useDevices outside DevicesProvider');
  return value;
}
