import { z } from 'zod';
import type { Access } from './roles';

/**
 * How the router audits a channel: `change` for anything that changes data, `reveal` for
 * anything that shows personal data; `false` for plain reads; `service` when the service writes
 * the entry itself, inside the same transaction as the change (case decisions).
 */
export type AuditKind = 'change' | 'reveal' | 'service' | false;

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

/** Declares one channel; the identity function keeps each channel's input and output types. */
export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

/** The input of a channel that takes nothing. */
export const none = z.object({}).strict();
