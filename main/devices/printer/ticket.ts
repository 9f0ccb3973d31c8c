import { hallDateTime } from '@yichuang/domain/hall-time';
import { AppError } from '../../../preload/contract/errors';
import { EscPosBuilder } from './escpos';

/**
 * The tickets the hall prints. Everything is centred and in plain lines so one layout serves 58 mm
 * (32 columns, 16 Chinese characters) and 80 mm (48 / 24) paper: the printer wraps long lines itself.
 */

export interface QueueTicketInput {
  hallName: string;
  number: string;
  matter: string;
  issuedAt: Date;
  /** People ahead in the queue; null or absent leaves the line out. */
  waiting?: number | null;
  /** A link or code to follow the queue on a phone; printed as a QR code. */
  qr?: string | null;
  footer?: string | null;
}

export const DEFAULT_FOOTER = '请留意叫号，过号请重新取号。感谢您的耐心等候！';
/** The 好差评 line every ticket carries: the citizen rates the service they are about to get. */
export const RATING_LINE = '办理完毕请对本次服务进行"好差评"，您的评价我们都会认真对待';

/** When a ticket was printed, as the hall reads it: `YYYY-MM-DD HH:mm` in the hall's time zone. */
function printedTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new AppError('ticket_time_invalid');
  return hallDateTime(date);
}

function required(value: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new AppError('ticket_field_empty', { field: what }, { [what]: `${what}不能为空` });
  return trimmed;
}

/** A queue ticket: hall, the number big, the matter, time, people waiting, QR, a courteous footer, cut. */
export function queueTicket(input: QueueTicketInput): Uint8Array {
  const hallName = required(input.hallName, '大厅名称');
  const number = required(input.number, '排队号');
  const matter = required(input.matter, '办理事项');
  const waiting = input.waiting ?? null;
  if (waiting !== null && (!Number.isInteger(waiting) || waiting < 0)) {
    throw new AppError('ticket_waiting_invalid');
  }

  const b = new EscPosBuilder().init().chineseMode().align('center');
  b.bold(true).line(hallName).bold(false);
  b.line('排队号');
  b.size({ width: 2, height: 2 }).bold(true).line(number).bold(false).size({ width: 1, height: 1 });
  b.line(`办理事项：${matter}`);
  b.line(`取号时间：${printedTime(input.issuedAt)}`);
  if (waiting !== null) b.line(waiting === 0 ? '前面暂无等候，请留意叫号' : `您前面还有 ${waiting} 人等候`);
  const qr = input.qr?.trim();
  if (qr) {
    b.line();
    b.qr(qr, { moduleSize: 5, errorLevel: 'M' });
    b.line('扫码查看排队进度');
  }
  b.line();
  b.line(input.footer?.trim() || DEFAULT_FOOTER);
  b.line(RATING_LINE);
  // Feed past the cutter, which sits a few lines above the print head; a partial cut keeps the ticket
  // hanging until taken instead of dropping it.
  return b.feed(4).cut('partial').bytes();
}

/** The GB18030 check line: common text, a rare BMP character (龘) and supplementary-plane ones (𠀀 𪚥). */
export const TEST_LINE_CHINESE = '中文：政务服务 一窗受理';
export const TEST_LINE_RARE = '生僻字：龘 䶮 𠀀 𪚥';

/** The self-test print: says it is a test, shows sizes, bold, alignment, GB18030 and a QR code. */
export function testTicket(input: { hallName: string; printedAt: Date; deviceName: string }): Uint8Array {
  const hallName = required(input.hallName, '大厅名称');
  const deviceName = required(input.deviceName, '设备名称');
  const b = new EscPosBuilder().init().chineseMode().align('center');
  b.size({ width: 2, height: 2 }).bold(true).line('打印测试').bold(false).size({ width: 1, height: 1 });
  b.line('（测试页，非排队凭证）');
  b.line(hallName);
  b.line();
  b.align('left');
  b.line(`设备：${deviceName}`);
  b.line(`时间：${printedTime(input.printedAt)}`);
  b.line(TEST_LINE_CHINESE);
  b.line(TEST_LINE_RARE);
  b.line('ASCII: 0123456789 ABCXYZ abcxyz');
  b.bold(true).line('粗体 Bold').bold(false);
  b.size({ width: 2, height: 1 }).line('倍宽').size({ width: 1, height: 2 }).line('倍高');
  b.size({ width: 1, height: 1 });
  b.align('right').line('右对齐');
  b.align('center');
  b.qr(`YICHUANG-PRINT-TEST ${printedTime(input.printedAt)}`, { moduleSize: 5, errorLevel: 'M' });
  b.line('以上内容完整清晰即打印正常');
  return b.feed(4).cut('partial').bytes();
}
