import type { devicesChannels } from '../../preload/contract/channels/devices';
import type { HandlersOf } from '../ipc/router';
import type { DeviceService } from './service';

/** Devices, the card on the reader, the ticket printer and the simulated devices. */
export function devicesHandlers({ devices }: { devices: DeviceService }): HandlersOf<typeof devicesChannels> {
  return {
    'devices.list': () => devices.list(),
    'devices.refresh': () => devices.refresh(),
    'devices.assignRole': ({ user, audit: note }, input) => {
      note.detail = { role: input.role };
      return devices.assignRole(input.deviceId, input.role, user?.username ?? null);
    },
    'devices.addNetworkPrinter': ({ user }, input) => devices.addNetworkPrinter(input.address, user?.username ?? null),
    'devices.removeNetworkPrinter': async (_ctx, input) => {
      await devices.removeNetworkPrinter(input.deviceId);
      return { done: true as const };
    },
    'devices.selfTest': (_ctx, input) => devices.selfTest(input.deviceId),
    'devices.decodeFrames': (_ctx, input) => ({ frames: devices.decodeFrames(input.hex) }),

    'idcard.current': () => devices.current(),
    'idcard.readNow': async () => {
      await devices.readNow();
      return { done: true as const };
    },
    'idcard.reveal': ({ audit: note }, input) => {
      const { identity, masked } = devices.reveal(input.readId);
      note.detail = { cardType: identity.cardType, idNumber: masked };
      return identity;
    },

    'printer.printTicket': async (_ctx, input) => ({ deviceId: await devices.printTicket(input) }),

    'simulation.get': () => devices.simulationState(),
    'simulation.update': (_ctx, input) => devices.updateSimulation(input),
    'simulation.scan': (_ctx, input) => {
      devices.simulateScan(input.code, input.symbology);
      return { done: true as const };
    },
  };
}
