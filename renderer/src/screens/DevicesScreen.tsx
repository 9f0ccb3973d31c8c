import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, List, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { hallShown, hallTime } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import {
  deviceRoles,
  usbIds,
  type DeviceInfo,
  type DeviceRole,
  type SelfTest,
} from '../../../preload/contract/devices';
import { deviceSetupRoles } from '../../../preload/contract/roles';
import { useSession } from '../app/session';
import { api } from '../bridge';
import { CardPanel } from '../devices/CardPanel';
import { useDevices } from '../devices/devices-context';
import { DeviceStatusTag } from '../devices/DeviceStatusTag';
import { DocumentScannersPanel } from '../devices/DocumentScannersPanel';
import { FrameDecoderPanel } from '../devices/FrameDecoderPanel';
import { NetworkPrinterForm } from '../devices/NetworkPrinterForm';
import { SelfTestSteps } from '../devices/SelfTestSteps';
import { SimulationPanel } from '../devices/SimulationPanel';
import { useRun } from '../lib/result';

/** 设备: every device with its role and status, self-tests, the card on the reader, scans, simulation, decoder. */
export function DevicesScreen() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const { devices, card, scans, refresh } = useDevices();
  const [testing, setTesting] = useState<string | null>(null);
  const [selfTest, setSelfTest] = useState<SelfTest | null>(null);
  // Which device is which is the supervisor's or the admin's to set; others see the role, unchangeable.
  const role = useSession().state?.user?.role ?? null;
  const setsUpDevices = role !== null && deviceSetupRoles.includes(role);

  const assign = async (device: DeviceInfo, role: DeviceRole) => {
    const saved = await run(api.devices.assignRole({ deviceId: device.id, role }));
    if (saved) void message.success(t('devices.roleSaved', { role: t(`devices.roles.${role}`) }));
  };

  const test = async (device: DeviceInfo) => {
    setTesting(device.id);
    const result = await run(api.devices.selfTest({ deviceId: device.id }));
    setTesting(null);
    if (result) setSelfTest(result);
  };

  const remove = async (device: DeviceInfo) => {
    const removed = await run(api.devices.removeNetworkPrinter({ deviceId: device.id }));
    if (removed) void message.success(t('devices.networkPrinter.removed', { name: device.name }));
  };

  const tested = selfTest && devices.find((d) => d.id === selfTest.deviceId);
  /** The simulator's own devices are named in the UI's language; a real one as it reports. */
  const shownName = (device: DeviceInfo) =>
    device.simulated && device.role !== 'unknown' ? t(`devices.simulatedNames.${device.role}`) : device.name;

  return (
    <Row gutter={16} data-testid="devices">
      <Col span={15}>
        <Card
          size="small"
          title={t('devices.title')}
          extra={
            <Button
              size="small"
              icon={<ReloadOutlined />}
              onClick={() => void run(api.devices.refresh({})).then(() => refresh())}
            >
              {t('devices.refresh')}
            </Button>
          }
        >
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={devices}
            locale={{ emptyText: t('devices.none') }}
            data-testid="device-table"
            onRow={(device) => ({ 'data-device': device.id }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('devices.name'),
                render: (_: unknown, device: DeviceInfo) => (
                  <Space direction="vertical" size={0}>
                    <span>
                      <Typography.Text strong className="device-name">
                        {shownName(device)}
                      </Typography.Text>
                      {device.simulated && (
                        <Tag color="purple" icon={<ExperimentOutlined />}>
                          {t('devices.simulated')}
                        </Tag>
                      )}
                    </span>
                    <Typography.Text type="secondary" className="device-path">
                      {[device.vendorId === null ? null : usbIds(device.vendorId, device.productId), device.path]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                    {device.samId && (
                      <Typography.Text type="secondary" className="device-path">
                        {t('devices.samId')} {device.samId}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('devices.role'),
                width: 136,
                render: (_: unknown, device: DeviceInfo) => (
                  <Select
                    size="small"
                    value={device.role}
                    style={{ width: 124 }}
                    disabled={device.simulated || !setsUpDevices}
                    onChange={(next: DeviceRole) => void assign(device, next)}
                    aria-label={t('devices.role')}
                    data-testid="device-role"
                    title={
                      setsUpDevices ? t(`devices.roleSources.${device.roleSource}`) : t('devices.roleBySupervisor')
                    }
                    options={deviceRoles.map((role) => ({ value: role, label: t(`devices.roles.${role}`) }))}
                  />
                ),
              },
              {
                title: t('devices.transport'),
                width: 76,
                render: (_: unknown, device: DeviceInfo) => t(`devices.transports.${device.transport}`),
              },
              {
                title: t('devices.status'),
                width: 170,
                render: (_: unknown, device: DeviceInfo) => <DeviceStatusTag status={device.status} showMessage />,
              },
              {
                title: t('devices.actions'),
                width: 72,
                render: (_: unknown, device: DeviceInfo) => (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      loading={testing === device.id}
                      disabled={!device.connected || device.role === 'unknown'}
                      onClick={() => void test(device)}
                      data-testid="device-self-test"
                    >
                      {t('devices.selfTest')}
                    </Button>
                    {setsUpDevices && device.transport === 'tcp' && (
                      <Button
                        size="small"
                        danger
                        onClick={() => void remove(device)}
                        data-testid="network-printer-remove"
                      >
                        {t('devices.networkPrinter.remove')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          {setsUpDevices && <NetworkPrinterForm />}
          {selfTest && (
            <Alert
              className="self-test-result"
              data-testid="self-test-result"
              data-ok={selfTest.ok}
              type={selfTest.ok ? 'success' : 'error'}
              showIcon
              closable={{ onClose: () => setSelfTest(null) }}
              title={`${tested ? shownName(tested) : selfTest.deviceId}${t('common.colon')}${t(selfTest.ok ? 'devices.selfTestOk' : 'devices.selfTestFailed')}`}
              description={<SelfTestSteps steps={selfTest.steps} />}
            />
          )}
        </Card>
        <DocumentScannersPanel setsUpDevices={setsUpDevices} />
        <Card size="small" className="devices-tools">
          <Tabs
            size="small"
            items={[
              { key: 'simulation', label: t('devices.simulation.title'), children: <SimulationPanel /> },
              { key: 'decoder', label: t('devices.decoder.title'), children: <FrameDecoderPanel /> },
            ]}
          />
        </Card>
      </Col>
      <Col span={9}>
        <CardPanel card={card} onReadNow={() => void run(api.idcard.readNow({}))} />
        <Card size="small" title={t('devices.scans.title')} className="scans-card">
          <List
            size="small"
            dataSource={scans}
            locale={{ emptyText: t('devices.scans.empty') }}
            data-testid="scan-list"
            renderItem={(scan) => (
              <List.Item>
                <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                  <Typography.Text className="scan-code" ellipsis={{ tooltip: scan.code }}>
                    {scan.code}
                  </Typography.Text>
                  <Typography.Text type="secondary" className="device-path">
                    {scan.symbology.toUpperCase()} · {t(`devices.scans.${scan.source}`)} ·{' '}
                    {hallShown(hallTime, scan.at)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
