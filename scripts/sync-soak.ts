// `npx tsx scripts/sync-soak.ts [--cycles 2000] [--seed N]`: the crash test for longer. The sync
// worker process is killed with SIGKILL at random points while it sends and uploads, the window
// decides a case between every two runs; then everything is checked: one copy of every case at
// central, every file's hash, the outbox drained, integrity_check, the audit chain. Exits 1 on any
// finding. About 0.5 s a cycle on this machine.
import { parseArgs } from 'node:util';
import { runCrashScenario } from '../main/sync/testing/crash-scenario';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cycles: { type: 'string', default: '2000' },
      seed: { type: 'string', default: String(Date.now() % 1e9) },
    },
  });
  const cycles = Number(values.cycles);
  const started = Date.now();
  const found = await runCrashScenario({
    cycles,
    seed: Number(values.seed),
    onCycle: (cycle) => {
      if (cycle % 100 === 0)
        process.stderr.write(`cycle ${cycle}/${cycles} (${Math.round((Date.now() - started) / 1000)} s)\n`);
    },
  });
  const problems = [
    found.loop.cycles !== cycles && `only ${found.loop.cycles} cycles ran`,
    found.backlog && `${found.backlog} items not sent`,
    found.needsAttention && `${found.needsAttention} items need attention`,
    found.duplicates && `${found.duplicates} duplicated cases at central`,
    found.notSubmitted && `${found.notSubmitted} cases not submitted at central`,
    found.badFiles.length && `${found.badFiles.length} files wrong at central`,
    JSON.stringify(found.atCentral) !== JSON.stringify(found.accepted) &&
      `central has ${found.atCentral.length} cases, the window accepted ${found.accepted.length}`,
    found.integrity !== 'ok' && `integrity_check: ${found.integrity}`,
    !found.auditChainOk && 'the audit chain does not verify',
  ].filter(Boolean);
  console.log(
    `seed ${values.seed}: ${found.loop.cycles} cycles (${found.loop.killedMidWork} killed mid-work), ${found.accepted.length} cases in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  if (problems.length) {
    console.log(`FAILED: ${problems.join('; ')}`);
    process.exit(1);
  }
  console.log('every case once at central, every hash right, integrity ok, audit chain ok');
  process.exit(0);
}
void main();
