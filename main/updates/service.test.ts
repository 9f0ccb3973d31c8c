import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createFakeClock } from '../testing/workstation';
import type { CentralAccess } from './feed';
import { defaultUpdateSchedule } from './schedule';
import { createUpdateService, type Timers, type UpdaterLike } from './service';

/** What a check does in the fake updater: the events electron-updater would emit, in order. */
type Script = 'up-to-date' | 'download' | 'download-fails' | 'offline' | 'inactive';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  disableWebInstaller = false;
  requestHeaders: UpdaterLike['requestHeaders'] = null;
  logger: UpdaterLike['logger'] = null;
  feeds: string[] = [];
  script: Script = 'up-to-date';
  readonly quitAndInstall = vi.fn();
  setFeedURL(options: { url: string }): void {
    this.feeds.push(options.url);
  }
  readonly checkForUpdates = vi.fn(async () => {
    await Promise.resolve();
    this.emit('checking-for-update');
    switch (this.script) {
      case 'inactive':
        return null;
      case 'offline': {
        const error = new Error('connect ECONNREFUSED 10.0.0.5:443');
        this.emit('error', error);
        throw error;
      }
      case 'up-to-date':
        this.emit('update-not-available', { version: '0.1.0' });
        return { isUpdateAvailable: false };
      default: {
        this.emit('update-available', { version: '0.2.0' });
        const fails = this.script === 'download-fails';
        const downloadPromise = (async () => {
          await Promise.resolve();
          this.emit('download-progress', { percent: 50 });
          if (fails) {
            const error = Object.assign(new Error('sha512 checksum mismatch'), { code: 'ERR_CHECKSUM_MISMATCH' });
            this.emit('error', error);
            throw error;
          }
          this.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/cache/x.exe' });
          return ['/cache/x.exe'];
        })();
        return { isUpdateAvailable: true, downloadPromise };
      }
    }
  });
}

function setUp(
  access: () => CentralAccess | null = () => ({ centralUrl: 'https://central.example', credential: 'id.secret' }),
) {
  const updater = new FakeUpdater();
  const clock = createFakeClock('2026-11-27T00:00:00.000Z');
  const pending: { run: () => void; ms: number; id: number }[] = [];
  let nextId = 0;
  const timers: Timers = {
    set: (run, ms) => {
      const id = ++nextId;
      pending.push({ run, ms, id });
      return id;
    },
    clear: (id) => {
      const i = pending.findIndex((p) => p.id === id);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const updates = createUpdateService({
    updater,
    appVersion: '0.1.0',
    access,
    log: pino({ level: 'silent' }),
    clock,
    random: () => 0.5,
    timers,
  });
  /** Runs the one pending timer (after moving the clock) and lets its check finish. */
  async function fire(): Promise<void> {
    expect(pending).toHaveLength(1);
    const [timer] = pending.splice(0, 1);
    clock.advance(timer!.ms);
    timer!.run();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
  }
  return { updater, updates, pending, fire, clock };
}

const { firstCheckMs, everyMs, retryMs, spreadMs } = defaultUpdateSchedule;
const half = spreadMs / 2;

describe('the update service', () => {
  it('runs electron-updater with background download, install at quit, and no downgrade', () => {
    const { updater } = setUp();
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      disableWebInstaller: true,
    });
    expect(updater.logger).not.toBeNull();
  });

  it('checks shortly after the start, then once a day, spread at random', async () => {
    const { updater, updates, pending, fire, clock } = setUp();
    updates.start();
    expect(pending.map((p) => p.ms)).toEqual([firstCheckMs + half]);
    expect(updates.status().nextCheckAt).toBe(new Date(clock.now().getTime() + firstCheckMs + half).toISOString());
    await fire();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.feeds).toEqual(['https://central.example/updates/']);
    expect(updater.requestHeaders).toEqual({ authorization: 'Bearer id.secret', 'x-yichuang-version': '0.1.0' });
    expect(updates.status()).toMatchObject({ state: 'up-to-date', lastCheckAt: clock.now().toISOString() });
    expect(pending.map((p) => p.ms)).toEqual([everyMs + half]);
    await fire();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    updates.stop();
    expect(pending).toEqual([]);
  });

  it('downloads in the background and leaves the install to the next quit', async () => {
    const { updater, updates } = setUp();
    updater.script = 'download';
    const seen: string[] = [];
    updater.on('update-downloaded', () => seen.push('downloaded'));
    await updates.checkNow();
    await vi.waitFor(() => expect(updates.status().state).toBe('downloaded'));
    expect(seen).toEqual(['downloaded']);
    expect(updates.status().message).toContain('下次退出一窗时自动安装');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('tries again in an hour when central cannot be reached, or a download fails', async () => {
    const offline = setUp();
    offline.updater.script = 'offline';
    offline.updates.start();
    await offline.fire();
    expect(offline.updates.status()).toMatchObject({ state: 'error' });
    expect(offline.updates.status().message).toContain('ECONNREFUSED');
    expect(offline.pending.map((p) => p.ms)).toEqual([retryMs + half]);

    const failing = setUp();
    failing.updater.script = 'download-fails';
    failing.updates.start();
    await failing.fire();
    await vi.waitFor(() => expect(failing.updates.status().state).toBe('error'));
    expect(failing.updates.status().message).toContain('sha512');
    // The check itself went well (next: tomorrow), but the failed download brings it forward.
    expect(failing.pending.map((p) => p.ms)).toEqual([retryMs + half]);
    failing.updater.script = 'download';
    await failing.fire();
    await vi.waitFor(() => expect(failing.updates.status().state).toBe('downloaded'));
  });

  it('waits for an enrolment, and follows a re-enrolment to another central', async () => {
    let access: CentralAccess | null = null;
    const { updater, updates, pending, fire } = setUp(() => access);
    updates.start();
    await fire();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(updates.status()).toMatchObject({ state: 'unavailable' });
    expect(pending.map((p) => p.ms)).toEqual([retryMs + half]);
    access = { centralUrl: 'https://a.example/', credential: 'a.1' };
    await fire();
    access = { centralUrl: 'https://b.example/central', credential: 'b.2' };
    await fire();
    await fire();
    expect(updater.feeds).toEqual(['https://a.example/updates/', 'https://b.example/central/updates/']);
    expect(updater.requestHeaders).toMatchObject({ authorization: 'Bearer b.2' });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('says so when this installation cannot update itself', async () => {
    const { updater, updates } = setUp();
    updater.script = 'inactive';
    await updates.checkNow();
    expect(updates.status()).toMatchObject({ state: 'unavailable' });
    expect(updates.status().message).toContain('不支持自动更新');
  });

  it('never restarts the app to install: no quitAndInstall anywhere in the updater code', () => {
    const here = __dirname;
    const files = [
      ...readdirSync(here)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => join(here, f)),
      join(here, '..', 'platform', 'electron', 'updater.ts'),
      join(here, '..', 'platform', 'electron', 'main.ts'),
    ];
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/quitAndInstall\s*\(/);
  });
});
