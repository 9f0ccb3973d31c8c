// Longer than most files on purpose: the sync worker's loop, its passes (send, events, audit report,
// published data) and its status share one connection state and one backoff; the outbox, the HTTP
// client, the case moves and what a failed send does (failures.ts) are modules of their own.
import { hostname } from 'node:os';
import { eq } from 'drizzle-orm';

import type { Clock } from '../app/clock';
import type { AuditService } from '../audit/service';
import type { CalendarService } from '../calendar/service';
import type { CatalogService } from '../catalog/service';
import type { Db } from '../db/connection';
import { syncState } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { MaterialStore } from '../materials/store';
import type { SettingsService } from '../settings/service';
import type { CaseEvent, CasePut, RatingPut } from '@yichuang/domain/protocol';
import { AppError } from '../../preload/contract/errors';
import { centralAddressProblem } from '../../preload/contract/central-address';
import {
  clockSkewWarningMs,
  type EnrolInput,
  type CentralCaseEvent,
  type OutboxItem,
  type OutboxState,
  type SyncStatus,
} from '../../preload/contract/sync';
import { createAuditReporter } from './audit-report';
import { CentralCallError, createCentralClient, type CentralClient, type ClientOptions } from './client';
import { createFailures, itemOf } from './failures';
import type { Outbox, OutboxRow } from './outbox';
import type { CaseService } from '../cases/service';

export interface SyncDeps {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  audit: AuditService;
  catalog: CatalogService;
  calendar: CalendarService;
  materials: MaterialStore;
  outbox: Outbox;
  /** Central's events move cases through the case service (the one writer of cases). */
  cases: Pick<CaseService, 'recordCentralEvent'>;
  log: Logger;
  /** Told whenever the status may have changed (the UI's badge and 同步 screen). */
  onChange?: (status: SyncStatus) => void;
  /** Told after central's event moved a case (once per event). */
  onCaseEvent?: (event: CentralCaseEvent) => void;
  /** Items sent at once (different cases; a case's own items go one after another). */
  concurrency?: number;
  /** Pause between passes when there is nothing to do. */
  idleMs?: number;
  random?: () => number;
  client?: Partial<Pick<ClientOptions, 'chunkSize' | 'timeoutMs'>>;
  /** This workstation's app version: every request to central carries it. */
  appVersion?: string;
  /** Seals the workstation's audit-signing key where it is kept (derived from the data key). */
  auditSigningKey: Buffer;
}

const keys = {
  url: 'central_url',
  workstationId: 'workstation_id',
  credential: 'credential',
  cursor: 'events_cursor',
  /** The Ed25519 key that signs the audit reports (PKCS#8, sealed by the audit-signing key). */
  signingKey: 'audit_signing_key',
} as const;
const publishedEveryMs = 10 * 60 * 1000;
const auditEveryMs = 60 * 1000;

/**
 * The sync worker: sends the outbox in order per case (idempotency keys fixed at the decision),
 * uploads files resumably, pulls central's events from a cursor and applies each exactly once,
 * records the audit-chain head at central, and pulls catalog and calendar updates.
 */
