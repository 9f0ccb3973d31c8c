import type { ErrorText } from './text';

/** Signing in, the session, roles, staff accounts and the workstation's own settings. */
export const accessErrors = {
  unauthenticated: {
    'zh-CN': '请先登录',
    en: 'Please sign in first',
  },
  session_locked: {
    'zh-CN': '工作台已锁定：请输入密码解锁',
    en: 'The workstation is locked: enter your password to unlock',
  },
  forbidden: {
    'zh-CN': '您的角色无权进行此操作：如需办理请联系值班长或管理员',
    en: 'Your role may not do this: ask a supervisor or administrator',
  },
  not_case_clerk: {
    'zh-CN': '此件由 {clerk} 经办：只有经办人或值班长可以查看完整的证件信息',
    en: 'This case is handled by {clerk}: only they or a supervisor may see the full ID details',
  },
  bad_credentials: {
    'zh-CN': '用户名或密码错误：请重新输入',
    en: 'Wrong username or password: please try again',
  },
  bad_credentials_tries_left: {
    'zh-CN': '用户名或密码错误：再错 {left} 次账号将锁定 {minutes} 分钟',
    en: 'Wrong username or password: {left} more wrong tries lock the account for {minutes} minutes',
  },
  account_locked: {
    'zh-CN': '账号已锁定：密码连续错误 {attempts} 次，请 {minutes} 分钟后再试，或请管理员重置密码',
    en: 'Account locked after {attempts} wrong passwords: try again in {minutes} minutes, or ask an administrator to reset the password',
  },
  account_disabled: {
    'zh-CN': '账号已停用：请联系管理员',
    en: 'Account disabled: contact the administrator',
  },
  weak_password: {
    'zh-CN': '密码太弱：至少 8 位，并包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'Password too weak: at least 8 characters from 3 of upper case, lower case, digits, symbols',
  },
  password_unchanged: {
    'zh-CN': '新密码不能与当前密码相同：请换一个密码',
    en: 'The new password is the same as the current one: choose another password',
  },
  must_change_password: {
    'zh-CN': '请先修改临时密码再继续',
    en: 'Change your temporary password first',
  },
  already_set_up: {
    'zh-CN': '工作台已完成初始化：请直接登录',
    en: 'This workstation is already set up: please sign in',
  },
  not_set_up: {
    'zh-CN': '工作台尚未初始化：请先创建管理员',
    en: 'This workstation is not set up yet: create the administrator first',
  },
  last_admin: {
    'zh-CN': '不能停用或降级最后一个管理员：请先为另一位同事设置管理员角色',
    en: 'The last administrator cannot be disabled or demoted: make a colleague administrator first',
  },
  staff_not_found: {
    'zh-CN': '未找到该工作人员：请刷新列表后重试',
    en: 'Staff member not found: refresh the list and try again',
  },
  username_taken: {
    'zh-CN': '用户名 {username} 已被使用：请换一个用户名',
    en: 'The username {username} is taken: choose another one',
  },
  settings_invalid: {
    'zh-CN':
      '本机窗口设置有误（{problems}），不能生成办件编号或作出决定：请联系管理员在「设置 → 窗口」中改正区划代码、窗口号和大厅名称',
    en: 'This window’s settings are wrong ({problems}), so no case can be numbered or decided: ask an administrator to correct the district code, window number and hall name in Settings → Window',
  },
  settings_unfixed: {
    'zh-CN': '{problem}：请在「设置 → 窗口」中改正后再保存',
    en: '{problem}: correct it in Settings → Window, then save',
  },
} as const satisfies Record<string, ErrorText>;
