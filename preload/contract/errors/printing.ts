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
  print_job_of_other: {
    'zh-CN': '这次打印由 {clerk} 发起：只能由其本人确认是否打印成功',
    en: 'This print was started by {clerk}: only they can confirm whether it printed',
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
  printer_not_ready: {
    'zh-CN':
      '打印机「{printer}」{status}，无法打印：请检查打印机（电源、纸张、卡纸）并在系统打印设置中恢复该打印机，或改选其他打印机',
    en: 'The printer “{printer}” is {status} and cannot print: check it (power, paper, jams) and resume it in the system print settings, or choose another printer',
  },
  printer_not_ready_cancelled: {
    'zh-CN':
      '打印机「{printer}」{status}，任务已取消：请检查打印机（电源、纸张、卡纸）并在系统打印设置中恢复该打印机，或改选其他打印机',
    en: 'The printer “{printer}” is {status}, so the job was cancelled: check it (power, paper, jams) and resume it in the system print settings, or choose another printer',
  },
  printer_timed_out: {
    'zh-CN': '打印机「{printer}」在 {seconds} 秒内没有完成打印，任务已取消：请检查纸张和打印机状态后重新打印',
    en: 'The printer “{printer}” did not finish within {seconds} seconds, so the job was cancelled: check its paper and state, then print again',
  },
  printer_missing: {
    'zh-CN': '打印机「{printer}」不存在：请在"设置 → 打印"中重新选择打印机',
    en: 'The printer “{printer}” does not exist: choose the printer again in Settings → Printing',
  },
  printer_not_accepting: {
    'zh-CN': '打印机「{printer}」暂不接收任务：请检查打印机是否已启用',
    en: 'The printer “{printer}” is not accepting jobs: check that it is enabled',
  },
  cups_not_running: {
    'zh-CN': '打印服务（CUPS）没有运行：请联系管理员启动打印服务，或改用浏览器打印',
    en: 'The print service (CUPS) is not running: ask an administrator to start it, or use browser printing',
  },
  cups_lp_missing: {
    'zh-CN': '本机没有 CUPS 打印命令（lp）：请安装 cups-client，或改用浏览器打印',
    en: 'This PC has no CUPS print command (lp): install cups-client, or use browser printing',
  },
  cups_no_job_id: {
    'zh-CN': '打印服务没有返回任务号：{output}',
    en: 'The print service returned no job number: {output}',
  },
  print_failed_because: {
    'zh-CN': '打印失败：{reason}',
    en: 'Printing failed: {reason}',
  },
  print_driver_failed: {
    'zh-CN': '打印失败：打印程序出错，请重试或改用其他打印机',
    en: 'Printing failed: the print program went wrong; try again or choose another printer',
  },
  print_document_failed: {
    'zh-CN': '生成文书失败',
    en: 'The document could not be made',
  },
  print_result_unknown: {
    'zh-CN': '打印结果未确认（程序中断或未作答）：如需要请重新打印',
    en: 'The print result was never confirmed (the program stopped or no one answered): print again if needed',
  },
  print_not_confirmed: {
    'zh-CN': '操作员确认未打印成功',
    en: 'The clerk confirmed it did not print',
  },
  print_window_not_ready: {
    'zh-CN': '程序窗口尚未就绪：请稍后重新打印',
    en: 'The program window is not ready yet: print again in a moment',
  },
  printer_display_name: {
    'zh-CN': '「{printer}」是打印机的显示名称，不是系统名称：请在"设置 → 打印"中重新选择打印机',
    en: '“{printer}” is the printer’s display name, not its system name: choose the printer again in Settings → Printing',
  },
  printer_not_in_system: {
    'zh-CN': '系统中找不到打印机「{printer}」：请检查打印机是否已连接并开机，或在"设置 → 打印"中重新选择',
    en: 'The system has no printer “{printer}”: check that it is connected and on, or choose again in Settings → Printing',
  },
  print_cancelled: {
    'zh-CN': '打印已取消：未打印，可重新打印',
    en: 'Printing was cancelled: nothing printed; you can print again',
  },
  printer_name_invalid: {
    'zh-CN': '打印机名称无效：请在"设置 → 打印"中重新选择打印机',
    en: 'The printer name is invalid: choose the printer again in Settings → Printing',
  },
  system_print_failed: {
    'zh-CN': '系统打印失败（{reason}）：请检查打印机，或改用"浏览器打印"打开 PDF 后打印',
    en: 'System printing failed ({reason}): check the printer, or use browser printing to open the PDF and print it',
  },
  system_print_failed_unknown: {
    'zh-CN': '系统打印失败（未知原因）：请检查打印机，或改用"浏览器打印"打开 PDF 后打印',
    en: 'System printing failed (reason unknown): check the printer, or use browser printing to open the PDF and print it',
  },
} as const satisfies Record<string, ErrorText>;
