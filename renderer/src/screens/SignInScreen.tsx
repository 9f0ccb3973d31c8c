import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../preload/contract/schemas';
import { CenteredCard } from './CenteredCard';
import { SignInForm } from './SignInForm';

/** Sign-in, with the window this workstation is. */
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

  return (
    <CenteredCard title={`${t('app.fullName')} · ${t('signIn.title')}`} width={460} extra={languageSwitch}>
      {state.window && (
        <Typography.Paragraph type="secondary">
          {t('signIn.window', { hall: state.window.hallName, window: state.window.windowNumber })}
        </Typography.Paragraph>
      )}
      <SignInForm onSignedIn={onDone} />
    </CenteredCard>
  );
}
