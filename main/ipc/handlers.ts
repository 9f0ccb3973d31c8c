import { hallDate } from '../../preload/contract/dates';
import { AppError } from '../../preload/contract/errors';
import { maskIdNumber } from '../../preload/contract/id-numbers';
import type { SessionState, SessionUser } from '../../preload/contract/schemas';
import type { Actor } from '../cases/service';
import type { Services } from '../app/services';
import { toSessionUser } from '../staff/service';
import type { AuditNote, Handlers } from './router';
import type { PrintJob } from '../../preload/contract/documents';
import { dailyReportCsv } from '../reports/csv';
import type { Session } from './session';

/** Every channel's handler: thin, each one a call into a service. */
export function createHandlers(services: Services): Handlers {
  const { staff, auth, settings, audit, clock, devices, catalog, calendar, cases, materials, hotFolder } = services;
  const { printing, reports, sync } = services;

  /** What a print's audit entry says: which paper, which print of it, where, and how it went. */
  function notePrint(note: AuditNote, job: PrintJob): void {
    note.detail = {
      jobId: job.id,
      kind: job.kind,
      number: job.caseNumber,
      copyNumber: job.copyNumber,
      copies: job.copies,
      backend: job.backend,
      printer: job.printer,
      state: job.state,
      ...(job.error ? { error: job.error } : {}),
    };
  }

  /** The signed-in staff member; the router has already refused calls without one. */
  function actor(user: SessionUser | null): Actor {
    if (!user) throw new AppError('unauthenticated');
    return { id: user.id, username: user.username, displayName: user.displayName };
  }

  function stateOf(session: Session): SessionState {
    const row = session.userId === null ? null : staff.active(session.userId);
    const current = settings.get();
    return {
      user: row ? toSessionUser(row) : null,
      locked: row ? session.locked : false,
      needsSetup: staff.count() === 0,
      idleLockMinutes: current.idleLockMinutes,
      window: settings.window(),
      defaultLocale: current.defaultLocale,
      serverTime: clock.now().toISOString(),
    };
  }

  function signOut(session: Session): void {
    session.userId = null;
    session.locked = false;
  }

  return {
    'system.ping': () => ({ pong: true as const }),

    'session.state': ({ session }) => stateOf(session),
    'session.lock': ({ session }) => {
      session.locked = true;
      return stateOf(session);
    },
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
      return stateOf(session);
    },
    'auth.changePassword': async ({ session, user }, input) => {
      await auth.changePassword(user!.id, input.currentPassword, input.newPassword);
      return stateOf(session);
    },

    'staff.list': () => staff.list(),
    'staff.create': ({ audit: note }, input) => {
      note.detail = { role: input.role, windowNumber: input.windowNumber };
      return staff.create({ ...input, mustChangePassword: true });
    },
    'staff.update': ({ audit: note }, input) => {
      const { id, ...change } = input;
      const { before, after } = staff.update(id, change);
      note.target = after.username;
      note.detail = changedFields(before, after);
      return after;
    },
    'staff.resetPassword': async ({ audit: note }, input) => {
      const after = await staff.resetPassword(input.id, input.temporaryPassword);
      note.target = after.username;
      return after;
    },

    'settings.get': () => settings.get(),
    'settings.update': ({ audit: note }, input) => {
      const { before, after } = settings.update(input);
      note.detail = changedFields(before, after);
      if (before.hotFolder !== after.hotFolder) hotFolder.configure(after.hotFolder || null);
      return after;
    },

    'audit.list': (_ctx, input) => audit.list(input),
    'audit.verify': () => audit.verify(),

    'devices.list': () => devices.list(),
    'devices.refresh': () => devices.refresh(),
    'devices.assignRole': ({ user, audit: note }, input) => {
      note.detail = { role: input.role };
      return devices.assignRole(input.deviceId, input.role, user?.username ?? null);
    },
    'devices.selfTest': (_ctx, input) => devices.selfTest(input.deviceId),
    'devices.decodeFrames': (_ctx, input) => ({ frames: devices.decodeFrames(input.hex) }),

    'idcard.current': () => devices.current(),
    'idcard.readNow': async () => {
      await devices.readNow();
      return { done: true as const };
    },
    'idcard.reveal': ({ audit: note }, input) => {
      const { identity, masked } = devices.reveal(input.readId);
      note.detail = { cardType: identity.cardType, idNumber: masked };
      return identity;
    },

    'printer.printTicket': async (_ctx, input) => ({ deviceId: await devices.printTicket(input) }),

    'catalog.list': () => ({ info: catalog.info(), matters: catalog.matters() }),
    'calendar.info': () => calendar.info(),
    'calendar.promisedDate': (_ctx, input) => calendar.current().addWorkingDays(hallDate(clock.now()), input.days),

    'cases.create': ({ user }, input) => cases.create(actor(user), input.matterCode),
    'cases.saveDraft': ({ user }, input) => cases.saveDraft(actor(user), input.caseId, input.revision, input.draft),
    'cases.get': ({ user }, input) => cases.get(input.caseId, actor(user)),
    'cases.myDrafts': ({ user }) => cases.myDrafts(actor(user)),
    'cases.decide': ({ user }, input) => cases.decide(actor(user), input.caseId, input.revision, input.decision),
    'cases.resume': ({ user }, input) => cases.resume(actor(user), input.caseId),
    'cases.discard': ({ user }, input) => {
      cases.discard(actor(user), input.caseId);
      return { done: true as const };
    },
    'cases.list': (_ctx, input) => cases.list(input),
    'cases.history': ({ audit: note }, input) => {
      note.target = maskIdNumber(input.idNumber.toUpperCase());
      return cases.history(input.kind, input.idNumber);
    },
    'cases.takeCard': ({ user, audit: note }, input) => {
      cases.get(input.caseId, actor(user));
      const { identity, masked } = devices.reveal(input.readId);
      note.detail = { cardType: identity.cardType, idNumber: masked };
      return identity;
    },

    'materials.import': (_ctx, input) => materials.put(input.bytes, input.name),
    'materials.read': (_ctx, input) => {
      const { bytes, mime } = materials.read(input.sha256);
      return { mime, bytes: new Uint8Array(bytes) };
    },
    'materials.hotFolder': () => hotFolder.status(),

    'documents.preview': (_ctx, input) => printing.preview(input),
    'printing.printers': () => printing.printers(),
    'printing.print': async ({ user, audit: note }, input) => {
      const result = await printing.print(actor(user), input);
      notePrint(note, result.job);
      return result;
    },
    'printing.printReport': async ({ user, audit: note }, input) => {
      const result = await printing.print(actor(user), input);
      note.target = result.job.documentKey;
      notePrint(note, result.job);
      return result;
    },
    'printing.confirm': ({ audit: note }, input) => {
      const job = printing.confirm(input.jobId, input.printed);
      notePrint(note, job);
      return job;
    },
    'printing.history': (_ctx, input) => printing.history.list({ caseId: input.caseId }),

    'sync.status': () => sync.status(),
    'sync.items': (_ctx, input) => sync.items(input.states, input.limit),
    'sync.retry': (_ctx, input) => {
      sync.retry(input.id);
      return sync.status();
    },
    'sync.now': async () => {
      await sync.syncNow();
      return sync.status();
    },
    'sync.enrol': (_ctx, input) => sync.enrol(input),
    'reports.daily': (_ctx, input) => reports.daily(input),
    'reports.pdf': (_ctx, input) => printing.preview({ kind: 'daily_report', ...input }),
    'reports.csv': ({ audit: note }, input) => {
      note.target = `report/${input.from}/${input.to}`;
      const name = input.from === input.to ? input.from : `${input.from}_${input.to}`;
      return { fileName: `业务报表_${name}.csv`, csv: dailyReportCsv(reports.daily(input)) };
    },

    'simulation.get': () => devices.simulationState(),
    'simulation.update': (_ctx, input) => devices.updateSimulation(input),
    'simulation.scan': (_ctx, input) => {
      devices.simulateScan(input.code, input.symbology);
      return { done: true as const };
    },
  };
}

/** `{ field: { from, to } }` for the fields that differ: what an audit entry of a change shows. */
function changedFields<T extends object>(before: T, after: T): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    // By value: list settings (serial ports) are new arrays on every read.
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = { from: before[key], to: after[key] };
  }
  return diff;
}
