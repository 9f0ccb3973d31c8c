import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Central as it is deployed: built to plain JavaScript and started with node, no TypeScript loader.
// The bundle goes under out/ so its dependencies resolve from the repository's node_modules, as they
// would from `npm install --omit=dev` beside it on a server.
const repo = resolve(__dirname, '..');
const outDir = join(repo, 'out', 'central-build-test');

beforeAll(() => {
  execFileSync(process.execPath, [join(__dirname, 'build.mjs'), '--outdir', outDir], { stdio: 'pipe' });
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Starts the built central on a free port; its address and what it printed up to "ready". */
async function startBuilt(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ proc: ChildProcess; address: string; lines: string[] }> {
  const proc = spawn(process.execPath, [join(outDir, 'main.js'), 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: tmpdir(),
    env: { ...process.env, DATABASE_URL: '', CENTRAL_ADMIN_PASSWORD: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const address = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error('central did not start in 45 s')), 45_000);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      lines.push(line);
      const match = /^Central ready at (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        // The lines printed right after "ready" (the feed, the setup page) come in the same chunk.
        setTimeout(() => ready(match[1]!), 200);
      }
    });
    proc.once('exit', (code) => fail(new Error(`central exited with ${code}`)));
  });
  return { proc, address, lines };
}

describe('the built central', () => {
  it('holds the bundle, its migrations, the seed and a package.json of runtime dependencies only', () => {
    for (const file of ['main.js', 'migrations/meta/_journal.json', 'seed/catalog.json', 'seed/holidays.json']) {
      expect(existsSync(join(outDir, file)), file).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies?: unknown;
    };
    expect(pkg.dependencies.fastify).toBeTruthy();
    expect(pkg.devDependencies).toBeUndefined();
    // The domain package is compiled in, not loaded: no TypeScript is left to import at run time.
    expect(readFileSync(join(outDir, 'main.js'), 'utf8')).not.toMatch(/require\("@yichuang\//);
  });

  it('prints its usage with --help', () => {
    const text = execFileSync(process.execPath, [join(outDir, 'main.js'), '--help'], { encoding: 'utf8' });
    expect(text).toContain('enrolment-code');
    expect(text).toContain('DATABASE_URL');
  });

  it('serves from its own folder: migrations applied, the API answers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-central-built-'));
    let child: ChildProcess | null = null;
    try {
      const started = await startBuilt(dataDir, { CENTRAL_ADMIN_PASSWORD: 'built-test-9!Pw' });
      child = started.proc;
      const { proc, address } = started;
      // The password from the environment is never printed.
      expect(started.lines.join('\n')).not.toContain('built-test-9!Pw');
      const openapi = (await (await fetch(`${address}/openapi.json`)).json()) as { openapi: string };
      expect(openapi.openapi).toMatch(/^3\./);
      // The API is up and guarded: the catalog wants a workstation's credential.
      expect((await fetch(`${address}/api/v1/catalog?after=0`)).status).toBe(401);
      const exited = new Promise((done) => proc.once('exit', done));
      proc.kill('SIGTERM');
      await exited;
      // A command of the same build on the same (embedded) database, once the server has let go of it.
      const code = execFileSync(process.execPath, [join(outDir, 'main.js'), 'enrolment-code', '--data-dir', dataDir], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' },
      });
      expect(code).toMatch(/valid until/);
    } finally {
      child?.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('first start without CENTRAL_ADMIN_PASSWORD: prints the setup page and the token file, never the token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-central-built-'));
    let child: ChildProcess | null = null;
    try {
      const started = await startBuilt(dataDir, {});
      child = started.proc;
      const file = join(dataDir, 'setup-token');
      const said = started.lines.join('\n');
      expect(said).toContain(`${started.address}/approver/setup`);
      expect(said).toContain(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const token = readFileSync(file, 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(said).not.toContain(token);
      expect(said).not.toMatch(/password/i);
      expect((await fetch(`${started.address}/approver/setup`)).status).toBe(200);
    } finally {
      child?.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
