import { randomUUID } from 'node:crypto';
import type {
  CardRead,
  DeviceInfo,
  DeviceRole,
  Identity,
  SelfTest,
  SimulatedReaderHolds,
  SimulationState,
  Symbology,
} from '../../preload/contract/devices';
import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import type { Db } from '../db/connection';
import type { SessionHub } from '../ipc/session-hub';
import type { Logger } from '../logging/logger';
import type { SettingsService } from '../settings/service';
import type { CardData } from './idcard/driver';
import { isExpired } from './idcard/expiry';
import { maskedIdentity } from './idcard/masked';
import { decodeFrames, parseHex } from './idcard/frame-dump';
import { pngDataUrl, type PhotoDecoder } from './idcard/photo';
import { createDeviceManager } from './manager';
import { createNetworkPrinters } from './network-printers';
import { parsePrinterAddress } from './printer/network-address';
import { queueTicket } from './printer/ticket';
import { createRoleAssignments } from './role-assignments';
import { createSimulation } from './simulation';
import { hidSource, networkPrinterSource, serialSource, usbPrinterSource, type DeviceSource } from './sources';
import { createTcpTransport } from './transport/tcp';

export interface DeviceServiceOptions {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  hub: SessionHub;
  log: Logger;
  /** `--simulate-devices`: simulated devices on whatever the setting says. */
  forceSimulation?: boolean;
  /** Tests replace the OS sources (HID, serial, USB printers); the network printers and the simulated source are always there. */
  hardwareSources?: readonly DeviceSource[];
  photoDecoder?: PhotoDecoder | null;
  pollMs?: number;
  readerIntervalMs?: number;
}

/** How long a card read stays in memory: long enough to fill a form, short enough not to linger. */
const readLifetimeMs = 30 * 60 * 1000;
/** `idcard.current` offers a read this recent to a screen opened after it. */
const currentReadMs = 5 * 60 * 1000;
const readsKept = 20;

interface StoredRead {
  read: CardRead;
  identity: Identity;
  at: number;
}

/**
 * The devices subsystem as the rest of the workstation sees it: the device manager over the
 * OS's HID, serial and USB printer devices, the network printers added by address and the
 * simulated ones, card reads (kept in memory only, masked
 * in every event), scans, and ticket printing.
 */
