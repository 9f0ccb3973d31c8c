import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';

/** District code, window number and hall name: set at first run, changed later in settings. */
export function WindowSettingsFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="districtCode"
        label={t('firstRun.districtCode')}
        extra={t('firstRun.districtHelp')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('firstRun.districtHelp') }]}
      >
        <Input maxLength={6} data-testid="window-district" />
      </Form.Item>
      <Form.Item name="windowNumber" label={t('firstRun.windowNumber')} rules={[{ required: true }]}>
        <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} data-testid="window-number" />
      </Form.Item>
      <Form.Item name="hallName" label={t('firstRun.hallName')} rules={[{ required: true }]}>
        <Input maxLength={60} data-testid="window-hall" />
      </Form.Item>
    </>
  );
}
