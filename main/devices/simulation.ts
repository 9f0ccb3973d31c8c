import type { SimulatedReaderHolds, SimulationState, Symbology } from '../../preload/contract/devices';
import { createSimulatedReader } from './idcard/simulator';
import { createSimulatedPrinter } from './printer/simulator';
import { createSimulatedScanner } from './scanner/simulator';
import type { DeviceCandidate, DeviceSource } from './sources';
import { createSimulatedTransport, type SimulatedTransport } from './transport/simulated';
import type { SimulatedDevice } from './transport/transport';

type SimRole = 'idcard' | 'scanner' | 'printer';

/**
 * Simulated devices for tests, demos and training: a reader, a HID POS scanner and a ticket
 * printer, each speaking its device's exact bytes over a simulated transport. They appear to the
 * device manager like any other device (labelled 模拟) and can be plugged and unplugged.
 */
export function createSimulation(options: { enabled: () => boolean; forced: boolean }) {
  // Empty at start: the trainer (or the test) places a card once someone is signed in to see it.
  const reader = createSimulatedReader({ holds: 'none' });
  const scanner = createSimulatedScanner('newland');
  const printer = createSimulatedPrinter();
  const plugged: Record<SimRole, boolean> = { idcard: true, scanner: true, printer: true };
  const open: Partial<Record<SimRole, SimulatedTransport>> = {};

  const devices: Record<SimRole, { name: string; device: SimulatedDevice; layout?: 'newland' }> = {
    idcard: { name: '模拟身份证阅读器', device: reader },
    scanner: { name: '模拟扫码器（HID POS）', device: scanner, layout: 'newland' },
    printer: { name: '模拟票据打印机', device: printer },
  };

  function candidate(role: SimRole): DeviceCandidate {
    const { name, device, layout } = devices[role];
    const path = `sim:${role}`;
    return {
      id: path,
      name,
      transport: 'simulated',
      path,
      vendorId: null,
      productId: null,
      simulated: true,
      knownRole: role,
      ...(layout ? { layout } : {}),
      // Switched off, the simulated devices vanish; merely unplugged, they show as unplugged.
      listedWhenGone: options.enabled,
      open: () => {
        const transport = createSimulatedTransport(device, { path });
        open[role] = transport;
        return transport;
      },
    };
  }

  const source: DeviceSource = {
    name: 'simulated',
    list: () =>
      Promise.resolve(
        options.enabled() ? (['idcard', 'scanner', 'printer'] as const).filter((r) => plugged[r]).map(candidate) : [],
      ),
  };

  return {
    source,
    reader,
    scanner,
    printer,
    state(): SimulationState {
      return {
        enabled: options.enabled(),
        forced: options.forced,
        readerHolds: reader.holds(),
        plugged: { ...plugged },
        printerPreview: printer.preview().trim() === '' ? null : printer.preview(),
      };
    },
    /** Put a card (or a fault) on the simulated reader; the same choice again = the card placed again. */
    place(holds: SimulatedReaderHolds): void {
      reader.place(holds);
    },
    /** Pull or plug a simulated cable: the open transport fails at once, as a real unplug does. */
    plug(role: SimRole, value: boolean): void {
      plugged[role] = value;
      if (!value) {
        open[role]?.unplug();
        delete open[role];
      }
    },
    scan(code: string, symbology: Symbology): void {
      scanner.scan(code, symbology);
    },
    clearPrinter(): void {
      printer.clear();
    },
  };
}

export type Simulation = ReturnType<typeof createSimulation>;
