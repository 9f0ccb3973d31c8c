import { Alert, App, Button, Card, Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, WorkstationSettings } from '../../../preload/contract/schemas';
import { useSession } from '../app/session';
import { api } from '../bridge';
import { setLocale } from '../i18n';
import { useRun } from '../lib/result';
import { PrintSettingsFields } from '../printing/PrintSettingsFields';
import { CentralSettings } from '../sync/CentralSettings';
import { WindowSettingsFields } from './WindowSettingsFields';
import { DataProtectionSettings } from '../security/DataProtectionSettings';
import { RetentionPanel } from '../security/RetentionPanel';

const localeOptions = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
];

/** The window's settings (admin edits, others read), enrolment at central and this PC's language. */
export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { state, refresh } = useSession();
  const run = useRun();
  const [form] = Form.useForm<WorkstationSettings>();
  const [loaded, setLoaded] = useState(false);
  const isAdmin = state?.user?.role === 'admin';
  const isSupervisor = state?.user?.role === 'supervisor';
  const [simulationForced, setSimulationForced] = useState(false);

  useEffect(() => {
    void run(api.settings.get({})).then((value) => {
      if (value) {
        form.setFieldsValue(value);
        setLoaded(true);
      }
    });
  }, [form, run]);

  useEffect(() => {
    void api.simulation.get({}).then((r) => r.ok && setSimulationForced(r.value.forced));
  }, []);

  const save = async (values: WorkstationSettings) => {
    const citizenNotices = values.citizenNotices.map((line) => line.trim()).filter(Boolean);
    const saved = await run(api.settings.update({ ...values, citizenNotices }), form);
    if (!saved) return;
    form.setFieldsValue(saved);
    void message.success(t('common.saved'));
    await refresh();
  };

  return (
    <Card title={t('settings.title')} data-testid="settings">
      <Form.Item label={t('settings.myLanguage')} htmlFor="settings-my-language" style={{ maxWidth: 360 }}>
        <Select
          id="settings-my-language"
          value={i18n.language as Locale}
          options={localeOptions}
          onChange={(value: Locale) => setLocale(value)}
          data-testid="settings-my-language"
        />
      </Form.Item>
      {!isAdmin && <Alert type="info" showIcon title={t('settings.adminOnly')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!isAdmin || !loaded} onFinish={(values) => void save(values)}>
        <Row gutter={24}>
          <Col span={12}>
            <Divider titlePlacement="start">{t('settings.windowSection')}</Divider>
            <WindowSettingsFields />
          </Col>
          <Col span={12}>
            <Divider titlePlacement="start">{t('settings.securitySection')}</Divider>
            <Form.Item name="idleLockMinutes" label={t('settings.idleLockMinutes')} rules={[{ required: true }]}>
              <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} data-testid="settings-idle" />
            </Form.Item>
            <Form.Item
              name="retentionDays"
              label={t('security.retention.days')}
              extra={t('security.retention.daysHelp')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={30}
                max={3650}
                precision={0}
                style={{ width: '100%' }}
                data-testid="settings-retention"
              />
            </Form.Item>
            <Form.Item name="defaultLocale" label={t('settings.defaultLocale')} rules={[{ required: true }]}>
              <Select options={localeOptions} />
            </Form.Item>
            <Divider titlePlacement="start">{t('settings.devicesSection')}</Divider>
            {simulationForced ? (
              // Started with --simulate-devices: the simulator runs whatever the setting says; say so.
              <Form.Item
                label={t('settings.simulateDevices')}
                htmlFor="settings-simulate-devices"
                extra={t('settings.simulateDevicesForced')}
              >
                <Switch id="settings-simulate-devices" checked disabled data-testid="settings-simulate-devices" />
              </Form.Item>
            ) : (
              <Form.Item name="simulateDevices" label={t('settings.simulateDevices')} valuePropName="checked">
                <Switch data-testid="settings-simulate-devices" />
              </Form.Item>
            )}
            <Form.Item
              name="extraSerialPorts"
              label={t('settings.extraSerialPorts')}
              extra={t('settings.extraSerialPortsHelp')}
            >
              <Select mode="tags" open={false} suffixIcon={null} data-testid="settings-serial-ports" />
            </Form.Item>
            <Form.Item name="hotFolder" label={t('settings.hotFolder')} extra={t('settings.hotFolderHelp')}>
              <Input data-testid="settings-hot-folder" placeholder={t('settings.hotFolderPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="syncMaxServerErrors"
              label={t('settings.syncMaxServerErrors')}
              extra={t('settings.syncMaxServerErrorsHelp')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={1}
                max={50}
                precision={0}
                style={{ width: '100%' }}
                data-testid="settings-sync-max-errors"
              />
            </Form.Item>
            <Form.Item name="hallUrl" label={t('settings.hallUrl')} extra={t('settings.hallUrlHelp')}>
              <Input data-testid="settings-hall-url" placeholder={t('settings.hallUrlPlaceholder')} />
            </Form.Item>
            {/* One notice per line; the lines are kept as typed while editing and the empty ones dropped on save. */}
            <Form.Item
              name="citizenNotices"
              label={t('settings.citizenNotices')}
              extra={t('settings.citizenNoticesHelp')}
              getValueProps={(lines?: string[]) => ({ value: (lines ?? []).join('\n') })}
              normalize={(text: string) => text.split('\n')}
            >
              <Input.TextArea rows={3} data-testid="settings-citizen-notices" />
            </Form.Item>
            <Form.Item
              name="ratingDays"
              label={t('settings.ratingDays')}
              extra={t('settings.ratingDaysHelp')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={1}
                max={15}
                precision={0}
                style={{ width: '100%' }}
                data-testid="settings-rating-days"
              />
            </Form.Item>
            <Form.Item name="ratingUrlTemplate" label={t('settings.ratingUrl')} extra={t('settings.ratingUrlHelp')}>
              <Input data-testid="settings-rating-url" placeholder={t('settings.ratingUrlPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('settings.printSection')}</Divider>
        <PrintSettingsFields />
        {isAdmin && (
          <Button type="primary" htmlType="submit" data-testid="settings-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
      <Divider titlePlacement="start">{t('sync.settings.section')}</Divider>
      <CentralSettings />
      {(isAdmin || isSupervisor) && <Divider titlePlacement="start">{t('security.settings.section')}</Divider>}
      {isAdmin && <DataProtectionSettings />}
      {(isAdmin || isSupervisor) && <RetentionPanel />}
    </Card>
  );
}
