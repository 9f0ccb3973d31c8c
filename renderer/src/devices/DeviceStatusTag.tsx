import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../preload/contract/devices';
import { useDeviceFaultText } from '../lib/result';

const colors: Record<DeviceStatus['state'], string> = {
  opening: 'processing',
  ready: 'success',
  no_card: 'default',
  card_read: 'success',
  busy: 'processing',
  error: 'error',
  disconnected: 'warning',
};

/** A device's state as a coloured tag; a fault's Chinese message is shown beside it (what to do). */
export function DeviceStatusTag({ status, showMessage = false }: { status: DeviceStatus; showMessage?: boolean }) {
  const { t } = useTranslation();
  const message = useDeviceFaultText()(status);
  const tag = (
    <Tag color={colors[status.state]} data-testid="device-state" data-state={status.state}>
      {t(`devices.states.${status.state}`)}
    </Tag>
  );
  if (!message || status.state === 'no_card') return tag;
  return showMessage ? (
    <span className="device-status">
      {tag}
      <span className="device-status-message">{message}</span>
    </span>
  ) : (
    <Tooltip title={message}>{tag}</Tooltip>
  );
}
