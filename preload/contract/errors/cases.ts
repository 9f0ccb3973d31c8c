import type { ErrorText } from './text';

/** Drafts, decisions and the documents a decided case prints. */
export const caseErrors = {
  case_not_found: {
    'zh-CN': '未找到该办件：可能已被放弃，请刷新列表',
    en: 'Case not found: it may have been discarded; refresh the list',
  },
  matter_not_in_catalog: {
    'zh-CN': '事项 {code} 不在当前目录中：请重新选择事项',
    en: 'Matter {code} is not in the current catalog: choose the matter again',
  },
  matter_not_chosen: {
    'zh-CN': '请先选择事项',
    en: 'Choose the matter first',
  },
  case_wrong_state: {
    'zh-CN': '该办件状态为「{state}」，不能{action}：请刷新后查看办件当前状态',
    en: 'This case is “{state}”, so “{action}” is not possible: refresh to see where it stands',
  },
  case_decided: {
    'zh-CN': '该办件已作出决定，不能再修改：如需补正请在办件页「补正后继续办理」',
    en: 'This case has been decided and cannot be changed: to take a supplement, use “Resume after supplement” on the case page',
  },
  draft_of_other_clerk: {
    'zh-CN': '这是 {clerk} 的草稿：只能由其本人继续办理',
    en: 'This is {clerk}’s draft: only they can continue it',
  },
  draft_changed_elsewhere: {
    'zh-CN': '草稿已在另一个窗口更新：请重新打开该草稿后继续（已保存的内容不会丢失）',
    en: 'The draft was updated in another window: open it again to continue (nothing saved is lost)',
  },
  case_changed_elsewhere: {
    'zh-CN': '办件内容已在别处更新：请重新打开该办件核对后再作决定',
    en: 'The case was changed elsewhere: open it again and check it before deciding',
  },
  decision_incomplete: {
    'zh-CN': '还不能作出决定：{problem}',
    en: 'The decision cannot be made yet: {problem}',
  },
  case_not_decided: {
    'zh-CN': '该办件尚未作出决定：受理、补正或不予受理后才能打印文书',
    en: 'This case has no decision yet: documents print after it is accepted, sent for supplement or not accepted',
  },
  document_without_decision: {
    'zh-CN': '该办件没有与该文书对应的决定，无法出具：请先作出相应的决定',
    en: 'This case has no decision this document records: make that decision first',
  },
  document_without_central_supplement: {
    'zh-CN': '中心没有要求该办件补正，无法出具中心的一次性补正告知书',
    en: 'Central has not asked for a supplement on this case: there is no notice of it to print',
  },
  decision_version_not_found: {
    'zh-CN': '该办件没有第 {version} 版的决定：请刷新办件后重试',
    en: 'This case has no decision version {version}: refresh the case and try again',
  },
  document_matter_missing: {
    'zh-CN': '事项 {code} 已不在目录中：无法生成该文书，请联系管理员更新事项目录',
    en: 'Matter {code} is no longer in the catalog, so the document cannot be made: ask an administrator to update the catalog',
  },
  daily_report_unavailable: {
    'zh-CN': '日报文书尚不可用：请重启一窗；如仍出现请联系技术支持',
    en: 'The daily report document is not available: restart Yichuang; if it persists, call support',
  },
} as const satisfies Record<string, ErrorText>;
