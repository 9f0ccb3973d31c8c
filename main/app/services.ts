// Long on purpose: the composition root — it builds every service in the order they depend on each other and closes them in reverse.
import { auditHandlers } from '../audit/handlers';
import { sessionHandlers } from '../auth/handlers';
import { calendarHandlers } from '../calendar/handlers';
import { casesHandlers } from '../cases/handlers';
import { catalogHandlers } from '../catalog/handlers';
import { devicesHandlers } from '../devices/handlers';
import { materialsHandlers } from '../materials/handlers';
import { printingHandlers } from '../printing/handlers';
import { reportsHandlers } from '../reports/handlers';
import { settingsHandlers } from '../settings/handlers';
import { staffHandlers } from '../staff/handlers';
import { syncHandlers } from '../sync/handlers';
import { securityHandlers } from '../security/handlers';
import { retentionHandlers } from '../retention/handlers';
import { queueHandlers } from '../queue/handlers';
import { citizenHandlers } from '../citizen/handlers';
import { createCitizenService, type CitizenService } from '../citizen/service';
import { createRatingService, type RatingService } from '../ratings/service';
import { createQueueService, type QueueDeps, type QueueService } from '../queue/service';
import { ticketPrinterStateOf } from '../queue/printer-report';
import { createRetentionService, type RetentionService } from '../retention/service';
import { createCaseRetention } from '../cases/retention';
import { createSecurityService, type SecurityService } from '../security/service';
import { join } from 'node:path';
import { createAuditService, type AuditService } from '../audit/service';
import { createAuthService, type AuthService } from '../auth/service';
import { createCalendarService, type CalendarService } from '../calendar/service';
import { createCaseService, type CaseService } from '../cases/service';
import { createDocumentService, type DocumentService } from '../documents/service';
import { createCupsDriver } from '../printing/cups';
import type { PrintDriver } from '../printing/driver';
import { createPrintHistory } from '../printing/history';
import { createPrintingService, type PrintingService } from '../printing/service';
import { createReportService, type ReportService } from '../reports/daily';
import { loadDocumentFont } from '../documents/font';
import { createCatalogService, type CatalogService } from '../catalog/service';
import { createHotFolder, type HotFolder } from '../materials/hot-folder';
import { createMaterialStore, type MaterialStore } from '../materials/store';
import { ensureDailyBackup } from '../db/backup';
import { createDeviceService, type DeviceService } from '../devices/service';
import type { DeviceSource } from '../devices/sources';
import { documentScannersHandlers } from '../devices/document-scanner/handlers';
import { processScannedPage } from '../devices/document-scanner/pages/process';
import { platformScannerRoutes, type ScannerRoutes } from '../devices/document-scanner/routes';
import { createDocumentScannerService, type DocumentScannerService } from '../devices/document-scanner/service';
import type { PhotoDecoder } from '../devices/idcard/photo';
import { drizzleOf, type Db, type Sqlite } from '../db/connection';
import { backupDirName, openWorkstationData } from '../db/open';
import type { KeyProtector } from '../security/protectors';
import { restrictNewFiles } from '../security/private-files';
import { createIdleLock, idleSweepMs } from '../auth/idle-lock';
import { createRouter, type Handlers, type Router } from '../ipc/router';
import { createSessionHub, type SessionHub } from '../ipc/session-hub';
import { createRootLogger, subsystem, type Logger } from '../logging/logger';
import { createSettingsService, type SettingsService } from '../settings/service';
import { createOutbox, type Outbox } from '../sync/outbox';
import { createSyncService, type SyncDeps, type SyncService } from '../sync/service';
import { createStaffService, type StaffService } from '../staff/service';
import { systemClock, type Clock } from './clock';
import { version as packageVersion } from '../../package.json';

