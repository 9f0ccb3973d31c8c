import type { OutgoingHttpHeaders } from 'node:http';
import type { Clock } from '../app/clock';
import { systemClock } from '../app/clock';
import type { Logger } from '../logging/logger';
import { updateFeedOf, type CentralAccess } from './feed';
import { defaultUpdateSchedule, nextCheckDelay, type CheckOutcome, type UpdateSchedule } from './schedule';
import { initialStatus, nextStatus, updateErrorMessage, type UpdateEvent, type UpdateStatus } from './status';

/**
 * The workstation's updater, without Electron: it drives an electron-updater updater (the part of
 * its API used here, so the Electron host passes `autoUpdater` and the tests pass a real updater
 * built on a test app adapter).
 *
 * - The feed is the enrolled central's `/updates/`, set before every check with the credential and
 *   the app version as request headers (read afresh: a re-enrolment moves the feed along).
 * - Check shortly after the start, then once a day (schedule.ts); download in the background.
 * - Install only when the app quits (`autoInstallOnAppQuit`). Nothing here ever calls
 *   `quitAndInstall`: an update never closes the window in the middle of an intake.
 * - Never a downgrade: a version older than the running one is not installed (the newer database
 *   would refuse the older app). Going back is a new, higher version (docs/packaging.md).
 */

/** The part of electron-updater's `AppUpdater` used here (its events as far as they are read). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  disableWebInstaller: boolean;
  requestHeaders: OutgoingHttpHeaders | null;
  logger: UpdaterLogger | null;
  setFeedURL(options: { provider: 'generic'; url: string; useMultipleRangeRequest?: boolean }): void;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available' | 'update-not-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (event: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** electron-updater's logger interface. */
export interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
  debug?(message: string): void;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const systemTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface UpdateServiceDeps {
  updater: UpdaterLike;
  /** The running version (Electron's `app.getVersion()`). */
  appVersion: string;
  /** The enrolled central and credential, or null while the workstation is not enrolled. */
  access(): CentralAccess | null;
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  clock?: Clock;
  random?: () => number;
  timers?: Timers;
  schedule?: Partial<UpdateSchedule>;
  onChange?: (status: UpdateStatus) => void;
}

/** The settings the updater runs with: background download, install at quit only, never older. */
export function applyUpdatePolicy(updater: UpdaterLike): void {
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  // Our NSIS installer is a full installer; a web installer would fetch a package unchecked by us.
  updater.disableWebInstaller = true;
}

/** electron-updater's log lines into the workstation's log (subsystem `updates`). */
export function updaterLogger(log: UpdateServiceDeps['log']): UpdaterLogger {
  const text = (message: unknown) => (message instanceof Error ? (message.stack ?? message.message) : String(message));
  return {
    info: (message) => log.info(text(message)),
    warn: (message) => log.warn(text(message)),
    error: (message) => log.error(text(message)),
    debug: (message) => log.debug(message),
  };
}

export function createUpdateService(deps: UpdateServiceDeps) {
  const { updater, log } = deps;
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const timers = deps.timers ?? systemTimers;
  const schedule = { ...defaultUpdateSchedule, ...deps.schedule };
  let status = initialStatus(deps.appVersion);
  let timer: unknown = null;
  let dueAt: number | null = null;
  let started = false;
  let feedUrl: string | null = null;

  applyUpdatePolicy(updater);
  updater.logger = updaterLogger(log);

  function apply(event: UpdateEvent): void {
    const before = status;
    status = nextStatus(status, event);
    if (status !== before) deps.onChange?.(status);
  }

  /**
   * The next check in `ms`; with `keepSooner`, unless one is due sooner already (a download that
   * failed while its check was still being answered planned a retry in an hour: that one stays).
   */
  function plan(ms: number, keepSooner = false): void {
    if (!started) return;
    const at = clock.now().getTime() + ms;
    if (keepSooner && dueAt !== null && dueAt <= at) return;
    if (timer !== null) timers.clear(timer);
    dueAt = at;
    timer = timers.set(() => {
      timer = null;
      dueAt = null;
      void check()
        .catch((error: unknown): CheckOutcome => {
          log.error({ err: error }, 'update check failed');
          return 'failed';
        })
        .then((outcome) => plan(nextCheckDelay(outcome, schedule, random), true));
    }, ms);
    apply({ kind: 'scheduled', at: new Date(at).toISOString() });
  }

  // electron-updater's events (one updater per process; the listeners stay for its lifetime).
  updater.on('checking-for-update', () => apply({ kind: 'checking', at: clock.now().toISOString() }));
  updater.on('update-available', (info) => {
    log.info({ version: info.version }, 'a newer version is offered: downloading it in the background');
    apply({ kind: 'available', version: info.version });
  });
  updater.on('update-not-available', (info) => apply({ kind: 'not-available', version: info.version }));
  updater.on('download-progress', (progress) => apply({ kind: 'progress', percent: progress.percent }));
  updater.on('update-downloaded', (event) => {
    log.info({ version: event.version }, 'update downloaded and verified: it installs when the app quits');
    apply({ kind: 'downloaded', version: event.version });
  });
  updater.on('error', (error) => {
    const message = updateErrorMessage(error);
    log.warn({ err: error, message }, 'update failed');
    // A download that failed after a good check is tried again in an hour, not tomorrow.
    const wasDownloading = status.state === 'downloading';
    apply({ kind: 'error', message });
    if (wasDownloading) plan(nextCheckDelay('failed', schedule, random), true);
  });

  /** One check (and, when there is a newer version, the background download it starts). */
  async function check(): Promise<CheckOutcome> {
    const answer = updateFeedOf(deps.access(), deps.appVersion);
    if (!answer.ok) {
      if (status.message !== answer.reason) log.info({ reason: answer.reason }, 'no update feed');
      apply({ kind: 'unavailable', reason: answer.reason });
      return 'unavailable';
    }
    const { feed } = answer;
    if (feed.url !== feedUrl) {
      updater.setFeedURL({ provider: 'generic', url: feed.url });
      feedUrl = feed.url;
      log.info({ feed: feed.url }, 'update feed set from the enrolled central');
    }
    updater.requestHeaders = { ...feed.headers };
    try {
      const result = await updater.checkForUpdates();
      if (result === null) {
        apply({ kind: 'unavailable', reason: '此安装方式不支持自动更新：请由管理员安装新版本' });
        return 'unavailable';
      }
      // Its failure arrives as the 'error' event too; this only keeps it from being unhandled.
      result.downloadPromise?.catch(() => undefined);
      return 'checked';
    } catch {
      // Reported through the 'error' event (status and log).
      return 'failed';
    }
  }

  return {
    status: (): UpdateStatus => status,

    /** Checks shortly after now, then once a day. */
    start(): void {
      if (started) return;
      started = true;
      plan(nextCheckDelay('start', schedule, random));
    },

    /** One check now (tests, and a 检查更新 button later); the daily rhythm goes on from here. */
    async checkNow(): Promise<UpdateStatus> {
      const outcome = await check();
      plan(nextCheckDelay(outcome, schedule, random), true);
      return status;
    },

    stop(): void {
      if (!started) return;
      started = false;
      if (timer !== null) timers.clear(timer);
      timer = null;
      dueAt = null;
    },
  };
}
export type UpdateService = ReturnType<typeof createUpdateService>;
