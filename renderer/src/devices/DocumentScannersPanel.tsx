import { ExperimentOutlined, SearchOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  defaultScanSettings,
  type ScannerEntry,
  type ScannerSelfTest,
  type ScanSettings,
} from '../../../preload/contract/document-scanners';
import { api } from '../bridge';
import { useCodeText, useRun } from '../lib/result';
import { AddressField } from './AddressField';
import { useDevices } from './devices-context';
import { ScanSettingsFields } from './ScanSettingsFields';

const pageSizeKeys = ['a4', 'a5', 'b5', 'letter', 'max'] as const;

/** One scanner's defaults, edited in place and saved with one click. */
function DefaultsEditor({ scanner, editable }: { scanner: ScannerEntry; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const [settings, setSettings] = useState<ScanSettings>(scanner.defaults ?? defaultScanSettings);
  useEffect(() => setSettings(scanner.defaults ?? defaultScanSettings), [scanner.defaults]);
  const save = async () => {
    const saved = await run(api.documentScanners.setDefaults({ scannerId: scanner.id, settings }));
    if (saved) void message.success(t('documentScanners.panel.defaultsSaved', { name: scanner.name }));
  };
  return (
    <Space wrap size={[6, 6]}>
      <ScanSettingsFields
        settings={settings}
        onChange={setSettings}
        capabilities={scanner.capabilities}
        disabled={!editable}
        label={scanner.name}
      />
      <Select
        size="small"
        aria-label={`${scanner.name} A4`}
        disabled={!editable}
        value={settings.pageSize}
        onChange={(pageSize) => setSettings({ ...settings, pageSize })}
        options={pageSizeKeys.map((p) => ({ value: p, label: t(`documentScanners.pageSizes.${p}`) }))}
      />
      {editable && (
        <Button size="small" onClick={() => void save()} data-testid="scanner-save-defaults">
          {t('documentScanners.panel.saveDefaults')}
        </Button>
      )}
    </Space>
  );
}

/**
 * 文档扫描仪 on the devices screen: the known scanners and their status, adding a network scanner
 * by address, looking for scanners (SANE/WIA list, mDNS once), per-scanner defaults and the self-test.
 */
export function DocumentScannersPanel({ setsUpDevices }: { setsUpDevices: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const codeText = useCodeText();
  const { documentScanners } = useDevices();
  const [working, setWorking] = useState<string | null>(null);
  const [tested, setTested] = useState<{ scanner: ScannerEntry; result: ScannerSelfTest; url: string | null } | null>(
    null,
  );

  // The self-test page is shown from memory and let go when replaced.
  useEffect(() => () => void (tested?.url && URL.revokeObjectURL(tested.url)), [tested]);

  const busy = (key: string, work: () => Promise<void>) => async () => {
    setWorking(key);
    try {
      await work();
    } finally {
      setWorking(null);
    }
  };

  const find = busy('find', async () => {
    await run(api.documentScanners.list({ refresh: true }));
  });
  const discover = busy('discover', async () => {
    const found = await run(api.documentScanners.discover({}));
    if (found) void message.info(t('documentScanners.panel.discovered', { count: found.length }));
  });
  const add = async (address: string) => {
    const added = await run(api.documentScanners.add({ address }));
    if (added) void message.success(t('documentScanners.panel.added', { name: added.name }));
    return added !== null;
  };
  const selfTest = (scanner: ScannerEntry) =>
    busy(`test:${scanner.id}`, async () => {
      const result = await run(api.documentScanners.selfTest({ scannerId: scanner.id }));
      if (!result) return;
      const url = result.thumbnail
        ? URL.createObjectURL(new Blob([result.thumbnail.slice()], { type: 'image/jpeg' }))
        : null;
      setTested({ scanner, result, url });
    });
  const remove = (scanner: ScannerEntry) =>
    busy(`remove:${scanner.id}`, async () => {
      if (await run(api.documentScanners.remove({ scannerId: scanner.id })))
        void message.success(t('documentScanners.panel.removed', { name: scanner.name }));
    });

  const columns = [
    {
      title: t('documentScanners.panel.name'),
      key: 'name',
      render: (_: unknown, s: ScannerEntry) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{s.name}</Typography.Text>
          <Typography.Text type="secondary" className="device-path">
            {t(`documentScanners.kinds.${s.kind}`)} · {s.address}
            {s.origin === 'typed' ? ` · ${t('documentScanners.panel.typed')}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('documentScanners.panel.status'),
      key: 'status',
      width: 110,
      render: (_: unknown, s: ScannerEntry) => (
        <Tag
          title={
            s.status.code
              ? codeText({ code: s.status.code, ...(s.status.params ? { params: s.status.params } : {}) })
              : undefined
          }
          data-testid="document-scanner-state"
          data-state={s.status.state}
        >
          {t(`documentScanners.states.${s.status.state}`)}
        </Tag>
      ),
    },
    {
      title: t('documentScanners.panel.defaults'),
      key: 'defaults',
      render: (_: unknown, s: ScannerEntry) => <DefaultsEditor scanner={s} editable={setsUpDevices} />,
    },
    {
      title: t('devices.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, s: ScannerEntry) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<ExperimentOutlined />}
            loading={working === `test:${s.id}`}
            onClick={() => void selfTest(s)()}
            data-testid="document-scanner-self-test"
          >
            {t('devices.selfTest')}
          </Button>
          {setsUpDevices && (
            <Button size="small" danger onClick={() => void remove(s)()} loading={working === `remove:${s.id}`}>
              {t('documentScanners.panel.remove')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('documentScanners.panel.title')}
      className="document-scanners"
      data-testid="document-scanners"
      extra={
        <Space size={6}>
          <Button size="small" icon={<SearchOutlined />} loading={working === 'find'} onClick={() => void find()}>
            {t('documentScanners.panel.find')}
          </Button>
          <Button size="small" icon={<WifiOutlined />} loading={working === 'discover'} onClick={() => void discover()}>
            {t('documentScanners.panel.discover')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" className="document-scanners-hint">
        {t('documentScanners.panel.hint')}
      </Typography.Paragraph>
      <AddressField
        label={t('documentScanners.panel.address')}
        placeholder={t('documentScanners.panel.addressPlaceholder')}
        addLabel={t('documentScanners.panel.add')}
        onAdd={add}
        testId="scanner"
        className="scanner-address"
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        columns={columns}
        dataSource={documentScanners}
        locale={{ emptyText: t('documentScanners.panel.none') }}
        data-testid="document-scanner-list"
      />
      {tested && (
        <Alert
          className="self-test-result"
          data-testid="document-scanner-self-test-result"
          data-ok={tested.result.ok}
          type={tested.result.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setTested(null) }}
          title={`${tested.scanner.name}${t('common.colon')}${
            tested.result.ok
              ? t('documentScanners.panel.selfTestOk', {
                  ms: tested.result.ms,
                  width: tested.result.width,
                  height: tested.result.height,
                })
              : t('documentScanners.panel.selfTestFailed')
          }`}
          description={
            tested.result.error ? (
              codeText({
                code: tested.result.error.code,
                ...(tested.result.error.params ? { params: tested.result.error.params } : {}),
              })
            ) : tested.url ? (
              <img src={tested.url} alt={t('documentScanners.panel.selfTestPage')} className="self-test-page" />
            ) : null
          }
        />
      )}
    </Card>
  );
}