export interface WorkstationConfig {
  /** Where the database, backups and logs live: Electron's userData or `--data-dir`. */
  dataDir: string;
  /** The shipped `resources/` folder (migrations, later fonts and the catalog). */
  resourcesDir: string;
  /**
   * What unwraps the data key, best first (security/keys.ts `hostProtectors`): Electron's
   * safeStorage, the OS keyring, the passphrase. Without one that works the workstation does not start.
   */
  protectors: readonly KeyProtector[];
  clock?: Clock;
  /** Log to files in the data directory (default) or to stderr only. */
  logToFiles?: boolean;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Tests: every log line (JSON) goes here instead of to files and stderr. */
  logSink?: (line: string) => void;
  /** `--simulate-devices`: the simulated reader, scanner and printer, whatever the setting says. */
  simulateDevices?: boolean;
  /** Replaces the OS's HID and serial enumeration (tests); the simulated devices stay. */
  deviceSources?: readonly DeviceSource[];
  devicePollMs?: number;
  readerIntervalMs?: number;
  /**
   * The routes to document scanners (default: this platform's: SANE on Linux, WIA on Windows, eSCL,
   * mDNS discovery when asked). Tests pass theirs: no `scanimage` with the system's backends, no mDNS.
   */
  scannerRoutes?: ScannerRoutes;
  /** How often the scanner's hot folder is looked at (default 1 s). */
  hotFolderPollMs?: number;
  /** The reader vendor's WLT photo decoder, where a deployment has one. */
  photoDecoder?: PhotoDecoder | null;
  /**
   * How A4 paper is reached. Default: CUPS (`lp`) except on Windows; the Electron host adds its
   * platform driver. Tests pass their own.
   */
  printDrivers?: readonly PrintDriver[];
  /**
   * Sync with central. The worker starts with the workstation unless `autoStart` is false (tests
   * drive it by hand); the other numbers tune it (tests and benchmarks).
   */
  sync?: Partial<Pick<SyncDeps, 'concurrency' | 'idleMs' | 'random' | 'client'>> & { autoStart?: boolean };
  /** The app version sent to central with every request: Electron's `app.getVersion()`; package.json's by default. */
  appVersion?: string;
  /** How often main looks for idle sessions to lock (tests). */
  idleSweepMs?: number;
  /** The hall queue's timeouts and backoff (tests). */
  queue?: Partial<Pick<QueueDeps, 'timeoutMs' | 'backoffMs' | 'refreshEveryMs'>>;
}

export interface Services {
  clock: Clock;
  db: Db;
  staff: StaffService;
  auth: AuthService;
  settings: SettingsService;
  audit: AuditService;
  devices: DeviceService;
  documentScanners: DocumentScannerService;
  catalog: CatalogService;
  calendar: CalendarService;
  materials: MaterialStore;
  hotFolder: HotFolder;
  cases: CaseService;
  documents: DocumentService;
  printing: PrintingService;
  reports: ReportService;
  outbox: Outbox;
  sync: SyncService;
  security: SecurityService;
  retention: RetentionService;
  queue: QueueService;
  ratings: RatingService;
  citizen: CitizenService;
}

export interface Workstation {
  services: Services;
  router: Router;
  /** Every open UI's session, for events pushed from services. */
  hub: SessionHub;
  sqlite: Sqlite;
  log: Logger;
  /** How the data was opened: the recovery code to show once (first start), and what start-up cost. */
  opened: {
    recoveryCode: string | null;
    via: string;
    encryptedNow: boolean;
    timings: { keyUnwrapMs: number; dbOpenMs: number };
  };
  /** Takes today's backup if it was not taken yet (encrypted, 0600); the new file or null. */
  backup(): Promise<string | null>;
  /** Stops the devices, then closes the database. */
  close(): Promise<void>;
}

const backupCheckMs = 60 * 60 * 1000;

/** Every channel's handler, feature by feature: a new feature adds its line here. */
export function workstationHandlers(services: Services): Handlers {
  return {
    ...sessionHandlers(services),
    ...staffHandlers(services),
    ...settingsHandlers(services),
    ...auditHandlers(services),
    ...devicesHandlers(services),
    ...documentScannersHandlers(services),
    ...catalogHandlers(services),
    ...calendarHandlers(services),
    ...casesHandlers(services),
    ...materialsHandlers(services),
    ...printingHandlers(services),
    ...reportsHandlers(services),
    ...syncHandlers(services),
    ...securityHandlers(services),
    ...retentionHandlers(services),
    ...queueHandlers(services),
    ...citizenHandlers(services),
  };
}

