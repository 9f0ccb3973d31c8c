import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CitizenStatus } from '../../../preload/contract/citizen';
import { api, bridge } from '../bridge';

interface CitizenStatusValue {
  /** Null until main answered (and for a role that has no citizen screen). */
  status: CitizenStatus | null;
  /** Takes a status an answer carried (pair, unpair, show, chooseDisplay answer with one). */
  apply: (status: CitizenStatus) => void;
}

const CitizenStatusContext = createContext<CitizenStatusValue>({ status: null, apply: () => undefined });

/**
 * The clerk's view of the citizen screen: connected or not, which display, 已评价 / 未评价 (never the
 * level). Read on every (re)connection and kept by `citizen.changed`. Inactive (locked, or a role
 * that takes no cases) it asks nothing: main would refuse, and audit the refusal.
 */
export function CitizenStatusProvider({ active, children }: { active: boolean; children: ReactNode }) {
  const [status, setStatus] = useState<CitizenStatus | null>(null);
  const apply = useCallback((next: CitizenStatus) => setStatus(next), []);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const offChanged = bridge.on('citizen.changed', (next) => setStatus(next));
    const offConnection = bridge.onConnection((connection) => {
      if (connection !== 'connected') return;
      void api.citizen.status({}).then((result) => {
        if (!stopped && result.ok) setStatus(result.value);
      });
    });
    return () => {
      stopped = true;
      offChanged();
      offConnection();
    };
  }, [active]);

  const value = useMemo(() => ({ status, apply }), [status, apply]);
  return <CitizenStatusContext.Provider value={value}>{children}</CitizenStatusContext.Provider>;
}

/** Outside the provider (a screen's own test) the status is simply unknown. */
export function useCitizenStatus(): CitizenStatusValue {
  return useContext(CitizenStatusContext);
}
