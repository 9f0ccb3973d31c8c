import type { ErrorText } from './text';

/** Sending cases to central: enrolment and the outbox. */
export const syncErrors = {
  enrol_needs_window_settings: {
    'zh-CN': '本机窗口设置有误：请先在「设置 → 窗口」中改正区划代码、窗口号和大厅名称，再注册到中心',
    en: 'This window’s settings are wrong: correct the district code, window number and hall name in Settings → Window before enrolling with central',
  },
  central_address_invalid: {
    'zh-CN': '中心地址须为 https:// 开头的网址：请按中心管理员提供的地址填写',
    en: 'The central address must be a web address starting with https://: enter the one the central administrator gave you',
  },
  central_address_insecure: {
    'zh-CN':
      '中心地址须使用 https://：只有本机地址（127.0.0.1、localhost、::1）可以用 http://，请改为 https:// 开头的地址',
    en: 'The central address must use https://: only this PC’s own address (127.0.0.1, localhost, ::1) may use http://; enter an https:// address',
  },
  enrol_failed: {
    'zh-CN': '注册到中心失败：{detail}',
    en: 'Enrolment with central failed: {detail}',
  },
  outbox_not_retryable: {
    'zh-CN': '该项已发送成功或正在发送，无需重试',
    en: 'This item has been sent or is being sent: there is nothing to retry',
  },
} as const satisfies Record<string, ErrorText>;
