import { Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingRecovery } from '../../../preload/contract/channels/security';
import type { SessionUser } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { CenteredCard } from '../screens/CenteredCard';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';

/**
 * Before the administrator's first screen: a recovery code that waits to be printed and sealed
 * (the first start, or a renewal not yet confirmed) is shown first. "Later" lets the work go on;
 * the next sign-in asks again.
 */
export function RecoveryGate({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const { t } = useTranslation();
  const run = useRun();
  const [pending, setPending] = useState<PendingRecovery | null | undefined>(user.role === 'admin' ? undefined : null);

  useEffect(() => {
    if (user.role !== 'admin') return;
    let live = true;
    void api.security.status({}).then(async (status) => {
      if (!live) return;
      if (!status.ok || !status.value.recoveryPending) return setPending(null);
      const recovery = await run(api.security.recovery({}));
      if (live) setPending(recovery ?? null);
    });
    return () => {
      live = false;
    };
  }, [user.id, user.role, run]);

  const saved = useCallback(async () => {
    if ((await run(api.security.recoverySaved({}))) !== null) setPending(null);
  }, [run]);

  if (pending === undefined) return <Spin size="large" fullscreen />;
  if (pending === null) return <>{children}</>;
  return (
    <CenteredCard title={t('security.recovery.title')} width={760}>
      <RecoveryKeyPanel recovery={pending} onSaved={() => void saved()} onLater={() => setPending(null)} />
    </CenteredCard>
  );
}
