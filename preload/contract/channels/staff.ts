import { z } from 'zod';
import { channel, none } from '../channel';
import { admins } from '../roles';
import {
  displayNameSchema,
  passwordSchema,
  roleSchema,
  staffSchema,
  usernameSchema,
  windowNumberSchema,
} from '../schemas';

/** Staff accounts (administrators only). */
export const staffChannels = {
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
} as const;
