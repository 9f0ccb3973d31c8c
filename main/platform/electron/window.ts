import { join } from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { createSecureWindow, isSameOrigin, mayOpenExternally, rendererUrl, urlForLog } from './policy';

/** The renderer's URL: our app:// origin, or electron-vite's dev server in an unpackaged run. */
export function rendererEntry(): string {
  return rendererUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
}

export function isOwnOrigin(url: string): boolean {
  return isSameOrigin(url, rendererEntry());
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

export interface Refusal {
  what: 'navigation' | 'redirect' | 'new-window' | 'webview' | 'external-open-failed';
  /** Scheme and host only. */
  target?: string;
}

export interface GuardOptions {
  /** Host of the configured central address (null when none): the only place links may open. */
  centralHost(): string | null;
  refused(refusal: Refusal): void;
}

/**
 * One guard for every web contents ever created (the main window, the print window, a PDF viewer,
 * anything later): no navigation or redirect away from our origin, no webviews, no new windows.
 * A window.open to the central host goes to the system browser instead.
 */
export function guardAllWebContents(options: GuardOptions): void {
  function centralHost(): string | null {
    try {
      return options.centralHost();
    } catch {
      return null;
    }
  }

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (details) => {
      if (isOwnOrigin(details.url)) return;
      details.preventDefault();
      options.refused({ what: 'navigation', target: urlForLog(details.url) });
    });
    contents.on('will-redirect', (details) => {
      if (isOwnOrigin(details.url)) return;
      details.preventDefault();
      options.refused({ what: 'redirect', target: urlForLog(details.url) });
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      options.refused({ what: 'webview' });
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (mayOpenExternally(url, centralHost())) {
        void shell
          .openExternal(url)
          .catch(() => options.refused({ what: 'external-open-failed', target: urlForLog(url) }));
      } else {
        options.refused({ what: 'new-window', target: urlForLog(url) });
      }
      return { action: 'deny' };
    });
  });
}

export function createMainWindow(preloadDir: string): BrowserWindow {
  const win = createSecureWindow(
    BrowserWindow,
    {
      width: 1366,
      height: 768,
      minWidth: 1280,
      minHeight: 720,
      show: false,
      title: '一窗 Yichuang',
      backgroundColor: '#f5f5f5',
    },
    { preload: join(preloadDir, 'index.js'), spellcheck: false },
  );
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererEntry());
  return win;
}