export function createDeviceService(options: DeviceServiceOptions) {
  const { clock, settings, hub, log } = options;
  const forced = options.forceSimulation ?? false;
  const simulation = createSimulation({ enabled: () => forced || settings.get().simulateDevices, forced });
  const networkPrinters = createNetworkPrinters(options.db, clock);
  const sources = [
    ...(options.hardwareSources ?? [
      hidSource(),
      serialSource({ configuredPaths: () => settings.get().extraSerialPorts }),
      usbPrinterSource(),
    ]),
    networkPrinterSource(() => networkPrinters.all()),
    simulation.source,
  ];
  const manager = createDeviceManager({
    sources,
    assignments: createRoleAssignments(options.db, clock),
    clock,
    log,
    hallName: () => settings.get().hallName,
    preferredPrinter: () => settings.get().ticketPrinter || null,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.readerIntervalMs ? { readerIntervalMs: options.readerIntervalMs } : {}),
  });
  const reads = new Map<string, StoredRead>();

  function prune(): void {
    const now = clock.now().getTime();
    for (const [id, stored] of reads) if (now - stored.at > readLifetimeMs) reads.delete(id);
    while (reads.size > readsKept) reads.delete(reads.keys().next().value!);
  }

  async function onCard(deviceId: string, card: CardData, simulated: boolean): Promise<void> {
    const now = clock.now();
    let dataUrl: string | null = null;
    if (options.photoDecoder && card.photo.length > 0) {
      try {
        dataUrl = pngDataUrl(await options.photoDecoder.decode(card.photo));
      } catch (error) {
        log.warn({ err: error, decoder: options.photoDecoder.name }, 'photo decoder failed');
      }
    }
    const read: CardRead = {
      readId: randomUUID(),
      deviceId,
      readAt: now.toISOString(),
      identity: maskedIdentity(card.identity),
      expired: isExpired(card.identity, now),
      photo: { present: card.photo.length > 0, bytes: card.photo.length, dataUrl },
      fingerprint: card.fingerprint !== null && card.fingerprint.length > 0,
      simulated,
    };
    reads.set(read.readId, { read, identity: card.identity, at: now.getTime() });
    prune();
    log.info({ deviceId, cardType: card.identity.cardType, expired: read.expired, simulated }, 'card read');
    hub.broadcast('idcard.read', read);
  }

  manager.on('changed', (devices) => hub.broadcast('devices.changed', devices));
  manager.on('card', (deviceId, card, simulated) => void onCard(deviceId, card, simulated));
  manager.on('scan', (deviceId, scan) =>
    hub.broadcast('scanner.scanned', { ...scan, source: 'hid_pos', deviceId, at: clock.now().toISOString() }),
  );

  function requireSimulation(): void {
    if (!simulation.state().enabled) throw new AppError('simulation_disabled');
  }

  return {
    manager,
    simulation,
    start: () => manager.start(),
    stop: () => manager.stop(),
    list: (): DeviceInfo[] => manager.list(),
    async refresh(): Promise<DeviceInfo[]> {
      await manager.refresh();
      return manager.list();
    },
    assignRole: (deviceId: string, role: DeviceRole, by: string | null) => manager.assignRole(deviceId, role, by),
    selfTest: (deviceId: string): Promise<SelfTest> => manager.selfTest(deviceId),
    /**
     * A network ticket printer by the address typed; it must answer on its port once, so a wrong
     * address is said now rather than later as a fault. Adding one already there just shows it.
     */
    async addNetworkPrinter(typed: string, by: string | null): Promise<DeviceInfo> {
      const printer = parsePrinterAddress(typed);
      if (!networkPrinters.has(printer.address)) {
        const probe = createTcpTransport({ host: printer.host, port: printer.port });
        try {
          await probe.open();
        } catch (error) {
          log.warn({ err: error, address: printer.address }, 'network printer did not answer');
          throw new AppError('printer_unreachable', { address: printer.address });
        } finally {
          await probe.close();
        }
        networkPrinters.add(printer, by);
      }
      await manager.refresh();
      const added = manager.list().find((d) => d.id === `tcp:${printer.address}`);
      if (!added) throw new AppError('device_not_found');
      return added;
    },
    /** Forgets a network printer added by address: it closes and leaves the list. */
    async removeNetworkPrinter(deviceId: string): Promise<void> {
      const address = deviceId.startsWith('tcp:') ? deviceId.slice('tcp:'.length) : null;
      if (address === null || !networkPrinters.remove(address)) throw new AppError('device_not_found');
      await manager.refresh();
    },
    current(): CardRead | null {
      prune();
      const latest = [...reads.values()].at(-1);
      if (!latest || clock.now().getTime() - latest.at > currentReadMs) return null;
      return latest.read;
    },
    /** The unmasked identity of a read still in memory. */
    reveal(readId: string): { identity: Identity; masked: string } {
      prune();
      const stored = reads.get(readId);
      if (!stored) throw new AppError('idcard_read_expired');
      return { identity: stored.identity, masked: stored.read.identity.idNumber };
    },
    readNow: () => manager.readCardNow(),
    decodeFrames: (hex: string) => decodeFrames(parseHex(hex)),
    async printTicket(input: { number: string; matter: string; waiting: number | null; qr: string | null }) {
      const job = queueTicket({ hallName: settings.get().hallName, issuedAt: clock.now(), ...input });
      return manager.printTicket(job);
    },
    /** The ticket printer's status (the one a ticket would go to); null when there is none. */
    ticketPrinterStatus: () => manager.statusOf('printer'),
    simulationState: (): SimulationState => simulation.state(),
    async updateSimulation(change: {
      readerHolds?: SimulatedReaderHolds | undefined;
      plugged?:
        { idcard?: boolean | undefined; scanner?: boolean | undefined; printer?: boolean | undefined } | undefined;
      clearPrinter?: boolean | undefined;
    }): Promise<SimulationState> {
      requireSimulation();
      if (change.readerHolds) simulation.place(change.readerHolds);
      for (const role of ['idcard', 'scanner', 'printer'] as const) {
        const value = change.plugged?.[role];
        if (value !== undefined) simulation.plug(role, value);
      }
      if (change.clearPrinter) simulation.clearPrinter();
      // Plugging shows at once rather than at the next poll.
      if (change.plugged) await manager.refresh();
      return simulation.state();
    },
    simulateScan(code: string, symbology: Symbology): void {
      requireSimulation();
      simulation.scan(code, symbology);
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
