// `npx tsx scripts/bench-sync.ts [--cases 1000] [--outage-cases 200] [--json FILE]`: sync to central over loopback.
//   sync.cases_per_s            accepted cases (3 files of 1 MB each) sent and uploaded per second, outbox to central
//   sync.mb_per_s               the same run in MB (10^6 bytes) of material per second
//   sync.raw_mb_per_s           the same bytes PUT to a plain Node HTTP server that writes them to disk, same concurrency
//   sync.ratio_vs_raw           ours / raw
//   sync.drain_after_outage_s   200 cases decided while central was down: from central's return to an empty backlog
// Central runs in a process of its own on its embedded PGlite (BENCH_DATABASE_URL=postgres://… for
// PostgreSQL); the workstation's worker runs as in the app, BENCH_CONCURRENCY items at once (4).
// BENCH_CENTRAL_PROFILE=DIR writes a CPU profile of central into DIR.
import { execFile, spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { startCentral } from '@yichuang/central/testing';
import { createSyncWindow } from '../main/sync/testing/window';
import { makeNoisePng } from '@yichuang/domain/testing/images';
import { createFakeClock } from '../main/testing/workstation';
import type { StoredFile } from '../preload/contract/materials';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const mb = (bytes: number) => bytes / 1e6;

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** PUTs files to a plain HTTP server that writes each body to disk: the floor our upload is compared with. */
async function rawUpload(paths: string[], dir: string): Promise<number> {
  let n = 0;
  const server = createServer((req, res) => {
    void pipeline(req, createWriteStream(join(dir, `raw-${n++}`))).then(() => res.end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const queue = [...paths];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        await new Promise<void>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port, method: 'PUT', path: '/raw' }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          createReadStream(path).pipe(req);
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((r) => server.close(() => r()));
  return seconds;
}

const repoRoot = join(__dirname, '..');

/** Central on PGlite, or on the PostgreSQL in BENCH_DATABASE_URL. */
function centralEnv(): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', LOG_LEVEL: 'warn' };
}

/** `npm run central -- …` for one command (the embedded database is one process's at a time). */
function centralCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'central', 'dist', 'main.js'), ...args],
      { cwd: repoRoot, env: centralEnv() },
      (error, stdout) => (error ? reject(new Error(error.message)) : resolve(stdout.trim().split(/\s+/)[0]!)),
    );
  });
}

