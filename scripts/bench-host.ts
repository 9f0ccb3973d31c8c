// A workstation on a fresh data folder behind the real browser host, as the benchmarks that go
// through the transport need it (bench-ipc.ts, bench-citizen.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createWorkstation, type Workstation } from '../main/app/services';
import { startBrowserHost, type BrowserHost } from '../main/browser-host/server';
import { benchProtectors } from './bench-keys';

const root = resolve(__dirname, '..');

export interface BenchHost {
  workstation: Workstation;
  host: BrowserHost;
  /** The WebSocket address with the host's token. */
  url: string;
  dispose(): Promise<void>;
}

export async function startBenchHost(): Promise<BenchHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-bench-'));
  const workstation = await createWorkstation({
    dataDir,
    protectors: benchProtectors(dataDir),
    resourcesDir: join(root, 'resources'),
    logToFiles: false,
    logLevel: 'silent',
    sync: { autoStart: false },
  });
  const host = await startBrowserHost({ workstation, rendererDir: join(root, 'out/renderer'), port: 0 });
  return {
    workstation,
    host,
    url: `ws://127.0.0.1:${host.port}/ws?token=${host.token}`,
    async dispose() {
      await host.close();
      await workstation.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
