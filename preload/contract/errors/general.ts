import type { ErrorText } from './text';

/** Errors any channel may answer: the router's checks, generic refusals, the transport. */
export const generalErrors = {
  invalid_input: {
    'zh-CN': '输入有误：请按提示修改后重试',
    en: 'Invalid input: correct the marked fields and try again',
  },
  unknown_channel: {
    'zh-CN': '程序内部请求无效：请重启一窗，若仍出现请联系技术支持',
    en: 'Invalid internal request: restart Yichuang; if it persists, call support',
  },
  untrusted_sender: {
    'zh-CN': '请求来源不可信：已拒绝。请重启一窗；若仍出现请联系技术支持',
    en: 'The request came from an untrusted page and was refused: restart Yichuang; if it persists, call support',
  },
  not_found: {
    'zh-CN': '未找到要操作的记录：请刷新后重试',
    en: 'Record not found: refresh and try again',
  },
  conflict: {
    'zh-CN': '与现有记录冲突：请修改后重试',
    en: 'Conflicts with an existing record: change it and try again',
  },
  transport_closed: {
    'zh-CN': '与工作台服务的连接已断开：请稍候，正在重新连接',
    en: 'Connection to the workstation service lost: reconnecting, please wait',
  },
  internal: {
    'zh-CN': '系统内部错误：请重试；如仍失败请联系技术支持',
    en: 'Internal error: try again; if it persists, call support',
  },
} as const satisfies Record<string, ErrorText>;
