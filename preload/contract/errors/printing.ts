import type { ErrorText } from './text';

/** Printing documents on the window's A4 printer, and the print history. */
export const printingErrors = {
  no_printer_selected: {
    'zh-CN': '尚未选择打印机：请在"设置 → 打印"中选择 A4 打印机',
    en: 'No printer chosen: choose the A4 printer in Settings → Printing',
  },
  system_print_unavailable: {
    'zh-CN': '当前不是桌面程序，不能用系统打印：请改选 CUPS 打印机或浏览器打印',
    en: 'System printing needs the desktop program: choose a CUPS printer or browser printing instead',
  },
  cups_unavailable: {
    'zh-CN': '本机没有 CUPS 打印服务：请改选其他打印机或浏览器打印',
    en: 'This PC has no CUPS print service: choose another printer or browser printing',
  },
  print_in_progress: {
    'zh-CN': '该文书正在打印：请等上一个打印任务完成后再打印',
    en: 'This document is printing now: wait for that print to finish, then print again',
  },
  print_record_not_found: {
    'zh-CN': '未找到该打印记录：请刷新后重试',
    en: 'Print record not found: refresh and try again',
  },
  print_result_not_needed: {
    'zh-CN': '只有浏览器打印的任务需要确认结果：该任务的结果由打印服务报告',
    en: 'Only browser prints need their result confirmed: the print service reports this one',
  },
} as const satisfies Record<string, ErrorText>;
