import { join } from 'node:path';
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { appOrigin } from './protocol';

/** The origin the renderer is loaded from: our app:// scheme, or electron-vite's dev server. */
export function rendererOrigin(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ? new URL(dev).origin : appOrigin;
}

function isOwnOrigin(url: string): boolean {
  try {
    return new URL(url).origin === rendererOrigin();
  } catch {
    return false;
  }
}

/**
 * Deny by default: the only permission granted is the camera (document camera), and only to
 * our own origin.
 */
export function lockDownPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const cameraOnly =
      permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video');
    callback(Boolean(cameraOnly) && isOwnOrigin(details.requestingUrl));
  });
  ses.setPermissionCheckHandler(
    (_wc, permission, requestingOrigin) => permission === 'media' && isOwnOrigin(requestingOrigin),
  );
}

function lockDownNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnOrigin(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnOrigin(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation may open in the system browser; nothing opens inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    show: false,
    title: '一窗 Yichuang',
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: join(preloadDir, 'index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  lockDownNavigation(win.webContents);
  win.once('ready-to-show', () => win.show());
  const dev = process.env.ELECTRON_RENDERER_URL;
  void win.loadURL(dev ?? `${appOrigin}/index.html`);
  return win;
}

export { isOwnOrigin };
