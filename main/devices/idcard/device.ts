import { AppError } from '../../../preload/contract/errors';
import type { AttachContext, AttachedDevice } from '../attached';
import { step } from '../attached';
import type { Transport } from '../transport/transport';
import { createIdCardDriver, type CardData, type IdCardDriverOptions } from './driver';
import { createIdCardPoller } from './poller';

export interface IdCardDevice extends AttachedDevice {
  /** Read now (the clerk's shortcut), even if the same card was read a moment ago. */
  readNow(): Promise<void>;
}

/** The reader in its role: polls for cards, reports each new card once, and tests its SAM. */
export function attachIdCardReader(
  transport: Transport,
  context: AttachContext & { card(card: CardData): void; samId(id: string): void },
  options: IdCardDriverOptions & { intervalMs?: number } = {},
): IdCardDevice {
  const driver = createIdCardDriver(transport, options);
  const poller = createIdCardPoller(driver, {
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    onCard: (card) => context.card(card),
    onStatus: (status) => {
      if (status.state === 'error') context.status('error', status.error);
      else context.status(status.state);
    },
    onUnexpected: (error) => context.log.error({ err: error }, 'id-card poll failed unexpectedly'),
  });

  return {
    start() {
      // The SAM id is shown on the devices screen; a reader that cannot give it still reads cards.
      driver.samId().then(
        (id) => context.samId(id),
        (error: unknown) => context.log.warn({ err: error }, 'SAM id not read at open'),
      );
      poller.start();
    },
    async stop() {
      await poller.stop();
      driver.dispose();
    },
    readNow: () => poller.readNow(),
    async selfTest() {
      await poller.stop();
      try {
        return [
          await step('samStatus', async () => {
            const status = await driver.samStatus();
            if (!status.ok) throw new AppError(status.errorCode ?? 'idcard_sam_failed');
            return { kind: 'note', note: 'samOk' };
          }),
          await step('samId', async () => {
            const id = await driver.samId();
            context.samId(id);
            return { kind: 'data', value: id };
          }),
        ];
      } finally {
        poller.start();
      }
    },
  };
}
