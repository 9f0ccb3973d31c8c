import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  DashboardOutlined,
  FileTextOutlined,
  LockOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
  TeamOutlined,
  UsbOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeRoles } from '../../../preload/contract/roles';
import type { SessionUser } from '../../../preload/contract/schemas';
import { useShortcuts } from '../app/shortcuts';
import { api } from '../bridge';
import { CasesScreen } from '../cases/CasesScreen';
import { UnseenCount, UnseenDot } from '../cases/UnseenBadge';
import { DevicesProvider } from '../devices/devices-context';
import { HallBoardScreen } from '../hall/HallBoardScreen';
import { IntakeScreen } from '../intake/IntakeScreen';
import { useRun } from '../lib/result';
import { AuditScreen } from '../screens/AuditScreen';
import { DevicesScreen } from '../screens/DevicesScreen';
import { ReportScreen } from '../reports/ReportScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { StaffScreen } from '../screens/StaffScreen';
import { SyncProvider } from '../sync/sync-context';
import { QueueProvider } from '../queue/queue-context';
import { CitizenStatusProvider } from '../citizen/citizen-status';
import { SyncScreen } from '../sync/SyncScreen';
import { WorkbenchScreen } from '../screens/WorkbenchScreen';
import { screenKeys, screensFor, type ScreenKey } from './navigation';
import { NavigationContext, type Navigation } from './navigation-context';
import { ShortcutsHelp } from './ShortcutsHelp';
import { StatusBar } from './StatusBar';

const icons: Record<ScreenKey, ReactNode> = {
  workbench: <AppstoreOutlined />,
  hall: <DashboardOutlined />,
  cases: <FileTextOutlined />,
  devices: <UsbOutlined />,
  reports: <BarChartOutlined />,
  staff: <TeamOutlined />,
  audit: <AuditOutlined />,
  settings: <SettingOutlined />,
  sync: <CloudSyncOutlined />,
};

interface ScreenProps {
  screen: ScreenKey;
  user: SessionUser;
  caseId: string | null;
  draftId: string | null;
  onDraftOpened: () => void;
  onOpenCase: (caseId: string | null) => void;
  findRequest: number;
}

function Screen({ screen, user, caseId, draftId, onDraftOpened, onOpenCase, findRequest }: ScreenProps) {
  switch (screen) {
    case 'workbench':
      // The clerk's workbench is the intake; the admin, who takes no cases, sees the window's summary.
      return intakeRoles.includes(user.role) ? (
        <IntakeScreen openCaseId={draftId} onOpened={onDraftOpened} />
      ) : (
        <WorkbenchScreen />
      );
    case 'cases':
      return (
        <CasesScreen
          caseId={caseId}
          onOpenCase={onOpenCase}
          onBack={() => onOpenCase(null)}
          findRequest={findRequest}
        />
      );
    case 'staff':
      return <StaffScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'reports':
      return <ReportScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'hall':
      return <HallBoardScreen />;
    default:
      return screen satisfies never;
  }
}

interface ShellProps {
  user: SessionUser;
  locked: boolean;
  onLock: () => void;
  onSignOut: () => void;
  onToggleLanguage: () => void;
}

