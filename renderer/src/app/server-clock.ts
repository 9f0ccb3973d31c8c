import { useEffect, useState } from 'react';
import { useSession } from './session';

/** The server's time, ticking every `intervalMs`: the PC clock corrected by the last offset seen. */
export function useServerNow(intervalMs = 1000): Date {
  const { clockOffsetMs } = useSession();
  const [now, setNow] = useState(() => new Date(Date.now() + clockOffsetMs));
  useEffect(() => {
    const tick = () => setNow(new Date(Date.now() + clockOffsetMs));
    const timer = window.setInterval(tick, intervalMs);
    return () => window.clearInterval(timer);
  }, [clockOffsetMs, intervalMs]);
  return now;
}
