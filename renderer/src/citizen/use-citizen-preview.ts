import { useEffect, useState } from 'react';
import type { CitizenView } from '../../../preload/contract/citizen';
import { api } from '../bridge';

/** How often the clerk's panel asks again what the citizen screen shows. */
export const previewIntervalMs = 1_000;

/**
 * While `open`: what the citizen screen shows now (`citizen.preview`, masked in main), asked at once
 * and every second. A refused or failed answer changes nothing (the last view stays); closed, it asks
 * nothing and forgets the view, so reopening never shows an older visit.
 */
export function useCitizenPreview(open: boolean): CitizenView | null {
  const [view, setView] = useState<CitizenView | null>(null);

  useEffect(() => {
    if (!open) return;
    let stopped = false;
    let asking = false;
    const ask = () => {
      // One question at a time: a slow answer is not overtaken by an older one.
      if (asking) return;
      asking = true;
      void api.citizen.preview({}).then(
        (result) => {
          asking = false;
          if (!stopped && result.ok) setView(result.value);
        },
        () => {
          asking = false;
        },
      );
    };
    ask();
    const timer = setInterval(ask, previewIntervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
      setView(null);
    };
  }, [open]);

  return view;
}
