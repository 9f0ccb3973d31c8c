import { Alert, App, Button, Form, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  requiredSettings,
  type RequiredSetting,
  type SessionState,
  type SessionUser,
  type SettingsProblem,
  type WindowSettings,
} from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { CenteredCard } from './CenteredCard';
import { SignInForm } from './SignInForm';
import { WindowSettingsFields } from './WindowSettingsFields';

/** The problems as a list: the service's Chinese sentence, or its English gist. */
function ProblemList({ problems }: { problems: SettingsProblem[] }) {
  const { t, i18n } = useTranslation();
  const text = (p: SettingsProblem) =>
    i18n.language === 'zh-CN'
      ? p.message
      : `${t(`settingsRepair.fields.${p.field}`)}: ${t(`settingsRepair.kinds.${p.kind}`)}${p.kind === 'invalid' ? ` (${p.message})` : ''}`;
  return (
    <>
      <Typography.Text strong>{t('settingsRepair.problems')}</Typography.Text>
      <ul className="settings-problems" data-testid="settings-problems">
        {problems.map((p) => (
          <li key={p.field} data-testid={`settings-problem-${p.field}`}>
            {text(p)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Before anyone is signed in: an administrator signs in here to repair. */
function RepairSignIn({ onState }: { onState: (state: SessionState) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph>{t('settingsRepair.signInHint')}</Typography.Paragraph>
      <SignInForm onSignedIn={onState} />
    </>
  );
}

/** The administrator fixes district code, window number and hall name; a broken one starts empty. */
function RepairForm({
  problems,
  onState,
  signOut,
}: {
  problems: SettingsProblem[];
  onState: (state: SessionState) => void;
  signOut: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const [form] = Form.useForm<WindowSettings>();
  const [busy, setBusy] = useState(false);
  const broken = problems.map((p) => p.field).join(',');

  useEffect(() => {
    const brokenFields = new Set(broken.split(','));
    void run(api.settings.get({})).then((value) => {
      if (!value) return;
      // Only what is stored and sound is filled in: never a guess in place of a broken value.
      const sound = requiredSettings.filter((field) => !brokenFields.has(field));
      form.setFieldsValue(Object.fromEntries(sound.map((field) => [field, value[field]])));
      const first = requiredSettings.find((field) => brokenFields.has(field));
      if (first) form.focusField(first);
    });
  }, [broken, form, run]);

  const save = async (values: WindowSettings) => {
    setBusy(true);
    const change: Pick<WindowSettings, RequiredSetting> = {
      districtCode: values.districtCode,
      windowNumber: values.windowNumber,
      hallName: values.hallName,
    };
    const saved = await run(api.settings.update(change), form);
    const next = saved ? await run(api.session.state({})) : null;
    setBusy(false);
    if (!next) return;
    void message.success(t('settingsRepair.saved'));
    onState(next);
  };

  return (
    <>
      <Typography.Paragraph>{t('settingsRepair.adminHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark onFinish={(values) => void save(values)}>
        <WindowSettingsFields />
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          {signOut}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="repair-save">
            {t('settingsRepair.save')}
          </Button>
        </Space>
      </Form>
    </>
  );
}

/**
 * Shown instead of the workstation while a required setting (district code, window number, hall
 * name) is missing or invalid: the reason for everyone; the repair for an administrator; for
 * every other role "请联系管理员" and no way into intake.
 */
export function SettingsRepairScreen({
  state,
  user,
  onState,
  onSignOut,
  languageSwitch,
}: {
  state: SessionState;
  user: SessionUser | null;
  onState: (state: SessionState) => void;
  onSignOut: () => void;
  languageSwitch: ReactNode;
}) {
  const { t } = useTranslation();
  const signOut = (
    <Button onClick={onSignOut} data-testid="sign-out">
      {t('shell.signOut')}
    </Button>
  );
  return (
    <CenteredCard title={t('settingsRepair.title')} width={640} extra={languageSwitch}>
      <div data-testid="settings-repair">
        <Alert
          type="error"
          showIcon
          title={t('settingsRepair.intro')}
          description={<ProblemList problems={state.settingsProblems} />}
          style={{ marginBottom: 16 }}
        />
        {user && (
          <Typography.Paragraph data-testid="repair-user">
            {t('settingsRepair.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}
          </Typography.Paragraph>
        )}
        {!user ? (
          <RepairSignIn onState={onState} />
        ) : user.role === 'admin' ? (
          <RepairForm problems={state.settingsProblems} onState={onState} signOut={signOut} />
        ) : (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('settingsRepair.contactAdmin')}
              style={{ marginBottom: 16 }}
              data-testid="repair-contact-admin"
            />
            {signOut}
          </>
        )}
      </div>
    </CenteredCard>
  );
}