/** The signed-in frame: menu by role, the current screen, the status bar, the shortcuts. */
export function Shell({ user, locked, onLock, onSignOut, onToggleLanguage }: ShellProps) {
  const { t, i18n } = useTranslation();
  const screens = screensFor(user.role);
  const [screen, setScreen] = useState<ScreenKey>('workbench');
  const [helpOpen, setHelpOpen] = useState(false);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [draftId, setDraftId] = useState<string | null>(null);
  /** Bumped by Ctrl+F: the 办件 list focuses its search box each time. */
  const [findRequest, setFindRequest] = useState(0);
  const onDraftOpened = useCallback(() => setDraftId(null), []);
  const navigation = useMemo<Navigation>(
    () => ({
      go: setScreen,
      openCase(id) {
        setCaseId(id);
        setScreen('cases');
      },
      continueDraft(id) {
        setDraftId(id);
        setScreen('workbench');
      },
    }),
    [setScreen, setCaseId, setDraftId],
  );
  const current = screens.includes(screen) ? screen : 'workbench';
  const run = useRun();

  const bindings: Record<string, () => void> = {
    '?': () => setHelpOpen(true),
    'Ctrl+L': onLock,
    'Ctrl+Shift+E': onToggleLanguage,
  };
  // On the intake F2 is the screen's: it reads the card into the applicant or the agent.
  if (!(current === 'workbench' && intakeRoles.includes(user.role))) {
    bindings.F2 = () => void run(api.idcard.readNow({}));
  }
  if (screens.includes('cases')) {
    bindings['Ctrl+F'] = () => {
      setCaseId(null);
      setScreen('cases');
      setFindRequest((n) => n + 1);
    };
  }
  for (const key of screens) bindings[`Alt+${screenKeys[key]}`] = () => setScreen(key);
  useShortcuts(bindings, !locked);

  return (
    <NavigationContext.Provider value={navigation}>
      <DevicesProvider active={!locked}>
        <SyncProvider active={!locked}>
          <QueueProvider active={!locked}>
            <CitizenStatusProvider active={!locked && intakeRoles.includes(user.role)}>
              <Layout className="shell" aria-hidden={locked} inert={locked}>
                <Layout.Header className="shell-header">
                  <Typography.Title level={4} className="shell-title">
                    {t('app.fullName')}
                  </Typography.Title>
                  <Space>
                    <Button icon={<QuestionCircleOutlined />} onClick={() => setHelpOpen(true)}>
                      {t('shell.shortcuts')} <kbd>?</kbd>
                    </Button>
                    <Button onClick={onToggleLanguage}>{i18n.language === 'zh-CN' ? 'English' : '中文'}</Button>
                    <Button icon={<LockOutlined />} onClick={onLock} data-testid="lock-now">
                      {t('shell.lockNow')} <kbd>Ctrl+L</kbd>
                    </Button>
                    <Button icon={<LogoutOutlined />} onClick={onSignOut} data-testid="sign-out">
                      {t('shell.signOut')}
                    </Button>
                  </Space>
                </Layout.Header>
                <Layout>
                  <Layout.Sider
                    width={200}
                    collapsedWidth={56}
                    collapsed={current === 'workbench'}
                    theme="light"
                    className="shell-sider"
                  >
                    <Menu
                      mode="inline"
                      selectedKeys={[current]}
                      onClick={({ key }) => setScreen(key as ScreenKey)}
                      items={screens.map((key) => ({
                        key,
                        // Collapsed (the workbench), the count beside the label is hidden: a dot on the icon says it.
                        icon:
                          key === 'cases' && current === 'workbench' ? <UnseenDot>{icons[key]}</UnseenDot> : icons[key],
                        label: (
                          <span data-testid={`nav-${key}`}>
                            {t(`nav.${key}`)} {key === 'cases' && <UnseenCount />}{' '}
                            <kbd className="nav-key">Alt+{screenKeys[key]}</kbd>
                          </span>
                        ),
                      }))}
                    />
                  </Layout.Sider>
                  <Layout.Content className="shell-content">
                    {/* Each screen's level-one heading, its name, for screen readers (the menu shows it). */}
                    <h1 className="visually-hidden" data-testid="screen-heading">
                      {t(`nav.${current}`)}
                    </h1>
                    <Screen
                      screen={current}
                      user={user}
                      caseId={caseId}
                      draftId={draftId}
                      onDraftOpened={onDraftOpened}
                      onOpenCase={setCaseId}
                      findRequest={findRequest}
                    />
                  </Layout.Content>
                </Layout>
                <StatusBar />
                <ShortcutsHelp screens={screens} open={helpOpen} onClose={() => setHelpOpen(false)} />
              </Layout>
            </CitizenStatusProvider>
          </QueueProvider>
        </SyncProvider>
      </DevicesProvider>
    </NavigationContext.Provider>
  );
}
