import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Progress, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../preload/contract/sync';
import { useServerNow } from '../app/server-clock';
import { useSession } from '../app/session';
import { useNavigation } from '../shell/navigation-context';
import { hallDateTimeSeconds, hallShown } from '@yichuang/domain/hall-time';
import { megabytes, skewMinutes } from './format';
import { syncColors } from './SyncBadge';

/** 已连接中心 / 无法连接中心 (with why, in plain Chinese) / 未注册, and the last contact. */
function ConnectionLine({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  // The minutes since the last contact count on while central is away (the time alone read as current).
  const now = useServerNow(30_000);
  const lastContactText = () => {
    if (!status.lastContactAt) return t('sync.connection.neverContacted');
    const time = hallShown(hallDateTimeSeconds, status.lastContactAt);
    if (status.online) return t('sync.connection.lastContact', { time });
    const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(status.lastContactAt)) / 60_000));
    return t('sync.connection.lastContactAgo', { time, minutes });
  };
  let state: 'online' | 'offline' | 'waiting' | 'not_enrolled';
  if (!status.enrolled) state = 'not_enrolled';
  else if (status.online) state = 'online';
  else state = status.lastError || status.lastContactAt ? 'offline' : 'waiting';

  const badge = { online: 'success', offline: 'error', waiting: 'processing', not_enrolled: 'default' } as const;
  const text = {
    online: t('sync.connection.online'),
    offline: t('sync.connection.offline'),
    waiting: t('sync.connection.waiting'),
    not_enrolled: t('sync.connection.notEnrolled'),
  };
  return (
    <div className="sync-connection" data-testid="sync-connection" data-state={state}>
      <div className="sync-connection-head">
        <Badge status={badge[state]} />
        <span className={`sync-connection-text sync-connection-${state}`}>{text[state]}</span>
        {status.enrolled && (
          <Typography.Text type="secondary" data-testid="sync-last-contact">
            {lastContactText()}
          </Typography.Text>
        )}
      </div>
      {state === 'offline' && status.lastError && (
        <div className="sync-last-error" data-testid="sync-last-error">
          {status.lastError}
        </div>
      )}
      {state === 'waiting' && <Typography.Text type="secondary">{t('sync.connection.waitingHelp')}</Typography.Text>}
    </div>
  );
}

/** The central address and whether this workstation is enrolled there. */
function EnrolmentLine({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <div className="sync-enrolment" data-testid="sync-enrolment">
      <span>
        <Typography.Text type="secondary">{t('sync.address')}</Typography.Text>{' '}
        <span className="sync-mono">{status.centralUrl || t('sync.noAddress')}</span>
      </span>
      <span>
        <Typography.Text type="secondary">{t('sync.enrolment')}</Typography.Text>{' '}
        {status.enrolled ? t('sync.enrolled') : t('sync.notEnrolled')}
      </span>
      {status.workstationId && (
        <span>
          <Typography.Text type="secondary">{t('sync.workstation')}</Typography.Text>{' '}
          <span className="sync-mono">{status.workstationId}</span>
        </span>
      )}
    </div>
  );
}

/** Not enrolled: the clerk is told whom to ask; the administrator gets the way to settings. */
function EnrolmentHint() {
  const { t } = useTranslation();
  const { state } = useSession();
  const navigation = useNavigation();
  const isAdmin = state?.user?.role === 'admin';
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sync-not-enrolled"
      title={isAdmin ? t('sync.adminHint') : t('sync.askAdmin')}
      action={
        isAdmin ? (
          <Button size="small" type="primary" onClick={() => navigation.go('settings')} data-testid="sync-go-settings">
            {t('sync.goSettings')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** The PC's clock against central's: a red warning past the limit, the seconds otherwise. */
export function ClockLine({ skewMs, warning }: { skewMs: number | null; warning: boolean }) {
  const { t } = useTranslation();
  if (skewMs === null) return null;
  if (warning) {
    // Central minus the PC: positive means the PC is behind.
    const direction = skewMs > 0 ? t('sync.clock.behind') : t('sync.clock.ahead');
    return (
      <Alert
        type="error"
        showIcon
        data-testid="sync-clock-warning"
        title={<span className="sync-alarm">{t('sync.clock.warning', { minutes: skewMinutes(skewMs) })}</span>}
        description={t('sync.clock.warningHelp', { direction })}
      />
    );
  }
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  return (
    <Typography.Text type="secondary" data-testid="sync-clock">
      {seconds === 0 ? t('sync.clock.same') : t('sync.clock.ok', { seconds })}
    </Typography.Text>
  );
}

/** What central found when it compared this PC's audit trail with what it was sent before. */
function AuditAlert({ check }: { check: SyncStatus['auditCheck'] }) {
  const { t } = useTranslation();
  if (check === null || check === 'ok') return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="sync-audit-alert"
      data-check={check}
      title={<span className="sync-alarm">{t(`sync.audit.${check}`)}</span>}
    />
  );
}

/** The file going up now: its name, case number, percent and megabytes. */
export function UploadProgress({ uploading }: { uploading: NonNullable<SyncStatus['uploading']> }) {
  const { t } = useTranslation();
  const percent = uploading.bytesTotal > 0 ? Math.floor((uploading.bytesSent / uploading.bytesTotal) * 100) : 0;
  return (
    <div className="sync-upload" data-testid="sync-upload">
      <div className="sync-upload-head">
        <CloudUploadOutlined style={{ color: syncColors.busy }} />
        <span>{t('sync.upload.title')}</span>
        <Typography.Text strong ellipsis className="sync-upload-file">
          {t('sync.upload.line', { file: uploading.fileName, number: uploading.caseNumber })}
        </Typography.Text>
        <span className="sync-upload-size">
          {t('sync.upload.size', { sent: megabytes(uploading.bytesSent), total: megabytes(uploading.bytesTotal) })}
        </span>
      </div>
      <Progress percent={percent} status="active" strokeColor={syncColors.busy} />
    </div>
  );
}

/** 待发送 and 需处理, large enough to read from across the desk. */
function SyncCounts({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <div className="sync-counts">
      <Statistic
        title={t('sync.counts.backlog')}
        value={status.backlog}
        data-testid="sync-backlog"
        styles={{ content: { color: status.backlog && !status.online ? syncColors.offline : undefined } }}
      />
      <Statistic
        title={t('sync.counts.needsAttention')}
        value={status.needsAttention}
        data-testid="sync-needs-attention"
        styles={{ content: { color: status.needsAttention ? syncColors.attention : undefined } }}
      />
    </div>
  );
}

/** The top of the 同步 screen: connection, enrolment, clock, audit check, counts and the upload. */
export function SyncOverview({ status }: { status: SyncStatus }) {
  return (
    <div className="sync-overview">
      <div className="sync-panel">
        <div className="sync-panel-main">
          <ConnectionLine status={status} />
          <EnrolmentLine status={status} />
          {!status.clockWarning && <ClockLine skewMs={status.clockSkewMs} warning={false} />}
        </div>
        <SyncCounts status={status} />
      </div>
      {!status.enrolled && <EnrolmentHint />}
      {status.clockWarning && <ClockLine skewMs={status.clockSkewMs} warning />}
      <AuditAlert check={status.auditCheck} />
      {status.uploading && <UploadProgress uploading={status.uploading} />}
    </div>
  );
}