/** Central in a process of its own, serving on a free port. */
async function centralProcess(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CENTRAL_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CENTRAL_PROFILE] : []),
      join(repoRoot, 'central', 'dist', 'main.js'),
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      '0',
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: centralEnv(),
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Central ready at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`central exited (${code}): ${out}`)));
  });
  child.stdout.resume();
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function syncBench(options: { cases: number; outageCases: number }): Promise<Record<string, number>> {
  const metrics: Record<string, number> = {};
  const work = mkdtempSync(join(tmpdir(), 'yichuang-bench-sync-'));
  try {
    // Throughput: N cases with 3 distinct 1 MB files each, all decided before the worker starts.
    // Central runs in its own process (as in a hall), on its embedded PGlite unless BENCH_DATABASE_URL is set.
    {
      const centralDir = join(work, 'central');
      const code = await centralCli(['enrolment-code', '--data-dir', centralDir]);
      const central = await centralProcess(centralDir);
      mkdirSync(join(work, 'window'));
      const w = await createSyncWindow({
        dataDir: join(work, 'window'),
        clock: createFakeClock(new Date()),
        config: { sync: { autoStart: false, concurrency } },
      });
      const s = w.t.workstation.services;
      const files: StoredFile[] = [];
      process.stderr.write(`making ${options.cases} cases with ${options.cases * 3} files of 1 MB…\n`);
      const accepted: string[] = [];
      for (let i = 0; i < options.cases; i++) {
        const three = [];
        for (let j = 0; j < 3; j++) three.push(await s.materials.put(makeNoisePng(580, 575), `scan-${i}-${j}.png`));
        files.push(...three);
        accepted.push(w.accept(three).id);
      }
      const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
      await s.sync.enrol({ centralUrl: central.url, code });
      process.stderr.write(`sending ${mb(bytes).toFixed(0)} MB…\n`);
      const started = performance.now();
      for (let pass = 0; s.sync.status().backlog > 0; pass++) {
        await s.sync.syncNow();
        if (pass > 50) throw new Error(`not drained: ${JSON.stringify(s.sync.status())}`);
      }
      const seconds = (performance.now() - started) / 1000;
      // Central said every case is complete (its feed's "submitted", applied by the window).
      await s.sync.syncNow();
      const notSubmitted = accepted.filter((id) => s.cases.get(id).state !== 'submitted');
      if (notSubmitted.length) throw new Error(`${notSubmitted.length} cases not submitted at central`);
      metrics['sync.cases_per_s'] = Math.round((options.cases / seconds) * 10) / 10;
      metrics['sync.mb_per_s'] = Math.round((mb(bytes) / seconds) * 10) / 10;

      const rawDir = join(work, 'raw');
      mkdirSync(rawDir, { recursive: true });
      // The floor sends the files as the window keeps them (sealed under keyed names: the same
      // size give or take 28 bytes each), from disk, with no decryption.
      const materialsDir = join(w.t.dataDir, 'materials');
      const paths = readdirSync(materialsDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name));
      if (paths.length !== files.length) throw new Error(`${paths.length} files on disk for ${files.length} stored`);
      const rawSeconds = await rawUpload(paths, rawDir);
      metrics['sync.raw_mb_per_s'] = Math.round((mb(bytes) / rawSeconds) * 10) / 10;
      metrics['sync.ratio_vs_raw'] = Math.round((metrics['sync.mb_per_s'] / metrics['sync.raw_mb_per_s']) * 100) / 100;
      await w.t.workstation.close();
      await central.stop();
      rmSync(centralDir, { recursive: true, force: true });
      rmSync(join(work, 'window'), { recursive: true, force: true });
      rmSync(rawDir, { recursive: true, force: true });
    }

    // Drain after an outage: the worker runs as in the app (real clock, its own loop).
    {
      const centralDir = join(work, 'central-outage');
      const first = await startCentral({ engine: 'pglite', dataDir: centralDir });
      const { port } = first;
      mkdirSync(join(work, 'window-outage'));
      const w = await createSyncWindow({
        dataDir: join(work, 'window-outage'),
        clock: { now: () => new Date(), set() {}, advance() {}, advanceMinutes() {} },
        config: { sync: { autoStart: true, concurrency, idleMs: 500 } },
      });
      const s = w.t.workstation.services;
      const { code } = await first.central.registry.createCode('bench', 'bench');
      await s.sync.enrol({ centralUrl: first.url, code });
      await first.stop();
      const scans: StoredFile[] = [];
      for (let i = 0; i < 30; i++) scans.push(await s.materials.put(makeNoisePng(180, 180 + i), `o-${i}.png`));
      for (let i = 0; i < options.outageCases; i++)
        w.accept([scans[i % 30]!, scans[(i + 1) % 30]!, scans[(i + 2) % 30]!]);
      // Let the worker meet the outage: every item fails and waits out its backoff.
      await new Promise((r) => setTimeout(r, 3000));
      const before = s.sync.status();
      if (before.online || before.backlog === 0)
        throw new Error(`expected an offline backlog: ${JSON.stringify(before)}`);
      const back = await startCentral({ engine: 'pglite', dataDir: centralDir, port });
      const started = performance.now();
      await until(() => s.sync.status().backlog === 0, 300_000, 'the backlog to drain');
      metrics['sync.drain_after_outage_s'] = Math.round((performance.now() - started) / 100) / 10;
      const submitted = await back.central.cases.queue(['submitted'], options.outageCases + 10);
      if (submitted.length !== options.outageCases)
        throw new Error(`central has ${submitted.length} of ${options.outageCases}`);
      await w.t.workstation.close();
      await back.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return metrics;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000' },
      'outage-cases': { type: 'string', default: '200' },
      json: { type: 'string' },
    },
  });
  syncBench({ cases: Number(values.cases), outageCases: Number(values['outage-cases']) }).then(
    (metrics) => {
      for (const [name, value] of Object.entries(metrics)) console.log(`${name.padEnd(30)} ${value}`);
      if (values.json) writeFileSync(values.json, JSON.stringify(metrics, null, 2));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
