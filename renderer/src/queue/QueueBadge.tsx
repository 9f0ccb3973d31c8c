import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQueue } from './queue-context';

/** The status bar's ticket: the one at the counter and how many wait, or that the hall is away. */
export function QueueBadge() {
  const { t } = useTranslation();
  const { status, calls } = useQueue();
  if (!calls || !status || status.connection === 'unconfigured') return null;
  if (status.connection === 'offline')
    return <Badge status="warning" text={t('queue.statusOffline')} data-testid="status-queue" data-state="offline" />;
  const current = status.window?.current ?? null;
  const text = [
    t('queue.statusBar'),
    current ? (current.number ?? t('queue.walkInTicket')) : t('queue.none'),
    '·',
    t('queue.waiting', { count: status.window?.waiting ?? 0 }),
  ].join(' ');
  return (
    <Badge
      status={status.connection === 'online' ? 'success' : 'processing'}
      text={text}
      data-testid="status-queue"
      data-state={status.connection}
    />
  );
}