/** The composition root: both hosts build the workstation with this one function. */
export async function createWorkstation(config: WorkstationConfig): Promise<Workstation> {
  const clock = config.clock ?? systemClock;
  restrictNewFiles();
  const root = createRootLogger({
    dir: config.logToFiles === false ? null : join(config.dataDir, 'logs'),
    level: config.logLevel ?? 'info',
    ...(config.logSink ? { sink: config.logSink } : {}),
  });
  const dbLog = subsystem(root, 'db');
  const backupDir = join(config.dataDir, backupDirName);
  const opened = await openWorkstationData({
    dataDir: config.dataDir,
    migrationsFolder: join(config.resourcesDir, 'migrations'),
    protectors: config.protectors,
    now: clock.now(),
    log: dbLog,
  });
  const { sqlite, keys } = opened;
  const db = drizzleOf(sqlite);
  const audit = createAuditService(db, clock);
  const staff = createStaffService(db, clock);
  const auth = createAuthService({ clock, staff, audit });
  const settings = createSettingsService(db, clock);
  const hub = createSessionHub();
  const devices = createDeviceService({
    db,
    clock,
    settings,
    hub,
    log: subsystem(root, 'devices'),
    forceSimulation: config.simulateDevices ?? false,
    ...(config.deviceSources ? { hardwareSources: config.deviceSources } : {}),
    ...(config.devicePollMs ? { pollMs: config.devicePollMs } : {}),
    ...(config.readerIntervalMs ? { readerIntervalMs: config.readerIntervalMs } : {}),
    photoDecoder: config.photoDecoder ?? null,
  });
  const catalog = createCatalogService({
    db,
    clock,
    shippedFile: join(config.resourcesDir, 'catalog', 'catalog.json'),
  });
  const calendar = createCalendarService({
    db,
    clock,
    shippedFile: join(config.resourcesDir, 'calendar', 'holidays.json'),
  });
  try {
    catalog.seed();
    calendar.seed();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const materials = createMaterialStore({
    db,
    clock,
    dir: join(config.dataDir, 'materials'),
    keys: { content: keys.materials, names: keys.materialNames },
  });
  const legacySealed = await materials.sealLegacyFiles();
  if (legacySealed > 0) subsystem(root, 'materials').info({ count: legacySealed }, 'plaintext material files sealed');
  const hotFolder = createHotFolder({
    store: materials,
    clock,
    log: subsystem(root, 'hot-folder'),
    ...(config.hotFolderPollMs ? { pollMs: config.hotFolderPollMs } : {}),
    onArrival: (arrival) => hub.broadcast('materials.arrived', arrival),
  });
  hotFolder.configure(settings.get().hotFolder || null);
  const scannerRoutes = config.scannerRoutes ?? platformScannerRoutes({});
  const documentScanners = createDocumentScannerService({
    db,
    clock,
    hub,
    log: subsystem(root, 'document-scanners'),
    materials,
    backends: scannerRoutes.backends,
    ...(scannerRoutes.discover ? { discover: scannerRoutes.discover } : {}),
    processPage: (input) => processScannedPage(input),
  });
  const outbox = createOutbox({ db, clock, materials });
  let sync: SyncService | null = null;
  let queue: QueueService | null = null;
  let citizen: CitizenService | null = null;
  const ratings = createRatingService({
    db,
    clock,
    audit,
    calendar,
    settings,
    onRecorded: (rating) => {
      outbox.enqueueRating(rating);
      queueMicrotask(() => sync?.nudge());
    },
  });
  const cases = createCaseService({
    db,
    clock,
    idDigestKey: keys.idDigest,
    audit,
    catalog,
    calendar,
    settings,
    materials,
    onUnseenChanged: (count) => hub.broadcast('cases.unseenChanged', { count }),
    onSaved: (caseId, clerkId) => citizen?.caseSaved(caseId, clerkId),
    onDecided: (decided) => {
      outbox.enqueue(decided, ratings.invite(decided));
      queue?.caseDecided(decided);
      citizen?.caseDecided(decided);
      // After the decision's transaction commits: the worker sends it at once.
      queueMicrotask(() => sync?.nudge());
    },
  });
  const reports = createReportService({ db, clock, calendar, settings });
  const fontFile = join(config.resourcesDir, 'fonts', 'NotoSansSC-Regular.ttf');
  const documents = createDocumentService({
    cases,
    catalog,
    calendar,
    settings,
    materials,
    fontFile,
    ratingInvitation: (caseId, version) => ratings.invitation(caseId, version),
    centralUrl: () => sync?.status().centralUrl || null,
    // Loaded on first use (documents/makers.ts): the PDF libraries stay out of the start-up.
    dailyReport: async (ref, copyNumber) =>
      (await import('../documents/makers')).dailyReportPdf(
        reports.daily({ from: ref.from, to: ref.to }),
        await loadDocumentFont(fontFile),
        copyNumber,
      ),
  });
  const printHistory = createPrintHistory(db, clock);
  const printing = createPrintingService({
    documents,
    history: printHistory,
    settings,
    drivers: config.printDrivers ?? (process.platform === 'win32' ? [] : [createCupsDriver()]),
    log: subsystem(root, 'printing'),
  });
  const { autoStart = true, ...syncTuning } = config.sync ?? {};
  sync = createSyncService({
    db,
    clock,
    settings,
    audit,
    catalog,
    calendar,
    materials,
    outbox,
    cases,
    log: subsystem(root, 'sync'),
    appVersion: config.appVersion ?? packageVersion,
    auditSigningKey: keys.auditSigning,
    onChange: (status) => hub.broadcast('sync.changed', status),
    onCaseEvent: (event) => {
      hub.broadcast('sync.caseEvent', event);
      // The case now carries news nobody opened: the 办件 menu counts it.
      hub.broadcast('cases.unseenChanged', cases.unseenCount());
    },
    ...syncTuning,
  });
  const enrolled = sync;
  queue = createQueueService({
    db,
    clock,
    log: subsystem(root, 'queue'),
    access: () => {
      const access = enrolled.centralAccess();
      return access && { hallUrl: settings.get().hallUrl || access.centralUrl, credential: access.credential };
    },
    onChange: (status) => {
      hub.broadcast('queue.changed', status);
      citizen?.queueChanged(status);
    },
    printTicket: (slip) => devices.printTicket(slip),
    printerState: () => ticketPrinterStateOf(devices.ticketPrinterStatus()),
    appVersion: config.appVersion ?? packageVersion,
    ...config.queue,
  });
  citizen = createCitizenService({
    clock,
    hub,
    settings,
    cases,
    catalog,
    calendar,
    ratings,
    log: subsystem(root, 'citizen'),
  });
  // A ticket printer's fault (or its end) reaches the hall and the kiosk's screen at once.
  devices.manager.on('changed', () => queue?.printerChanged());
  const security = createSecurityService({
    dataDir: config.dataDir,
    dataKey: opened.unlocked.dataKey,
    clock,
    via: opened.unlocked.via,
    recoveryCodeAtStart: opened.unlocked.recoveryCode,
  });
  const retention = createRetentionService({
    db,
    clock,
    settings,
    audit,
    cases: createCaseRetention(db),
    outbox,
    printHistory,
    materials,
  });
  const services: Services = {
    clock,
    db,
    staff,
    auth,
    settings,
    audit,
    devices,
    documentScanners,
    catalog,
    calendar,
    materials,
    hotFolder,
    cases,
    documents,
    printing,
    reports,
    outbox,
    sync,
    security,
    retention,
    queue,
    ratings,
    citizen,
  };
  const router = createRouter({
    handlers: workstationHandlers(services),
    staff,
    audit,
    log: subsystem(root, 'router'),
    // The one number for the idle lock: the workstation's setting, read at each check.
    idle: createIdleLock({ clock, minutes: () => settings.get().idleLockMinutes }),
  });
  // Main locks the sessions nobody touched (not only when their screen asks), and tells their screens.
  const idleSweep = setInterval(() => {
    for (const session of hub.sessions()) {
      router.lockIfIdle(session).catch((err: unknown) => root.error({ err }, 'idle lock check failed'));
    }
  }, config.idleSweepMs ?? idleSweepMs);
  idleSweep.unref();

  const backupNow = async () => {
    const file = await ensureDailyBackup(sqlite, backupDir, clock.now(), keys);
    if (file) dbLog.info({ file }, 'daily backup taken');
    return file;
  };
  const backup = () => backupNow().catch((err: unknown) => dbLog.error({ err }, 'daily backup failed'));
  const purge = () => {
    try {
      const purged = retention.purgeDue();
      if (purged > 0) subsystem(root, 'retention').info({ purged }, 'cases past retention purged');
    } catch (err) {
      subsystem(root, 'retention').error({ err }, 'retention purge failed');
    }
  };
  if (staff.count() > 0) void backup();
  purge();
  const timer = setInterval(() => {
    void backup();
    purge();
  }, backupCheckMs);
  timer.unref();
  documentScanners.start();
  // The first enumeration (udevadm on Linux) runs beside the start-up; screens get devices.changed.
  void devices.start().catch((err: unknown) => root.error({ err }, 'devices did not start'));
  if (autoStart) sync.start();

  let closing: Promise<void> | null = null;
  return {
    services,
    router,
    hub,
    sqlite,
    log: root,
    opened: {
      recoveryCode: opened.unlocked.recoveryCode,
      via: opened.unlocked.via,
      encryptedNow: opened.encryption.database,
      timings: opened.timings,
    },
    backup: backupNow,
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        clearInterval(idleSweep);
        queue.stop();
        citizen.stop();
        await services.sync.stop().catch((err: unknown) => root.error({ err }, 'sync did not stop cleanly'));
        await hotFolder.stop().catch((err: unknown) => root.error({ err }, 'hot folder did not stop cleanly'));
        await devices.stop().catch((err: unknown) => root.error({ err }, 'devices did not stop cleanly'));
        await documentScanners
          .stop()
          .catch((err: unknown) => root.error({ err }, 'document scanners did not stop cleanly'));
        scannerRoutes.close();
        sqlite.close();
        root.flush();
      })();
      return closing;
    },
  };
}
