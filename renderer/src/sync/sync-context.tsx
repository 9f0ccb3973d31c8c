import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { stateAfterCentralEvent } from '@yichuang/domain/cases';
import { centralDecisionKinds, type CentralCaseEvent, type SyncStatus } from '../../../preload/contract/sync';
import { intakeRoles } from '../../../preload/contract/roles';
import { useSession } from '../app/session';
import { useNavigation } from '../shell/navigation-context';
import { api, bridge } from '../bridge';
import './sync.css';

interface SyncContextValue {
  /** The latest status from main (null until the first answer). */
  status: SyncStatus | null;
  /** A status a call answered with (retry, sync now, enrol): shown at once, before the event. */
  setStatus: (status: SyncStatus) => void;
  refresh: () => Promise<void>;
  /** The last case central moved (the case page reloads when it is its case). */
  lastCaseEvent: CentralCaseEvent | null;
  /** Cases with central's decision nobody at this window has opened yet (the 办件 menu's badge). */
  unseenCount: number;
}

/** Worth interrupting the clerk for: a decision, or a request for more. */
const notified = new Set<CentralCaseEvent['kind']>(centralDecisionKinds);

const SyncContext = createContext<SyncContextValue | null>(null);

/**
 * Sync with central as every screen sees it: asked once with 'sync.status', then kept current by
 * main's 'sync.changed' events (backlog, connection, upload progress, clock skew).
 */
export function SyncProvider({ children, active }: { children: ReactNode; active: boolean }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [lastCaseEvent, setLastCaseEvent] = useState<CentralCaseEvent | null>(null);
  const [unseenCount, setUnseenCount] = useState(0);
  /** What a screen reader says of the last decision (the notification itself is not announced). */
  const [announcement, setAnnouncement] = useState('');
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const navigation = useNavigation();

  useEffect(
    () =>
      bridge.on('sync.caseEvent', (event) => {
        setLastCaseEvent(event);
        if (!notified.has(event.kind)) return;
        const items = event.items.length
          ? t('sync.caseEvent.items', { items: event.items.map((x) => x.name).join('、') })
          : '';
        const description = [
          items,
          event.comment,
          event.approver ? t('sync.caseEvent.by', { approver: event.approver }) : '',
        ]
          .filter(Boolean)
          .join('　');
        const title = t('sync.caseEvent.title', {
          number: event.number,
          state: t(`cases.states.${stateAfterCentralEvent(event.kind)}`),
        });
        setAnnouncement(t('sync.caseEvent.announce', { title, description }));
        notification[event.kind === 'approved' || event.kind === 'completed' ? 'success' : 'warning']({
          key: `central-${event.caseId}`,
          message: title,
          description: (
            <span data-testid="central-notification" data-kind={event.kind}>
              {description} <a onClick={() => navigation.openCase(event.caseId)}>{t('sync.caseEvent.open')}</a>
            </span>
          ),
          placement: 'bottomRight',
          duration: 8,
        });
      }),
    [notification, t, navigation],
  );

  const refresh = useCallback(async () => {
    const result = await api.sync.status({});
    if (result.ok) setStatus(result.value);
  }, []);

  useEffect(() => bridge.on('sync.changed', setStatus), []);
  useEffect(() => bridge.on('cases.unseenChanged', ({ count }) => setUnseenCount(count)), []);

  // Events are not sent while locked: read the status again when the screen comes back. The
  // unseen count is the 办件 menu's: only the roles that take cases ask (a refused call is a
  // 拒绝 entry in the audit trail at every sign-in of an administrator).
  const role = useSession().state?.user?.role ?? null;
  const takesCases = role !== null && intakeRoles.includes(role);
  useEffect(() => {
    if (!active) return;
    void refresh();
    if (!takesCases) return;
    void api.cases.unseenCount({}).then((result) => {
      if (result.ok) setUnseenCount(result.value.count);
    });
  }, [active, refresh, takesCases]);

  const value = useMemo(
    () => ({ status, setStatus, refresh, lastCaseEvent, unseenCount }),
    [status, refresh, lastCaseEvent, unseenCount],
  );
  return (
    <SyncContext.Provider value={value}>
      {children}
      {/* Read by screen readers only: central's decisions as they arrive (the notification is not announced). */}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="central-announcer">
        {announcement}
      </div>
    </SyncContext.Provider>
  );
}

export function useSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error('useSync outside SyncProvider');
  return value;
}
