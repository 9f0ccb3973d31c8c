import { z } from 'zod';

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
  device_not_found: '未找到该设备：请检查设备是否已连接，或在「设备」中刷新',
  device_disconnected: '设备已断开：请检查 USB 线是否插好，插回后会自动重新连接',
  device_timeout: '设备无响应：请拔下 USB 线再插回；仍无响应请重启设备',
  device_busy: '设备正忙：请稍候再试',
  device_open_failed: '无法打开设备：可能被其他程序占用或没有访问权限，请关闭其他读卡/扫码程序后重试',
  device_role_unsupported: '该设备不能用作所选角色：请选择与设备类型相符的角色',
  idcard_no_card: '未检测到证件：请将身份证平放在读卡器感应区',
  idcard_select_failed: '选卡失败：请将证件拿起后重新放置',
  idcard_read_failed: '读卡失败：请将证件拿起后重新放置，勿移动证件直到读卡完成',
  idcard_auth_failed: '证件认证失败：请重新放置证件；多次失败请核验证件真伪',
  idcard_unknown_card: '无法识别的证件类型：请使用居民身份证、外国人永久居留身份证或港澳台居民居住证',
  idcard_sam_failed: '读卡器安全模块（SAM）故障：请重启读卡器，仍失败请联系设备厂商',
  idcard_frame_corrupt: '读卡器数据校验错误：已自动重试，如反复出现请更换 USB 线或接口',
  idcard_bad_text: '证件信息无法解析：请重新放置证件；如反复出现请核验证件',
  idcard_read_expired: '该读卡记录已失效：请重新读卡',
  scanner_bad_report: '扫码数据异常：请重新扫码；如反复出现，请检查扫码枪是否设为 HID POS 模式',
  simulation_disabled: '模拟设备未开启：请管理员在「设置」中开启模拟设备',
  printer_failed: '打印失败：请检查打印机是否有纸、是否合上纸仓盖',
  transport_closed: '与工作台服务的连接已断开：请稍候，正在重新连接',
  internal: '系统内部错误：请重试；如仍失败请联系技术支持',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export const errorCodeSchema = z.enum(Object.keys(errorMessages) as [ErrorCode, ...ErrorCode[]]);

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
