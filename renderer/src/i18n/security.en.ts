import type { Messages } from './zh-CN';

export const securityEn: Messages['security'] = {
  recovery: {
    title: 'Data recovery key',
    intro:
      "This PC's data is encrypted. Print the recovery sheet below now, seal it in an envelope and keep it in the supervisor's safe. When the OS keyring is lost, the passphrase forgotten or the PC replaced, only this sheet opens the data.",
    codeLabel: 'Recovery key',
    onlyOnce: 'Once you confirm the sheet is printed, this PC forgets the recovery key and cannot show it again.',
    preview: 'Preview and print the recovery sheet',
    sheetTitle: 'Data recovery sheet (print preview)',
    printHint: "Print the sheet with the preview's print button.",
    sealed: "I printed the recovery sheet and sealed it in the supervisor's safe",
    done: 'Done',
    later: 'Later',
    laterHelp: 'Until the sheet is sealed, each administrator sign-in reminds you.',
  },
  retention: {
    section: 'Purging',
    rule: 'Cases, their materials and print records leave this PC {{days}} days after central has the decision (the audit trail stays).',
    none: 'No case is due to be purged in the next 30 days.',
    count: '{{count}} cases will be purged in the next 30 days:',
    countMore: 'More than {{count}} cases will be purged in the next 30 days (the earliest first):',
    number: 'Case number',
    matter: 'Matter',
    state: 'State',
    finalAt: 'Central decided',
    purgeOn: 'Purged on',
    days: 'Days kept on this PC',
    daysHelp:
      'Days a case stays on this PC after central has the decision (30 or more; the audit trail is never purged)',
  },
  settings: {
    section: 'Data protection',
    encrypted: "This PC's data is encrypted (database, materials, backups)",
    protectedBy: 'The data key is kept by {{by}}',
    protectors: {
      safeStorage: 'the OS secure storage',
      keyring: 'the OS keyring',
      passphrase: "the administrator's passphrase",
      recovery: 'the recovery key',
    },
    keyCreatedAt: 'Key made {{at}}',
    pending: 'The recovery sheet is not confirmed sealed yet',
    showPending: 'Show and print the recovery sheet',
    renew: 'Make a new recovery key',
    renewConfirm: 'The old recovery sheet stops working at once; shred it. Go on?',
  },
};
