import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceInfo } from '../../../preload/contract/devices';
import { printerKey, type PrinterInfo } from '../../../preload/contract/documents';
import type { PrinterChoice } from '../../../preload/contract/schemas';
import { api } from '../bridge';

/** Settings → 文书与打印: the printers, and what the notices say about the hall. */
export function PrintSettingsFields() {
  const { t } = useTranslation();
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  const [tickets, setTickets] = useState<DeviceInfo[]>([]);

  useEffect(() => {
    void api.printing.printers({}).then((r) => r.ok && setPrinters(r.value));
    void api.devices.list({}).then((r) => r.ok && setTickets(r.value.filter((d) => d.role === 'printer')));
  }, []);

  return (
    <Row gutter={24}>
      <Col span={12}>
        <Form.Item
          name="a4Printer"
          label={t('settings.a4Printer')}
          extra={t('settings.a4PrinterHelp')}
          getValueProps={(value: PrinterChoice | null) => ({ value: value ? printerKey(value) : '' })}
          normalize={(key: string) => {
            const found = printers.find((p) => printerKey(p) === key);
            return found ? { backend: found.backend, name: found.name } : null;
          }}
        >
          <Select
            data-testid="settings-a4-printer"
            options={[
              { value: '', label: t('settings.a4PrinterNone') },
              ...printers.map((p) => ({
                value: printerKey(p),
                label:
                  p.backend === 'browser' ? t('printing.browserPrinter') : `${p.label}（${p.backend.toUpperCase()}）`,
              })),
            ]}
          />
        </Form.Item>
        <Form.Item name="ticketPrinter" label={t('settings.ticketPrinter')} extra={t('settings.ticketPrinterHelp')}>
          <Select
            data-testid="settings-ticket-printer"
            options={[
              { value: '', label: t('settings.ticketPrinterAny') },
              ...tickets.map((d) => ({
                value: d.id,
                label: `${d.name}${d.simulated ? ` (${t('devices.simulated')})` : ''} · ${d.path}`,
              })),
            ]}
          />
        </Form.Item>
        <Form.Item name="supplementDays" label={t('settings.supplementDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="hallAddress" label={t('settings.hallAddress')}>
          <Input maxLength={100} data-testid="settings-hall-address" />
        </Form.Item>
        <Form.Item name="hallPhone" label={t('settings.hallPhone')}>
          <Input maxLength={40} data-testid="settings-hall-phone" />
        </Form.Item>
        <Form.Item
          name="progressUrlTemplate"
          label={t('settings.progressUrlTemplate')}
          extra={t('settings.progressUrlTemplateHelp')}
          rules={[{ required: true }]}
        >
          <Input maxLength={300} className="mono" data-testid="settings-progress-url" />
        </Form.Item>
        <Form.Item name="reconsiderationBody" label={t('settings.reconsiderationBody')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
      </Col>
    </Row>
  );
}
