import type { DeviceInfo, DeviceRole, DeviceState, SelfTest, Symbology } from '../../preload/contract/devices';
import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import type { Logger } from '../logging/logger';
import type { AttachContext, AttachedDevice, SelfTestStep } from './attached';
import { createCommandQueue } from './command-queue';
import { attachIdCardReader, type IdCardDevice } from './idcard/device';
import type { CardData } from './idcard/driver';
import { attachTicketPrinter, type TicketPrinter } from './printer/device';
import type { RoleAssignments } from './role-assignments';
import { attachScanner } from './scanner/device';
import type { DeviceCandidate, DeviceSource } from './sources';
import type { Transport } from './transport/transport';

export interface DeviceManagerOptions {
  sources: readonly DeviceSource[];
  assignments: RoleAssignments;
  clock: Clock;
  log: Logger;
  hallName: () => string;
  /** The ticket printer chosen in settings (a device id), used when several printers are attached. */
  preferredPrinter?: () => string | null;
  /** Enumeration period: how soon a plug or unplug shows. */
  pollMs?: number;
  /** Reader find-card period. */
  readerIntervalMs?: number;
  /** First and longest wait before reopening a device that failed. */
  backoff?: { initialMs: number; maxMs: number };
}

export interface DeviceManagerEvents {
  changed(devices: DeviceInfo[]): void;
  card(deviceId: string, card: CardData, simulated: boolean): void;
  scan(deviceId: string, scan: { code: string; symbology: Symbology; aimId: string | null }): void;
}

interface Entry {
  candidate: DeviceCandidate;
  connected: boolean;
  status: DeviceInfo['status'];
  samId: string | null;
  transport: Transport | null;
  attached: AttachedDevice | null;
  retry: NodeJS.Timeout | null;
  backoffMs: number;
  /** Bumped at every close, so callbacks of an old transport are ignored. */
  generation: number;
}

/**
 * Finds devices (by polling every source), opens each one in its role, reopens after failures
 * with backoff, and keeps the status every screen shows. The only place that knows which
 * devices exist; drivers never see each other.
 */
