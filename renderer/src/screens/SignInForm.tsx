import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../preload/contract/errors';
import type { SessionState } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { ErrorAlert } from './ErrorAlert';

/**
 * User name and password, and the error on screen (not a toast) so the clerk can read it; a wrong
 * password is cleared, the user name kept. The sign-in screen and the 设置有误 screen both use it.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: (state: SessionState) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    const result = await api.auth.signIn(values);
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setError(result.error);
    form.setFieldValue('password', '');
  };

  return (
    <>
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
    </>
  );
}
