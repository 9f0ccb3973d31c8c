import { join } from 'node:path';
import { app, dialog, powerMonitor, safeStorage } from 'electron';
import { createWorkstation, type Workstation } from '../../app/services';
import { DatabaseNewerError } from '../../db/migrate';
import { defaultDataDir, moveLegacyDataDir } from '../../data-dir';
import { DataKeyError } from '../../security/data-key';
import { hostProtectors, osKeyring } from '../../security/keys';
import { serveIpc } from './ipc';
import { createElectronPrintDriver } from './printing';
import { createCupsDriver } from '../../printing/cups';
import { registerAppScheme, serveRenderer } from './protocol';
import { centralHostOf } from './policy';
import { createMainWindow, guardAllWebContents, lockDownPermissions } from './window';
import { openCitizenScreen } from './citizen-window';
import { startUpdater } from './updater';
import type { UpdateService } from '../../updates/service';
import { subsystem } from '../../logging/logger';

/** The Electron host: one instance, one locked-down window, the same services as the browser host. */
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // The data (and Chromium's profile) in the local profile, moved once from roaming AppData.
  const dataDir = defaultDataDir();
  moveLegacyDataDir(dataDir);
  app.setPath('userData', dataDir);
  registerAppScheme();
  let workstation: Workstation | null = null;
  let mainWindow: Electron.BrowserWindow | null = null;
  let updates: UpdateService | null = null;
  // Before any window exists, so every web contents is guarded from its creation.
  guardAllWebContents({
    centralHost: () => (workstation ? centralHostOf(workstation.services.sync.status().centralUrl) : null),
    refused: (refusal) => workstation?.log.warn({ subsystem: 'shell', ...refusal }, 'refused by the window guard'),
  });

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('window-all-closed', () => app.quit());
  // Devices are stopped and the database closed before the process ends.
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || !workstation) return;
    quitting = true;
    event.preventDefault();
    updates?.stop();
    void workstation.close().finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    const resourcesDir = app.isPackaged
      ? join(process.resourcesPath, 'resources')
      : join(app.getAppPath(), 'resources');
    try {
      workstation = await createWorkstation({
        dataDir,
        protectors: hostProtectors({ dataDir, env: process.env, safeStorage, keyring: await osKeyring() }),
        resourcesDir,
        simulateDevices: process.argv.includes('--simulate-devices'),
        appVersion: app.getVersion(),
        // The platform's printers everywhere; CUPS as well where it exists (Linux, macOS).
        printDrivers:
          process.platform === 'win32'
            ? [createElectronPrintDriver()]
            : [createElectronPrintDriver(), createCupsDriver()],
      });
    } catch (error) {
      const message =
        error instanceof DatabaseNewerError || error instanceof DataKeyError
          ? error.message
          : `一窗无法启动：${String(error)}`;
      dialog.showErrorBox('一窗 Yichuang', message);
      app.exit(1);
      return;
    }
    lockDownPermissions();
    serveRenderer(join(__dirname, '..', 'renderer'));
    const { sessions, sessionOf } = serveIpc(
      workstation.router,
      workstation.hub,
      workstation.log.child({ subsystem: 'ipc' }),
    );
    const ws = workstation;
    const preloadDir = join(__dirname, '..', 'preload');
    mainWindow = createMainWindow(preloadDir);
    // The citizen screen (双屏) on the display facing the citizen, its session paired with the clerk's.
    const citizen = openCitizenScreen({
      preloadDir,
      stateFile: join(app.getPath('userData'), 'citizen-screen.json'),
      mainWindow,
      attach: (mainContents, citizenContents) =>
        ws.services.citizen.attachWindow(sessionOf(mainContents), sessionOf(citizenContents)),
      log: subsystem(ws.log, 'citizen'),
    });
    ws.services.citizen.useDisplays(citizen);
    // Checks central's feed now and daily, downloads in the background, installs only at quit.
    updates = startUpdater(workstation);

    // The PC's own lock screen locks the workstation too.
    powerMonitor.on('lock-screen', () => {
      for (const session of sessions.values()) {
        if (session.userId === null) continue;
        session.locked = true;
        void ws.router.call(session, 'session.state', {}).then((state) => {
          if (state.ok) session.emit('session.changed', state.value);
        });
      }
    });
  });
}
