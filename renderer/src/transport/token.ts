/** Where a tab keeps the browser host's token once it is out of the address bar. */
export const tokenStorageKey = 'yichuang.hostToken';

/**
 * The browser host's per-run token. It comes in the address the host prints (`#token=…`); the page
 * keeps it for this tab only (sessionStorage, gone when the tab closes) and takes it out of the
 * address bar, so it is not left on screen, in the history or in a screenshot. A reload (F5) finds it
 * in the tab's storage; a new address from a restarted host brings its new token.
 */
export function takeToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): string {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromAddress = params.get('token');
  if (fromAddress) {
    try {
      storage.setItem(tokenStorageKey, fromAddress);
    } catch {
      // Storage refused (a locked-down browser): this load still works; a reload asks for the address again.
    }
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromAddress;
  }
  try {
    return storage.getItem(tokenStorageKey) ?? '';
  } catch {
    return '';
  }
}
