import type { ErrorText } from './text';

/** The reference data a window works from: the matter catalog, the holiday calendar, report dates. */
export const referenceErrors = {
  catalog_not_loaded: {
    'zh-CN': '尚未载入事项目录：请重启一窗；如仍出现请联系技术支持',
    en: 'The matter catalog is not loaded: restart Yichuang; if it persists, call support',
  },
  catalog_invalid: {
    'zh-CN': '事项目录无效：{detail}',
    en: 'The matter catalog is invalid: {detail}',
  },
  catalog_not_newer: {
    'zh-CN': '目录版本 {version} 不高于当前版本 {current}：未更新',
    en: 'Catalog version {version} is not newer than the one in use ({current}): nothing was changed',
  },
  calendar_invalid: {
    'zh-CN': '节假日日历无效：{detail}',
    en: 'The holiday calendar is invalid: {detail}',
  },
  calendar_not_newer: {
    'zh-CN': '日历版本 {version} 不高于当前版本 {current}：未更新',
    en: 'Calendar version {version} is not newer than the one in use ({current}): nothing was changed',
  },
  date_invalid: {
    'zh-CN': '日期无效：{date}（格式为 YYYY-MM-DD）',
    en: 'Invalid date: {date} (the format is YYYY-MM-DD)',
  },
  working_days_out_of_range: {
    'zh-CN': '工作日数须为 −{max} 至 {max} 的整数，收到 {count}',
    en: 'The number of working days must be a whole number from −{max} to {max}; got {count}',
  },
  report_query_invalid: {
    'zh-CN': '统计日期有误：{detail}',
    en: 'The report dates are wrong: {detail}',
  },
} as const satisfies Record<string, ErrorText>;
