import type { securityChannels } from '../../preload/contract/channels/security';
import type { DocumentService } from '../documents/service';
import type { HandlersOf } from '../ipc/router';
import type { PendingRecovery, SecurityService } from './service';

/** Data protection for the administrator: the key's protection and the recovery sheet. */
export function securityHandlers({
  security,
  documents,
}: {
  security: SecurityService;
  documents: Pick<DocumentService, 'recoverySheet'>;
}): HandlersOf<typeof securityChannels> {
  const withSheet = async (pending: PendingRecovery) => ({
    ...pending,
    sheet: new Uint8Array(await documents.recoverySheet(pending)),
  });
  return {
    'security.status': () => security.status(),
    'security.recovery': async () => {
      const pending = security.pendingRecovery();
      return pending ? withSheet(pending) : null;
    },
    'security.recoverySaved': () => {
      security.confirmRecoverySaved();
      return security.status();
    },
    'security.renewRecovery': () => withSheet(security.renewRecovery()),
  };
}
