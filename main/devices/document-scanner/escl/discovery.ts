import makeMdns from 'multicast-dns';
import type { ScannerRef } from '../../../../preload/contract/document-scanners';
import { esclScannerRef } from './backend';

/**
 * Finds eSCL scanners the way AirScan clients do: an mDNS browse for `_uscan._tcp` (and
 * `_uscans._tcp`), then each instance's SRV (host, port), TXT (rs = path, ty = name, UUID) and the
 * host's A record, collected for a few seconds. IPv4 only: an IPv6 link-local address needs a zone
 * the URL cannot carry portably.
 */

/** What discovery needs of a multicast-dns instance (a test passes a fake; it never opens a socket). */
export interface MdnsLike {
  on(event: 'response' | 'error', listener: (value: unknown) => void): unknown;
  query(query: { questions: { name: string; type: 'PTR' | 'SRV' | 'TXT' | 'A' }[] }): void;
  destroy(): void;
}

export interface EsclDiscoveryOptions {
  /** Makes the mdns instance; the default opens multicast-dns on all interfaces. */
  mdns?: () => MdnsLike;
  /** How long answers are collected. */
  windowMs?: number;
}

const services = { '_uscan._tcp.local': 'http', '_uscans._tcp.local': 'https' } as const;
type Service = keyof typeof services;

interface DnsRecord {
  name: string;
  type: string;
  data: unknown;
}

function records(packet: unknown): DnsRecord[] {
  if (typeof packet !== 'object' || packet === null) return [];
  const { answers, additionals } = packet as { answers?: unknown; additionals?: unknown };
  return [answers, additionals]
    .flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []))
    .filter(
      (r): r is DnsRecord =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as DnsRecord).name === 'string' &&
        typeof (r as DnsRecord).type === 'string',
    );
}

/** TXT strings as a map with lower-case keys ("UUID" and "uuid" both appear in the wild). */
function txtEntries(data: unknown): Record<string, string> {
  const parts = Array.isArray(data) ? (data as unknown[]) : [data];
  const entries: Record<string, string> = {};
  for (const part of parts) {
    const text = Buffer.isBuffer(part) ? part.toString('utf8') : typeof part === 'string' ? part : null;
    if (!text) continue;
    const eq = text.indexOf('=');
    const key = (eq < 0 ? text : text.slice(0, eq)).toLowerCase();
    if (key && !Object.hasOwn(entries, key)) entries[key] = eq < 0 ? '' : text.slice(eq + 1);
  }
  return entries;
}

/** Browses for eSCL scanners for `windowMs` (3 s) and returns what answered; never rejects except on abort. */
export function discoverEsclScanners(options: EsclDiscoveryOptions = {}, signal?: AbortSignal): Promise<ScannerRef[]> {
  const windowMs = options.windowMs ?? 3_000;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const mdns = (options.mdns ?? (() => makeMdns()))();
    const instances = new Map<string, { name: string; service: Service }>();
    const srv = new Map<string, { port: number; target: string }>();
    const txt = new Map<string, Record<string, string>>();
    const hosts = new Map<string, string>();
    const asked = new Set<string>();

    const ask = (name: string, type: 'SRV' | 'TXT' | 'A') => {
      if (asked.has(`${type} ${name}`)) return;
      asked.add(`${type} ${name}`);
      mdns.query({ questions: [{ name, type }] });
    };
    const browse = () =>
      mdns.query({ questions: Object.keys(services).map((name) => ({ name, type: 'PTR' as const })) });

    mdns.on('error', () => {
      // No multicast on this network (or no interface): what was found so far is the answer.
    });
    mdns.on('response', (packet) => {
      for (const r of records(packet)) {
        const name = r.name.toLowerCase();
        if (r.type === 'PTR' && Object.hasOwn(services, name) && typeof r.data === 'string') {
          instances.set(r.data.toLowerCase(), { name: r.data, service: name as Service });
        } else if (r.type === 'SRV' && typeof r.data === 'object' && r.data !== null) {
          const { port, target } = r.data as { port?: unknown; target?: unknown };
          if (typeof port === 'number' && port > 0 && port < 65536 && typeof target === 'string')
            srv.set(name, { port, target: target.toLowerCase() });
        } else if (r.type === 'TXT') {
          txt.set(name, txtEntries(r.data));
        } else if (r.type === 'A' && typeof r.data === 'string' && /^\d{1,3}(\.\d{1,3}){3}$/.test(r.data)) {
          if (!hosts.has(name)) hosts.set(name, r.data);
        }
      }
      // Devices that answer a browse with the PTR alone are asked for the rest.
      for (const [key, instance] of instances) {
        if (!srv.has(key)) ask(instance.name, 'SRV');
        if (!txt.has(key)) ask(instance.name, 'TXT');
        const target = srv.get(key)?.target;
        if (target && !hosts.has(target)) ask(target, 'A');
      }
    });

    // mDNS is UDP: a second browse catches devices that missed the first.
    browse();
    const again = setTimeout(browse, Math.floor(windowMs / 3));
    const finish = () => {
      clearTimeout(again);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      try {
        mdns.destroy();
      } catch {
        // Already closed after a socket error.
      }
    };
    const timer = setTimeout(() => {
      finish();
      resolve(scannerRefs(instances, srv, txt, hosts));
    }, windowMs);
    const onAbort = () => {
      finish();
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function scannerRefs(
  instances: Map<string, { name: string; service: Service }>,
  srv: Map<string, { port: number; target: string }>,
  txt: Map<string, Record<string, string>>,
  hosts: Map<string, string>,
): ScannerRef[] {
  const found = new Map<string, { ref: ScannerRef; secure: boolean }>();
  for (const [key, instance] of instances) {
    const service = srv.get(key);
    const ip = service && hosts.get(service.target);
    if (!service || !ip) continue;
    const entries = txt.get(key) ?? {};
    const scheme = services[instance.service];
    const secure = scheme === 'https';
    const path = (entries.rs ?? '').replace(/^\/+|\/+$/g, '') || 'eSCL';
    const defaultPort = secure ? 443 : 80;
    const base = `${scheme}://${ip}${service.port === defaultPort ? '' : `:${service.port}`}/${path}`;
    const label = instance.name.slice(0, instance.name.length - instance.service.length - 1);
    const ref = esclScannerRef(base, entries.ty || label);
    // One device announces itself over both services (and sometimes on several addresses): keep one,
    // over plain HTTP, since its HTTPS certificate is self-signed and would not be trusted.
    const identity = entries.uuid?.toLowerCase() || `${ip}:${label}`;
    const seen = found.get(identity);
    if (!seen || (seen.secure && !secure)) found.set(identity, { ref, secure });
  }
  return [...found.values()].map((f) => f.ref).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