export function createDeviceManager(options: DeviceManagerOptions) {
  const { clock, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
  const entries = new Map<string, Entry>();
  const listeners: { [K in keyof DeviceManagerEvents]: Set<DeviceManagerEvents[K]> } = {
    changed: new Set(),
    card: new Set(),
    scan: new Set(),
  };
  let assigned = options.assignments.all();
  let timer: NodeJS.Timeout | null = null;
  const enumeration = createCommandQueue();
  let stopped = true;

  function emit<K extends keyof DeviceManagerEvents>(event: K, ...args: Parameters<DeviceManagerEvents[K]>): void {
    for (const listener of [...listeners[event]]) {
      try {
        (listener as (...a: Parameters<DeviceManagerEvents[K]>) => void)(...args);
      } catch (error) {
        log.error({ err: error, event }, 'device listener failed');
      }
    }
  }

  function roleOf(candidate: DeviceCandidate): { role: DeviceRole; roleSource: DeviceInfo['roleSource'] } {
    const chosen = assigned.get(candidate.id);
    if (chosen) return { role: chosen, roleSource: 'assigned' };
    if (candidate.knownRole) return { role: candidate.knownRole, roleSource: 'known' };
    return { role: 'unknown', roleSource: 'none' };
  }

  function info(entry: Entry): DeviceInfo {
    const { candidate } = entry;
    return {
      id: candidate.id,
      name: candidate.name,
      ...roleOf(candidate),
      transport: candidate.transport,
      path: candidate.path,
      vendorId: candidate.vendorId,
      productId: candidate.productId,
      simulated: candidate.simulated,
      connected: entry.connected,
      status: entry.status,
      samId: entry.samId,
    };
  }

  function list(): DeviceInfo[] {
    const order: Record<DeviceRole, number> = { idcard: 0, scanner: 1, printer: 2, unknown: 3 };
    return [...entries.values()]
      .map(info)
      .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name, 'zh-CN'));
  }

  const changed = () => emit('changed', list());

  function setStatus(entry: Entry, state: DeviceState, error: AppError | null = null) {
    const next = { state, code: error?.code ?? null, message: error?.message ?? null, params: error?.params ?? null };
    const now = entry.status;
    if (now.state === next.state && now.code === next.code && now.message === next.message) return;
    entry.status = { ...next, since: clock.now().toISOString() };
    changed();
  }

  function attach(entry: Entry, transport: Transport, generation: number): AttachedDevice | null {
    const context: AttachContext = {
      status: (state, error) => {
        if (entry.generation === generation) setStatus(entry, state, error ?? null);
      },
      log: log.child({ device: entry.candidate.id }),
    };
    const { role } = roleOf(entry.candidate);
    switch (role) {
      case 'idcard':
        return attachIdCardReader(
          transport,
          {
            ...context,
            card: (card) =>
              entry.generation === generation && emit('card', entry.candidate.id, card, entry.candidate.simulated),
            samId: (id) => {
              if (entry.generation !== generation || entry.samId === id) return;
              entry.samId = id;
              changed();
            },
          },
          {
            now: () => clock.now(),
            appendedAddress: true,
            ...(options.readerIntervalMs ? { intervalMs: options.readerIntervalMs } : {}),
          },
        );
      case 'scanner':
        return attachScanner(
          transport,
          { ...context, scan: (scan) => entry.generation === generation && emit('scan', entry.candidate.id, scan) },
          entry.candidate.layout ?? 'honeywell',
        );
      case 'printer':
        return attachTicketPrinter(transport, {
          ...context,
          hallName: options.hallName,
          deviceName: entry.candidate.name,
          now: () => clock.now(),
        });
      case 'unknown':
        return null;
    }
  }

  async function close(entry: Entry): Promise<void> {
    entry.generation += 1;
    if (entry.retry) clearTimeout(entry.retry);
    entry.retry = null;
    const { attached, transport } = entry;
    entry.attached = null;
    entry.transport = null;
    try {
      await attached?.stop();
    } finally {
      await transport?.close().catch(() => undefined);
    }
  }

  function scheduleReopen(entry: Entry): void {
    if (stopped || !entry.connected || entry.retry) return;
    const wait = entry.backoffMs;
    entry.backoffMs = Math.min(entry.backoffMs * 2, backoff.maxMs);
    entry.retry = setTimeout(() => {
      entry.retry = null;
      void open(entry);
    }, wait);
  }

  async function open(entry: Entry): Promise<void> {
    if (stopped || entry.transport || !entry.connected || roleOf(entry.candidate).role === 'unknown') return;
    const generation = entry.generation;
    const transport = entry.candidate.open();
    entry.transport = transport;
    setStatus(entry, 'opening');
    try {
      await transport.open();
    } catch (error) {
      if (entry.generation !== generation) return;
      entry.transport = null;
      log.warn({ device: entry.candidate.id, err: error }, 'device could not be opened; will retry');
      setStatus(entry, 'error', error instanceof AppError ? error : new AppError('device_open_failed'));
      scheduleReopen(entry);
      return;
    }
    if (entry.generation !== generation) {
      await transport.close().catch(() => undefined);
      return;
    }
    const failed = (error: Error) => {
      if (entry.generation !== generation) return;
      log.warn({ device: entry.candidate.id, err: error }, 'device failed; closing and reopening');
      // close() lets go of the transport at once and finishes in the background (a driver may first
      // wait out a request in flight); the status and the reopen timer are set now, so a poll in the
      // meantime does not reopen the device behind them.
      void close(entry);
      setStatus(
        entry,
        entry.connected ? 'error' : 'disconnected',
        error instanceof AppError ? error : new AppError('device_disconnected'),
      );
      scheduleReopen(entry);
    };
    transport.onError(failed);
    transport.onClose(() => failed(new AppError('device_disconnected')));
    const attached = attach(entry, transport, generation);
    entry.attached = attached;
    entry.backoffMs = backoff.initialMs;
    if (!attached) {
      await close(entry);
      return;
    }
    setStatus(entry, 'ready');
    attached.start();
  }

  async function pollOnce(): Promise<void> {
    const found = new Map<string, DeviceCandidate>();
    for (const source of options.sources) {
      try {
        for (const candidate of await source.list()) found.set(candidate.id, candidate);
      } catch (error) {
        log.warn({ source: source.name, err: error }, 'device enumeration failed');
      }
    }
    let dirty = false;
    for (const [id, entry] of entries) {
      if (found.has(id) || !entry.connected) continue;
      entry.connected = false;
      await close(entry);
      setStatus(entry, 'disconnected', new AppError('device_disconnected'));
      dirty = true;
      // Devices with no role come and go without a trace; ours stay listed as unplugged.
      if (roleOf(entry.candidate).role === 'unknown' || entry.candidate.listedWhenGone?.() === false)
        entries.delete(id);
    }
    for (const [id, candidate] of found) {
      let entry = entries.get(id);
      if (!entry) {
        entry = {
          candidate,
          connected: true,
          status: { state: 'opening', code: null, message: null, params: null, since: clock.now().toISOString() },
          samId: null,
          transport: null,
          attached: null,
          retry: null,
          backoffMs: backoff.initialMs,
          generation: 0,
        };
        entries.set(id, entry);
        dirty = true;
        if (roleOf(candidate).role === 'unknown') setStatus(entry, 'ready');
      } else if (!entry.connected) {
        entry.candidate = candidate;
        entry.connected = true;
        entry.backoffMs = backoff.initialMs;
        setStatus(entry, 'opening');
      }
      if (!entry.transport && !entry.retry) await open(entry);
    }
    if (dirty) changed();
  }

  /** One enumeration at a time; a caller during a running one waits for it and then runs its own. */
  function refresh(): Promise<void> {
    return enumeration.run(pollOnce);
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void refresh()
        .catch((error: unknown) => log.error({ err: error }, 'device poll failed'))
        .finally(schedule);
    }, pollMs);
  }

  function entryOf(deviceId: string): Entry {
    const entry = entries.get(deviceId);
    if (!entry) throw new AppError('device_not_found');
    return entry;
  }

  /** The device a role's work goes to: the ticket printer chosen in settings first; then a real device over a simulated one. */
  function choose(candidates: Entry[], role: DeviceRole): Entry | undefined {
    const chosen = role === 'printer' ? (options.preferredPrinter?.() ?? null) : null;
    return (
      (chosen ? candidates.find((e) => e.candidate.id === chosen) : undefined) ??
      candidates.find((e) => !e.candidate.simulated) ??
      candidates[0]
    );
  }

  function attachedOf<T extends AttachedDevice>(role: DeviceRole): { entry: Entry; device: T } {
    const ready = [...entries.values()].filter((e) => e.attached && roleOf(e.candidate).role === role);
    const entry = choose(ready, role);
    if (!entry?.attached) throw new AppError('device_not_found');
    return { entry, device: entry.attached as T };
  }

  return {
    async start(): Promise<void> {
      if (!stopped) return;
      stopped = false;
      await refresh();
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await enumeration.idle();
      await Promise.all([...entries.values()].map(close));
    },
    refresh,
    list,
    on<K extends keyof DeviceManagerEvents>(event: K, listener: DeviceManagerEvents[K]): () => void {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
    async assignRole(deviceId: string, role: DeviceRole, by: string | null): Promise<DeviceInfo> {
      const entry = entryOf(deviceId);
      if (entry.candidate.simulated && role !== entry.candidate.knownRole)
        throw new AppError('device_role_unsupported');
      options.assignments.set(deviceId, role, by);
      assigned = options.assignments.all();
      await close(entry);
      entry.samId = null;
      entry.backoffMs = backoff.initialMs;
      if (role === 'unknown') setStatus(entry, 'ready');
      await open(entry);
      changed();
      return info(entry);
    },
    async selfTest(deviceId: string): Promise<SelfTest> {
      const entry = entryOf(deviceId);
      if (!entry.connected) throw new AppError('device_disconnected');
      if (!entry.attached) {
        const detail: SelfTestStep['detail'] =
          roleOf(entry.candidate).role === 'unknown'
            ? { kind: 'error', code: 'device_role_needed' }
            : entry.status.code
              ? {
                  kind: 'error',
                  code: entry.status.code,
                  ...(entry.status.params ? { params: entry.status.params } : {}),
                }
              : { kind: 'error', code: 'device_not_open' };
        return { deviceId, ok: false, steps: [{ name: 'open', ok: false, detail }] };
      }
      const steps = await entry.attached.selfTest();
      return { deviceId, ok: steps.every((s) => s.ok), steps };
    },
    /** Prints on the ticket printer (a real one before a simulated one). */
    /**
     * The status of the device a role's work would go to: an attached one as above, else the one in
     * that role that is failing or unplugged (so a fault shows); null when there is none at all.
     */
    statusOf(role: DeviceRole): DeviceInfo['status'] | null {
      const inRole = [...entries.values()].filter((e) => roleOf(e.candidate).role === role);
      const attached = inRole.filter((e) => e.attached);
      return (choose(attached, role) ?? choose(inRole, role))?.status ?? null;
    },
    async printTicket(job: Uint8Array): Promise<string> {
      const { entry, device } = attachedOf<TicketPrinter>('printer');
      await device.print(job);
      return entry.candidate.id;
    },
    /** Reads the card on the reader now, even the same card again. */
    async readCardNow(): Promise<void> {
      await attachedOf<IdCardDevice>('idcard').device.readNow();
    },
  };
}

export type DeviceManager = ReturnType<typeof createDeviceManager>;
