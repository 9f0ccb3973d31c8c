import { z } from 'zod';
import type { ErrorLocale, ErrorParam } from './errors';
import type { ErrorText } from './errors/text';

/**
 * A printer's state as a value, worded where it is shown, in the clerk's language: the printer
 * list and the print dialog (the renderer), and the not-ready error's `status` param (main fills
 * it in both languages, so the catalog message reads right in either).
 */
export const printerStates = ['idle', 'printing', 'stopped', 'rejecting', 'unknown'] as const;
/** CUPS's usual reasons (`lpstat`, in its C locale), as codes. */
export const printerReasons = [
  'paused',
  'rejecting_jobs',
  'reason_unknown',
  'media_empty',
  'media_jam',
  'cover_open',
  'offline',
] as const;
export type PrinterReason = (typeof printerReasons)[number];

export const printerStatusSchema = z.object({
  state: z.enum(printerStates),
  reason: z.enum(printerReasons).nullable(),
  /** A reason CUPS gives in words of its own (an administrator's `cupsreject -r …`): shown as it is. */
  reasonText: z.string().nullable(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

/** What the state is when nothing is known (the browser's own dialog, Electron's printers). */
export const unknownPrinterStatus: PrinterStatus = { state: 'unknown', reason: null, reasonText: null };

const stateWords = {
  idle: { 'zh-CN': '空闲', en: 'idle' },
  printing: { 'zh-CN': '正在打印', en: 'printing' },
  stopped: { 'zh-CN': '已暂停', en: 'paused' },
  rejecting: { 'zh-CN': '不接收任务', en: 'not accepting jobs' },
  unknown: { 'zh-CN': '', en: '' },
} as const satisfies Record<PrinterStatus['state'], ErrorText>;

const reasonWords = {
  paused: { 'zh-CN': '已暂停', en: 'paused' },
  rejecting_jobs: { 'zh-CN': '拒绝接收任务', en: 'rejecting jobs' },
  reason_unknown: { 'zh-CN': '原因不明', en: 'reason unknown' },
  media_empty: { 'zh-CN': '缺纸', en: 'out of paper' },
  media_jam: { 'zh-CN': '卡纸', en: 'paper jam' },
  cover_open: { 'zh-CN': '机盖打开', en: 'cover open' },
  offline: { 'zh-CN': '脱机', en: 'offline' },
} as const satisfies Record<PrinterReason, ErrorText>;

/** The reason that only repeats the state (a stopped queue `Paused`, a rejecting one `Rejecting Jobs`). */
const sameAsState: Partial<Record<PrinterStatus['state'], PrinterReason>> = {
  stopped: 'paused',
  rejecting: 'rejecting_jobs',
};

/** A reason CUPS gives, as a code when it is a usual one, otherwise its own words. */
export function printerReasonOf(reason: string): Pick<PrinterStatus, 'reason' | 'reasonText'> {
  const code = reason.toLowerCase().replace(/[ -]/g, '_');
  if ((printerReasons as readonly string[]).includes(code)) return { reason: code as PrinterReason, reasonText: null };
  return { reason: null, reasonText: reason || null };
}

/** The status in words: 空闲, 正在打印, 已暂停（卡纸）…; '' when unknown. */
export function printerStatusText(status: PrinterStatus, locale: ErrorLocale): string {
  const state = stateWords[status.state][locale];
  if (status.state !== 'stopped' && status.state !== 'rejecting') return state;
  if (status.reason === sameAsState[status.state]) return state;
  const why = status.reason ? reasonWords[status.reason][locale] : status.reasonText;
  if (!why) return state;
  return locale === 'zh-CN' ? `${state}（${why}）` : `${state} (${why})`;
}

/** The status as an error param: in both languages, for the catalog's messages. */
export function printerStatusParam(status: PrinterStatus): ErrorParam {
  return { 'zh-CN': printerStatusText(status, 'zh-CN'), en: printerStatusText(status, 'en') };
}
