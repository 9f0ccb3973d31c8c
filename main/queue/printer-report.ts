import type { PrinterReport, TicketPrinterState } from '@yichuang/domain/hall-protocol';
import type { DeviceStatus } from '../../preload/contract/devices';
import type { Logger } from '../logging/logger';
import type { HallClient } from './client';

/**
 * The ticket printer's device status in the hall's words (what the supervisor's board shows):
 * null while it is still opening, when there is nothing to say yet.
 */
export function ticketPrinterStateOf(status: DeviceStatus | null): TicketPrinterState | null {
  if (!status) return 'none';
  switch (status.state) {
    case 'opening':
      return null;
    case 'disconnected':
      return 'offline';
    case 'error':
      if (status.code === 'printer_paper_out') return 'paper_out';
      if (status.code === 'printer_cover_open') return 'cover_open';
      if (status.code === 'device_disconnected' || status.code === 'device_timeout') return 'offline';
      return 'fault';
    default:
      return 'ready';
  }
}

/**
 * Tells the hall this workstation's ticket printer state when it changes (a kiosk out of paper shows
 * on the supervisor's board). Best effort: a failed report is sent again at the next change or
 * reconnect. A window without a printer says nothing; a kiosk without one does.
 */
export function createPrinterReporter(deps: { state: () => TicketPrinterState | null; log: Logger }) {
  let station: PrinterReport['station'] = 'window';
  /** What the hall was last told (`station:state`); null: tell it again. */
  let told: string | null = null;

  function report(client: HallClient | null): void {
    const state = deps.state();
    if (!client || state === null) return;
    if (state === 'none' && station === 'window' && told === null) return;
    const now = `${station}:${state}`;
    if (now === told) return;
    told = now;
    client.reportPrinter({ station, state }).catch((error: unknown) => {
      if (told === now) told = null;
      deps.log.warn({ err: error instanceof Error ? error.message : error }, 'printer report failed');
    });
  }

  return {
    report,
    /** The hall may have restarted or missed a change (a new connection): tell it again. */
    reportAfresh(client: HallClient | null): void {
      told = null;
      report(client);
    },
    /** Where the workstation stands now: a kiosk once a kiosk account uses it, a window once a clerk does. */
    standAt(here: PrinterReport['station'], client: HallClient | null): void {
      if (here === station) return;
      station = here;
      report(client);
    },
  };
}
