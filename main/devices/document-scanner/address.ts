import { AppError } from '../../../preload/contract/errors';

/**
 * An eSCL address as a clerk types it, made the base URL every request starts from:
 * `192.168.1.20` → `http://192.168.1.20/eSCL`, `printer.local:8080` → `http://printer.local:8080/eSCL`,
 * `https://10.0.0.5/eSCL/` → `https://10.0.0.5/eSCL`. Anything else is refused (docscan_address).
 */
export function esclBaseUrl(typed: string): string {
  const text = typed.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('docscan_address');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new AppError('docscan_address');
  }
  if (url.username || url.password || url.search || url.hash) throw new AppError('docscan_address');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path === '' ? '/eSCL' : path}`;
}
