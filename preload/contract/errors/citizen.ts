import type { ErrorText } from './text';

/** The citizen screen and the rating given on it. */
export const citizenErrors = {
  citizen_code_unknown: {
    'zh-CN': '配对码不对或已过期：请输入群众屏上现在显示的 6 位数字',
    en: 'That pairing code is wrong or has expired: type the six digits the citizen screen shows now',
  },
  citizen_screen_taken: {
    'zh-CN': '这块群众屏已与 {window} 号窗口配对：请在那台电脑上先解除配对，或在群众屏上刷新页面取新的配对码',
    en: 'This citizen screen is paired with window {window}: unpair it there first, or reload the citizen page for a new code',
  },
  citizen_not_paired: {
    'zh-CN': '群众屏尚未与窗口配对，不能评价：请窗口工作人员配对后再评价',
    en: 'This citizen screen is not paired with a window, so it cannot rate: ask the clerk to pair it first',
  },
  rating_not_open: {
    'zh-CN': '这次办理现在不能评价（评价已结束或窗口已办理下一位）：可扫描回执上的二维码评价',
    en: 'This visit cannot be rated here now (the rating ended or the window moved on): scan the QR code on the receipt to rate it',
  },
  rating_already_given: {
    'zh-CN': '这次办理已经评价过了，每次办理只能评价一次',
    en: 'This visit has been rated already: each visit is rated once',
  },
  citizen_display_unknown: {
    'zh-CN': '找不到这台显示器（可能已拔下）：请重新选择群众屏的显示器',
    en: 'That display cannot be found (it may have been unplugged): choose the citizen screen’s display again',
  },
} as const satisfies Record<string, ErrorText>;
