import { z } from 'zod';
import type { Access } from './roles';
import { admins, supervisors } from './roles';
import {
  auditEntrySchema,
  auditResultSchema,
  auditVerificationSchema,
  displayNameSchema,
  passwordSchema,
  roleSchema,
  sessionStateSchema,
  staffSchema,
  usernameSchema,
  windowNumberSchema,
  windowSettingsSchema,
  workstationSettingsSchema,
} from './schemas';

/**
 * How the router audits a channel: `change` for anything that changes data, `reveal` for
 * anything that shows personal data; `false` for plain reads.
 */
export type AuditKind = 'change' | 'reveal' | false;

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Callable while the session is locked (unlock, sign out, state). */
  whenLocked?: boolean;
  /** Callable before a temporary password has been changed. */
  beforePasswordChange?: boolean;
  audit: AuditKind;
  /** What the audit entry names as the target; never put secrets here. */
  auditTarget?: (input: z.infer<I>) => string;
}

function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

const none = z.object({}).strict();

/** Every request the UI can make. Names are `area.action`; the bridge nests them. */
export const channels = {
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

  'staff.list': channel({ input: none, output: z.array(staffSchema), access: admins, audit: false }),
  'staff.create': channel({
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        role: roleSchema,
        windowNumber: windowNumberSchema.nullable(),
        password: passwordSchema,
      })
      .strict(),
    output: staffSchema,
    access: admins,
    audit: 'change',
    auditTarget: (input) => input.username.toLowerCase(),
  }),
  'staff.update': channel({
    input: z
      .object({
        id: z.number().int(),
        displayName: displayNameSchema.optional(),
        role: roleSchema.optional(),
        windowNumber: windowNumberSchema.nullable().optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    output: staffSchema,
    access: admins,
    audit: 'change',
    auditTarget: (input) => `staff#${input.id}`,
  }),
  'staff.resetPassword': channel({
    input: z.object({ id: z.number().int(), temporaryPassword: passwordSchema }).strict(),
    output: staffSchema,
    access: admins,
    audit: 'change',
    auditTarget: (input) => `staff#${input.id}`,
  }),

  'settings.get': channel({ input: none, output: workstationSettingsSchema, access: 'signedIn', audit: false }),
  'settings.update': channel({
    input: workstationSettingsSchema.partial().strict(),
    output: workstationSettingsSchema,
    access: admins,
    audit: 'change',
  }),

  'audit.list': channel({
    input: z
      .object({
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        action: z.string().max(64).optional(),
        username: z.string().max(32).optional(),
        result: auditResultSchema.optional(),
      })
      .strict(),
    output: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }),
    access: supervisors,
    audit: false,
  }),
  'audit.verify': channel({ input: none, output: auditVerificationSchema, access: supervisors, audit: false }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
