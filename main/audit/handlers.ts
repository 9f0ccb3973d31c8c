import type { auditChannels } from '../../preload/contract/channels/audit';
import type { HandlersOf } from '../ipc/router';
import type { AuditService } from './service';

/** The audit trail screen: the entries and the chain's verification. */
export function auditHandlers({ audit }: { audit: AuditService }): HandlersOf<typeof auditChannels> {
  return {
    'audit.list': (_ctx, input) => audit.list(input),
    'audit.verify': () => audit.verify(),
  };
}
