import { Badge, Space, Typography } from 'antd';
import { hallDateTimeSeconds } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../app/server-clock';
import { useSession } from '../app/session';
import { useDevices } from '../devices/devices-context';
import { SyncBadge } from '../sync/SyncBadge';
import { QueueBadge } from '../queue/QueueBadge';
import { CitizenControl } from '../citizen/CitizenControl';
import { intakeRoles } from '../../../preload/contract/roles';
import type { DeviceInfo } from '../../../preload/contract/devices';
import type { ScannerState } from '../../../preload/contract/document-scanners';
import { useCodeText, useDeviceFaultText } from '../lib/result';

const deviceBadge: Record<DeviceInfo['status']['state'], 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  opening: 'processing',
  ready: 'success',
  no_card: 'success',
  card_read: 'success',
  busy: 'processing',
  error: 'error',
  disconnected: 'warning',
};

const scannerBadge: Record<ScannerState, 'success' | 'processing' | 'default' | 'error' | 'warning'> = {
  idle: 'success',
  feeder_empty: 'success',
  busy: 'processing',
  jam: 'error',
  cover_open: 'error',
  offline: 'warning',
};

/** The document scanner last used (or the only one), with what it is doing. */
function DocumentScannerBadge() {
  const { t } = useTranslation();
  const { documentScanners } = useDevices();
  const codeText = useCodeText();
  const scanner = documentScanners[0];
  if (!scanner) return null;
  const { status } = scanner;
  return (
    <Badge
      status={scannerBadge[status.state]}
      text={`${t('documentScanners.statusBar')} ${t(`documentScanners.states.${status.state}`)}`}
      title={
        status.code
          ? codeText({ code: status.code, ...(status.params ? { params: status.params } : {}) })
          : scanner.name
      }
      data-testid="status-document-scanner"
      data-state={status.state}
    />
  );
}

/** One badge per role: the role's first device (a real one before a simulated one), or none. */
function DeviceBadges() {
  const { t } = useTranslation();
  const { devices } = useDevices();
  const faultText = useDeviceFaultText();
  return (
    <Space size="middle">
      {(['idcard', 'scanner', 'printer'] as const).map((role) => {
        const device = devices
          .filter((d) => d.role === role)
          .sort((a, b) => Number(a.simulated) - Number(b.simulated))[0];
        if (!device) return null;
        return (
          <Badge
            key={role}
            status={deviceBadge[device.status.state]}
            text={`${
              device.simulated
                ? t('devices.statusBarSimulated', { role: t(`devices.statusBar.${role}`) })
                : t(`devices.statusBar.${role}`)
            } ${t(`devices.states.${device.status.state}`)}`}
            title={faultText(device.status) ?? undefined}
            data-testid={`status-device-${role}`}
            data-state={device.status.state}
          />
        );
      })}
      <DocumentScannerBadge />
    </Space>
  );
}

const connectionBadge = { connected: 'success', connecting: 'processing', closed: 'error' } as const;

/** Always visible: who is signed in, the window, the connection to main, sync with central, the clock. */
export function StatusBar() {
  const { t } = useTranslation();
  const { state, connection } = useSession();
  const now = useServerNow();
  const user = state?.user;
  const windowNumber = user?.windowNumber ?? state?.window?.windowNumber;
  return (
    <div className="status-bar" role="status" data-testid="status-bar">
      <Space size="middle">
        {user && (
          <span data-testid="status-user">
            {user.displayName} · {t(`roles.${user.role}`)}
          </span>
        )}
        {windowNumber !== undefined && (
          <span data-testid="status-window">
            {state?.window?.hallName} · {t('status.window', { window: windowNumber })}
          </span>
        )}
        <Badge status={connectionBadge[connection]} text={t(`status.${connection}`)} data-testid="status-connection" />
        <SyncBadge />
        <QueueBadge />
        {/* The citizen screen is the intake's: only a role that takes cases has one. */}
        {user && intakeRoles.includes(user.role) && <CitizenControl />}
        <DeviceBadges />
      </Space>
      <Typography.Text className="status-clock" data-testid="status-clock">
        {hallDateTimeSeconds(now)}
      </Typography.Text>
    </div>
  );
}
