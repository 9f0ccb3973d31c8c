import { AppError } from '../../../preload/contract/errors';
import type { AttachContext, AttachedDevice, SelfTestStep } from '../attached';
import { step } from '../attached';
import { createCommandQueue } from '../command-queue';
import { deviceError, type Transport } from '../transport/transport';
import { parsePrinterStatus, statusRequest, type PrinterStatus, type StatusKind } from './escpos';
import { testTicket } from './ticket';

export interface TicketPrinter extends AttachedDevice {
  /** Sends a finished ESC/POS job; refuses when the printer reports no paper or an open cover. */
  print(job: Uint8Array): Promise<void>;
}

/** How long a printer may take to answer a real-time status request. */
const statusTimeoutMs = 1000;
/**
 * While out of paper, with its cover open or in fault, the printer is asked again this often, so
 * the fault clears on every screen (and on the hall's board) once someone fixes it, not only at the
 * next citizen's tap.
 */
export const faultRecheckMs = 3000;
const faultCodes: readonly string[] = ['printer_paper_out', 'printer_cover_open', 'printer_fault'];

/** An ESC/POS ticket printer in its role: checks paper and cover before each job. */
export function attachTicketPrinter(
  transport: Transport,
  context: AttachContext & { hallName(): string; deviceName: string; now(): Date },
): TicketPrinter {
  const queue = createCommandQueue();
  const serial = <T>(task: () => Promise<T>) => queue.run(task);

  /** DLE EOT n: the printer answers one status byte at once. */
  function query(n: StatusKind): Promise<PrinterStatus> {
    return new Promise<PrinterStatus>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(deviceError('device_timeout'));
      }, statusTimeoutMs);
      const off = transport.onData((chunk) => {
        if (chunk.length === 0) return;
        const status = parsePrinterStatus(n, chunk[chunk.length - 1]!);
        // A byte without the fixed status bits is noise, not the answer: keep waiting for it.
        if (!status.valid) return;
        clearTimeout(timer);
        off();
        resolve(status);
      });
      transport.write(statusRequest(n)).catch((error: unknown) => {
        clearTimeout(timer);
        off();
        reject(error instanceof AppError ? error : deviceError('device_disconnected', error));
      });
    });
  }

  let recheck: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  /** After a fault the printer can fix by hand, ask again until it is ready. */
  function watchFault(error: unknown): void {
    if (stopped || recheck || !(error instanceof AppError) || !faultCodes.includes(error.code)) return;
    recheck = setTimeout(() => {
      recheck = null;
      serial(checkReady).catch(() => undefined);
    }, faultRecheckMs);
    recheck.unref?.();
  }

  /** Asks the printer and shows what it says as the device's status: ready, or the fault the clerk must fix. */
  async function checkReady(): Promise<SelfTestStep['detail']> {
    try {
      return await askReady();
    } catch (error) {
      if (error instanceof AppError) context.status('error', error);
      watchFault(error);
      throw error;
    }
  }

  async function askReady(): Promise<SelfTestStep['detail']> {
    // A print queue that passes nothing back cannot be asked: it counts as ready, and says so.
    if (transport.statusReadable === false) {
      context.status('ready');
      return { kind: 'note', note: 'statusUnreadable' };
    }
    // 2 says why it is offline (cover, paper end, error); 4 reads the roll's sensors.
    const offline = await query(2);
    const paper = await query(4);
    if (offline.coverOpen) throw new AppError('printer_cover_open');
    if (paper.paperOut || offline.paperOut) throw new AppError('printer_paper_out');
    if (offline.error) throw new AppError('printer_fault');
    context.status('ready');
    return { kind: 'note', note: paper.paperNearEnd ? 'paperLow' : 'paperOk' };
  }

  async function print(job: Uint8Array): Promise<void> {
    try {
      await checkReady();
      await transport.write(job);
    } catch (error) {
      if (error instanceof AppError) context.status('error', error);
      throw error;
    }
  }

  return {
    start() {
      serial(checkReady).catch(() => undefined);
    },
    stop: () => {
      stopped = true;
      if (recheck) clearTimeout(recheck);
      recheck = null;
      return queue.idle();
    },
    print: (job) => serial(() => print(job)),
    selfTest: () =>
      serial(async () => {
        const ready = await step('printerStatus', checkReady);
        if (!ready.ok) return [ready];
        const ticket = await step('testTicket', async () => {
          await transport.write(
            testTicket({ hallName: context.hallName(), printedAt: context.now(), deviceName: context.deviceName }),
          );
          return { kind: 'note', note: 'ticketSent' };
        });
        return [ready, ticket];
      }),
  };
}
