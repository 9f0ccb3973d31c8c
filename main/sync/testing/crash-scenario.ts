import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { startCentral } from '@yichuang/central/testing';
import type { StoredFile } from '../../../preload/contract/materials';
import { prng } from '../../testing/prng';
import { makeNoisePng } from '@yichuang/domain/testing/images';
import { createFakeClock, makeTempDir, removeTempDir, resourcesDir } from '../../testing/workstation';
import { bundleSyncChild, runCrashLoop, type CrashLoopResult } from './crash-loop';
import { startFlakyProxy } from './flaky-proxy';
import { createSyncWindow } from './window';

/** What the crash scenario found: the test asserts on it, the soak script prints it. */
export interface CrashFindings {
  loop: CrashLoopResult;
  /** Case numbers the window accepted, and those central has (sorted). */
  accepted: string[];
  atCentral: string[];
  /** Cases at central not (yet) submitted after the final drain. */
  notSubmitted: number;
  duplicates: number;
  /** Files whose bytes at central do not hash to their name (or are missing). */
  badFiles: string[];
  backlog: number;
  needsAttention: number;
  integrity: string;
  auditChainOk: boolean;
}

/**
 * The sync worker process is started and killed with SIGKILL `cycles` times while it sends cases
 * and uploads files through a 2 MB/s link, and the window decides a case (with a new scan) between
 * every two runs. Then one clean run drains what is left, and everything is checked.
 */
export async function runCrashScenario(options: {
  cycles: number;
  seed?: number;
  onCycle?: (cycle: number) => void;
}): Promise<CrashFindings> {
  const [central, script] = await Promise.all([startCentral({ engine: 'pglite' }), bundleSyncChild()]);
  const proxy = await startFlakyProxy(central.url, { bytesPerSecond: 2 * 1024 * 1024 });
  const dataDir = makeTempDir('yc-crash-');
  const w = await createSyncWindow({ dataDir, clock: createFakeClock(new Date()) });
  try {
    const s = w.t.workstation.services;
    const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
    await s.sync.enrol({ centralUrl: proxy.url, code });
    const files: StoredFile[] = [];
    for (let i = 0; i < 16; i++) {
      files.push(await s.materials.put(makeNoisePng(160 + i * 13, 300 + i * 20), `scan-${i}.png`));
    }
    const accepted = Array.from({ length: 12 }, (_, i) =>
      w.accept([files[i]!, files[(i + 3) % 16]!, files[(i + 9) % 16]!]),
    );

    const loop = await runCrashLoop({
      script,
      dataDir,
      resourcesDir,
      cycles: options.cycles,
      chunkSize: 128 * 1024,
      minMs: 0,
      maxMs: 400,
      random: prng(options.seed ?? 20261127),
      between: async (cycle) => {
        options.onCycle?.(cycle);
        // The window does not stop: a decision between every two runs, each with a new scan, so
        // the worker always has something to send when it is killed.
        const extra = await s.materials.put(makeNoisePng(300, 300 + (cycle % 120)), `extra-${cycle}.png`);
        files.push(extra);
        accepted.push(w.accept([extra, files[cycle % files.length]!, files[(cycle * 7) % files.length]!]));
      },
    });

    // One clean run to the end (as after the last restart of the day).
    s.outbox.recover();
    for (let pass = 0; pass < 200 && s.sync.status().backlog > 0; pass++) {
      await s.sync.syncNow();
      w.clock.advance(10 * 60_000);
    }
    const status = s.sync.status();
    const rows = await central.central.cases.queue(['submitted', 'receiving'], 1_000_000);
    const badFiles = files
      .filter((f) => {
        const path = central.central.uploads.blobPath(f.sha256);
        return !existsSync(path) || createHash('sha256').update(readFileSync(path)).digest('hex') !== f.sha256;
      })
      .map((f) => f.sha256);
    return {
      loop,
      accepted: accepted.map((a) => a.number).sort(),
      atCentral: rows.map((r) => r.number).sort(),
      notSubmitted: rows.filter((r) => r.state !== 'submitted').length,
      duplicates: await central.central.cases.duplicates(),
      badFiles,
      backlog: status.backlog,
      needsAttention: status.needsAttention,
      integrity: String(w.t.workstation.sqlite.pragma('integrity_check', { simple: true })),
      auditChainOk: s.audit.verify().ok,
    };
  } finally {
    await w.t.workstation.close();
    removeTempDir(dataDir);
    await proxy.close();
    await central.dispose();
  }
}
