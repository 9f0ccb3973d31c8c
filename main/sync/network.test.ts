import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '@yichuang/central/testing';
import { outbox } from '../db/schema';
import { makeNoisePng, makePng } from '@yichuang/domain/testing/images';
import { until } from '../testing/wait';
import { startFlakyProxy, type FlakyProxy } from './testing/flaky-proxy';
import { createSyncWindow, type SyncWindow } from './testing/window';

/**
 * The hall switch misbehaves between the window and central: connections dropped mid-body,
 * requests stalled past the client's timeout, 503s, answers lost after central did the work.
 * Everything still arrives exactly once, and a cut 20 MB upload resumes instead of restarting.
 */

let central: RunningCentral | null = null;
let proxy: FlakyProxy | null = null;
let w: SyncWindow | null = null;

afterEach(async () => {
  await w?.t.dispose();
  await proxy?.close();
  await central?.dispose();
  w = null;
  proxy = null;
  central = null;
});

async function setUp(chunkSize: number, timeoutMs: number) {
  central = await startCentral({ engine: 'pglite' });
  proxy = await startFlakyProxy(central.url);
  w = await createSyncWindow({ config: { sync: { autoStart: false, client: { chunkSize, timeoutMs } } } });
  const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
  await w.t.workstation.services.sync.enrol({ centralUrl: proxy.url, code });
  return { central, proxy, w };
}

/** Runs passes, moving the window's clock past every backoff, until nothing is left (bounded). */
async function drain(win: SyncWindow, maxPasses = 300): Promise<number> {
  const sync = win.t.workstation.services.sync;
  for (let pass = 1; pass <= maxPasses; pass++) {
    await sync.syncNow();
    if (sync.status().backlog === 0) return pass;
    win.clock.advance(10 * 60_000);
  }
  throw new Error(
    `backlog not drained after ${maxPasses} passes: ${JSON.stringify(win.t.workstation.services.sync.status())}`,
  );
}

