/**
 * Central's refusals in Chinese: the one catalog every `CentralError` takes its text from. This is
 * what the workstation API answers (`{ code, message }`) and what a zh-CN page shows. `{name}` marks
 * a placeholder; en.ts has the same keys with the same placeholders (a key missing there does not
 * build; errors.test.ts checks the placeholders).
 */
export const centralErrorsZhCN = {
  'workstation.unauthorized': '工作站凭据无效或已吊销：请在工作站"设置 → 中心"重新注册',
  'enrolment.windowTaken':
    '{window} 号窗口（区划 {district}）已被另一台工作台（{hostname}）注册：请先在中心的管理页注销旧工作台，或修改本机窗口号',
  'audit.keyRegistered': '本工作站已登记审计签名密钥，不能更换：如需新密钥，请由中心管理员吊销后重新注册',
  'audit.keyMissing': '中心尚未登记本工作站的审计签名密钥：工作站会先登记密钥再报送',
  'enrolment.refused': '注册码无效、已使用或已过期：请向中心管理员索取新的注册码',

  'notFound.case': '办件不存在',
  'notFound.caseVersion': '该办件版本不存在',
  'notFound.person': '该人员不存在',
  'notFound.updateFile': '更新文件不存在',

  'notFound.ticket': '排队票不存在',
  'notFound.queue': '队列 {queue} 不存在',
  'hall.queueClosedToday': '「{name}」今日已停止取号，请到服务台咨询',
  'hall.queueNotOpenYet': '「{name}」{opens} 开始取号，请稍后再来',
  'hall.queueClosedForDay': '「{name}」今日取号时间已过（{closes} 截止），请明天再来或到服务台咨询',
  'hall.queueFull': '「{name}」今日号源已取完（每日 {cap} 个），请明天再来或到服务台咨询',
  'hall.ticketMoved': '排队票 {number} 当前为「{state}」，不能{action}：请刷新后再试',
  'hall.notYourWindow': '排队票 {number} 不在本窗口（{window} 号窗口），不能操作',
  'hall.rejoinUsed': '排队票 {number} 已重新排队过一次，不能再次排队：请重新取号',
  'hall.rejoinNotFound': '今日没有过号的 {number} 号：请核对号码',
  'hall.transferNoSuchWindow': '{window} 号窗口不办理「{name}」，不能转到该窗口：请选择办理该队列的窗口',
  'hall.transferWindowServesNothing': '{window} 号窗口今日未设置办理的队列，不能转到该窗口',
  'hall.transferSameQueue': '排队票已在「{name}」队列，请选择其他队列或窗口',
  'hall.windowNoQueues': '{window} 号窗口还没有设置办理的队列：请值班长在「大厅管理」中设置',
  'hall.windowBusy': '本窗口正在办理 {number} 号：请先办结或挂起它',
  'hall.supervisorOnly': '只有值班长或管理员可以{what}',
  'hall.kioskOrWindow': '只有取号机或窗口可以取号',
  'hall.appointmentNotFound': '没有找到今日的预约：请核对预约码，或到服务台咨询',
  'hall.appointmentUsed': '该预约已签到（{number} 号），请留意叫号',
  'hall.appointmentWrongDay': '该预约不是今天（预约日期 {date}），请按预约日期前来',
  'hall.appointmentExists': '预约码 {code} 已存在',
  'hall.appointmentSlotInvalid': '预约时段无效：结束时间须晚于开始时间',
  'hall.displayToken': '大厅显示屏地址无效或已更换：请向值班长索取新的显示屏地址',
  'hall.queueInvalid': '队列设置无效：{detail}',
  'hall.queueMattersEmpty': '队列「{name}」至少要包含一个事项',
  'hall.queueHoursInvalid': '队列「{name}」的取号结束时间须晚于开始时间',

  'api.idempotencyKeyInvalid': '幂等键格式无效',
  'api.idMismatch': '地址中的办件标识与内容不一致',
  'api.ratingIdMismatch': '地址中的评价标识与内容不一致',
  'case.wrongWindow':
    '办件来自 {district} 第 {window} 号窗口，与本工作站的注册（{ownDistrict} 第 {ownWindow} 号窗口）不符',
  'case.idempotencyKeyReused': '同一幂等键用于了不同的请求内容：请求被拒绝，未作任何更改',
  'case.versionConflict': '办件 {number} 第 {version} 版已以不同内容提交过：同一版本不能更改，请联系中心核对',
  'case.notYours': '该办件由另一台工作站受理，本工作站不能修改它或为它上传材料',
  'case.numberTaken': '办件编号 {number} 已被另一办件使用：请检查窗口编号是否与其他工作站重复',

  'rating.caseUnknown': '评价所属的办件 {number} 尚未送达中心：请先确认该办件已发送到中心，再重新发送这条评价',
  'rating.caseNotYours': '评价所属的办件 {number} 由另一台工作站受理，本工作站不能为它报送评价',
  'rating.idConflict': '评价 {id} 已以不同内容报送过：同一评价不能更改，请联系中心核对',
  'rating.visitRated': '办件 {number} 第 {version} 版的「{stage}」已有一条评价：同一次办理只评价一次',
  'rating.recordMismatch': '评价与其省级数据项不一致（{field}）：该评价未被接收，请联系中心核对',
  'rating.rangeDates': '请按 YYYY-MM-DD 填写导出的开始和结束日期',
  'rating.rangeReversed': '结束日期 {to} 早于开始日期 {from}：请调换后再导出',
  'rating.rangeTooLong': '导出范围不超过 {max} 天（所选为 {days} 天）：请分段导出',

  'decision.denyReasonRequired': '不予批准须写明理由',
  'decision.itemsWithDecision': '已勾选需补正的材料：要求补正请点「要求补正」，批准或不予批准请先取消勾选',
  'decision.commentTooLong': '意见不超过 {max} 字',
  'decision.caseMoved': '该办件的状态已变化（已被处理或有新版本）：请刷新后再看',
  'decision.itemsRequired': '要求补正须勾选需补正的材料，并逐项写明需补正的内容',
  'decision.supplementNoteRequired': '要求补正须写明需补正的内容',
  'decision.completeOnlyDecided': '只有已批准或不予批准的办件可以办结：请刷新后再看',
  'supplement.itemUnknown': '材料 {itemId} 不在该办件的材料清单中：请刷新页面后再选',
  'supplement.reasonMissing': '「{name}」：请写明需补正的内容',
  'supplement.reasonTooLong': '「{name}」：补正内容不超过 {max} 字',
  'supplement.itemInvalid': '「{name}」：{detail}',

  'person.usernameInvalid': '用户名为 2–40 位小写字母、数字、点、下划线或连字符',
  'person.displayNameMissing': '请填写姓名',
  'person.displayNameTooLong': '姓名不超过 {max} 字',
  'person.departmentTooLong': '部门名称不超过 {max} 字',
  'person.passwordTooShort': '密码至少 {min} 位',
  'person.usernameTaken': '用户名 {username} 已存在',
  'person.lastAdmin': '不能停用最后一位可登录的管理员',
  'setup.refused': '设置口令无效、已用过或已过期：请重新启动中心，取得新的设置口令',
  'setup.passwordsDiffer': '两次输入的密码不一致',

  'published.notNewer': '已发布第 {version} 版：新发布的版本号须更大',
  'published.catalogInvalid': '事项目录内容无效：{detail}',
  'published.calendarInvalid': '节假日日历内容无效：{detail}',
} as const;

export type CentralErrorKey = keyof typeof centralErrorsZhCN;
