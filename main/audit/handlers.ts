import type { auditChannels } from '../../preload/contract/channels/audit';
import type { CaseService } from '../cases/service';
import type { HandlersOf } from '../ipc/router';
import type { AuditService } from './service';

/** The audit trail screen: the entries (their cases named by number) and the chain's verification. */
export function auditHandlers({
  audit,
  cases,
}: {
  audit: AuditService;
  cases: Pick<CaseService, 'numbersOf'>;
}): HandlersOf<typeof auditChannels> {
  return {
    'audit.list': (_ctx, input) => {
      const page = audit.list(input);
      const numbers = cases.numbersOf(page.entries.flatMap((e) => (e.target ? [e.target] : [])));
      return { ...page, caseNumbers: Object.fromEntries(numbers) };
    },
    'audit.verify': () => audit.verify(),
  };
}
