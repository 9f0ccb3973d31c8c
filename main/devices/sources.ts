import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devicesAsync } from 'node-hid';
import { SerialPort } from 'serialport';
import { usbIds, type DeviceRole, type TransportKind } from '../../preload/contract/devices';
import { findKnownDevice, hidPosUsagePage, type ScannerLayout } from './known-devices';
import type { NetworkPrinterAddress } from './printer/network-address';
import { createHidTransport } from './transport/hid';
import { createSerialTransport } from './transport/serial';
import { createTcpTransport } from './transport/tcp';
import type { Transport } from './transport/transport';
import { createUsbLpTransport } from './transport/usb-printer';

/** A device present right now, as one source reports it; `open` makes a fresh transport. */
export interface DeviceCandidate {
  /** Stable across replugging: `hid:VID:PID:serial-or-interface`, `serial:PATH`, `usblp:PATH`, `tcp:HOST:PORT`, `sim:ROLE`. */
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

/** What a printer says it is in its IEEE 1284 device id (`MFG:…;MDL:…;CMD:…;`), as usblp shows it in sysfs. */
export function parseDeviceId(text: string): { make: string | null; model: string | null; commands: string[] } {
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf(':');
    if (at > 0) fields.set(part.slice(0, at).trim().toUpperCase(), part.slice(at + 1).trim());
  }
  const field = (...keys: string[]) => keys.map((k) => fields.get(k)).find((v) => v) ?? null;
  const commands = field('CMD', 'COMMAND SET');
  return {
    make: field('MFG', 'MANUFACTURER'),
    model: field('MDL', 'MODEL'),
    commands: commands
      ? commands
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : [],
  };
}

/** An office printer's page languages: a device that speaks only these is not a ticket printer. */
const pageLanguages = /^(PCL|PJL|POSTSCRIPT|PDF|PWG|URF|XPS)/i;

function sysfsDeviceId(name: string): string | null {
  try {
    return readFileSync(`/sys/class/usbmisc/${name}/device/ieee1284_id`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * USB printer-class devices through Linux's usblp driver (`/dev/usb/lpN`): ticket printers, in the
 * printer role. One that says it speaks only page languages (an A4 office printer on USB) is listed
 * without a role, so it is never opened unless a supervisor chooses the role.
 */
export function usbPrinterSource(
  options: {
    devDir?: string;
    list?: (dir: string) => string[];
    /** The device's IEEE 1284 id by node name (`lp0`); null when it gives none. */
    deviceId?: (name: string) => string | null;
  } = {},
): DeviceSource {
  const devDir = options.devDir ?? '/dev/usb';
  const list = options.list ?? ((dir: string) => readdirSync(dir));
  const deviceId = options.deviceId ?? sysfsDeviceId;
  return {
    name: 'usb-printer',
    list() {
      if (options.devDir === undefined && process.platform !== 'linux') return Promise.resolve([]);
      let names: string[];
      try {
        names = list(devDir).filter((name) => /^lp\d+$/.test(name));
      } catch {
        return Promise.resolve([]);
      }
      names.sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
      return Promise.resolve(
        names.map((name): DeviceCandidate => {
          const path = join(devDir, name);
          const id = parseDeviceId(deviceId(name) ?? '');
          const pageOnly =
            id.commands.some((c) => pageLanguages.test(c)) && !id.commands.some((c) => /^ESC\/?POS/i.test(c));
          const label = [id.make, id.model].filter(Boolean).join(' ');
          return {
            id: `usblp:${path}`,
            name: pageOnly ? `USB 打印机 ${label}（${name}）` : `USB 票据打印机（${name}）`,
            transport: 'usb_printer',
            path,
            vendorId: null,
            productId: null,
            simulated: false,
            knownRole: pageOnly ? null : 'printer',
            open: () => createUsbLpTransport({ path }),
          };
        }),
      );
    },
  };
}

/** The network ticket printers added by address: listed while kept, gone from the list once removed. */
export function networkPrinterSource(printers: () => NetworkPrinterAddress[]): DeviceSource {
  return {
    name: 'network-printer',
    list: () =>
      Promise.resolve(
        printers().map(({ host, port, address }): DeviceCandidate => ({
          id: `tcp:${address}`,
          name: `网络票据打印机（${address}）`,
          transport: 'tcp',
          path: address,
          vendorId: null,
          productId: null,
          simulated: false,
          knownRole: 'printer',
          listedWhenGone: () => false,
          open: () => createTcpTransport({ host, port }),
        })),
      ),
  };
}
