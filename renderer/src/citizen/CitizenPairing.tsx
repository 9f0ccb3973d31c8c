import { DisconnectOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenStatus } from '../../../preload/contract/citizen';
import { api } from '../bridge';
import { useErrorText } from '../lib/result';
import { tokenStorageKey } from '../transport/token';
import { useCitizenStatus } from './citizen-status';

/** The citizen page's address on this host: the same bundle, with this tab's token to connect. */
export function citizenPageAddress(location: Pick<Location, 'origin' | 'pathname'>, token: string): string {
  return `${location.origin}${location.pathname}#screen=citizen&token=${encodeURIComponent(token)}`;
}

function hostToken(): string {
  try {
    return window.sessionStorage.getItem(tokenStorageKey) ?? '';
  } catch {
    return '';
  }
}

/**
 * The browser host: open the citizen page in a new window (dragged to the display facing the
 * citizen), type the code it shows, pair. A refused code is said under the field and stays typed.
 */
export function CitizenPairing({ status }: { status: CitizenStatus }) {
  const { t } = useTranslation();
  const { apply } = useCitizenStatus();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);

  const openPage = () => {
    const opened = window.open(citizenPageAddress(window.location, hostToken()), '_blank');
    setBlocked(!opened);
    // The citizen's page gets no handle on the clerk's.
    if (opened) opened.opener = null;
  };

  const pair = async () => {
    const typed = code.trim();
    if (!/^\d{6}$/.test(typed)) return setError(t('citizen.control.codeInvalid'));
    setBusy(true);
    setError(null);
    const result = await api.citizen.pair({ code: typed });
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error));
    apply(result.value);
    setCode('');
  };

  const unpair = async () => {
    setBusy(true);
    const result = await api.citizen.unpair({});
    setBusy(false);
    if (result.ok) apply(result.value);
    else setError(errorText(result.error));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space orientation="vertical" size="small">
        <Button icon={<ExportOutlined />} onClick={openPage} data-testid="citizen-open-page">
          {t('citizen.control.openWindow')}
        </Button>
        <Typography.Text type="secondary">{t('citizen.control.openHint')}</Typography.Text>
        {blocked && <Alert type="warning" showIcon title={t('citizen.control.popupBlocked')} />}
      </Space>
      <Form layout="vertical" onFinish={() => void pair()}>
        <Form.Item
          label={t('citizen.control.code')}
          htmlFor="citizen-pair-code"
          validateStatus={error ? 'error' : undefined}
          help={error ? <span data-testid="citizen-pair-error">{error}</span> : undefined}
        >
          <Space.Compact>
            <Input
              id="citizen-pair-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              maxLength={6}
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('citizen.control.codePlaceholder')}
              className="mono"
              style={{ width: '10em' }}
              data-testid="citizen-pair-code"
            />
            <Button type="primary" htmlType="submit" loading={busy} data-testid="citizen-pair">
              {t('citizen.control.pair')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      {status.screen === 'paired' && (
        <Button
          danger
          icon={<DisconnectOutlined />}
          onClick={() => void unpair()}
          disabled={busy}
          data-testid="citizen-unpair"
        >
          {t('citizen.control.unpair')}
        </Button>
      )}
    </Space>
  );
}
