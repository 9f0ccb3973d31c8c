import { isIPv4, isIPv6 } from 'node:net';
import { AppError } from '../../../preload/contract/errors';
import { hostPort } from '../transport/tcp';

/** A network ticket printer's raw port: where to connect, and the address as it is shown and kept. */
export interface NetworkPrinterAddress {
  host: string;
  port: number;
  /** `host:port`, IPv6 in brackets: the printer's id is `tcp:` and this. */
  address: string;
}

export const rawPrintPort = 9100;

function invalid(): never {
  throw new AppError('printer_address_invalid').withFields({
    address: '打印机地址格式不对：例如 192.168.1.50 或 192.168.1.50:9100',
  });
}

/** A host name as DNS allows it: dot-separated labels of letters, digits and inner hyphens. */
function isHostName(host: string): boolean {
  if (host.length > 253 || /^[\d.]+$/.test(host)) return false;
  return host.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}

/** Addresses that are not one machine: unspecified, broadcast, multicast (and IPv4's reserved 240/4). */
function isUnicast(host: string): boolean {
  if (isIPv4(host)) {
    const first = Number(host.split('.')[0]);
    return host !== '0.0.0.0' && first < 224;
  }
  if (isIPv6(host)) return !/^ff/i.test(host) && !/^[0:]+$/.test(host);
  return true;
}

/**
 * A printer address as a clerk types it: `192.168.1.50`, `192.168.1.50:9101`, `pos-printer.local`,
 * `[fe80::1]:9100`, or CUPS's `socket://192.168.1.50:9100`. The port defaults to 9100 (raw printing).
 * Anything else is refused with a message that shows the right form.
 */
export function parsePrinterAddress(typed: string): NetworkPrinterAddress {
  const text = typed
    .trim()
    .replace(/^(socket|tcp):\/\//i, '')
    .replace(/\/$/, '');
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
    if (!isIPv6(host)) invalid();
  } else if (isIPv6(text)) {
    host = text;
  } else {
    const parts = /^([^:]+)(?::(\d+))?$/.exec(text);
    if (!parts) invalid();
    host = parts[1]!.toLowerCase();
    portText = parts[2];
    if (!isIPv4(host) && !isHostName(host)) invalid();
  }
  const port = portText === undefined ? rawPrintPort : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) invalid();
  const address = hostPort(host, port);
  if (!isUnicast(host)) throw new AppError('printer_address_not_unicast', { address });
  return { host, port, address };
}
