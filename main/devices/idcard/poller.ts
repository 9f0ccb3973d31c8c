import { createHash } from 'node:crypto';
import type { Identity } from '../../../preload/contract/devices';
import { AppError } from '../../../preload/contract/errors';
import type { CardData, IdCardDriver } from './driver';

export type PollerStatus =
  | { state: 'no_card' }
  | { state: 'card_read' }
  | { state: 'busy' }
  | { state: 'ready' }
  | { state: 'error'; error: AppError };

export interface IdCardPollerOptions {
  /** Time between find-card attempts while idle. */
  intervalMs?: number;
  onCard(card: CardData): void;
  onStatus(status: PollerStatus): void;
  /** Errors that are not AppErrors (bugs), for the log. */
  onUnexpected?(error: unknown): void;
  /** How long after a read the reader says 已读卡 rather than 请放证件 (default 30 s). */
  cardReadMs?: number;
  now?: () => number;
}

/** Same card, same read: the number, the card type and the validity start identify one physical card. */
export function cardKey(identity: Identity): string {
  return createHash('sha256')
    .update(`${identity.cardType}|${identity.idNumber}|${identity.validFrom ?? ''}`)
    .digest('hex');
}

/**
 * Polls the reader: find → select → read. A card is reported once; it is reported again only
 * after the reader has seen no card (lifted) or a different card. Errors become a status and
 * the loop goes on; a fatal transport error is the device manager's to handle (it stops us).
 */
export function createIdCardPoller(driver: IdCardDriver, options: IdCardPollerOptions) {
  const intervalMs = options.intervalMs ?? 300;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let lastKey: string | null = null;
  let lastState = '';
  let cycle: Promise<void> = Promise.resolve();
  // When the last card was read: a reader finds a card once per placing, so for a while after a
  // read "no card" is most likely the same card still lying there (it said 请放证件 under a card).
  let readAt: number | null = null;
  const cardReadMs = options.cardReadMs ?? 30_000;
  const now = options.now ?? Date.now;

  function status(next: PollerStatus): void {
    const signature = JSON.stringify(next);
    if (signature === lastState) return;
    lastState = signature;
    options.onStatus(next);
  }

  async function once(): Promise<void> {
    try {
      if (!(await driver.findCard())) {
        lastKey = null;
        const recent = readAt !== null && now() - readAt < cardReadMs;
        status({ state: recent ? 'card_read' : 'no_card' });
        return;
      }
      status({ state: 'busy' });
      await driver.selectCard();
      const card = await driver.readCard();
      const key = cardKey(card.identity);
      readAt = now();
      status({ state: 'ready' });
      if (key === lastKey) return;
      lastKey = key;
      options.onCard(card);
    } catch (error) {
      // After a fault the reader starts afresh: what it finds next is what lies there now.
      readAt = null;
      if (error instanceof AppError) {
        status({ state: 'error', error });
      } else {
        options.onUnexpected?.(error);
        status({ state: 'error', error: new AppError('internal') });
      }
    }
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = null;
      cycle = once().finally(schedule);
    }, intervalMs);
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      cycle = once().finally(schedule);
    },
    /** Resolves once the cycle in flight has finished. */
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await cycle;
    },
    /** Read now, outside the schedule (the clerk's 读卡 shortcut); waits for the current cycle first. */
    async readNow(): Promise<void> {
      await cycle;
      lastKey = null;
      cycle = once();
      await cycle;
    },
  };
}
