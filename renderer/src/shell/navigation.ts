import type { Role } from '../../../preload/contract/roles';

export type ScreenKey = 'workbench' | 'cases' | 'devices' | 'reports' | 'staff' | 'audit' | 'settings' | 'sync';

/**
 * Which screens each role sees, in menu order. The router enforces the same on every call.
 * 同步 comes last so the Alt+N keys people already know keep their screens.
 */
const screensByRole: Record<Role, ScreenKey[]> = {
  clerk: ['workbench', 'cases', 'devices', 'settings', 'sync'],
  advisor: ['workbench', 'cases', 'devices', 'settings', 'sync'],
  supervisor: ['workbench', 'cases', 'devices', 'reports', 'audit', 'settings', 'sync'],
  admin: ['workbench', 'devices', 'reports', 'staff', 'audit', 'settings', 'sync'],
};

export function screensFor(role: Role): ScreenKey[] {
  return screensByRole[role];
}
