import { useEffect, useState } from 'react';
import type { CitizenHello, CitizenView } from '../../../preload/contract/citizen';
import type { Locale } from '../../../preload/contract/schemas';
import { api, bridge } from '../bridge';

/** Where this tab keeps what its last paired view gave, to rejoin the same window after a drop or a reload. */
export const resumeStorageKey = 'yichuang.citizenResume';

/** `locale` (in the view, and with the code): the workstation's default language, the page starts in it. */
export type CitizenShown =
  | { kind: 'wait' }
  | { kind: 'code'; code: string; expiresAt: string; locale: Locale }
  | { kind: 'view'; view: CitizenView };

/** A hello refused (main not ready yet): asked again after this long, longer each time. */
const retryFirstMs = 2_000;
const retryMaxMs = 30_000;

/**
 * When to ask for a new code: at its expiry by this PC's clock, within bounds, so a PC clock far
 * from the server's neither asks in a tight loop nor leaves an expired code up for long.
 */
function untilExpiry(expiresAt: string): number {
  const ms = Date.parse(expiresAt) - Date.now();
  if (Number.isNaN(ms)) return 60_000;
  return Math.min(Math.max(ms + 500, 15_000), 15 * 60_000);
}

function recalled(): string | null {
  try {
    return window.sessionStorage.getItem(resumeStorageKey);
  } catch {
    return null;
  }
}

function remember(resume: string | null): void {
  try {
    if (resume) window.sessionStorage.setItem(resumeStorageKey, resume);
    else window.sessionStorage.removeItem(resumeStorageKey);
  } catch {
    // Storage refused: this load still works; a reload shows a new code.
  }
}

/**
 * What the citizen page shows: nothing but 请稍候 while the connection is not up (the last view
 * leaves the screen with it), the pairing code while unpaired, else the view main pushes. On every
 * (re)connection the page says hello again, with the resume its last paired view gave.
 */
export function useCitizenScreen(): CitizenShown {
  const [shown, setShown] = useState<CitizenShown>({ kind: 'wait' });

  useEffect(() => {
    let stopped = false;
    let connected = false;
    /** Bumped by every pushed view: a hello answered after one is older than it, and dropped. */
    let pushes = 0;
    let retryMs = retryFirstMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(hello, ms);
    };

    const apply = (answer: CitizenHello) => {
      clearTimeout(timer);
      if (answer.paired) {
        remember(answer.resume);
        setShown({ kind: 'view', view: answer.view });
      } else {
        // Unpaired (or the resume was no longer good): the old resume is of no use.
        remember(null);
        setShown({ kind: 'code', code: answer.code, expiresAt: answer.expiresAt, locale: answer.locale });
        later(untilExpiry(answer.expiresAt));
      }
    };

    function hello(): void {
      clearTimeout(timer);
      if (stopped || !connected) return;
      const seen = pushes;
      const resume = recalled();
      void api.citizen.hello(resume ? { resume } : {}).then((result) => {
        if (stopped || !connected || seen !== pushes) return;
        if (result.ok) {
          retryMs = retryFirstMs;
          apply(result.value);
        } else {
          later(retryMs);
          retryMs = Math.min(retryMs * 2, retryMaxMs);
        }
      });
    }

    // Listening before the first hello: a view pushed meanwhile is not missed.
    const offView = bridge.on('citizen.view', (answer) => {
      pushes += 1;
      if (connected) apply(answer);
    });
    const offConnection = bridge.onConnection((status) => {
      connected = status === 'connected';
      if (connected) {
        retryMs = retryFirstMs;
        hello();
      } else {
        clearTimeout(timer);
        setShown({ kind: 'wait' });
      }
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      offView();
      offConnection();
    };
  }, []);

  return shown;
}
