import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConnectionStatus } from '../../../preload/contract/bridge';
import type { SessionState } from '../../../preload/contract/schemas';
import { api, bridge } from '../bridge';

interface SessionContextValue {
  state: SessionState | null;
  connection: ConnectionStatus;
  /** Server time minus this PC's time, so the status-bar clock shows the server's. */
  clockOffsetMs: number;
  setState: (state: SessionState) => void;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Holds who is signed in, whether the screen is locked, and the connection to main. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setRawState] = useState<SessionState | null>(null);
  const [connection, setConnection] = useState<ConnectionStatus>('connecting');
  const [clockOffsetMs, setClockOffsetMs] = useState(0);

  const setState = useCallback((next: SessionState) => {
    setRawState(next);
    setClockOffsetMs(new Date(next.serverTime).getTime() - Date.now());
  }, []);

  const refresh = useCallback(async () => {
    const result = await api.session.state({});
    if (result.ok) setState(result.value);
  }, [setState]);

  useEffect(() => {
    const offEvent = bridge.on('session.changed', setState);
    // Main keeps the idle lock: a call it refused as locked shows the lock screen (the state says locked).
    const offLocked = bridge.onLocked(() => void refresh());
    // After a reconnect the host has a new session for us: read it again.
    const offConnection = bridge.onConnection((status) => {
      setConnection(status);
      if (status === 'connected') void refresh();
    });
    return () => {
      offEvent();
      offLocked();
      offConnection();
    };
  }, [refresh, setState]);

  const value = useMemo(
    () => ({ state, connection, clockOffsetMs, setState, refresh }),
    [state, connection, clockOffsetMs, setState, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
