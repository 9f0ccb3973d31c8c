import { createTransportListeners } from './listeners';
import { deviceError, type SimulatedDevice, type Transport } from './transport';

export interface SimulatedTransport extends Transport {
  /** The simulated cable is pulled: the open transport fails as a real one would. */
  unplug(): void;
}

export interface SimulatedTransportOptions {
  path: string;
  /**
   * How the device's replies are cut into chunks on the way in, as a USB bridge would.
   * The default delivers each reply whole; tests pass a random splitter.
   */
  chunk?: (bytes: Uint8Array) => Uint8Array[];
}

/** A transport whose other end is an in-process simulated device speaking the device's exact bytes. */
export function createSimulatedTransport(
  device: SimulatedDevice,
  options: SimulatedTransportOptions,
): SimulatedTransport {
  const listeners = createTransportListeners();
  let open = false;
  const chunk = options.chunk ?? ((bytes: Uint8Array) => [bytes]);

  function end(error: Error | null): void {
    if (!open) return;
    open = false;
    device.detach();
    if (error) listeners.emitError(error);
    listeners.emitClose();
  }

  return {
    kind: 'simulated',
    path: options.path,
    get isOpen() {
      return open;
    },
    open() {
      if (open) return Promise.resolve();
      open = true;
      device.attach((bytes) => {
        if (!open) return;
        for (const part of chunk(bytes)) listeners.emitData(part);
      });
      return Promise.resolve();
    },
    write(bytes) {
      if (!open) return Promise.reject(deviceError('device_disconnected'));
      device.receive(Uint8Array.from(bytes));
      return Promise.resolve();
    },
    close() {
      end(null);
      return Promise.resolve();
    },
    unplug() {
      end(deviceError('device_disconnected'));
    },
    onData: listeners.onData,
    onError: listeners.onError,
    onClose: listeners.onClose,
  };
}
