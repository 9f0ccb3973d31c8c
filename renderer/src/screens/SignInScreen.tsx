import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../preload/contract/errors';
import type { SessionState } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { ErrorAlert } from './ErrorAlert';
import { CenteredCard } from './CenteredCard';

/** Sign-in; the error stays on screen (not a toast) so the clerk can read it. */
export function SignInScreen({
  state,
  onDone,
  languageSwitch,
}: {
  state: SessionState;
  onDone: (state: SessionState) => void;
  languageSwitch: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    const result = await api.auth.signIn(values);
    setBusy(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    setError(result.error);
    form.setFieldValue('password', '');
  };

  return (
    <CenteredCard title={`${t('app.fullName')} · ${t('signIn.title')}`} width={460} extra={languageSwitch}>
      {state.window && (
        <Typography.Paragraph type="secondary">
          {t('signIn.window', { hall: state.window.hallName, window: state.window.windowNumber })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={error} testId="sign-in-error" />
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="username"
          label={t('signIn.username')}
          rules={[{ required: true, message: t('signIn.username') }]}
        >
          <Input autoFocus autoComplete="username" data-testid="sign-in-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.password')}
          rules={[{ required: true, message: t('signIn.password') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </CenteredCard>
  );
}
