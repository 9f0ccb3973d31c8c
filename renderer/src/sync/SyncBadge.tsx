import { CheckCircleFilled, CloudSyncOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../preload/contract/sync';
import { useNavigation } from '../shell/navigation-context';
import { skewMinutes } from './format';
import { useSync } from './sync-context';

export const syncColors = {
  ok: '#389e0d',
  busy: '#1f4e8c',
  offline: '#d46b08',
  attention: '#cf1322',
  idle: '#8c8c8c',
} as const;

type BadgeLook = 'not_enrolled' | 'attention' | 'offline' | 'synced' | 'pending' | 'unknown';

/** Which of the badge's looks a status has, most urgent first. */
export function badgeLook(status: SyncStatus | null): BadgeLook {
  if (!status) return 'unknown';
  if (!status.enrolled) return 'not_enrolled';
  if (status.needsAttention > 0) return 'attention';
  if (!status.online) return 'offline';
  return status.backlog === 0 ? 'synced' : 'pending';
}

function Count({ count, color }: { count: number; color: string }) {
  return <Badge count={count} showZero color={color} overflowCount={999} size="small" className="sync-badge-count" />;
}

/**
 * The status bar's 同步 item: 需处理 N in red when something needs a person, else the backlog as a count (orange
 * while central cannot be reached, blue while sending), a green check when all is delivered, grey
 * 未注册 before enrolment, and a red 时钟偏差 when the PC's clock is off. Click: the 同步 screen.
 */
export function SyncBadge() {
  const { t } = useTranslation();
  const { status } = useSync();
  const navigation = useNavigation();
  const look = badgeLook(status);
  const backlog = status?.backlog ?? 0;

  let mark: ReactNode = null;
  let title = t('sync.badge.open');
  switch (look) {
    case 'not_enrolled':
      mark = <span className="sync-badge-muted">{t('sync.badge.notEnrolled')}</span>;
      title = t('sync.askAdmin');
      break;
    case 'attention':
      // The count a person must act on, in words: 需处理 2 (the rest of the backlog is in the tooltip).
      mark = (
        <span className="sync-badge-attention" data-testid="status-sync-attention">
          {t('sync.badge.attentionShort', { count: status?.needsAttention ?? 0 })}
        </span>
      );
      title = [
        t('sync.badge.attention', { count: status?.needsAttention ?? 0 }),
        backlog > (status?.needsAttention ?? 0) ? t('sync.badge.pending', { count: backlog }) : null,
      ]
        .filter(Boolean)
        .join('\n');
      break;
    case 'offline':
      mark = backlog > 0 ? <Count count={backlog} color={syncColors.offline} /> : null;
      title = [
        backlog > 0 ? t('sync.badge.offline', { count: backlog }) : t('sync.badge.offlineEmpty'),
        status?.lastError,
      ]
        .filter(Boolean)
        .join('\n');
      break;
    case 'synced':
      mark = <CheckCircleFilled style={{ color: syncColors.ok }} aria-label={t('sync.badge.synced')} />;
      title = t('sync.badge.synced');
      break;
    case 'pending':
      mark = <Count count={backlog} color={syncColors.busy} />;
      title = t('sync.badge.pending', { count: backlog });
      break;
    case 'unknown':
      break;
    default:
      return look satisfies never;
  }

  const offline = look === 'offline';
  return (
    <span className="sync-badge-wrap">
      <Tooltip title={<span className="sync-badge-tip">{title}</span>}>
        <button
          type="button"
          className="sync-badge"
          onClick={() => navigation.go('sync')}
          data-testid="status-sync"
          data-look={look}
          data-backlog={backlog}
          data-needs-attention={status?.needsAttention ?? 0}
          data-online={status ? String(status.online) : undefined}
          aria-label={`${t('sync.badge.label')}${t('common.colon')}${title}`}
        >
          <CloudSyncOutlined style={{ color: offline ? syncColors.offline : undefined }} />
          <span>{t('sync.badge.label')}</span>
          {mark}
        </button>
      </Tooltip>
      {status?.clockWarning && (
        <Tooltip title={t('sync.clock.warning', { minutes: skewMinutes(status.clockSkewMs) })}>
          <span className="sync-clock-skew" data-testid="status-clock-skew">
            {t('sync.badge.clockSkew')}
          </span>
        </Tooltip>
      )}
    </span>
  );
}
