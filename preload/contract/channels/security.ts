import { z } from 'zod';
import { channel, none } from '../channel';
import { admins } from '../roles';

const protectorKind = z.enum(['safeStorage', 'keyring', 'passphrase', 'recovery']);

export const securityStatusSchema = z.object({
  /** What opened the data key at this start. */
  protectedBy: protectorKind,
  /** Every kind of wrapped copy the key file holds. */
  protectors: z.array(protectorKind),
  keyCreatedAt: z.string().nullable(),
  /** A recovery code waits to be printed and sealed (first start, or after a renewal). */
  recoveryPending: z.boolean(),
});
export type SecurityStatus = z.infer<typeof securityStatusSchema>;

export const pendingRecoverySchema = z.object({
  /** 32 characters in groups of four. */
  code: z.string(),
  issuedAt: z.string(),
  /** The recovery sheet to print and seal: A4, the code, the window, the date in hall time. */
  sheet: z.instanceof(Uint8Array),
});
export type PendingRecovery = z.infer<typeof pendingRecoverySchema>;

/**
 * Data protection for the administrator: how the data key is protected, and the recovery code
 * between its making and its sealing in the supervisor's safe.
 */
export const securityChannels = {
  'security.status': channel({ input: none, output: securityStatusSchema, access: admins, audit: false }),

  /** The waiting recovery code and its sheet; null once confirmed saved. Each look is audited. */
  'security.recovery': channel({
    input: none,
    output: pendingRecoverySchema.nullable(),
    access: admins,
    audit: 'reveal',
  }),

  /** The sheet is printed and sealed: the workstation forgets the code. */
  'security.recoverySaved': channel({ input: none, output: securityStatusSchema, access: admins, audit: 'change' }),

  /** A new recovery code: the old sheet stops working at once. */
  'security.renewRecovery': channel({
    input: none,
    output: pendingRecoverySchema,
    access: admins,
    audit: 'change',
  }),
} as const;