export function createSyncService(deps: SyncDeps) {
  const { db, clock, outbox, log } = deps;
  const concurrency = deps.concurrency ?? 4;
  const idleMs = deps.idleMs ?? 2_000;
  let online = false;
  let lastContactAt: string | null = null;
  let lastError: string | null = null;
  let client: CentralClient | null = null;
  let lastPublishedAt = 0;
  let lastAuditAt = 0;
  let running = false;
  let stopped = true;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  const missingCache = new Map<string, Set<string>>();

  function read(key: string): string | null {
    return db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, key)).get()?.value ?? null;
  }
  function write(key: string, value: string): void {
    const at = clock.now().toISOString();
    db.insert(syncState)
      .values({ key, value, updatedAt: at })
      .onConflictDoUpdate({ target: syncState.key, set: { value, updatedAt: at } })
      .run();
  }
  const reporter = createAuditReporter({
    audit: deps.audit,
    log,
    sealKey: deps.auditSigningKey,
    slot: { read: () => read(keys.signingKey), write: (sealed) => write(keys.signingKey, sealed) },
  });

  function clientOf(): CentralClient | null {
    const url = read(keys.url);
    const credential = read(keys.credential);
    if (!url || !credential) return null;
    client ??= createCentralClient({
      baseUrl: url,
      credential,
      now: () => clock.now().getTime(),
      appVersion: deps.appVersion,
      ...deps.client,
    });
    return client;
  }

  function status(): SyncStatus {
    const counts = outbox.counts();
    const up = outbox.uploading();
    const skew = client?.skewMs ?? null;
    return {
      centralUrl: read(keys.url) ?? '',
      enrolled: read(keys.credential) !== null,
      workstationId: read(keys.workstationId),
      online,
      lastContactAt,
      lastError,
      clockSkewMs: skew === null ? null : Math.round(skew),
      clockWarning: skew !== null && Math.abs(skew) > clockSkewWarningMs,
      backlog: counts.backlog,
      needsAttention: counts.needsAttention,
      uploading: up
        ? { caseNumber: up.caseNumber, fileName: up.fileName ?? '', bytesSent: up.bytesSent, bytesTotal: up.bytesTotal }
        : null,
      auditCheck: reporter.check,
    };
  }

  let lastSent = '';
  let pending: ReturnType<typeof setTimeout> | null = null;
  /**
   * Tells the UI, only when something it shows changed, at most every 150 ms (a busy worker
   * changes state hundreds of times a second; the status is counted from the table).
   */
  function changed(): void {
    if (pending || !deps.onChange) return;
    pending = setTimeout(() => {
      pending = null;
      const now = status();
      const text = JSON.stringify(now);
      if (text === lastSent) return;
      lastSent = text;
      deps.onChange?.(now);
    }, 150);
    pending.unref?.();
  }

  /** Central answered (and was content with our credential), so it counts as online. */
  function centralAnswered(error: CentralCallError): boolean {
    return !error.transient && error.failure !== 'unauthorized';
  }

  function contact(ok: boolean, error: string | null = null): void {
    if (ok && !online) {
      // Back from an outage: what waited for central goes now, so the backlog drains at once.
      const woken = outbox.wakeRetrying();
      if (woken > 0) wake?.();
      if (lastContactAt !== null) log.info({ woken }, 'central reachable again');
    }
    // Logged once when central goes away, not at every failed try.
    if (!ok && online) log.warn({ error }, 'central unreachable');
    online = ok;
    if (ok) lastContactAt = clock.now().toISOString();
    // A refusal keeps its reason on show; a success clears it.
    lastError = error;
  }

  const { failed } = createFailures({
    outbox,
    log,
    contact,
    centralAnswered,
    settings: deps.settings,
    random: deps.random,
  });

  async function send(c: CentralClient, row: OutboxRow): Promise<void> {
    outbox.sending(row.id);
    changed();
    try {
      if (row.kind === 'case') {
        await c.putCase(JSON.parse(row.payload!) as CasePut, row.idempotencyKey);
      } else if (row.kind === 'rating') {
        await c.putRating(JSON.parse(row.payload!) as RatingPut, row.idempotencyKey);
      } else {
        const key = `${row.caseId}:${row.caseVersion}`;
        let missing = missingCache.get(key);
        if (!missing) {
          missing = new Set(await c.missing(row.caseId, row.caseVersion));
          missingCache.set(key, missing);
        }
        if (missing.has(row.sha256!)) {
          const data = deps.materials.read(row.sha256!).bytes;
          let lastWrite = 0;
          await c.upload({
            caseId: row.caseId,
            sha256: row.sha256!,
            fileName: row.fileName ?? row.sha256!,
            mime: row.mime ?? 'application/octet-stream',
            data,
            uploadUrl: row.uploadUrl,
            onUploadUrl: (url) => outbox.setUploadUrl(row.id, url),
            onProgress: (sent) => {
              const t = Date.now();
              if (t - lastWrite < 250 && sent < row.bytesTotal) return;
              lastWrite = t;
              outbox.progress(row.id, sent);
              changed();
            },
          });
          missing.delete(row.sha256!);
        }
      }
      contact(true);
      const before = outbox.get(row.id);
      outbox.acknowledged(row.id);
      if (before?.lastError)
        log.info({ ...itemOf(row), attempts: before.attempts }, 'outbox item delivered after failed tries');
    } catch (error) {
      if (row.kind === 'file') missingCache.delete(`${row.caseId}:${row.caseVersion}`);
      failed(outbox.get(row.id) ?? row, error);
    }
    changed();
  }

  /**
   * Applies one event from central: recorded once by its id; moves the case when it is for its
   * current version. Returns the case number when the case moved, else null.
   */
  function apply(event: CaseEvent): string | null {
    // The cursor moves in the same transaction as the event is recorded: each is applied once.
    return db.transaction(() => {
      write(keys.cursor, String(event.seq));
      return deps.cases.recordCentralEvent(event, clock.now().toISOString());
    });
  }

  async function pullEvents(c: CentralClient): Promise<number> {
    let applied = 0;
    for (let round = 0; round < 50; round++) {
      const after = Number(read(keys.cursor) ?? '0');
      const page = await c.events(after);
      contact(true);
      for (const event of page.events) {
        const number = apply(event);
        if (number === null) continue;
        applied++;
        deps.onCaseEvent?.({
          caseId: event.caseId,
          number,
          kind: event.kind,
          comment: event.comment,
          approver: event.approver,
          items: event.items,
        });
      }
      if (page.events.length === 0) break;
    }
    return applied;
  }

  async function pullPublished(c: CentralClient): Promise<void> {
    const catalog = await c.published('catalog', deps.catalog.info().version);
    if (catalog) deps.catalog.load(catalog.data, 'central');
    const calendar = await c.published('calendar', deps.calendar.info().version);
    if (calendar) deps.calendar.load(calendar.data, 'central');
  }

  /**
   * Sends everything due with `concurrency` workers: each takes the next due item of a case no
   * other worker has (a case's items go in order); a worker with nothing to take waits for one of
   * the others to finish an item (which may make that case's next item due).
   */
  async function sendDue(c: CentralClient): Promise<void> {
    const inFlight = new Set<string>();
    let waiting: (() => void)[] = [];
    const release = () => {
      const w = waiting;
      waiting = [];
      for (const r of w) r();
    };
    const worker = async () => {
      for (;;) {
        if (stopped && loop) return;
        const next = outbox.due(concurrency * 2 + inFlight.size).find((r) => !inFlight.has(r.caseId));
        if (!next) {
          if (inFlight.size === 0) return;
          await new Promise<void>((r) => waiting.push(r));
          continue;
        }
        inFlight.add(next.caseId);
        try {
          await send(c, next);
        } finally {
          inFlight.delete(next.caseId);
          release();
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    // What central lacked is asked afresh next pass (another window may have sent a file since).
    missingCache.clear();
  }

  /** A pass, unless one is running already (the worker's loop and 立即同步 share it). */
  async function passOnce(): Promise<void> {
    if (running) return;
    running = true;
    try {
      await pass();
    } finally {
      running = false;
    }
  }

  /** One pass: send what is due (in parallel across cases), then events, audit head, published data. */
  async function pass(): Promise<void> {
    const c = clientOf();
    if (!c) return;
    await sendDue(c);
    try {
      await pullEvents(c);
      const now = Date.now();
      if (now - lastAuditAt > auditEveryMs) {
        await reporter.report(c, read(keys.workstationId) ?? '');
        lastAuditAt = now;
      }
      if (now - lastPublishedAt > publishedEveryMs) {
        await pullPublished(c);
        lastPublishedAt = now;
      }
    } catch (error) {
      if (error instanceof CentralCallError) contact(centralAnswered(error), error.message);
      else if (error instanceof AppError) log.warn({ err: error }, 'central data not loaded');
      else throw error;
    }
    changed();
  }

  return {
    /**
     * The enrolled central's address and this workstation's credential, read afresh (a re-enrolment
     * moves them): the updater fetches its feed from the same central with the same credential.
     */
    centralAccess(): { centralUrl: string; credential: string } | null {
      const centralUrl = read(keys.url);
      const credential = read(keys.credential);
      return centralUrl && credential ? { centralUrl, credential } : null;
    },

    status,

    items(states: readonly OutboxState[] | undefined, limit: number): OutboxItem[] {
      return outbox.list(states, limit);
    },

    /** The clerk's retry button. */
    retry(id: number): void {
      if (!outbox.retryNow(id)) throw new AppError('outbox_not_retryable');
      changed();
      wake?.();
    },

    /** Trades an enrolment code for a credential and keeps it; the backlog starts to flow. */
    async enrol(input: EnrolInput): Promise<SyncStatus> {
      // The contract refuses it already; this service is the one writer of the address, so it checks too.
      const addressProblem = centralAddressProblem(input.centralUrl);
      if (addressProblem) throw new AppError(addressProblem);
      // Central registers this PC by its window number: never one the settings only stand in for.
      const window = deps.settings.window();
      if (!window) {
        throw new AppError('enrol_needs_window_settings');
      }
      const probe = createCentralClient({
        baseUrl: input.centralUrl,
        credential: null,
        now: () => clock.now().getTime(),
        appVersion: deps.appVersion,
      });
      // A new enrolment, a new signing key: central registers its public part with the workstation.
      const signing = reporter.freshKey();
      let answer;
      try {
        answer = await probe.enrol({
          code: input.code,
          districtCode: window.districtCode,
          windowNumber: window.windowNumber,
          hallName: window.hallName,
          hostname: hostname(),
          auditKey: signing.publicKey,
        });
      } catch (error) {
        throw new AppError('enrol_failed', { detail: error instanceof Error ? error.message : String(error) });
      }
      db.transaction(() => {
        write(keys.url, input.centralUrl.replace(/\/+$/, ''));
        write(keys.workstationId, answer.workstationId);
        write(keys.credential, answer.credential);
        write(keys.cursor, '0');
        write(keys.signingKey, signing.sealed);
      });
      client = null;
      lastAuditAt = 0;
      lastPublishedAt = 0;
      contact(true);
      changed();
      wake?.();
      return status();
    },

    /** One pass now (tests, and the 立即同步 button). */
    syncNow: passOnce,

    start(): void {
      if (!stopped) return;
      stopped = false;
      const recovered = outbox.recover();
      if (recovered) log.info({ recovered }, 'outbox items left sending are sent again');
      loop = (async () => {
        while (!stopped) {
          try {
            await passOnce();
          } catch (error) {
            log.error({ err: error }, 'sync pass failed');
          }
          if (stopped) break;
          const next = outbox.nextRetryAt();
          const untilRetry = next ? Math.max(50, Date.parse(next) - clock.now().getTime()) : idleMs;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(idleMs, untilRetry));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      })();
    },

    /** Wakes the worker now (a decision was just made). */
    nudge(): void {
      wake?.();
    },

    async stop(): Promise<void> {
      stopped = true;
      wake?.();
      await loop;
      loop = null;
      // After the last pass: a pass still running when stop was asked can announce a change, and a
      // status read after the database is closed would throw in a timer.
      if (pending) clearTimeout(pending);
      pending = null;
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
