import type { Role } from '../../../preload/contract/roles';

export type ScreenKey = 'workbench' | 'cases' | 'devices' | 'reports' | 'staff' | 'audit' | 'settings';

/** Which screens each role sees, in menu order. The router enforces the same on every call. */
const screensByRole: Record<Role, ScreenKey[]> = {
  clerk: ['workbench', 'cases', 'devices', 'settings'],
  advisor: ['workbench', 'cases', 'devices', 'settings'],
  supervisor: ['workbench', 'cases', 'devices', 'reports', 'audit', 'settings'],
  admin: ['workbench', 'devices', 'reports', 'staff', 'audit', 'settings'],
};

export function screensFor(role: Role): ScreenKey[] {
  return screensByRole[role];
}
