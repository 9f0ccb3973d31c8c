import type { catalogChannels } from '../../preload/contract/channels/catalog';
import type { HandlersOf } from '../ipc/router';
import type { CatalogService } from './service';

/** The matter catalog. */
export function catalogHandlers({ catalog }: { catalog: CatalogService }): HandlersOf<typeof catalogChannels> {
  return {
    'catalog.list': () => ({ info: catalog.info(), matters: catalog.matters() }),
  };
}
