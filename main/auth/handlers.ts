import type { sessionChannels } from '../../preload/contract/channels/session';
import { AppError } from '../../preload/contract/errors';
import type { SessionState } from '../../preload/contract/schemas';
import type { Clock } from '../app/clock';
import type { HandlersOf } from '../ipc/router';
import type { Session } from '../ipc/session';
import type { SettingsService } from '../settings/service';
import { toSessionUser, type StaffService } from '../staff/service';
import type { AuthService } from './service';

export interface SessionDeps {
  staff: StaffService;
  auth: AuthService;
  settings: SettingsService;
  clock: Clock;
  /** The hall is told the window closed when its person signs out (the board shows who serves). */
  queue?: { leave(): void };
}

/**
 * What a screen needs to know about its session: who, locked or not, the window (or what is
 * wrong with its settings), the server's time.
 */
export function sessionState(deps: SessionDeps, session: Session): SessionState {
  const { staff, settings, clock } = deps;
  const row = session.userId === null ? null : staff.active(session.userId);
  const current = settings.load();
  const needsSetup = staff.count() === 0;
  return {
    user: row ? toSessionUser(row) : null,
    locked: row ? session.locked : false,
    needsSetup,
    idleLockMinutes: current.value.idleLockMinutes,
    window: settings.window(),
    // Before setup nothing is stored yet: that is the first-run screen, not a repair.
    settingsProblems: needsSetup ? [] : current.problems,
    defaultLocale: current.value.defaultLocale,
    serverTime: clock.now().toISOString(),
  };
}

function signOut(session: Session): void {
  session.userId = null;
  session.locked = false;
}

/** Session, sign-in, first-time setup. */
export function sessionHandlers(deps: SessionDeps): HandlersOf<typeof sessionChannels> {
  const { staff, auth, settings } = deps;
  const stateOf = (session: Session) => sessionState(deps, session);
  return {
    'system.ping': () => ({ pong: true as const }),

    'session.state': ({ session }) => stateOf(session),
    'session.lock': ({ session }) => {
      session.locked = true;
      return stateOf(session);
    },
    // Only a stamp: the router counts it as the clerk's activity (router.ts, countsAsActivity).
    'session.activity': () => ({ done: true as const }),
    'session.unlock': async ({ session, user }, input) => {
      if (!session.locked) return stateOf(session);
      try {
        await auth.unlock(user!.id, input.password);
      } catch (error) {
        // A lockout while the screen is locked ends the session: the next person signs in afresh.
        if (error instanceof AppError && error.code === 'account_locked') signOut(session);
        throw error;
      }
      session.locked = false;
      return stateOf(session);
    },

    'setup.initialize': async ({ session, audit: note }, input) => {
      if (staff.count() > 0) throw new AppError('already_set_up');
      const admin = await staff.create(
        {
          ...input.admin,
          role: 'admin',
          windowNumber: input.window.windowNumber,
          mustChangePassword: false,
        },
        { firstAdmin: true },
      );
      settings.update(input.window);
      note.detail = { window: input.window };
      session.userId = admin.id;
      session.locked = false;
      return stateOf(session);
    },

    'auth.signIn': async ({ session, audit: note }, input) => {
      note.username = input.username.toLowerCase();
      if (staff.count() === 0) throw new AppError('not_set_up');
      const row = await auth.signIn(input.username, input.password);
      session.userId = row.id;
      session.locked = false;
      return stateOf(session);
    },
    'auth.signOut': ({ session }) => {
      signOut(session);
      deps.queue?.leave();
      return stateOf(session);
    },
    'auth.changePassword': async ({ session, user }, input) => {
      await auth.changePassword(user!.id, input.currentPassword, input.newPassword);
      return stateOf(session);
    },
  };
}
