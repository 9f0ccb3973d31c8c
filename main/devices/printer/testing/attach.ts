import pino from 'pino';
import type { DeviceState } from '../../../../preload/contract/devices';
import type { ErrorCode } from '../../../../preload/contract/errors';
import type { Transport } from '../../transport/transport';
import { attachTicketPrinter, type TicketPrinter } from '../device';
import { queueTicket } from '../ticket';

/** A ticket printer driver over `transport` as the device manager attaches it, keeping every status it reports. */
export function attachForTest(transport: Transport): {
  printer: TicketPrinter;
  statuses: { state: DeviceState; code: ErrorCode | null }[];
} {
  const statuses: { state: DeviceState; code: ErrorCode | null }[] = [];
  const printer = attachTicketPrinter(transport, {
    status: (state, error) => statuses.push({ state, code: error?.code ?? null }),
    log: pino({ level: 'silent' }),
    hallName: () => '张店区市民中心',
    deviceName: '票据打印机',
    now: () => new Date('2026-12-07T01:30:00Z'),
  });
  return { printer, statuses };
}

/** The queue ticket the tests print. */
export const sampleTicket = queueTicket({
  hallName: '张店区市民中心',
  number: 'A017',
  matter: '居住证办理',
  issuedAt: new Date('2026-12-07T01:30:00Z'),
  waiting: 3,
  qr: 'https://zwfw.zhangdian.gov.cn/queue/A017',
});

/** A job far bigger than the socket and pseudo-terminal buffers: it cannot all be taken while the printer stalls. */
export function hugeJob(megabytes: number): Uint8Array {
  const job = new Uint8Array(megabytes * 1024 * 1024).fill(0x41);
  job.set(sampleTicket.subarray(0, 2)); // ESC @ first, as a real job starts
  return job;
}
