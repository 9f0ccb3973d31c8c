/**
 * The Electron host's security rules as plain functions: which origin is ours, which URL may leave
 * for the system browser, which renderer URL to load, how every window is made. No `electron` import
 * here (only its global types), so the rules are unit-tested without the binary.
 */

/** The renderer is served from app://yichuang/, a standard secure origin of our own (not file://). */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://yichuang`;

/** What a window may add to the fixed preferences; nothing here can weaken them. */
export type ExtraWebPreferences = Pick<Electron.WebPreferences, 'preload' | 'plugins' | 'spellcheck'>;
export type WindowOptions = Omit<Electron.BrowserWindowConstructorOptions, 'webPreferences'>;
export type WindowClass<W> = new (options: Electron.BrowserWindowConstructorOptions) => W;

/**
 * The one way a window is made (the main window, the hidden print window, any later one). The
 * preferences are written out inside `new BrowserWindow(…)` because Electronegativity reads that
 * call's literal and cannot follow a helper's return value; they come after `extra`, so they win.
 */
export function createSecureWindow<W>(
  BrowserWindow: WindowClass<W>,
  options: WindowOptions,
  extra: ExtraWebPreferences = {},
): W {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...extra,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    },
  });
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is on the same origin as `base`. Compared by scheme and host rather than
 * `URL.origin`, which is "null" for app:// (not a scheme the WHATWG parser knows as special).
 */
export function isSameOrigin(url: string, base: string): boolean {
  const a = parse(url);
  const b = parse(base);
  return a !== null && b !== null && a.host !== '' && a.protocol === b.protocol && a.host === b.host;
}

/**
 * The renderer to load: electron-vite's dev server only in an unpackaged run (the variable is
 * ignored in an installed app, where anyone could set it), otherwise our app:// origin.
 */
export function rendererUrl(isPackaged: boolean, devUrl: string | undefined): string {
  if (!isPackaged && devUrl) {
    const dev = parse(devUrl);
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:')) return dev.href;
  }
  return `${appOrigin}/index.html`;
}

/** The host (with a non-default port) of the configured central address; null when none is set. */
export function centralHostOf(centralUrl: string | null | undefined): string | null {
  const url = parse(centralUrl ?? '');
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.host === '') return null;
  return url.host;
}

/** Only https links to the configured central host go to the system browser; nothing when none is set. */
export function mayOpenExternally(url: string, centralHost: string | null): boolean {
  if (!centralHost) return false;
  const target = parse(url);
  if (!target || target.protocol !== 'https:') return false;
  // Credentials in a link are a phishing device (https://central@evil…), never ours.
  if (target.username !== '' || target.password !== '') return false;
  return target.host === centralHost.toLowerCase();
}

/** Scheme and host only: paths and queries can carry case numbers or ID numbers. */
export function urlForLog(url: string): string {
  const parsed = parse(url);
  if (!parsed) return '(malformed)';
  return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
}
