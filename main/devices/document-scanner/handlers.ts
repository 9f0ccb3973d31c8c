import type { documentScannersChannels } from '../../../preload/contract/channels/document-scanners';
import type { HandlersOf } from '../../ipc/router';
import type { DocumentScannerService } from './service';

/** Document scanners: the known ones, their defaults, scanning onto an item, the self-test. */
export function documentScannersHandlers({
  documentScanners: scanners,
}: {
  documentScanners: DocumentScannerService;
}): HandlersOf<typeof documentScannersChannels> {
  return {
    'documentScanners.list': (_ctx, input) => scanners.list(input.refresh),
    'documentScanners.add': (_ctx, input) => scanners.add(input.address),
    'documentScanners.remove': (_ctx, input) => {
      scanners.remove(input.scannerId);
      return { done: true as const };
    },
    'documentScanners.discover': () => scanners.discover(),
    'documentScanners.setDefaults': ({ audit: note }, input) => {
      note.detail = input.settings ? { ...input.settings } : { defaults: 'cleared' };
      return scanners.setDefaults(input.scannerId, input.settings);
    },
    'documentScanners.selfTest': (_ctx, input) => scanners.selfTest(input.scannerId),
    'documentScanners.preset': (_ctx, input) => scanners.preset(input.itemId),
    'documentScanners.scan': ({ session }, input) => scanners.scan({ ...input, session }),
    'documentScanners.jobs': ({ session }, input) => scanners.jobsOf(input.jobIds, session.userId),
    'documentScanners.cancel': (_ctx, input) => scanners.cancel(input.jobId),
  };
}