describe('sync through a flaky network', () => {
  it('drops, stalls, 503s and lost answers: every case and file arrives exactly once', async () => {
    const { central: c, proxy: p, w: win } = await setUp(64 * 1024, 800);
    const s = win.t.workstation.services;
    const files = await Promise.all(
      Array.from({ length: 12 }, (_, i) => s.materials.put(makePng(300 + i * 7, 200 + i * 5, i), `scan-${i}.png`)),
    );
    const accepted = Array.from({ length: 15 }, (_, i) =>
      win.accept([files[i % 12]!, files[(i + 5) % 12]!, files[(i + 7) % 12]!]),
    );
    Object.assign(p.rules, {
      reject5xx: 0.15,
      loseAnswer: 0.1,
      drop: 0.1,
      stall: 0.05,
      stallMs: 1200,
      bytesPerSecond: 0,
    });

    // How many passes it takes depends on where the faults fall: the upload client retries some
    // requests within a pass, so one pass can be enough.
    await drain(win);
    Object.assign(p.rules, { reject5xx: 0, loseAnswer: 0, drop: 0, stall: 0 });
    // Faults really happened, and were survived.
    expect(p.counts.rejected).toBeGreaterThan(0);
    expect(p.counts.lost).toBeGreaterThan(0);
    expect(p.counts.dropped + p.counts.stalled).toBeGreaterThan(0);

    // Central: exactly one case per accepted case, each complete, every file's bytes hashing to its name.
    const submitted = await c.central.cases.queue(['submitted']);
    expect(submitted.map((r) => r.number).sort()).toEqual(accepted.map((a) => a.number).sort());
    expect(await c.central.cases.duplicates()).toBe(0);
    for (const f of files) {
      const bytes = readFileSync(c.central.uploads.blobPath(f.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    // The window: everything acknowledged, the feed applied (each case moved to submitted once).
    await s.sync.syncNow();
    for (const a of accepted) expect(s.cases.get(a.id).state).toBe('submitted');
    const applied = s.audit.list({ limit: 1000 }).entries.filter((e) => e.action === 'sync.submitted');
    expect(applied).toHaveLength(accepted.length);
  }, 120_000);

  it('a 20 MB upload cut in the middle resumes from where central stopped, re-sending at most one chunk', async () => {
    const chunk = 2 * 1024 * 1024;
    const { central: c, proxy: p, w: win } = await setUp(chunk, 5_000);
    const s = win.t.workstation.services;
    const big = await s.materials.put(makeNoisePng(2000, 3400), 'big-scan.png');
    expect(big.bytes).toBeGreaterThan(19 * 1024 * 1024);
    const small = await s.materials.put(makePng(40, 40, 1), 'small.png');
    const a = win.accept([big, small, small]);
    p.rules.bytesPerSecond = 40 * 1024 * 1024;

    const fileItem = () =>
      s.db
        .select()
        .from(outbox)
        .where(eq(outbox.sha256, big.sha256))
        .all()
        .find((r) => r.caseId === a.id)!;
    const first = s.sync.syncNow();
    // Cut every connection once the upload is about half-way through.
    await until(() => [...p.uploadBytes.values()].some((n) => n > 9 * 1024 * 1024), 20_000, 'the upload half-way');
    const url = fileItem().uploadUrl;
    expect(url).toBeTruthy();
    p.cutAll();
    await first;
    expect(fileItem()).toMatchObject({ state: 'retrying' });
    expect(fileItem().lastError).toMatch(/无法连接中心|没有进展|中心暂时无法处理/);

    await drain(win);
    // Resumed at the same address: nothing started over.
    expect(fileItem()).toMatchObject({ state: 'acknowledged', uploadUrl: url });
    const path = new URL(url!).pathname;
    const sent = p.uploadBytes.get(path) ?? 0;
    expect(sent).toBeGreaterThanOrEqual(big.bytes);
    expect(sent - big.bytes).toBeLessThanOrEqual(chunk);
    expect([...p.uploadBytes.keys()].filter((k) => k !== path)).toHaveLength(1); // the small file, once
    const bytes = readFileSync(c.central.uploads.blobPath(big.sha256));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(big.sha256);
    expect((await c.central.cases.detail(a.id))?.row.state).toBe('submitted');
  }, 120_000);

  it('central restarts in the middle of an upload: it resumes at the same address after the restart', async () => {
    const chunk = 2 * 1024 * 1024;
    const { central: first, proxy: p, w: win } = await setUp(chunk, 5_000);
    const s = win.t.workstation.services;
    const big = await s.materials.put(makeNoisePng(1500, 2500), 'big-scan.png');
    const a = win.accept([big]);
    p.rules.bytesPerSecond = 20 * 1024 * 1024;
    const pass = s.sync.syncNow();
    await until(() => [...p.uploadBytes.values()].some((n) => n > 4 * 1024 * 1024), 20_000, 'the upload under way');
    const url = s.db.select().from(outbox).where(eq(outbox.sha256, big.sha256)).get()!.uploadUrl;
    // Central stops (the upload is cut) and comes back on the same folder and port.
    await first.stop();
    await pass;
    const again = await startCentral({ dataDir: first.dataDir, port: first.port });
    central = {
      ...again,
      dispose: async () => {
        await again.stop();
        await first.dispose();
      },
    };

    await drain(win);
    const item = s.db.select().from(outbox).where(eq(outbox.sha256, big.sha256)).get()!;
    expect(item).toMatchObject({ state: 'acknowledged', uploadUrl: url });
    const sent = p.uploadBytes.get(new URL(url!).pathname) ?? 0;
    expect(sent - big.bytes).toBeLessThanOrEqual(chunk);
    const bytes = readFileSync(again.central.uploads.blobPath(big.sha256));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(big.sha256);
    expect((await again.central.cases.detail(a.id))?.row.state).toBe('submitted');
  }, 120_000);
});
