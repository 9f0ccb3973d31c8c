import { LockOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../preload/contract/errors';
import type { SessionState, SessionUser } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { ErrorAlert } from './ErrorAlert';

/** Covers the whole window while locked: nothing of the work behind it shows; password only. */
export function LockScreen({ user, onState }: { user: SessionUser; onState: (state: SessionState) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async ({ password }: { password: string }) => {
    setBusy(true);
    const result = await api.session.unlock({ password });
    setBusy(false);
    form.setFieldValue('password', '');
    if (result.ok) {
      setError(null);
      onState(result.value);
      return;
    }
    setError(result.error);
    // A lockout during unlock signs the session out: show the sign-in screen with the reason.
    if (result.error.code === 'account_locked' || result.error.code === 'unauthenticated') {
      const state = await api.session.state({});
      if (state.ok) onState(state.value);
    }
  };

  const signOut = async () => {
    const result = await api.auth.signOut({});
    if (result.ok) onState(result.value);
  };

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" data-testid="lock-screen">
      <div className="lock-card">
        <LockOutlined style={{ fontSize: 40, color: '#1f4e8c' }} />
        <Typography.Title level={1} className="lock-title">
          {t('lock.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('lock.hint', { name: user.displayName, role: t(`roles.${user.role}`) })}
        </Typography.Paragraph>
        <ErrorAlert error={error} testId="unlock-error" />
        <Form form={form} onFinish={(values) => void unlock(values)}>
          <Form.Item name="password" rules={[{ required: true, message: t('lock.password') }]}>
            <Input.Password
              autoFocus
              placeholder={t('lock.password')}
              autoComplete="current-password"
              data-testid="unlock-password"
            />
          </Form.Item>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Button onClick={() => void signOut()}>{t('lock.switchUser')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="unlock-submit">
              {t('lock.unlock')}
            </Button>
          </Space>
        </Form>
      </div>
    </div>
  );
}
