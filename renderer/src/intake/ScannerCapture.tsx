import { ScanOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScannerEntry, ScannerState } from '../../../preload/contract/document-scanners';
import { useDevices } from '../devices/devices-context';
import { ScanSettingsFields } from '../devices/ScanSettingsFields';
import { useCodeText } from '../lib/result';
import type { DocumentScan } from './use-document-scan';

const stateColour: Record<ScannerState, string> = {
  idle: 'green',
  feeder_empty: 'orange',
  busy: 'blue',
  jam: 'red',
  cover_open: 'red',
  offline: 'default',
};

/** The scanner tab of the capture panel: which scanner, how, the key, and how the job goes. */
export function ScannerCapture({ scanning, enabled }: { scanning: DocumentScan; enabled: boolean }) {
  const { t } = useTranslation();
  const codeText = useCodeText();
  const { documentScanners, refresh } = useDevices();
  const { job, settings, setSettings, busy } = scanning;
  const scanner: ScannerEntry | undefined =
    documentScanners.find((s) => s.id === scanning.scannerId) ?? documentScanners[0];

  if (documentScanners.length === 0) {
    return (
      <div className="scanner-capture" data-testid="scanner-capture">
        <Alert type="info" showIcon title={t('intake.scanner.none')} />
        <Button size="small" onClick={() => void refresh()} className="scanner-find">
          {t('intake.scanner.find')}
        </Button>
      </div>
    );
  }

  const progress =
    job === null
      ? null
      : job.state === 'queued'
        ? t('intake.scanner.queued')
        : job.state === 'scanning'
          ? t('intake.scanner.scanning', { scanner: job.scannerName, pages: job.pages })
          : t(`intake.scanner.${job.state}`, { pages: job.pages });

  return (
    <div className="scanner-capture" data-testid="scanner-capture">
      <Space wrap size={[8, 6]}>
        <Select
          size="small"
          aria-label={t('intake.scanner.choose')}
          value={scanner?.id}
          onChange={(id: string) => scanning.setScannerId(id)}
          options={documentScanners.map((s) => ({ value: s.id, label: s.name }))}
          className="scanner-select"
          data-testid="scanner-select"
        />
        {scanner && (
          <Tag color={stateColour[scanner.status.state]} data-testid="scanner-state" data-state={scanner.status.state}>
            {t(`documentScanners.states.${scanner.status.state}`)}
          </Tag>
        )}
      </Space>
      <Space wrap size={[8, 6]} className="scanner-settings">
        <ScanSettingsFields
          settings={settings}
          onChange={setSettings}
          capabilities={scanner?.capabilities ?? null}
          testIdPrefix="scanner"
        />
      </Space>
      <Space size={8} className="scanner-actions">
        <Button
          type="primary"
          icon={<ScanOutlined />}
          disabled={!enabled || busy}
          loading={busy}
          onClick={() => void scanning.scan()}
          data-testid="scanner-scan"
        >
          {t('intake.scanner.scan')} <kbd>F7</kbd>
        </Button>
        {busy && (
          <Button icon={<StopOutlined />} onClick={scanning.cancel} data-testid="scanner-cancel">
            {t('intake.scanner.cancel')}
          </Button>
        )}
      </Space>
      {progress && (
        <Typography.Text className="scanner-progress" data-testid="scanner-progress" data-state={job?.state}>
          {progress}
          {job && job.blanksDropped > 0 && (
            <Tag className="scanner-blanks" data-testid="scanner-blanks">
              {t('intake.scanner.blanks', { count: job.blanksDropped })}
            </Tag>
          )}
        </Typography.Text>
      )}
      {job?.error && (
        <Alert
          type="error"
          showIcon
          title={codeText({ code: job.error.code, ...(job.error.params ? { params: job.error.params } : {}) })}
          data-testid="scanner-error"
        />
      )}
    </div>
  );
}
