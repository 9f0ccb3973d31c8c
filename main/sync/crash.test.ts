import { describe, expect, it } from 'vitest';
import { runCrashScenario } from './testing/crash-scenario';

/**
 * The sync worker process is killed with SIGKILL at random points, 200 times, while it sends cases
 * and uploads files through a 2 MB/s link, and the window keeps deciding cases between runs.
 * Afterwards central has exactly one copy of every case, every file hashes to its name, the
 * window's outbox is all acknowledged and its database passes integrity_check.
 * (`npx tsx scripts/sync-soak.ts --cycles 2000` runs the same for longer.)
 */
const cycles = Number(process.env.SYNC_CRASH_CYCLES ?? 200);

describe('the sync worker killed at random points', () => {
  it(`${cycles} SIGKILL cycles: one copy of every case at central, every hash right, the database intact`, async () => {
    const found = await runCrashScenario({ cycles });
    expect(found.loop.cycles).toBe(cycles);
    expect(found.loop.exitedEarly).toBe(0);
    // The kills landed while there was work to do (sending or uploading), nearly always.
    expect(found.loop.killedMidWork).toBeGreaterThan(cycles * 0.8);
    expect(found).toMatchObject({ backlog: 0, needsAttention: 0, notSubmitted: 0, duplicates: 0, badFiles: [] });
    expect(found.atCentral).toEqual(found.accepted);
    expect(found.accepted).toHaveLength(12 + cycles);
    expect(found.integrity).toBe('ok');
    expect(found.auditChainOk).toBe(true);
  }, 900_000);
});
