/**
 * Staff roles. The router enforces them; the UI only hides what a role cannot use. `kiosk` is the
 * account a ticket kiosk at the hall's door signs in with: it issues tickets and nothing else.
 */
export const roles = ['clerk', 'advisor', 'supervisor', 'admin', 'kiosk'] as const;
export type Role = (typeof roles)[number];

/** Who may call a channel: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signedIn' | readonly Role[];

export const everyRole: readonly Role[] = roles;
export const supervisors: readonly Role[] = ['supervisor', 'admin'];
export const admins: readonly Role[] = ['admin'];
/** Who takes cases at a window and looks them up: not the admin, whose job is the system, not the citizens' files. */
export const intakeRoles: readonly Role[] = ['clerk', 'advisor', 'supervisor'];
/** Who gives out queue tickets: the kiosk, and a window for a citizen at the counter. */
export const ticketIssuers: readonly Role[] = ['kiosk', ...intakeRoles];
/**
 * Who sets up the window's devices (which reader, scanner or printer is which): the supervisor and
 * the admin. A clerk uses the devices as they are set up and asks the supervisor to change them.
 */
export const deviceSetupRoles: readonly Role[] = supervisors;
/** Who prints at the workstation: the window's papers (intakeRoles) and the daily report (supervisors). */
export const printingRoles: readonly Role[] = roles.filter((r) => intakeRoles.includes(r) || supervisors.includes(r));
/**
 * Who may see personal data whole (a card's identity, an applicant's earlier details): those who
 * take cases, never the admin. In a case, main lets only its clerk and a supervisor (caseOverseers).
 */
export const revealRoles: readonly Role[] = intakeRoles;
/** Who may see personal data whole in any case, not only in their own: the supervisor (值班长). */
export const caseOverseers: readonly Role[] = ['supervisor'];

export function mayAccess(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signedIn') return true;
  return access.includes(role);
}
