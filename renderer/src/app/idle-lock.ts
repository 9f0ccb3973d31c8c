import { useEffect } from 'react';
import { activityReportMs } from '../../../preload/contract/channels/session';
import { api } from '../bridge';

const activityEvents = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Tells main that the clerk is at the keyboard or mouse (`session.activity`). Main owns the idle
 * lock and its minutes: it locks the session when these reports (and the clerk's own changes) stop,
 * and the screen shows the lock screen when main says so ('session.changed', or a call refused as
 * session_locked).
 */
export function useActivityReport(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let lastSent = 0;
    let trailing: number | null = null;
    const send = () => {
      trailing = null;
      lastSent = Date.now();
      void api.session.activity({});
    };
    const touch = () => {
      const wait = lastSent + activityReportMs - Date.now();
      if (wait <= 0) send();
      else trailing ??= window.setTimeout(send, wait);
    };
    for (const name of activityEvents) window.addEventListener(name, touch, { passive: true, capture: true });
    return () => {
      if (trailing !== null) window.clearTimeout(trailing);
      for (const name of activityEvents) window.removeEventListener(name, touch, { capture: true });
    };
  }, [active]);
}
