import { useCallback, useEffect, useRef, useState } from 'react';
import {
  isTicketPrinterFault,
  type QueueNow,
  type TicketPrinterFault,
  type TicketPrinterState,
} from '@yichuang/domain/hall-protocol';
import { maskName } from '@yichuang/domain/id-numbers';
import type { CardRead } from '../../../preload/contract/devices';
import { api, bridge } from '../bridge';

/**
 * What the kiosk reads from main: the hall's queues (asked again every few seconds, sooner while
 * the hall cannot be reached) and the card on the reader (only what the screen shows: the read's
 * id for main, and the name masked; the number and the rest of the card are never kept here).
 */

export interface KioskQueues {
  /** The queues as the hall last said; null before the first answer. */
  queues: QueueNow[] | null;
  /** The last ask failed: no tickets until the hall answers again. */
  down: boolean;
  /** Asks again now (after a ticket, so the waiting counts move at once). */
  refresh: () => void;
}

export function useKioskQueues(everyMs = 5000, retryMs = 3000): KioskQueues {
  const [queues, setQueues] = useState<QueueNow[] | null>(null);
  const [down, setDown] = useState(false);
  const load = useRef<() => void>(() => undefined);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const ask = async () => {
      window.clearTimeout(timer);
      const result = await api.queue.queues({});
      if (!live) return;
      if (result.ok) setQueues(result.value);
      setDown(!result.ok);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void ask(), result.ok ? everyMs : retryMs);
    };
    load.current = () => void ask();
    void ask();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [everyMs, retryMs]);

  const refresh = useCallback(() => load.current(), []);
  return { queues, down, refresh };
}

export interface KioskCard {
  readId: string;
  /** The card holder's name, masked. */
  name: string;
}

function nameOf(read: CardRead): string {
  const identity = read.identity;
  if (identity.name.trim()) return identity.name;
  return identity.cardType === 'foreign_permanent' ? identity.englishName : '';
}

/** The card last read on the kiosk's reader, forgotten after `holdMs` or when `clear` is called. */
export function useKioskCard(holdMs = 60_000): { card: KioskCard | null; clear: () => void } {
  const [card, setCard] = useState<KioskCard | null>(null);
  useEffect(
    () => bridge.on('idcard.read', (read) => setCard({ readId: read.readId, name: maskName(nameOf(read)) })),
    [],
  );
  useEffect(() => {
    if (!card) return;
    const timer = window.setTimeout(() => setCard(null), holdMs);
    return () => window.clearTimeout(timer);
  }, [card, holdMs]);
  const clear = useCallback(() => setCard(null), []);
  return { card, clear };
}

/** Counts down from `seconds` (from mount) and calls `onDone` at zero. */
export function useCountdown(seconds: number, onDone: () => void): number {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    setLeft(seconds);
    const started = Date.now();
    const timer = window.setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(remaining, 0));
      if (remaining <= 0) {
        window.clearInterval(timer);
        done.current();
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [seconds]);
  return left;
}

/** The browser host (no Electron preload): a slip the ticket printer could not print goes to the platform printer. */
export function isBrowserHost(): boolean {
  return window.yichuang === undefined;
}

/**
 * The kiosk's ticket printer as main says (queue status, then each 'queue.changed'): a fault the
 * citizen should know before taking a ticket, or null. No printer at all is not one, nor, on the
 * browser host, one unplugged: there the slip goes to the platform printer instead.
 */
export function useKioskPrinterFault(): TicketPrinterFault | null {
  const [state, setState] = useState<TicketPrinterState | null>(null);
  useEffect(() => {
    let live = true;
    void api.queue.status({}).then((result) => live && result.ok && setState(result.value.printer));
    const off = bridge.on('queue.changed', (status) => setState(status.printer));
    return () => {
      live = false;
      off();
    };
  }, []);
  if (state === 'offline' && isBrowserHost()) return null;
  return isTicketPrinterFault(state) ? state : null;
}
