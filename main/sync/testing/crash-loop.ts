import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const repoRoot = resolve(__dirname, '..', '..', '..');

/**
 * Bundles `sync-child.ts` into one CommonJS file under `out/testing/` (packages stay external and
 * load from node_modules, except our workspace packages, which are TypeScript and bundled in), so
 * each restart costs a Node start, not a TypeScript compile.
 */
export async function bundleSyncChild(): Promise<string> {
  const outDir = join(repoRoot, 'out', 'testing');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'sync-child.cjs');
  await build({
    entryPoints: [join(__dirname, 'sync-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [
      {
        name: 'external-packages-but-ours',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@yichuang/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export interface CrashLoopOptions {
  script: string;
  dataDir: string;
  resourcesDir: string;
  cycles: number;
  chunkSize: number;
  /** Each run is killed a random time in [minMs, maxMs] after it said it is ready. */
  minMs: number;
  maxMs: number;
  random: () => number;
  /** Between two runs (the worker is dead): e.g. the window decides another case. */
  between?: (cycle: number) => void | Promise<void>;
}

export interface CrashLoopResult {
  cycles: number;
  /** Runs killed while the worker had a backlog (in the middle of sending or uploading). */
  killedMidWork: number;
  /** Runs that ended by themselves (they must not: a crash of the worker is a failure). */
  exitedEarly: number;
  lastBacklog: number | null;
}

/** Starts the sync worker process again and again, killing it with SIGKILL at a random point. */
export async function runCrashLoop(o: CrashLoopOptions): Promise<CrashLoopResult> {
  const result: CrashLoopResult = { cycles: 0, killedMidWork: 0, exitedEarly: 0, lastBacklog: null };
  for (let cycle = 1; cycle <= o.cycles; cycle++) {
    await o.between?.(cycle);
    const child = spawn(process.execPath, [o.script, o.dataDir, o.resourcesDir, String(o.chunkSize)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let backlog: number | null = null;
    let stderr = '';
    let isReady: () => void = () => undefined;
    const ready = new Promise<void>((r) => (isReady = r));
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /"backlog":(\d+)/.exec(line);
        if (m) backlog = Number(m[1]);
        if (line.includes('"ready"')) isReady();
      }
    });
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // The kill lands at a random point after the worker is up (its start-up is ~0.3 s of Node and SQLite).
    const delay = o.minMs + o.random() * (o.maxMs - o.minMs);
    const outcome = await Promise.race([
      exited.then(() => 'exited' as const),
      ready.then(() => new Promise<'killed'>((r) => setTimeout(() => r('killed'), delay))),
      new Promise<'slow'>((r) => setTimeout(() => r('slow'), 15_000)),
    ]);
    if (outcome === 'exited') {
      result.exitedEarly++;
      throw new Error(`the sync worker exited by itself in cycle ${cycle}: ${stderr.slice(0, 2000)}`);
    }
    if (outcome === 'slow')
      throw new Error(`the sync worker did not start in 15 s (cycle ${cycle}): ${stderr.slice(0, 2000)}`);
    if (backlog !== null && backlog > 0) result.killedMidWork++;
    if (process.env.CRASH_LOOP_DEBUG)
      process.stderr.write(`cycle ${cycle}: ${Math.round(delay)} ms, backlog ${backlog}\n`);
    child.kill('SIGKILL');
    await exited;
    result.cycles = cycle;
    result.lastBacklog = backlog;
  }
  return result;
}
