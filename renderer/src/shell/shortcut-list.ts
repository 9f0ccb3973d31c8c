/**
 * Every shortcut a person can press, in the order of a day's work; a module that adds a key adds
 * its row here (`scripts/shortcuts-help.test.ts` compares this list with the keys the screens bind).
 */
export const shellShortcuts = [
  { keys: '?', action: 'shortcuts.help' },
  { keys: 'Ctrl+L', action: 'shortcuts.lock' },
  { keys: 'Ctrl+Shift+E', action: 'shortcuts.language' },
  { keys: 'F1', action: 'shortcuts.callNext' },
  { keys: 'Shift+F1', action: 'shortcuts.recall' },
  { keys: 'F2', action: 'shortcuts.readCard' },
  { keys: 'F3', action: 'shortcuts.pickMatter' },
  { keys: 'F4', action: 'shortcuts.capture' },
  { keys: 'Shift+F4', action: 'shortcuts.captureStay' },
  { keys: 'F7', action: 'shortcuts.scan' },
  { keys: 'F6', action: 'shortcuts.nextItem' },
  { keys: 'F8', action: 'shortcuts.accept' },
  { keys: 'F9', action: 'shortcuts.supplement' },
  { keys: 'F10', action: 'shortcuts.reject' },
  { keys: 'Ctrl+P', action: 'shortcuts.print' },
  { keys: 'Enter', action: 'shortcuts.next' },
  { keys: 'Ctrl+F', action: 'shortcuts.findCase' },
  { keys: 'F5', action: 'shortcuts.refresh' },
  { keys: 'Ctrl+Shift+S', action: 'shortcuts.citizenScreen' },
  { keys: 'Esc', action: 'shortcuts.close' },
] as const;
