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
