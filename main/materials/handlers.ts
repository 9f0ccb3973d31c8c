import type { materialsChannels } from '../../preload/contract/channels/materials';
import type { HandlersOf } from '../ipc/router';
import type { HotFolder } from './hot-folder';
import type { MaterialStore } from './store';

/** Material files: import, read back, the hot folder's status. */
export function materialsHandlers(deps: {
  materials: MaterialStore;
  hotFolder: HotFolder;
}): HandlersOf<typeof materialsChannels> {
  const { materials, hotFolder } = deps;
  return {
    'materials.import': (_ctx, input) => materials.put(input.bytes, input.name),
    'materials.read': (_ctx, input) => {
      const { bytes, mime } = materials.read(input.sha256);
      return { mime, bytes: new Uint8Array(bytes) };
    },
    'materials.hotFolder': () => hotFolder.status(),
  };
}
