// `npm run bench [-- --json FILE]`: every benchmark, printed as a table; with --json also written
// as { "metric.name": number }. Run on an otherwise idle machine and compare with the last table.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { casesBench } from './bench-cases';
import { ipcBench } from './bench-ipc';
import { documentsBench } from './bench-documents';
import { reportBench } from './bench-report';
import { syncBench } from './bench-sync';
import { idcardCycle, idcardDecode } from './bench-idcard';
import { benchPassphrase } from './bench-keys';
import { scanBench } from './bench-scan';
import { queueBench } from './bench-queue';
import { citizenBench } from './bench-citizen';
import { passphraseVariable } from '../main/security/keys';

const root = resolve(__dirname, '..');
const metrics: Record<string, number> = {};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A cold `node` process until the browser host prints its ready line: migrations on an empty database included. */
async function servicesStart(): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-bench-'));
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [join(root, 'out/main/browser-host.js'), '--data-dir', dataDir, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, [passphraseVariable]: benchPassphrase },
      },
    );
    await new Promise<void>((ok, fail) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('Yichuang ready at ')) ok();
      });
      child.once('exit', (code) => fail(new Error(`browser host exited with ${code}`)));
    });
    runs.push(performance.now() - started);
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  runs.sort((a, b) => a - b);
  metrics['services.start_ms'] = Math.round(percentile(runs, 50));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'string' }, cases: { type: 'string' }, 'sync-cases': { type: 'string' } },
  });
  // 1,000,000 cases take a few minutes to seed; `--cases 100000` for a quick look.
  const caseCount = Number(values.cases ?? 1_000_000);
  Object.assign(metrics, await ipcBench(percentile));
  await servicesStart();
  Object.assign(metrics, idcardDecode(percentile));
  Object.assign(metrics, await idcardCycle(percentile));
  Object.assign(metrics, await documentsBench(percentile));
  Object.assign(metrics, await scanBench());
  Object.assign(metrics, await queueBench());
  Object.assign(metrics, await citizenBench(percentile));
  Object.assign(metrics, await reportBench());
  Object.assign(metrics, await casesBench(percentile, caseCount));
  // 1,000 cases of 3 MB each (3 GB through central); `--sync-cases 100` for a quick look.
  Object.assign(metrics, await syncBench({ cases: Number(values['sync-cases'] ?? 1000), outageCases: 200 }));
  const width = Math.max(...Object.keys(metrics).map((k) => k.length));
  console.log(`${'metric'.padEnd(width)}  value`);
  for (const [name, value] of Object.entries(metrics)) console.log(`${name.padEnd(width)}  ${value}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(metrics, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
