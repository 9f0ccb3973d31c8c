import type { ErrorText } from './text';

/** The hall queue at the window: the hall service cannot be reached, or said no. */
export const queueErrors = {
  hall_not_enrolled: {
    'zh-CN': '本工作站尚未在中心注册，不能叫号：请管理员在"设置 → 中心"注册。本窗口可以不叫号继续办理',
    en: 'This workstation is not enrolled at central, so it cannot call tickets: ask the administrator to enrol it in Settings → Central. The window can go on without tickets',
  },
  hall_unreachable: {
    'zh-CN': '大厅服务不可用（{detail}）：本窗口可以不叫号继续办理，恢复后再叫号',
    en: 'The hall service cannot be reached ({detail}): the window can go on without tickets and call again once it is back',
  },
  hall_refused: {
    'zh-CN': '{detail}',
    en: 'The hall service refused: {detail}',
  },
} as const satisfies Record<string, ErrorText>;
