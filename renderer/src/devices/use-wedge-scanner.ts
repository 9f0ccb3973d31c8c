import { useEffect, useRef } from 'react';
import type { Symbology } from '../../../preload/contract/devices';
import { createWedgeDetector, symbologyGuess, type WedgeOptions } from './wedge';

export interface WedgeScan {
  code: string;
  symbology: Symbology;
}

/** Keys go to a field that edits text (or a select): there the detector never swallows printable keys. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Listens for keyboard-wedge scans on the whole window, in the capture phase so it sees keys before any
 * field or shortcut handler; swallowed keys are stopped there. Ctrl/Alt/Meta combinations, key repeat and
 * IME composition are never a scan and reset the detector.
 */
export function useWedgeScanner(onScan: (scan: WedgeScan) => void, options?: WedgeOptions): void {
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  const maxInterKeyMs = options?.maxInterKeyMs;
  const minLength = options?.minLength;
  useEffect(() => {
    const detector = createWedgeDetector({ maxInterKeyMs, minLength });
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || event.isComposing) {
        detector.reset();
        return;
      }
      const time = event.timeStamp > 0 ? event.timeStamp : performance.now();
      const decision = detector.key({ key: event.key, time, editable: isEditableTarget(event.target) });
      if (decision.action === 'swallow') {
        event.preventDefault();
        event.stopPropagation();
      }
      if (decision.scan) {
        const { code } = decision.scan;
        onScanRef.current({ code, symbology: symbologyGuess(code) });
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [maxInterKeyMs, minLength]);
}
