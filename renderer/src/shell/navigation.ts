import type { Role } from '../../../preload/contract/roles';

export type ScreenKey =
  'workbench' | 'hall' | 'cases' | 'devices' | 'reports' | 'staff' | 'audit' | 'settings' | 'sync';

/** Which screens each role sees, in menu order. The router enforces the same on every call. */
const screensByRole: Record<Role, ScreenKey[]> = {
  clerk: ['workbench', 'cases', 'devices', 'settings', 'sync'],
  advisor: ['workbench', 'cases', 'devices', 'settings', 'sync'],
  supervisor: ['workbench', 'hall', 'cases', 'devices', 'reports', 'audit', 'settings', 'sync'],
  admin: ['workbench', 'hall', 'devices', 'reports', 'staff', 'audit', 'settings', 'sync'],
  // The kiosk has no menu: App shows it the full-screen ticket screen and nothing else.
  kiosk: [],
};

export function screensFor(role: Role): ScreenKey[] {
  return screensByRole[role];
}

/**
 * Each screen's Alt+N, the same for every role: a supervisor who covers a window, or a clerk who
 * moves to the supervisor's desk, presses the keys they know (the N used to be the menu position, so
 * Alt+4 was 设置 for a clerk and 报表 for a supervisor). A role that lacks a screen lacks its key.
 */
export const screenKeys: Record<ScreenKey, number> = {
  workbench: 1,
  cases: 2,
  devices: 3,
  reports: 4,
  staff: 5,
  audit: 6,
  settings: 7,
  sync: 8,
  hall: 9,
};
