import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { Workstation } from '../../app/services';
import { subsystem } from '../../logging/logger';
import { createUpdateService, type UpdateService } from '../../updates/service';

/**
 * Updates for the installed app: electron-updater's updater for this installation (NSIS on
 * Windows; on Linux the deb or AppImage one, from the `package-type` file electron-builder
 * writes), pointed at the enrolled central's `/updates/` with the workstation's credential
 * (main/updates). Its requests go through Electron's network stack, which trusts the OS's
 * certificate store (the center's internal CA). Started only for a packaged app: an unpacked run
 * has nothing to update.
 *
 * The address electron-builder writes into resources/app-update.yml is a placeholder that is
 * never contacted; the file still matters: it names the updater's cache folder and, for a signed
 * Windows build, the publisher whose signature every downloaded installer must carry.
 */
export function startUpdater(workstation: Workstation): UpdateService | null {
  if (!app.isPackaged) return null;
  const log = subsystem(workstation.log, 'updates');
  const updates = createUpdateService({
    updater: autoUpdater,
    appVersion: app.getVersion(),
    access: () => workstation.services.sync.centralAccess(),
    log,
    onChange: (status) => log.debug({ status }, 'update status'),
  });
  updates.start();
  return updates;
}
