import { Alert, Button, Col, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  simulatedReaderHoldsSchema,
  type SimulatedReaderHolds,
  type SimulationState,
  type Symbology,
} from '../../../preload/contract/devices';
import { api } from '../bridge';
import { useRun } from '../lib/result';

const scanSymbologies: Symbology[] = ['qr', 'code128', 'ean13', 'data_matrix', 'pdf417'];

/** Drives the simulated devices: what the reader holds, which cable is plugged, a scan, a ticket. */
export function SimulationPanel() {
  const { t } = useTranslation();
  const run = useRun();
  const [state, setState] = useState<SimulationState | null>(null);
  const [holds, setHolds] = useState<SimulatedReaderHolds>('resident_zhang');
  const [code, setCode] = useState('https://zwfw.zibo.gov.cn/yy/A20261127001');
  const [symbology, setSymbology] = useState<Symbology>('qr');
  const [ticket, setTicket] = useState({ number: 'A001', matter: '居住证办理' });

  // The reader's card seeds the choice once; a later load (the effect runs again when `run` changes)
  // must not take back what the person picked in the meantime.
  const seeded = useRef(false);
  const load = useCallback(async () => {
    const value = await run(api.simulation.get({}));
    if (value) {
      setState(value);
      if (!seeded.current) setHolds(value.readerHolds);
      seeded.current = true;
    }
  }, [run]);
  useEffect(() => void load(), [load]);

  const update = async (change: Parameters<typeof api.simulation.update>[0]) => {
    const value = await run(api.simulation.update(change));
    if (value) setState(value);
  };

  if (!state) return null;
  if (!state.enabled)
    return <Alert type="info" showIcon title={t('devices.simulation.off')} data-testid="simulation-off" />;

  return (
    <div data-testid="simulation">
      {state.forced && <Typography.Paragraph type="secondary">{t('devices.simulation.forced')}</Typography.Paragraph>}
      <Row gutter={24}>
        <Col span={12}>
          <Form layout="vertical" size="small">
            <Form.Item label={t('devices.simulation.readerHolds')}>
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  value={holds}
                  onChange={setHolds}
                  aria-label={t('devices.simulation.readerHolds')}
                  data-testid="sim-holds"
                  options={simulatedReaderHoldsSchema.options.map((value) => ({
                    value,
                    label: t(`devices.simulation.holds.${value}`),
                  }))}
                />
                <Button type="primary" onClick={() => void update({ readerHolds: holds })} data-testid="sim-place">
                  {t('devices.simulation.place')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t('devices.simulation.plugged')}>
              <Space size="large">
                {(['idcard', 'scanner', 'printer'] as const).map((role) => (
                  <span key={role} className="nowrap">
                    <Switch
                      size="small"
                      checked={state.plugged[role]}
                      onChange={(value) => void update({ plugged: { [role]: value } })}
                      aria-label={t('devices.simulation.pluggedRole', { role: t(`devices.statusBar.${role}`) })}
                      data-testid={`sim-plug-${role}`}
                    />{' '}
                    {t(`devices.statusBar.${role}`)}
                  </span>
                ))}
              </Space>
            </Form.Item>
            <Form.Item label={t('devices.simulation.scan')}>
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  value={symbology}
                  onChange={setSymbology}
                  aria-label={t('devices.simulation.symbology')}
                  style={{ width: 130 }}
                  options={scanSymbologies.map((value) => ({ value, label: value.toUpperCase() }))}
                />
                <Input
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                  placeholder={t('devices.simulation.scanCode')}
                  aria-label={t('devices.simulation.scanCode')}
                  data-testid="sim-scan-code"
                />
                <Button
                  onClick={() => void run(api.simulation.scan({ code, symbology }))}
                  disabled={!code}
                  data-testid="sim-scan"
                >
                  {t('devices.simulation.send')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t('devices.simulation.printTicket')}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={ticket.number}
                  onChange={(event) => setTicket({ ...ticket, number: event.target.value })}
                  style={{ width: 90 }}
                  aria-label={t('devices.simulation.ticketNumber')}
                  data-testid="sim-ticket-number"
                />
                <Input
                  value={ticket.matter}
                  onChange={(event) => setTicket({ ...ticket, matter: event.target.value })}
                  aria-label={t('devices.simulation.ticketMatter')}
                />
                <Button
                  onClick={() =>
                    void run(
                      api.printer.printTicket({ ...ticket, qr: `https://zwfw.zibo.gov.cn/q/${ticket.number}` }),
                    ).then((done) => done && load())
                  }
                  data-testid="sim-print-ticket"
                >
                  {t('devices.simulation.printTicket')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </Form>
        </Col>
        <Col span={12}>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('devices.simulation.printerPreview')}</Typography.Text>
            <Button size="small" onClick={() => void load()} data-testid="sim-printer-refresh">
              {t('common.refresh')}
            </Button>
            <Button size="small" onClick={() => void update({ clearPrinter: true })}>
              {t('devices.simulation.clearPrinter')}
            </Button>
          </Space>
          <pre className="printer-preview" data-testid="printer-preview">
            {state.printerPreview ?? t('devices.simulation.noPrint')}
          </pre>
        </Col>
      </Row>
    </div>
  );
}
