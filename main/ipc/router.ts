import type { z } from 'zod';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ChannelParsedInput,
  ChannelSpec,
} from '../../preload/contract/channels';
import { channels, isChannelName } from '../../preload/contract/channels';
import type { Result } from '../../preload/contract/envelope';
import { fail, ok } from '../../preload/contract/envelope';
import { AppError, type ErrorCode } from '../../preload/contract/errors';
import { mayAccess } from '../../preload/contract/roles';
import type { SessionUser } from '../../preload/contract/schemas';
import type { AuditService } from '../audit/service';
import type { IdleLock } from '../auth/idle-lock';
import type { Logger } from '../logging/logger';
import type { StaffService } from '../staff/service';
import { toSessionUser } from '../staff/service';
import type { Session } from './session';

/** What a handler may add to the audit entry the router writes for its call. */
export interface AuditNote {
  target?: string;
  username?: string;
  detail?: Record<string, unknown>;
}

export interface CallContext {
  session: Session;
  /** The signed-in user as of the start of the call, freshly read from the database. */
  user: SessionUser | null;
  audit: AuditNote;
}

/** One channel's handler: its parsed input in, its output (checked against the schema) out. */
export type Handler<K extends ChannelName> = (
  ctx: CallContext,
  input: ChannelParsedInput<K>,
) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

/** Every channel's handler: the union of the features' handler maps. */
export type Handlers = { [K in ChannelName]: Handler<K> };

/** The handlers of one feature's contract slice (`HandlersOf<typeof casesChannels>`). */
export type HandlersOf<Slice> = { [K in keyof Slice & ChannelName]: Handler<K> };

export interface Router {
  /** Validates, authorises, calls the handler, audits, and answers with the channel's typed envelope. */
  call<K extends ChannelName>(session: Session, channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>>;
  /**
   * The same for a name and an input as a transport delivers them (both unchecked): an unknown
   * channel is refused, the input is validated like every call.
   */
  dispatch(session: Session, channel: string, input: unknown): Promise<Result<unknown>>;
  /**
   * Locks a signed-in session idle for the set minutes (audited as an idle lock, the screen told by
   * 'session.changed'); true when it locked it now. Every call asks first; main's sweep asks too.
   */
  lockIfIdle(session: Session): Promise<boolean>;
}

/**
 * What keeps a session awake: the screen's activity report, and a call that changes or reveals
 * data (signing in, unlocking, saving, printing…). A read never does, so the status polls and
 * pushes-then-reads of an unattended screen let it lock.
 */
function countsAsActivity(channel: ChannelName, spec: ChannelSpec): boolean {
  return channel === 'session.activity' || spec.audit !== false;
}

/**
 * Refusals a service makes about who the caller is (not the role, which the router checks itself):
 * the caller may not see or answer for what is someone else's. Audited as denied, like a role's.
 */
const denials: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['forbidden', 'not_case_clerk', 'print_job_of_other']);

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function createRouter(deps: {
  handlers: Handlers;
  staff: StaffService;
  audit: AuditService;
  log: Logger;
  idle: IdleLock;
}): Router {
  const { handlers, audit, log, idle } = deps;

  function currentUser(session: Session): SessionUser | null {
    if (session.userId === null) return null;
    const row = deps.staff.active(session.userId);
    if (!row) {
      session.userId = null;
      session.locked = false;
      return null;
    }
    return toSessionUser(row);
  }

  async function lockIfIdle(session: Session): Promise<boolean> {
    if (session.locked) return false;
    const user = currentUser(session);
    // A kiosk stands in the hall for the citizens all day: nobody is at its keyboard to unlock it.
    if (!user || user.role === 'kiosk' || !idle.expired(session)) return false;
    session.locked = true;
    audit.append({
      userId: user.id,
      username: user.username,
      action: 'session.lock',
      target: 'idle',
      result: 'ok',
      code: null,
      detail: { by: 'main' },
    });
    const state = await handlers['session.state']({ session, user, audit: {} }, {});
    session.emit('session.changed', state);
    return true;
  }

  async function dispatch(session: Session, channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) {
      log.warn({ channel }, 'unknown channel');
      return fail('unknown_channel');
    }
    const spec: ChannelSpec = channels[channel];
    await lockIfIdle(session);
    const user = currentUser(session);
    const note: AuditNote = {};
    const record = (result: 'ok' | 'denied' | 'failed', code: string | null) => {
      const after = session.userId !== null && !user ? deps.staff.active(session.userId) : null;
      const actor = user ?? (after ? toSessionUser(after) : null);
      audit.append({
        userId: actor?.id ?? null,
        username: actor?.username ?? note.username ?? null,
        action: channel,
        target: note.target ?? null,
        result,
        code,
        detail: note.detail ?? null,
      });
    };

    if (spec.access !== 'public' && !user) return fail('unauthenticated');
    if (user && session.locked && !spec.whenLocked && spec.access !== 'public') return fail('session_locked');
    if (user?.mustChangePassword && !spec.beforePasswordChange && spec.access !== 'public') {
      return fail('must_change_password');
    }
    if (!mayAccess(spec.access, user?.role ?? null)) {
      record('denied', 'forbidden');
      return fail('forbidden');
    }

    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', undefined, fieldErrors(parsed.error));
    if (spec.auditTarget) note.target = spec.auditTarget(parsed.data);

    const handler = handlers[channel] as (ctx: CallContext, input: unknown) => unknown;
    try {
      const value = await handler({ session, user, audit: note }, parsed.data);
      const output = spec.output.safeParse(value);
      if (!output.success) {
        log.error({ channel, issues: output.error.issues }, 'handler answered outside its schema');
        if (spec.audit) record('failed', 'internal');
        return fail('internal');
      }
      // A service that audits itself wrote the entry in its own transaction; failures are the router's.
      if (spec.audit && spec.audit !== 'service') record('ok', null);
      if (session.userId !== null && !session.locked && countsAsActivity(channel, spec)) idle.touch(session);
      return ok(output.data);
    } catch (error) {
      if (error instanceof AppError) {
        if (spec.audit) record(denials.has(error.code) ? 'denied' : 'failed', error.code);
        return { ok: false, error: error.toShape() };
      }
      log.error({ channel, err: error }, 'handler failed');
      if (spec.audit) record('failed', 'internal');
      return fail('internal');
    }
  }

  return {
    // The one place a result meets its channel's type: the handler's value was parsed by that
    // channel's own output schema above, so it is `ChannelOutput<K>`.
    call: (session, channel, input) =>
      dispatch(session, channel, input) as Promise<Result<ChannelOutput<typeof channel>>>,
    dispatch,
    lockIfIdle,
  };
}
