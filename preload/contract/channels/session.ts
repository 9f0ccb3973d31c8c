import { z } from 'zod';
import { channel, none } from '../channel';
import {
  displayNameSchema,
  passwordSchema,
  sessionStateSchema,
  usernameSchema,
  windowSettingsSchema,
} from '../schemas';

/**
 * The screen reports activity at most this often: cheap for main, and well inside the shortest lock
 * (1 minute). A burst sends one report at once and, if it goes on, one more at the end of the interval.
 */
export const activityReportMs = 15_000;

/** Signing in and out, the lock, first-time setup: what every screen asks before anything else. */
export const sessionChannels = {
  'system.ping': channel({ input: none, output: z.object({ pong: z.literal(true) }), access: 'public', audit: false }),

  'session.state': channel({
    input: none,
    output: sessionStateSchema,
    access: 'public',
    whenLocked: true,
    beforePasswordChange: true,
    audit: false,
  }),

  'session.lock': channel({
    input: z.object({ reason: z.enum(['idle', 'manual']) }).strict(),
    output: sessionStateSchema,
    access: 'signedIn',
    whenLocked: true,
    beforePasswordChange: true,
    audit: 'change',
    auditTarget: (input) => input.reason,
  }),

  /**
   * The clerk touched keyboard or mouse (the screen sends it at most every few seconds): keeps main's
   * idle lock away. Refused once locked, like everything but unlock and state.
   */
  'session.activity': channel({
    input: none,
    output: z.object({ done: z.literal(true) }),
    access: 'signedIn',
    beforePasswordChange: true,
    audit: false,
  }),

  'session.unlock': channel({
    input: z.object({ password: passwordSchema }).strict(),
    output: sessionStateSchema,
    access: 'signedIn',
    whenLocked: true,
    beforePasswordChange: true,
    audit: 'change',
  }),

  'setup.initialize': channel({
    input: z
      .object({
        admin: z
          .object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema })
          .strict(),
        window: windowSettingsSchema,
      })
      .strict(),
    output: sessionStateSchema,
    access: 'public',
    audit: 'change',
    auditTarget: (input) => input.admin.username.toLowerCase(),
  }),

  'auth.signIn': channel({
    input: z.object({ username: usernameSchema, password: passwordSchema }).strict(),
    output: sessionStateSchema,
    access: 'public',
    audit: 'change',
    auditTarget: (input) => input.username.toLowerCase(),
  }),

  'auth.signOut': channel({
    input: none,
    output: sessionStateSchema,
    access: 'signedIn',
    whenLocked: true,
    beforePasswordChange: true,
    audit: 'change',
  }),

  'auth.changePassword': channel({
    input: z.object({ currentPassword: passwordSchema, newPassword: passwordSchema }).strict(),
    output: sessionStateSchema,
    access: 'signedIn',
    beforePasswordChange: true,
    audit: 'change',
  }),
} as const;

/** What main pushes to the screens about the session. */
export const sessionEvents = {
  /** The session changed on the main side (locked when idle or by the OS lock screen, account disabled…). */
  'session.changed': sessionStateSchema,
} as const;
