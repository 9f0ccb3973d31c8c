import type { ScannerBackendKind, ScannerRef } from '../../../preload/contract/document-scanners';
import type { ScannerBackend } from './backend';
import { discoverEsclScanners } from './escl/discovery';
import { createEsclBackend } from './escl/backend';
import { createSaneBackend } from './sane/backend';
import { createWiaBackend } from './wia/backend';

function defaultKinds(platform: NodeJS.Platform): ScannerBackendKind[] {
  if (platform === 'linux') return ['escl', 'sane'];
  if (platform === 'win32') return ['escl', 'wia'];
  return ['escl'];
}

export interface ScannerRoutes {
  backends: ScannerBackend[];
  /** One mDNS look for network scanners (the clerk's 查找网络扫描仪), or none. */
  discover: ((signal: AbortSignal) => Promise<ScannerRef[]>) | null;
  close(): void;
}

/**
 * The routes to document scanners on this platform: SANE on Linux (UOS, Kylin), WIA on Windows,
 * eSCL everywhere. eSCL lists nothing by itself: its scanners are typed by the clerk or found by
 * `discover`, which sends mDNS only when asked. `env` reaches `scanimage` (tests give a private
 * SANE_CONFIG_DIR so no SANE backend probes the network).
 */
export function platformScannerRoutes(
  options: {
    /** Default: eSCL, plus SANE on Linux or WIA on Windows. */
    kinds?: readonly ScannerBackendKind[];
    env?: NodeJS.ProcessEnv;
    discovery?: boolean;
  } = {},
): ScannerRoutes {
  const kinds = options.kinds ?? defaultKinds(process.platform);
  const escl = createEsclBackend({ addresses: () => [] });
  const backends: ScannerBackend[] = kinds.includes('escl') ? [escl] : [];
  if (kinds.includes('sane')) backends.push(createSaneBackend(options.env ? { env: options.env } : {}));
  if (kinds.includes('wia')) backends.push(createWiaBackend());
  return {
    backends,
    discover: options.discovery === false ? null : (signal) => discoverEsclScanners({}, signal),
    close: () => escl.close(),
  };
}
