import { Alert, Button, Col, Divider, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { WindowSettingsFields } from './WindowSettingsFields';
import { CenteredCard } from './CenteredCard';
import { RequiredField, UsernameField } from './CredentialFields';
import { NewPasswordFields } from './PasswordField';

interface FirstRunValues {
  username: string;
  displayName: string;
  password: string;
  districtCode: string;
  windowNumber: number;
  hallName: string;
}

/** First start: create the administrator (no default password) and set the window. */
export function FirstRunScreen({
  onDone,
  languageSwitch,
}: {
  onDone: (state: SessionState) => void;
  languageSwitch: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FirstRunValues>();
  const run = useRun();
  const [busy, setBusy] = useState(false);

  const submit = async (values: FirstRunValues) => {
    setBusy(true);
    const state = await run(
      api.setup.initialize({
        admin: { username: values.username, displayName: values.displayName, password: values.password },
        window: { districtCode: values.districtCode, windowNumber: values.windowNumber, hallName: values.hallName },
      }),
      form,
    );
    setBusy(false);
    if (state) onDone(state);
  };

  return (
    <CenteredCard title={t('firstRun.title')} width={720} extra={languageSwitch}>
      <Alert type="info" showIcon title={t('firstRun.intro')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        requiredMark
        onFinish={(values) => void submit(values)}
        // District and hall are shared by every window of the hall; the window number is not
        // guessed, since two windows with the same number would issue the same case numbers.
        initialValues={{ districtCode: '370303', hallName: '张店区市民中心' }}
      >
        <Row gutter={24}>
          <Col span={12}>
            <Divider titlePlacement="start">{t('firstRun.adminSection')}</Divider>
            <UsernameField label={t('firstRun.username')} testId="setup-username" />
            <RequiredField name="displayName" label={t('firstRun.displayName')}>
              <Input data-testid="setup-display-name" />
            </RequiredField>
            <NewPasswordFields
              name="password"
              label={t('firstRun.password')}
              confirmLabel={t('firstRun.confirmPassword')}
            />
          </Col>
          <Col span={12}>
            <Divider titlePlacement="start">{t('firstRun.windowSection')}</Divider>
            <WindowSettingsFields />
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="setup-submit">
          {t('firstRun.submit')}
        </Button>
      </Form>
    </CenteredCard>
  );
}
