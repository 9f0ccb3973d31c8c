import { Badge, Form, Modal, Select, Space, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenStatus } from '../../../preload/contract/citizen';
import { api } from '../bridge';
import { useErrorText } from '../lib/result';
import { CitizenPairing } from './CitizenPairing';
import { useCitizenStatus } from './citizen-status';

/** The select's value for 单屏 (no display: the panel in this window). */
const panelValue = 'panel';

/** Electron: which display the citizen window goes to (remembered by main), or the panel here. */
function DisplayPicker({ status }: { status: CitizenStatus }) {
  const { t } = useTranslation();
  const { apply } = useCitizenStatus();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = status.displays.find((d) => d.chosen);

  const choose = async (value: number | typeof panelValue) => {
    setBusy(true);
    setError(null);
    const result = await api.citizen.chooseDisplay({ displayId: value === panelValue ? null : value });
    setBusy(false);
    if (result.ok) apply(result.value);
    else setError(errorText(result.error));
  };

  const options = [
    ...status.displays.map((d) => ({
      value: d.id,
      label: `${d.label} (${d.width}×${d.height})${d.primary ? ` · ${t('citizen.control.primary')}` : ''}`,
    })),
    { value: panelValue, label: t('citizen.control.panel') },
  ];
  return (
    <Form layout="vertical">
      <Form.Item
        label={t('citizen.control.display')}
        htmlFor="citizen-display"
        validateStatus={error ? 'error' : undefined}
        help={error}
      >
        <Select<number | typeof panelValue>
          id="citizen-display"
          value={chosen?.id ?? panelValue}
          options={options}
          loading={busy}
          disabled={busy}
          onChange={(value) => void choose(value)}
          data-testid="citizen-display"
        />
      </Form.Item>
    </Form>
  );
}

/**
 * The citizen screen's dialog: how it is connected now, and how to connect it — a display to choose
 * in Electron (its displays are listed), the page to open and pair in the browser host (none are).
 * With one display, or no citizen page at all, the panel the clerk turns towards the citizen.
 */
export function CitizenDialog({
  open,
  status,
  panel,
  onPanel,
  onClose,
}: {
  open: boolean;
  status: CitizenStatus | null;
  panel: boolean;
  onPanel: (show: boolean) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const connected = status !== null && status.screen !== 'none';
  const single = status !== null && (status.screen === 'none' || status.displays.length === 1);
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('citizen.control.title')} destroyOnHidden>
      {!status ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="citizen-dialog">
          <Space wrap>
            <Badge
              status={connected ? 'success' : 'default'}
              text={t(connected ? 'citizen.control.connected' : 'citizen.control.disconnected')}
              data-testid="citizen-dialog-state"
            />
            {connected && (
              <Typography.Text type="secondary">{t(`citizen.control.screens.${status.screen}`)}</Typography.Text>
            )}
          </Space>
          {status.displays.length > 0 ? <DisplayPicker status={status} /> : <CitizenPairing status={status} />}
          {single && (
            <Space>
              <Switch id="citizen-show-panel" checked={panel} onChange={onPanel} data-testid="citizen-show-panel" />
              <label htmlFor="citizen-show-panel">{t('citizen.control.showPanel')}</label>
            </Space>
          )}
        </Space>
      )}
    </Modal>
  );
}
