import { Alert, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hallDateTime } from '@yichuang/domain/hall-time';
import type { PendingRecovery, SecurityStatus } from '../../../preload/contract/channels/security';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';

/** Settings → 数据安全 (administrator): what keeps the data key, and a new recovery sheet. */
export function DataProtectionSettings() {
  const { t } = useTranslation();
  const run = useRun();
  const [status, setStatus] = useState<SecurityStatus | null>(null);
  const [shown, setShown] = useState<PendingRecovery | null>(null);

  const refresh = useCallback(async () => setStatus(await run(api.security.status({}))), [run]);
  useEffect(() => void refresh(), [refresh]);

  const renew = async () => setShown(await run(api.security.renewRecovery({})));
  const showPending = async () => setShown(await run(api.security.recovery({})));
  const saved = async () => {
    if (await run(api.security.recoverySaved({}))) {
      setShown(null);
      await refresh();
    }
  };

  if (!status) return null;
  return (
    <div data-testid="data-protection" style={{ maxWidth: 1000 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon title={t('security.settings.encrypted')} />
        <Typography.Text>
          {t('security.settings.protectedBy', { by: t(`security.settings.protectors.${status.protectedBy}`) })}
          {status.keyCreatedAt &&
            `${t('common.listSeparator')}${t('security.settings.keyCreatedAt', { at: hallDateTime(status.keyCreatedAt) })}`}
        </Typography.Text>
        {status.recoveryPending && (
          <Alert
            type="warning"
            showIcon
            title={t('security.settings.pending')}
            action={
              <Button size="small" onClick={() => void showPending()} data-testid="recovery-show">
                {t('security.settings.showPending')}
              </Button>
            }
          />
        )}
        <Popconfirm title={t('security.settings.renewConfirm')} onConfirm={() => void renew()}>
          <Button data-testid="recovery-renew">{t('security.settings.renew')}</Button>
        </Popconfirm>
      </Space>
      <Modal
        open={shown !== null}
        title={t('security.recovery.title')}
        width={760}
        footer={null}
        onCancel={() => {
          setShown(null);
          void refresh();
        }}
        destroyOnHidden
      >
        {shown && <RecoveryKeyPanel recovery={shown} onSaved={() => void saved()} />}
      </Modal>
    </div>
  );
}
