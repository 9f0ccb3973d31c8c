import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { contentSecurityPolicy } from '../../browser-host/static';
import { appScheme } from './policy';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves files from the built renderer folder only, each with the strict CSP. */
export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy("'self'");
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'yichuang') return new Response('未找到', { status: 404 });
    let relative: string;
    try {
      relative = normalize(url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname));
    } catch {
      return new Response('地址格式错误', { status: 400 });
    }
    const file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep)) return new Response('未找到', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
