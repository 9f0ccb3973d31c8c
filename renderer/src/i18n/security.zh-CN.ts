/** 数据安全: the recovery code after the first start, and settings → 数据安全. */
export const securityZh = {
  recovery: {
    title: '数据恢复密钥',
    intro:
      '本机数据已加密保存。请立即打印下面的恢复单，装入信封封存于值班长保险柜。系统钥匙串丢失、口令遗忘或更换电脑时，只有它能打开本机数据。',
    codeLabel: '恢复密钥',
    onlyOnce: '恢复单打印并确认后，本机不再保存恢复密钥，也无法再次显示。',
    preview: '预览并打印恢复单',
    sheetTitle: '数据恢复单（打印预览）',
    printHint: '在预览中点击打印按钮打印恢复单。',
    sealed: '我已打印恢复单，并已封存于值班长保险柜',
    done: '完成',
    later: '稍后处理',
    laterHelp: '恢复单未封存前，每次管理员登录都会提示。',
  },
  settings: {
    section: '数据安全',
    encrypted: '本机数据已加密保存（数据库、材料、备份）',
    protectedBy: '数据密钥由{{by}}保管',
    protectors: {
      safeStorage: '系统安全存储',
      keyring: '系统钥匙串',
      passphrase: '管理员口令',
      recovery: '恢复密钥',
    },
    keyCreatedAt: '密钥生成于 {{at}}',
    pending: '恢复单尚未确认封存',
    showPending: '查看并打印恢复单',
    renew: '生成新的恢复密钥',
    renewConfirm: '生成后，旧的恢复单立即作废，请粉碎销毁。继续？',
  },
};
