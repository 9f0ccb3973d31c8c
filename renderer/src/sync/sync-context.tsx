import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../../preload/contract/sync';
import { api, bridge } from '../bridge';

interface SyncContextValue {
  /** The latest status from main (null until the first answer). */
  status: SyncStatus | null;
  /** A status a call answered with (retry, sync now, enrol): shown at once, before the event. */
  setStatus: (status: SyncStatus) => void;
  refresh: () => Promise<void>;
}

const SyncContext = createContext<SyncContextValue | null>(null);

/**
 * Sync with central as every screen sees it: asked once with 'sync.status', then kept current by
 * main's 'sync.changed' events (backlog, connection, upload progress, clock skew).
 */
export function SyncProvider({ children, active }: { children: ReactNode; active: boolean }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);

  const refresh = useCallback(async () => {
    const result = await api.sync.status({});
    if (result.ok) setStatus(result.value);
  }, []);

  useEffect(() => bridge.on('sync.changed', setStatus), []);

  // Events are not sent while locked: read the status again when the screen comes back.
  useEffect(() => {
    if (active) void refresh();
  }, [active, refresh]);

  const value = useMemo(() => ({ status, setStatus, refresh }), [status, refresh]);
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error('useSync outside SyncProvider');
  return value;
}
