import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(__dirname, '..', '..');

export const centralAdmin = { username: 'admin', password: 'Central#2026admin' };

export interface RunningCentralServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the process (the data stays: `start()` brings the same central back on the same port). */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** `npm run central` as a process of its own, on its embedded database in a temp folder. */
export async function startCentralServer(): Promise<RunningCentralServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-e2e-central-'));
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    const proc = spawn(
      process.execPath,
      [join(root, 'central', 'dist', 'main.js'), 'serve', '--data-dir', dataDir, '--port', String(port)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CENTRAL_ADMIN_PASSWORD: centralAdmin.password, LOG_LEVEL: 'warn' },
      },
    );
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((ready, reject) => {
      const timer = setTimeout(() => reject(new Error(`central did not get ready in 30 s\n${stderr}`)), 30_000);
      createInterface({ input: proc.stdout }).on('line', (line) => {
        if (line.startsWith('Central ready at')) {
          clearTimeout(timer);
          ready();
        }
      });
      proc.once('exit', (code) => reject(new Error(`central exited with ${code}\n${stderr}`)));
    });
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((done) => proc.once('exit', done));
    proc.kill('SIGTERM');
    await exited;
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on central's sign-in page (the page must be showing it). */
export async function signInAtCentral(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
