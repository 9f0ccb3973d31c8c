/** Staff roles. The router enforces them; the UI only hides what a role cannot use. */
export const roles = ['clerk', 'advisor', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who may call a channel: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signedIn' | readonly Role[];

export const everyRole: readonly Role[] = roles;
export const supervisors: readonly Role[] = ['supervisor', 'admin'];
export const admins: readonly Role[] = ['admin'];
/** Who takes cases at a window and looks them up: not the admin, whose job is the system, not the citizens' files. */
export const intakeRoles: readonly Role[] = ['clerk', 'advisor', 'supervisor'];

export function mayAccess(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signedIn') return true;
  return access.includes(role);
}
