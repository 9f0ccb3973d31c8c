import { describe, expect, it } from 'vitest';
import {
  appOrigin,
  centralHostOf,
  createSecureWindow,
  isSameOrigin,
  mayOpenExternally,
  rendererUrl,
  urlForLog,
  type ExtraWebPreferences,
} from './policy';

/** Stands in for BrowserWindow: keeps what it was given. */
class FakeWindow {
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {}
}

const locked = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
};

describe('createSecureWindow', () => {
  it('gives every window the locked-down preferences and keeps its own options', () => {
    const win = createSecureWindow(FakeWindow, { show: false, width: 800 });
    expect(win.options).toEqual({ show: false, width: 800, webPreferences: locked });
  });

  it('adds a window’s extras (preload, the PDF plugin) beside them', () => {
    const main = createSecureWindow(FakeWindow, {}, { preload: '/app/preload/index.js', spellcheck: false });
    expect(main.options.webPreferences).toEqual({ ...locked, preload: '/app/preload/index.js', spellcheck: false });
    const print = createSecureWindow(FakeWindow, { show: false }, { plugins: true });
    expect(print.options.webPreferences).toEqual({ ...locked, plugins: true });
  });

  it('cannot be weakened by extras or options smuggled past the types', () => {
    const extra = {
      plugins: true,
      contextIsolation: false,
      nodeIntegration: true,
      sandbox: false,
    } as ExtraWebPreferences;
    const options = { webPreferences: { webSecurity: false } } as Electron.BrowserWindowConstructorOptions;
    const win = createSecureWindow(FakeWindow, options, extra);
    expect(win.options.webPreferences).toEqual({ ...locked, plugins: true });
  });
});

