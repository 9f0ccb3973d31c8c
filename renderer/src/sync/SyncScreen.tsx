import { CloudSyncOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Spin, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxState } from '../../../preload/contract/sync';
import { useSession } from '../app/session';
import { useShortcuts } from '../app/shortcuts';
import { api } from '../bridge';
import { useErrorText, useRun } from '../lib/result';
import { OutboxTable } from './OutboxTable';
import { useSync } from './sync-context';
import { SyncOverview } from './SyncOverview';
import { useThrottled } from './use-throttled';
import './sync.css';

type Filter = 'open' | 'attention' | 'done';

/** What each tab asks 'sync.items' for; `open` asks for the default (not yet delivered, then the latest delivered). */
const filterStates: Record<Filter, OutboxState[] | undefined> = {
  open: undefined,
  attention: ['needs_attention'],
  done: ['acknowledged'],
};

const itemsLimit = 200;
/** The table follows 'sync.changed' at most twice a second (upload progress sends several a second). */
const reloadEveryMs = 500;

/** The outbox items of one tab, read again whenever the sync status changes (throttled). */
function useOutboxItems(filter: Filter) {
  const { status } = useSync();
  const errorText = useErrorText();
  const changed = useThrottled(status, reloadEveryMs);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const states = filterStates[filter];

  const load = useCallback(async () => {
    const id = ++request.current;
    const result = await api.sync.items(states ? { states, limit: itemsLimit } : { limit: itemsLimit });
    if (id !== request.current) return; // a newer answer is on its way
    setLoading(false);
    if (result.ok) {
      setItems(result.value);
      setError(null);
    } else {
      setError(errorText(result.error));
    }
  }, [states, errorText]);

  useEffect(() => {
    setLoading(true);
    setItems([]);
  }, [filter]);

  useEffect(() => {
    void load();
  }, [load, changed]);

  return { items, loading, error, reload: load };
}

/**
 * 同步: whether central can be reached, what is waiting to go and what failed, with a retry per
 * item and 立即同步 (F5). Every role sees it; the clerk needs to know a case has reached central.
 */
export function SyncScreen() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const { status, setStatus } = useSync();
  const { state: session } = useSession();
  const [filter, setFilter] = useState<Filter>('open');
  const [syncing, setSyncing] = useState(false);
  const [retrying, setRetrying] = useState<number | null>(null);
  const { items, loading, error, reload } = useOutboxItems(filter);
  const enrolled = status?.enrolled ?? false;

  const syncNow = useCallback(async () => {
    if (syncing || !enrolled) return;
    setSyncing(true);
    const value = await run(api.sync.now({}));
    setSyncing(false);
    if (!value) return;
    setStatus(value);
    void message.success(t('sync.syncDone'));
    void reload();
  }, [syncing, enrolled, run, setStatus, message, t, reload]);

  const retry = useCallback(
    async (item: OutboxItem) => {
      setRetrying(item.id);
      const value = await run(api.sync.retry({ id: item.id }));
      setRetrying(null);
      if (value) {
        setStatus(value);
        void message.success(t('sync.retried', { number: item.caseNumber }));
      }
      void reload();
    },
    [run, setStatus, message, t, reload],
  );

  const keys = useMemo(() => ({ F5: () => void syncNow() }), [syncNow]);
  // Not behind the lock screen (the shell stays mounted under it).
  useShortcuts(keys, !session?.locked);

  const tabLabel = (key: Filter) =>
    key === 'attention' && status?.needsAttention ? (
      <span>
        {t('sync.tabs.attention')} <Badge count={status.needsAttention} size="small" />
      </span>
    ) : (
      t(`sync.tabs.${key}`)
    );

  return (
    <div className="sync-screen" data-testid="sync-screen">
      <div className="sync-bar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sync.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<CloudSyncOutlined />}
          loading={syncing}
          disabled={!enrolled}
          onClick={() => void syncNow()}
          data-testid="sync-now"
        >
          {t('sync.syncNow')} <kbd>F5</kbd>
        </Button>
      </div>
      {status ? <SyncOverview status={status} /> : <Spin />}
      <div className="sync-items">
        <Tabs
          activeKey={filter}
          onChange={(key) => setFilter(key as Filter)}
          items={(['open', 'attention', 'done'] as const).map((key) => ({ key, label: tabLabel(key) }))}
          tabBarExtraContent={
            filter === 'open' ? <Typography.Text type="secondary">{t('sync.openHelp')}</Typography.Text> : null
          }
          data-testid="sync-tabs"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
        <OutboxTable
          items={items}
          loading={loading}
          emptyText={t(`sync.empty.${filter}`)}
          retrying={retrying}
          onRetry={(item) => void retry(item)}
        />
      </div>
    </div>
  );
}
