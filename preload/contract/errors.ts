/**
 * Error codes that cross the contract. Every code has a Chinese message a clerk can act on;
 * the UI may translate by code (i18n key `errors.<code>`) and falls back to the message.
 */
export const errorMessages = {
  invalid_input: '输入有误：请按提示修改后重试',
  unknown_channel: '程序内部请求无效：请重启一窗，若仍出现请联系技术支持',
  unauthenticated: '请先登录',
  session_locked: '工作台已锁定：请输入密码解锁',
  forbidden: '您的角色无权进行此操作：如需办理请联系值班长或管理员',
  bad_credentials: '用户名或密码错误：请重新输入',
  account_locked: '账号已锁定：密码连续错误 5 次，请 15 分钟后再试，或请管理员重置密码',
  account_disabled: '账号已停用：请联系管理员',
  weak_password: '密码太弱：至少 8 位，并包含大写字母、小写字母、数字、符号中的至少三类',
  must_change_password: '请先修改临时密码再继续',
  already_set_up: '工作台已完成初始化：请直接登录',
  not_set_up: '工作台尚未初始化：请先创建管理员',
  not_found: '未找到要操作的记录：请刷新后重试',
  conflict: '与现有记录冲突：请修改后重试',
  last_admin: '不能停用或降级最后一个管理员：请先为另一位同事设置管理员角色',
  transport_closed: '与工作台服务的连接已断开：请稍候，正在重新连接',
  internal: '系统内部错误：请重试；如仍失败请联系技术支持',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Field-level problems for invalid_input: path → Chinese message. */
  fields?: Record<string, string>;
}

/** The one error type services throw; the router turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, message?: string, fields?: Record<string, string>) {
    super(message ?? errorMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message };
    if (this.fields) shape.fields = this.fields;
    return shape;
  }
}
