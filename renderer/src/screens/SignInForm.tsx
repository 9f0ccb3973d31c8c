import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../preload/contract/errors';
import type { SessionState } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { RequiredField, UsernameField } from './CredentialFields';
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
        <UsernameField label={t('signIn.username')} testId="sign-in-username" />
        <RequiredField name="password" label={t('signIn.password')}>
          <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
        </RequiredField>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </>
  );
}
