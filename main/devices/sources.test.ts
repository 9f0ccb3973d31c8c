import { describe, expect, it } from 'vitest';
import {
  hidSource,
  networkPrinterSource,
  parseDeviceId,
  serialSource,
  usbPrinterSource,
  type PortInfo,
} from './sources';

describe('serial source', () => {
  const ports: PortInfo[] = [
    { path: '/dev/ttyUSB0', vendorId: '10c4', productId: 'ea60', manufacturer: 'Silicon Labs' },
    { path: '/dev/ttyACM0', vendorId: '0483', productId: '5740' },
    { path: '/dev/ttyUSB1', vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng' },
    { path: '/dev/ttyS0' },
  ];

  it('recognises known USB ids, lists other USB ports without a role, and leaves built-in ports out', async () => {
    const source = serialSource({ configuredPaths: () => [], list: () => Promise.resolve(ports) });
    const found = await source.list();
    expect(found.map((d) => [d.id, d.knownRole, d.vendorId, d.productId])).toEqual([
      ['serial:/dev/ttyUSB0', 'idcard', 0x10c4, 0xea60],
      ['serial:/dev/ttyACM0', 'printer', 0x0483, 0x5740],
      ['serial:/dev/ttyUSB1', null, 0x1a86, 0x7523],
    ]);
    expect(found[2]!.name).toBe('QinHeng');
  });

  it('adds configured paths that exist, once, even when the OS lists none (no udevadm)', async () => {
    const source = serialSource({
      configuredPaths: () => ['/dev/ttyS0', '/tmp/gone', '/dev/ttyUSB0'],
      list: () => Promise.reject(new Error('spawn udevadm ENOENT')),
      exists: (path) => path !== '/tmp/gone',
    });
    expect((await source.list()).map((d) => d.id)).toEqual(['serial:/dev/ttyS0', 'serial:/dev/ttyUSB0']);
  });

  it('asks the OS again only when the signature changes', async () => {
    let calls = 0;
    let signature = 'ttyS0';
    const source = serialSource({
      configuredPaths: () => [],
      list: () => {
        calls += 1;
        return Promise.resolve(ports);
      },
      signature: () => signature,
    });
    await source.list();
    await source.list();
    expect(calls).toBe(1);
    signature = 'ttyS0,ttyUSB0';
    await source.list();
    expect(calls).toBe(2);
  });
});

describe('HID source', () => {
  it('lists HID POS interfaces and known scanners, never keyboards or mice', async () => {
    const source = hidSource(() =>
      Promise.resolve([
        {
          vendorId: 0x1eab,
          productId: 0x1d10,
          path: '/dev/hidraw3',
          usagePage: 0x8c,
          usage: 2,
          interface: 1,
          release: 1,
        },
        {
          vendorId: 0x1eab,
          productId: 0x1d10,
          path: '/dev/hidraw2',
          usagePage: 0x01,
          usage: 6,
          interface: 0,
          release: 1,
        },
        {
          vendorId: 0x046d,
          productId: 0xc31c,
          path: '/dev/hidraw0',
          usagePage: 0x01,
          usage: 6,
          interface: 0,
          release: 1,
        },
        {
          vendorId: 0x0c2e,
          productId: 0x0b61,
          path: '/dev/hidraw5',
          usagePage: 0x8c,
          usage: 2,
          interface: 2,
          release: 1,
          serialNumber: 'H123',
        },
        {
          vendorId: 0x9999,
          productId: 0x0001,
          path: '/dev/hidraw6',
          usagePage: 0x8c,
          usage: 2,
          interface: 0,
          release: 1,
          product: 'POS Scanner',
        },
        { vendorId: 0x9999, productId: 0x0002, interface: 0, release: 1 },
      ]),
    );
    const found = await source.list();
    expect(found.map((d) => [d.id, d.knownRole, d.layout ?? null, d.name])).toEqual([
      ['hid:1eab:1d10:if1', 'scanner', 'newland', '新大陆 FM430 扫码器'],
      ['hid:0c2e:0b61:H123', 'scanner', 'honeywell', '霍尼韦尔扫码器'],
      ['hid:9999:0001:if0', 'scanner', null, 'POS Scanner'],
    ]);
  });

  it('is empty when enumeration fails', async () => {
    const source = hidSource(() => Promise.reject(new Error('no libudev')));
    expect(await source.list()).toEqual([]);
  });
});

describe('USB printer source (/dev/usb/lpN)', () => {
  const ids: Record<string, string> = {
    lp1: 'MFG:Xprinter;CMD:ESC/POS;MDL:XP-58IIH;CLS:PRINTER;',
    lp2: 'MANUFACTURER:HP;COMMAND SET:PJL,PML,PCL,POSTSCRIPT;MODEL:LaserJet M404;CLS:PRINTER;',
    lp3: 'MFG:EPSON;CMD:ESC/POS,PCL;MDL:TM-T88;',
  };

  it('lists each lpN in number order as a ticket printer, by its path; a page-language-only printer gets no role', async () => {
    const source = usbPrinterSource({
      devDir: '/dev/usb',
      list: () => ['lp10', 'lp1', 'hiddev0', 'lp0', 'lp', 'lp2', 'lp3'],
      deviceId: (name) => ids[name] ?? null,
    });
    const found = await source.list();
    expect(found.map((d) => [d.id, d.name, d.transport, d.path, d.knownRole])).toEqual([
      ['usblp:/dev/usb/lp0', 'USB 票据打印机（lp0）', 'usb_printer', '/dev/usb/lp0', 'printer'],
      ['usblp:/dev/usb/lp1', 'USB 票据打印机（lp1）', 'usb_printer', '/dev/usb/lp1', 'printer'],
      ['usblp:/dev/usb/lp2', 'USB 打印机 HP LaserJet M404（lp2）', 'usb_printer', '/dev/usb/lp2', null],
      ['usblp:/dev/usb/lp3', 'USB 票据打印机（lp3）', 'usb_printer', '/dev/usb/lp3', 'printer'],
      ['usblp:/dev/usb/lp10', 'USB 票据打印机（lp10）', 'usb_printer', '/dev/usb/lp10', 'printer'],
    ]);
    const transport = found[0]!.open();
    expect([transport.kind, transport.path, transport.isOpen]).toEqual(['usb_printer', '/dev/usb/lp0', false]);
  });

  it('is empty without the folder (no usblp driver, no printer)', async () => {
    const missing = usbPrinterSource({
      devDir: '/dev/usb',
      list: () => {
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      },
    });
    expect(await missing.list()).toEqual([]);
  });

  it('reads IEEE 1284 device ids in either spelling of their keys', () => {
    expect(parseDeviceId(ids.lp2!)).toEqual({
      make: 'HP',
      model: 'LaserJet M404',
      commands: ['PJL', 'PML', 'PCL', 'POSTSCRIPT'],
    });
    expect(parseDeviceId('')).toEqual({ make: null, model: null, commands: [] });
  });
});

describe('network printer source', () => {
  it('lists each kept address as a ticket printer reached over TCP, gone from the list once removed', async () => {
    let kept = [{ host: '192.168.1.50', port: 9100, address: '192.168.1.50:9100' }];
    const source = networkPrinterSource(() => kept);
    const [printer] = await source.list();
    expect(printer).toMatchObject({
      id: 'tcp:192.168.1.50:9100',
      name: '网络票据打印机（192.168.1.50:9100）',
      transport: 'tcp',
      path: '192.168.1.50:9100',
      knownRole: 'printer',
      simulated: false,
    });
    expect(printer!.listedWhenGone?.()).toBe(false);
    expect([printer!.open().kind, printer!.open().path]).toEqual(['tcp', '192.168.1.50:9100']);
    kept = [];
    expect(await source.list()).toEqual([]);
  });
});
