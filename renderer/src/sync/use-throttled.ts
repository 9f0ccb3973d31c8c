import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once every `ms`: the first change at once, later ones on the trailing
 * edge (the latest value always arrives). Upload progress changes the sync status several times a
 * second; what depends on it (reloading the outbox table) follows at this pace.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);

  useEffect(() => {
    const pass = () => {
      last.current = Date.now();
      setShown(value);
    };
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      pass();
      return;
    }
    const timer = setTimeout(pass, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);

  return shown;
}
