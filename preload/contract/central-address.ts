import type { ErrorCode } from './errors';

/**
 * The one rule for central's address: https, except on this PC's own loopback (127.0.0.0/8, ::1,
 * localhost), where a central for development, training or tests may run on plain http. The
 * workstation's credential and every citizen's case travel to this address: never in clear text
 * across a network. Enrolment (the form, the contract, the sync service) checks it here.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** What is wrong with `address` as central's address, as an error code; null when it is fine. */
export function centralAddressProblem(
  address: string,
): Extract<ErrorCode, 'central_address_invalid' | 'central_address_insecure'> | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return 'central_address_invalid';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'central_address_invalid';
  return isLoopbackHost(url.hostname) ? null : 'central_address_insecure';
}
