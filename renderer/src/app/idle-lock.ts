import { useEffect } from 'react';

const activityEvents = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Calls onIdle once the clerk has not touched keyboard or mouse for `minutes`. Checked every
 * few seconds against the clock, so a sleeping PC that wakes up locks at once.
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const name of activityEvents) window.addEventListener(name, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) onIdle();
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      for (const name of activityEvents) window.removeEventListener(name, touch, { capture: true });
    };
  }, [minutes, active, onIdle]);
}
