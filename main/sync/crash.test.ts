import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../central/testing/central';
import type { StoredFile } from '../../preload/contract/materials';
import { prng } from '../testing/prng';
import { makeNoisePng } from '../testing/sample-files';
import { createFakeClock, makeTempDir, removeTempDir, resourcesDir } from '../testing/workstation';
import { bundleSyncChild, runCrashLoop } from './testing/crash-loop';
import { startFlakyProxy, type FlakyProxy } from './testing/flaky-proxy';
import { createSyncWindow, type SyncWindow } from './testing/window';

/**
 * The sync worker process is killed with SIGKILL at random points, 200 times, while it sends cases
 * and uploads files through a 2 MB/s link, and the window keeps deciding cases between runs.
 * Afterwards central has exactly one copy of every case, every file hashes to its name, the
 * window's outbox is all acknowledged and its database passes integrity_check.
 * (`npx tsx scripts/sync-soak.ts` runs the same for longer.)
 */

const cycles = Number(process.env.SYNC_CRASH_CYCLES ?? 200);
let central: RunningCentral;
let proxy: FlakyProxy;
let w: SyncWindow;
let dataDir: string;
let script: string;

beforeAll(async () => {
  [central, script] = await Promise.all([startCentral({ engine: 'pglite' }), bundleSyncChild()]);
  proxy = await startFlakyProxy(central.url, { bytesPerSecond: 2 * 1024 * 1024 });
  dataDir = makeTempDir('yc-crash-');
  w = await createSyncWindow({ dataDir, clock: createFakeClock(new Date()) });
  const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
  await w.t.workstation.services.sync.enrol({ centralUrl: proxy.url, code });
}, 60_000);

afterAll(async () => {
  await w?.t.workstation.close();
  removeTempDir(dataDir);
  await proxy?.close();
  await central?.dispose();
});

describe('the sync worker killed at random points', () => {
  it(`${cycles} SIGKILL cycles: one copy of every case at central, every hash right, the database intact`, async () => {
    const s = w.t.workstation.services;
    const random = prng(20261127);
    const files: StoredFile[] = [];
    for (let i = 0; i < 16; i++)
      files.push(await s.materials.put(makeNoisePng(160 + i * 13, 300 + i * 20), `scan-${i}.png`));
    const accepted = Array.from({ length: 12 }, (_, i) =>
      w.accept([files[i]!, files[(i + 3) % 16]!, files[(i + 9) % 16]!]),
    );

    const result = await runCrashLoop({
      script,
      dataDir,
      resourcesDir,
      cycles,
      chunkSize: 128 * 1024,
      minMs: 0,
      maxMs: 400,
      random,
      between: async (cycle) => {
        // The window does not stop: a decision between every two runs, each with a new scan, so
        // the worker always has something to send when it is killed.
        const extra = await s.materials.put(makeNoisePng(300, 300 + (cycle % 120)), `extra-${cycle}.png`);
        files.push(extra);
        accepted.push(w.accept([extra, files[cycle % files.length]!, files[(cycle * 7) % files.length]!]));
      },
    });
    expect(result.cycles).toBe(cycles);
    expect(result.exitedEarly).toBe(0);
    // The kills landed while there was work to do (sending or uploading), nearly always.
    expect(result.killedMidWork).toBeGreaterThan(cycles * 0.8);

    // One clean run to the end (as after the last restart of the day).
    s.outbox.recover();
    for (let pass = 0; pass < 100 && s.sync.status().backlog > 0; pass++) {
      await s.sync.syncNow();
      w.clock.advance(10 * 60_000);
    }
    expect(s.sync.status()).toMatchObject({ backlog: 0, needsAttention: 0 });

    const atCentral = await central.central.cases.queue(['submitted', 'receiving'], 10_000);
    expect(atCentral.map((c) => c.number).sort()).toEqual(accepted.map((a) => a.number).sort());
    expect(atCentral.every((c) => c.state === 'submitted')).toBe(true);
    expect(await central.central.cases.duplicates()).toBe(0);
    for (const f of files) {
      const bytes = readFileSync(central.central.uploads.blobPath(f.sha256));
      expect(createHash('sha256').update(bytes).digest('hex'), f.sha256).toBe(f.sha256);
    }
    expect(w.t.workstation.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(s.audit.verify().ok).toBe(true);
  }, 600_000);
});
