import type { DeviceRole, TransportKind } from '../../preload/contract/devices';

export type ScannerLayout = 'newland' | 'honeywell';

/** A device we recognise by its USB ids: its role is known without the clerk choosing one. */
export interface KnownDevice {
  transport: Exclude<TransportKind, 'simulated'>;
  vendorId: number;
  /** Absent: every product of the vendor (narrowed by usage page for HID). */
  productId?: number;
  /** HID only: the interface that carries the data (0x8C for HID POS scanners). */
  usagePage?: number;
  role: DeviceRole;
  name: string;
  /** HID POS report layout of a scanner. */
  layout?: ScannerLayout;
}

/** HID POS (bar code scanner) usage page: the interface that carries whole codes in reports. */
export const hidPosUsagePage = 0x8c;

/**
 * Devices seen at our windows. Readers behind a generic USB-serial bridge (CP210x) are the
 * common case; a bridge used by something else can be given another role on the devices
 * screen, and that choice wins over this table.
 */
export const knownDevices: readonly KnownDevice[] = [
  { transport: 'serial', vendorId: 0x10c4, productId: 0xea60, role: 'idcard', name: '身份证阅读器（CP210x 串口）' },
  {
    transport: 'hid',
    vendorId: 0x1eab,
    productId: 0x1d10,
    usagePage: hidPosUsagePage,
    role: 'scanner',
    name: '新大陆 FM430 扫码器',
    layout: 'newland',
  },
  {
    transport: 'hid',
    vendorId: 0x1eab,
    usagePage: hidPosUsagePage,
    role: 'scanner',
    name: '新大陆扫码器',
    layout: 'newland',
  },
  {
    transport: 'hid',
    vendorId: 0x0c2e,
    usagePage: hidPosUsagePage,
    role: 'scanner',
    name: '霍尼韦尔扫码器',
    layout: 'honeywell',
  },
  // Generic USB virtual COM bridges that many Chinese thermal ticket printers use.
  { transport: 'serial', vendorId: 0x0483, productId: 0x5740, role: 'printer', name: '热敏票据打印机（USB 串口）' },
  { transport: 'serial', vendorId: 0x0416, productId: 0x5011, role: 'printer', name: '热敏票据打印机（POS58）' },
];

export function findKnownDevice(query: {
  transport: TransportKind;
  vendorId: number | null;
  productId: number | null;
  usagePage?: number | null;
}): KnownDevice | null {
  if (query.vendorId === null) return null;
  return (
    knownDevices.find(
      (known) =>
        known.transport === query.transport &&
        known.vendorId === query.vendorId &&
        (known.productId === undefined || known.productId === query.productId) &&
        (known.usagePage === undefined || known.usagePage === query.usagePage),
    ) ?? null
  );
}
