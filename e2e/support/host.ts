import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { privateSaneConfig } from '../../main/devices/document-scanner/testing/sane-config';

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Moves the host's clock ahead (only a host started with `--clock-start` and YICHUANG_E2E=1). */
  advanceClock(ms: number): Promise<void>;
  stop(): Promise<void>;
}

const root = resolve(__dirname, '..', '..');

/** The passphrase every end-to-end host's data key is wrapped with. */
export const e2ePassphrase = 'e2e-passphrase-2026';

export interface HostOptions {
  /** Added to the host process's environment (`TZ: 'UTC'`: the PC's zone; `YICHUANG_E2E: '1'`). */
  env?: Readonly<Record<string, string>>;
}

/** Starts the built browser host on a free port with a fresh data directory; waits for its ready line. */
export async function startHost(args: readonly string[] = [], options: HostOptions = {}): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-e2e-'));
  // The host's SANE route sees only SANE's virtual test scanner: the system's backends list probes the network.
  const sane = privateSaneConfig({ test: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'out/main/browser-host.js'), '--data-dir', dataDir, '--port', '0', ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      // The data is encrypted at rest: the passphrase path, as on a PC with no OS keyring.
      env: { ...process.env, YICHUANG_PASSPHRASE: e2ePassphrase, SANE_CONFIG_DIR: sane.dir, ...options.env },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not get ready in 20 s\n${stderr}`)), 20_000);
    lines.on('line', (line) => {
      const match = /^Yichuang ready at (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}\n${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    dataDir,
    advanceClock: (ms) =>
      new Promise<void>((done, reject) => {
        const timer = setTimeout(() => reject(new Error(`the host's clock did not move\n${stderr}`)), 5_000);
        const onLine = (line: string) => {
          if (!line.startsWith('clock at ')) return;
          clearTimeout(timer);
          lines.off('line', onLine);
          done();
        };
        lines.on('line', onLine);
        child.stdin!.write(`advance-clock ${Math.round(ms)}\n`);
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
      sane.remove();
    },
  };
}
