import { App as AntApp, Button, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../preload/contract/schemas';
import { api } from '../bridge';
import { setLocale, storedLocale } from '../i18n';
import { ChangePasswordScreen } from '../screens/ChangePasswordScreen';
import { FirstRunScreen } from '../screens/FirstRunScreen';
import { LockScreen } from '../screens/LockScreen';
import { SettingsRepairScreen } from '../screens/SettingsRepairScreen';
import { SignInScreen } from '../screens/SignInScreen';
import { Shell } from '../shell/Shell';
import { KioskScreen } from '../kiosk/KioskScreen';
import { RecoveryGate } from '../security/RecoveryGate';
import { useActivityReport } from './idle-lock';
import { SessionProvider, useSession } from './session';
import { theme } from './theme';

function Workstation() {
  const { i18n } = useTranslation();
  const { state, setState } = useSession();

  // The workstation's default language applies until this PC picks its own.
  useEffect(() => {
    if (state && !storedLocale() && i18n.language !== state.defaultLocale)
      void i18n.changeLanguage(state.defaultLocale);
  }, [state, i18n]);

  const toggleLanguage = useCallback(() => setLocale(i18n.language === 'zh-CN' ? 'en' : 'zh-CN'), [i18n]);
  const languageSwitch = <Button onClick={toggleLanguage}>{i18n.language === 'zh-CN' ? 'English' : '中文'}</Button>;

  const lock = useCallback(
    (reason: 'idle' | 'manual') =>
      void api.session.lock({ reason }).then((result) => {
        if (result.ok) setState(result.value);
      }),
    [setState],
  );
  const signOut = useCallback(
    () =>
      void api.auth.signOut({}).then((result) => {
        if (result.ok) setState(result.value);
      }),
    [setState],
  );
  const apply = useCallback((next: SessionState) => setState(next), [setState]);

  const user = state?.user ?? null;
  // Main locks an idle session itself (its minutes are the workstation's setting): the screen reports activity.
  useActivityReport(Boolean(user) && !state?.locked);

  if (!state) return <Spin size="large" fullscreen />;
  if (state.needsSetup) return <FirstRunScreen onDone={apply} languageSwitch={languageSwitch} />;
  // A missing or invalid district code, window number or hall name: the reason and the repair,
  // never the workstation on guessed values (case numbers carry the window number).
  const repair = state.settingsProblems.length > 0;
  const repairScreen = (
    <SettingsRepairScreen
      state={state}
      user={user}
      onState={apply}
      onSignOut={signOut}
      languageSwitch={languageSwitch}
    />
  );
  if (!user)
    return repair ? repairScreen : <SignInScreen state={state} onDone={apply} languageSwitch={languageSwitch} />;
  if (user.mustChangePassword) return <ChangePasswordScreen onDone={apply} onSignOut={signOut} />;
  if (repair) {
    return (
      <>
        <div aria-hidden={state.locked} inert={state.locked}>
          {repairScreen}
        </div>
        {state.locked && <LockScreen user={user} onState={apply} />}
      </>
    );
  }
  // A ticket kiosk: its one screen, full screen (no menu); staff lock or sign out from a held corner button.
  if (user.role === 'kiosk') {
    return state.locked ? (
      <LockScreen user={user} onState={apply} />
    ) : (
      <KioskScreen onLock={() => lock('manual')} onSignOut={signOut} />
    );
  }
  return (
    <>
      <RecoveryGate user={user}>
        <Shell
          user={user}
          locked={state.locked}
          onLock={() => lock('manual')}
          onSignOut={signOut}
          onToggleLanguage={toggleLanguage}
        />
      </RecoveryGate>
      {state.locked && <LockScreen user={user} onState={apply} />}
    </>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS} theme={theme} componentSize="middle">
      <AntApp>
        <SessionProvider>
          <Workstation />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
