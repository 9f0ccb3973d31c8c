import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { CenteredCard } from './CenteredCard';
import { NewPasswordFields } from './PasswordField';

/** Forced after an administrator set a temporary password; also reachable from the shell. */
export function ChangePasswordScreen({
  onDone,
  onSignOut,
}: {
  onDone: (state: SessionState) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string }>();
  const run = useRun();
  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    const state = await run(
      api.auth.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
      form,
    );
    if (state) onDone(state);
  };
  return (
    <CenteredCard
      title={t('changePassword.title')}
      width={460}
      extra={<Button onClick={onSignOut}>{t('shell.signOut')}</Button>}
    >
      <Alert type="warning" showIcon title={t('changePassword.mustChange')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item name="currentPassword" label={t('changePassword.current')} rules={[{ required: true }]}>
          <Input.Password autoFocus autoComplete="current-password" data-testid="current-password-input" />
        </Form.Item>
        <NewPasswordFields
          name="newPassword"
          label={t('changePassword.next')}
          confirmLabel={t('changePassword.confirm')}
        />
        <Button type="primary" htmlType="submit" block data-testid="change-password-submit">
          {t('changePassword.submit')}
        </Button>
      </Form>
    </CenteredCard>
  );
}