describe('isSameOrigin', () => {
  const app = `${appOrigin}/index.html`;

  it('knows our app:// pages and origin (URL.origin is "null" for app://)', () => {
    expect(isSameOrigin('app://yichuang/index.html#/cases', app)).toBe(true);
    expect(isSameOrigin('app://yichuang', app)).toBe(true);
  });

  it('refuses other hosts, schemes, ports and userinfo tricks', () => {
    expect(isSameOrigin('app://evil/index.html', app)).toBe(false);
    expect(isSameOrigin('app://yichuang.evil/index.html', app)).toBe(false);
    expect(isSameOrigin('app://yichuang@evil/index.html', app)).toBe(false);
    expect(isSameOrigin('https://yichuang/index.html', app)).toBe(false);
    expect(isSameOrigin('file:///C:/index.html', app)).toBe(false);
    expect(isSameOrigin('file:///index.html', 'file:///other.html')).toBe(false);
    expect(isSameOrigin('javascript:alert(1)', app)).toBe(false);
    expect(isSameOrigin('not a url', app)).toBe(false);
    expect(isSameOrigin('', app)).toBe(false);
  });

  it('compares the dev server by scheme, host and port', () => {
    const dev = 'http://localhost:5173/';
    expect(isSameOrigin('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isSameOrigin('http://localhost:5174/', dev)).toBe(false);
    expect(isSameOrigin('https://localhost:5173/', dev)).toBe(false);
  });
});

describe('rendererUrl', () => {
  it('uses the dev server only when unpackaged', () => {
    expect(rendererUrl(false, 'http://localhost:5173')).toBe('http://localhost:5173/');
    expect(rendererUrl(true, 'http://localhost:5173')).toBe('app://yichuang/index.html');
  });

  it('uses app:// without a dev server or with an unusable one', () => {
    expect(rendererUrl(false, undefined)).toBe('app://yichuang/index.html');
    expect(rendererUrl(false, '')).toBe('app://yichuang/index.html');
    expect(rendererUrl(false, 'not a url')).toBe('app://yichuang/index.html');
    expect(rendererUrl(false, 'file:///tmp/index.html')).toBe('app://yichuang/index.html');
    expect(rendererUrl(false, 'javascript:alert(1)')).toBe('app://yichuang/index.html');
  });
});

describe('centralHostOf', () => {
  it('takes the host of the configured address', () => {
    expect(centralHostOf('https://central.example.gov.cn')).toBe('central.example.gov.cn');
    expect(centralHostOf('https://Central.Example.gov.cn/api/')).toBe('central.example.gov.cn');
    expect(centralHostOf('https://central.example.gov.cn:8443')).toBe('central.example.gov.cn:8443');
    expect(centralHostOf('http://127.0.0.1:8790')).toBe('127.0.0.1:8790');
  });

  it('is null when no usable address is configured', () => {
    expect(centralHostOf('')).toBeNull();
    expect(centralHostOf(null)).toBeNull();
    expect(centralHostOf(undefined)).toBeNull();
    expect(centralHostOf('central.example.gov.cn')).toBeNull();
    expect(centralHostOf('file:///etc/passwd')).toBeNull();
  });
});

describe('mayOpenExternally', () => {
  const central = 'central.example.gov.cn';

  it('opens https links on the central host', () => {
    expect(mayOpenExternally('https://central.example.gov.cn/help?page=2', central)).toBe(true);
    expect(mayOpenExternally('https://CENTRAL.example.gov.cn/', central)).toBe(true);
    expect(mayOpenExternally('https://central.example.gov.cn:443/', central)).toBe(true);
  });

  it('refuses plain http, even to the central host', () => {
    expect(mayOpenExternally('http://central.example.gov.cn/help', central)).toBe(false);
  });

  it('refuses other hosts and look-alikes', () => {
    expect(mayOpenExternally('https://evil.com/', central)).toBe(false);
    expect(mayOpenExternally('https://central.example.gov.cn.evil.com/', central)).toBe(false);
    expect(mayOpenExternally('https://evilcentral.example.gov.cn/', central)).toBe(false);
    expect(mayOpenExternally('https://www.central.example.gov.cn/', central)).toBe(false);
    expect(mayOpenExternally('https://example.gov.cn/', central)).toBe(false);
    // Cyrillic "е": the parser turns it into punycode, another host.
    expect(mayOpenExternally('https://cеntral.example.gov.cn/', central)).toBe(false);
    expect(mayOpenExternally('https://central.example.gov.cn:8443/', central)).toBe(false);
  });

  it('refuses userinfo tricks', () => {
    expect(mayOpenExternally('https://central.example.gov.cn@evil.com/', central)).toBe(false);
    expect(mayOpenExternally('https://central.example.gov.cn:443@evil.com/', central)).toBe(false);
    expect(mayOpenExternally('https://user:pass@central.example.gov.cn/', central)).toBe(false);
    expect(mayOpenExternally('https://evil.com\\@central.example.gov.cn/', central)).toBe(false);
  });

  it('refuses other schemes and malformed URLs', () => {
    expect(mayOpenExternally('javascript:alert(1)//https://central.example.gov.cn/', central)).toBe(false);
    expect(mayOpenExternally('file:///C:/Windows/System32/calc.exe', central)).toBe(false);
    expect(mayOpenExternally('file://central.example.gov.cn/share/x.exe', central)).toBe(false);
    expect(mayOpenExternally('smb://central.example.gov.cn/share', central)).toBe(false);
    expect(mayOpenExternally('data:text/html,<script>1</script>', central)).toBe(false);
    expect(mayOpenExternally('https://', central)).toBe(false);
    expect(mayOpenExternally('not a url', central)).toBe(false);
    expect(mayOpenExternally('', central)).toBe(false);
  });

  it('refuses everything when no central address is configured', () => {
    expect(mayOpenExternally('https://central.example.gov.cn/', null)).toBe(false);
    expect(mayOpenExternally('https://central.example.gov.cn/', '')).toBe(false);
  });

  it('follows the configured port', () => {
    expect(mayOpenExternally('https://central.example.gov.cn:8443/x', 'central.example.gov.cn:8443')).toBe(true);
    expect(mayOpenExternally('https://central.example.gov.cn/x', 'central.example.gov.cn:8443')).toBe(false);
  });
});

describe('urlForLog', () => {
  it('keeps the scheme and host only', () => {
    expect(urlForLog('https://evil.com/cases/370303199001011234?name=张三')).toBe('https://evil.com');
    expect(urlForLog('https://user:secret@evil.com/')).toBe('https://evil.com');
    expect(urlForLog('javascript:alert(document.cookie)')).toBe('javascript:');
    expect(urlForLog('file:///C:/Users/zhang/Desktop/身份证.pdf')).toBe('file:');
    expect(urlForLog('not a url')).toBe('(malformed)');
  });
});
