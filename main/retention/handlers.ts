import type { retentionChannels } from '../../preload/contract/channels/retention';
import type { HandlersOf } from '../ipc/router';
import type { RetentionService } from './service';

/** The supervisor's view of what retention purges next. */
export function retentionHandlers({
  retention,
}: {
  retention: RetentionService;
}): HandlersOf<typeof retentionChannels> {
  return {
    'retention.upcoming': () => retention.upcoming(),
  };
}
