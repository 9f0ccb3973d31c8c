import { existsSync, readdirSync } from 'node:fs';
import { devicesAsync } from 'node-hid';
import { SerialPort } from 'serialport';
import { usbIds, type DeviceRole, type TransportKind } from '../../preload/contract/devices';
import { findKnownDevice, hidPosUsagePage, type ScannerLayout } from './known-devices';
import { createHidTransport } from './transport/hid';
import { createSerialTransport } from './transport/serial';
import type { Transport } from './transport/transport';

/** A device present right now, as one source reports it; `open` makes a fresh transport. */
export interface DeviceCandidate {
  /** Stable across replugging: `hid:VID:PID:serial-or-interface`, `serial:PATH`, `sim:ROLE`. */
  id: string;
  name: string;
  transport: TransportKind;
  path: string;
  vendorId: number | null;
  productId: number | null;
  simulated: boolean;
  /** The role from the known-devices table (or the simulator), if any. */
  knownRole: DeviceRole | null;
  layout?: ScannerLayout;
  /** Whether the device stays listed as unplugged once gone (default yes, for a device with a role). */
  listedWhenGone?: () => boolean;
  open(): Transport;
}

export interface DeviceSource {
  readonly name: string;
  /** Never rejects for "nothing here": a missing subsystem is an empty list. */
  list(): Promise<DeviceCandidate[]>;
}

/** The names of /dev's tty nodes on Linux (cheap to read); null elsewhere, where listing ports is cheap. */
function ttySignature(): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return readdirSync('/dev')
      .filter((name) => name.startsWith('tty'))
      .sort()
      .join(',');
  } catch {
    return null;
  }
}

/** Usage pages of keyboards and mice: never ours, never listed. */
const genericDesktopUsagePage = 0x01;

/**
 * HID devices that can be ours: known ids, or any HID POS interface (usage page 0x8C). Keyboards
 * (and keyboard-wedge scanners) are the OS's; they are captured in the renderer instead.
 */
export function hidSource(
  list: () => Promise<Awaited<ReturnType<typeof devicesAsync>>> = () => devicesAsync(),
): DeviceSource {
  return {
    name: 'hid',
    async list() {
      const devices = await list().catch(() => []);
      const found: DeviceCandidate[] = [];
      for (const device of devices) {
        if (!device.path) continue;
        const usagePage = device.usagePage ?? null;
        const known = findKnownDevice({
          transport: 'hid',
          vendorId: device.vendorId,
          productId: device.productId,
          usagePage,
        });
        if (!known && usagePage !== hidPosUsagePage) continue;
        if (usagePage === genericDesktopUsagePage) continue;
        const path = device.path;
        found.push({
          id: `hid:${usbIds(device.vendorId, device.productId)}:${device.serialNumber || `if${device.interface}`}`,
          name: known?.name ?? ([device.manufacturer, device.product].filter(Boolean).join(' ') || 'HID 设备'),
          transport: 'hid',
          path,
          vendorId: device.vendorId,
          productId: device.productId,
          simulated: false,
          knownRole: known?.role ?? (usagePage === hidPosUsagePage ? 'scanner' : null),
          ...(known?.layout ? { layout: known.layout } : {}),
          open: () => createHidTransport({ path }),
        });
      }
      return found;
    },
  };
}

/** What `SerialPort.list()` gives per port (the fields we use). */
export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

/**
 * Serial ports: USB virtual COM ports from the OS (`SerialPort.list()`, which on Linux needs
 * udevadm: without it there are simply none) plus paths the admin configured, for ports the OS
 * does not list (a pseudo-terminal, a port behind a symlink). Built-in ports with no USB ids are
 * left out unless configured: nothing of ours hangs there.
 */
export function serialSource(options: {
  configuredPaths: () => readonly string[];
  list?: () => Promise<PortInfo[]>;
  exists?: (path: string) => boolean;
  /** Changes whenever a port may have come or gone; null: ask the OS every time. */
  signature?: () => string | null;
}): DeviceSource {
  const list = options.list ?? (() => SerialPort.list() as Promise<PortInfo[]>);
  const exists = options.exists ?? existsSync;
  const signature = options.signature ?? (options.list ? () => null : ttySignature);
  let cached: { signature: string; ports: PortInfo[] } | null = null;

  /** On Linux `SerialPort.list()` spawns udevadm (~70 ms): ask again only when /dev's tty nodes changed. */
  async function ports(): Promise<PortInfo[]> {
    const now = signature();
    if (now !== null && cached?.signature === now) return cached.ports;
    const fresh = await list().catch(() => []);
    cached = now === null ? null : { signature: now, ports: fresh };
    return fresh;
  }

  return {
    name: 'serial',
    async list() {
      const found = new Map<string, DeviceCandidate>();
      const add = (path: string, vendorId: number | null, productId: number | null, label: string | null) => {
        const known = findKnownDevice({ transport: 'serial', vendorId, productId });
        found.set(path, {
          id: `serial:${path}`,
          name: known?.name ?? label ?? `串口设备 ${path}`,
          transport: 'serial',
          path,
          vendorId,
          productId,
          simulated: false,
          knownRole: known?.role ?? null,
          open: () => createSerialTransport({ path }),
        });
      };
      for (const port of await ports()) {
        const vendorId = port.vendorId ? Number.parseInt(port.vendorId, 16) : null;
        const productId = port.productId ? Number.parseInt(port.productId, 16) : null;
        if (vendorId === null || Number.isNaN(vendorId)) continue;
        add(port.path, vendorId, Number.isNaN(productId) ? null : productId, port.manufacturer ?? null);
      }
      for (const path of options.configuredPaths()) {
        if (!found.has(path) && exists(path)) add(path, null, null, null);
      }
      return [...found.values()];
    },
  };
}
