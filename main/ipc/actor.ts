import { AppError } from '../../preload/contract/errors';
import type { SessionUser } from '../../preload/contract/schemas';
import type { Actor } from '../cases/model';

/** The signed-in staff member as the services record them; the router has already refused calls without one. */
export function actorOf(user: SessionUser | null): Actor {
  if (!user) throw new AppError('unauthenticated');
  return { id: user.id, username: user.username, displayName: user.displayName };
}

/** The signed-in user of a call whose channel the router keeps to signed-in roles. */
export function signedInUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthenticated');
  return user;
}
