import type { syncChannels } from '../../preload/contract/channels/sync';
import type { HandlersOf } from '../ipc/router';
import type { SyncService } from './service';

/** The 同步 screen: status, items, retry, sync now, enrolment. */
export function syncHandlers({ sync }: { sync: SyncService }): HandlersOf<typeof syncChannels> {
  return {
    'sync.status': () => sync.status(),
    'sync.items': (_ctx, input) => sync.items(input.states, input.limit),
    'sync.retry': (_ctx, input) => {
      sync.retry(input.id);
      return sync.status();
    },
    'sync.now': async () => {
      await sync.syncNow();
      return sync.status();
    },
    'sync.enrol': (_ctx, input) => sync.enrol(input),
  };
}
