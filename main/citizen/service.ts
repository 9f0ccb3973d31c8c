// Long on purpose: pairing, presence, the view pushed and the rating prompt share one state (the
// pairings), kept in one module so that nothing else ever holds or writes to a citizen's session.
import { randomInt, randomUUID } from 'node:crypto';
import type { CaseDecisionRecord } from '../../preload/contract/cases';
import type { CitizenHello, CitizenStatus, CitizenView } from '../../preload/contract/citizen';
import { AppError } from '../../preload/contract/errors';
import type { QueueStatus } from '../../preload/contract/queue';
import type { SessionUser } from '../../preload/contract/schemas';
import { hallDate } from '@yichuang/domain/hall-time';
import type { RatingSubmission } from '@yichuang/domain/ratings';
import type { Clock } from '../app/clock';
import type { CalendarService } from '../calendar/service';
import type { CaseService, DecidedVersion } from '../cases/service';
import type { CatalogService } from '../catalog/service';
import type { Session } from '../ipc/session';
import type { SessionHub } from '../ipc/session-hub';
import type { Logger } from '../logging/logger';
import type { RatedVisit, RatingService } from '../ratings/service';
import type { SettingsService } from '../settings/service';
import type { CitizenDisplays } from './displays';
import { visitOf } from './visit';
import { citizenViewOf, type CaseForView } from './view';

export interface CitizenDeps {
  clock: Clock;
  hub: SessionHub;
  settings: SettingsService;
  cases: CaseService;
  catalog: CatalogService;
  calendar: CalendarService;
  ratings: RatingService;
  log: Logger;
  /** How long a pairing code is good for. */
  codeTtlMs?: number;
  /** How long a paired page that lost its connection may come back without a new code. */
  resumeTtlMs?: number;
  /** How often main looks whether the clerk is still there (signed in, not locked). */
  presenceEveryMs?: number;
}

interface Prompt {
  id: string;
  visit: RatedVisit;
  state: 'open' | 'rated';
}

/** One clerk's citizen screen: keyed by the clerk, so a reload of the clerk's page keeps it. */
interface Pairing {
  userId: number;
  clerk: { displayName: string; username: string };
  citizen: Session | null;
  kind: 'window' | 'paired';
  resume: string;
  leftAt: number | null;
  caseId: string | null;
  prompt: Prompt | null;
  present: boolean;
  lastSent: string;
}

/** How far back the idle screen looks for the matters this window takes. */
const matterDays = 90;
const matterCacheMs = 10 * 60_000;

/**
 * The citizen screen (双屏): pairs a citizen page (browser host, by a 6-digit code) or window
 * (Electron, by main) with a clerk, keeps what it shows in step with the clerk's open case and the
 * ticket at the counter, and takes the citizen's rating of each visit. A citizen session signs in as
 * nobody, so the hub's broadcasts (card reads, queue news…) never reach it: the only thing sent to
 * it is the masked `citizen.view` built here.
 */
export function createCitizenService(deps: CitizenDeps) {
  const { clock, hub, settings, cases, catalog, calendar, ratings, log } = deps;
  const codeTtlMs = deps.codeTtlMs ?? 5 * 60_000;
  const resumeTtlMs = deps.resumeTtlMs ?? 10 * 60_000;
  const byUser = new Map<number, Pairing>();
  const byCitizen = new Map<string, Pairing>();
  const waiting = new Map<string, { session: Session; expiresAt: number }>();
  let windowLink: { clerk: Session; citizen: Session } | null = null;
  let displays: CitizenDisplays | null = null;
  let queue: QueueStatus | null = null;
  let matters: { at: number; names: string[] } | null = null;

  function windowMatters(): string[] {
    const now = clock.now().getTime();
    if (matters && now - matters.at < matterCacheMs) return matters.names;
    const since = hallDate(new Date(now - matterDays * 86_400_000));
    let names = cases.topMatters(since, 8);
    if (names.length === 0)
      names = catalog
        .matters()
        .slice(0, 8)
        .map((m) => m.name);
    matters = { at: now, names };
    return names;
  }

  function present(p: Pairing): boolean {
    return hub.sessions().some((s) => s.userId === p.userId && !s.locked);
  }

  function caseFor(p: Pairing): CaseForView | null {
    if (!p.caseId) return null;
    try {
      const detail = cases.get(p.caseId, { id: p.userId, ...p.clerk });
      const matter = detail.draft.matterCode ? (catalog.get(detail.draft.matterCode) ?? null) : null;
      const decision: CaseDecisionRecord | null = detail.state === 'draft' ? null : (detail.decisions.at(-1) ?? null);
      const supplementDue =
        decision?.kind === 'supplement'
          ? calendar.current().addWorkingDays(hallDate(new Date(decision.at)), settings.get().supplementDays).date
          : null;
      return {
        draft: detail.draft,
        matter,
        number: detail.number,
        promisedDate: detail.promisedDate,
        decision,
        supplementDue,
      };
    } catch (error) {
      // Discarded or purged meanwhile: the screen goes idle rather than show a stale case.
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  function viewOf(p: Pairing): CitizenView {
    const s = settings.get();
    const here = present(p);
    const current = here ? (queue?.window?.current ?? null) : null;
    return citizenViewOf({
      locale: s.defaultLocale,
      counter: here
        ? {
            hallName: s.hallName,
            windowNumber: s.windowNumber,
            clerkName: p.clerk.displayName,
            staffNumber: p.clerk.username,
          }
        : null,
      ticket: current?.number ? { number: current.number, queueName: current.queueName } : null,
      // While the clerk is away (locked, signed out) nothing of the case stays on the citizen's side.
      case: here ? caseFor(p) : null,
      rating: p.prompt ? { promptId: p.prompt.id, stage: p.prompt.visit.stage, state: p.prompt.state } : null,
      notices: s.citizenNotices,
      matters: windowMatters(),
    });
  }

  function helloOf(p: Pairing): CitizenHello {
    return { paired: true, view: viewOf(p), resume: p.resume };
  }

  /** Sends the view when it changed (queue news arrives often and mostly changes nothing here). */
  function push(p: Pairing): void {
    if (!p.citizen) return;
    const hello = helloOf(p);
    const text = JSON.stringify(hello);
    if (text === p.lastSent) return;
    p.lastSent = text;
    p.citizen.emit('citizen.view', hello);
  }

  function statusOf(userId: number): CitizenStatus {
    const p = byUser.get(userId);
    const chosen = displays?.chosen() ?? null;
    return {
      screen: p?.citizen ? p.kind : 'none',
      caseId: p?.caseId ?? null,
      rating: p?.prompt ? (p.prompt.state === 'rated' ? 'rated' : 'unrated') : null,
      displays: (displays?.list() ?? []).map((d) => ({ ...d, chosen: d.id === chosen })),
    };
  }

  function tellClerk(userId: number): void {
    const status = statusOf(userId);
    for (const s of hub.sessions()) if (s.userId === userId && !s.locked) s.emit('citizen.changed', status);
  }

  function pairingFor(user: SessionUser): Pairing {
    let p = byUser.get(user.id);
    if (!p) {
      p = {
        userId: user.id,
        clerk: { displayName: user.displayName, username: user.username },
        citizen: null,
        kind: 'paired',
        resume: '',
        leftAt: null,
        caseId: null,
        prompt: null,
        present: true,
        lastSent: '',
      };
      byUser.set(user.id, p);
    }
    p.clerk = { displayName: user.displayName, username: user.username };
    return p;
  }

  /** Electron: the window main opened for this clerk's window is their citizen screen, without a code. */
  function linkWindow(clerk: Session, p: Pairing): void {
    if (!windowLink || windowLink.clerk !== clerk || p.citizen === windowLink.citizen) return;
    const citizen = windowLink.citizen;
    const previous = byCitizen.get(citizen.id);
    if (previous && previous !== p) {
      previous.citizen = null;
      tellClerk(previous.userId);
    }
    if (p.citizen && p.citizen !== citizen) release(p);
    p.citizen = citizen;
    p.kind = 'window';
    p.lastSent = '';
    byCitizen.set(citizen.id, p);
  }

  function newCode(session: Session): CitizenHello {
    for (const [code, w] of waiting) if (w.session === session) waiting.delete(code);
    const now = clock.now().getTime();
    const draw = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
    let code = draw();
    while (waiting.has(code)) code = draw();
    waiting.set(code, { session, expiresAt: now + codeTtlMs });
    return {
      paired: false,
      code,
      expiresAt: new Date(now + codeTtlMs).toISOString(),
      locale: settings.get().defaultLocale,
    };
  }

  /** The page of a pairing that ends is told to show a new code (a window goes idle). */
  function release(p: Pairing): void {
    const citizen = p.citizen;
    if (!citizen) return;
    byCitizen.delete(citizen.id);
    p.citizen = null;
    p.resume = '';
    p.lastSent = '';
    if (p.kind === 'paired') citizen.emit('citizen.view', newCode(citizen));
  }

  hub.onLeave((session) => {
    for (const [code, w] of waiting) if (w.session === session) waiting.delete(code);
    if (windowLink && (windowLink.citizen === session || windowLink.clerk === session)) windowLink = null;
    const p = byCitizen.get(session.id);
    if (!p) return;
    byCitizen.delete(session.id);
    p.citizen = null;
    p.lastSent = '';
    p.leftAt = clock.now().getTime();
    tellClerk(p.userId);
  });

  // The clerk locked the screen, signed out or came back: the citizen's side follows within a second.
  const presence = setInterval(() => {
    for (const p of byUser.values()) {
      const here = present(p);
      if (here === p.present) continue;
      p.present = here;
      push(p);
    }
  }, deps.presenceEveryMs ?? 1000);
  presence.unref();

  return {
    /** The citizen page starts or comes back. */
    hello(session: Session, resume: string | undefined): CitizenHello {
      const mine = byCitizen.get(session.id);
      if (mine) return helloOf(mine);
      if (windowLink?.citizen === session) {
        // An Electron citizen window before its clerk signed in: idle, never a code.
        return {
          paired: true,
          view: citizenViewOf({
            locale: settings.get().defaultLocale,
            counter: null,
            ticket: null,
            case: null,
            rating: null,
            notices: settings.get().citizenNotices,
            matters: windowMatters(),
          }),
          resume: '',
        };
      }
      if (resume) {
        const now = clock.now().getTime();
        for (const p of byUser.values()) {
          if (p.resume !== resume || p.citizen || p.leftAt === null || now - p.leftAt > resumeTtlMs) continue;
          p.citizen = session;
          p.leftAt = null;
          p.lastSent = '';
          byCitizen.set(session.id, p);
          tellClerk(p.userId);
          const hello = helloOf(p);
          p.lastSent = JSON.stringify(hello);
          return hello;
        }
      }
      return newCode(session);
    },

    /** The clerk typed the code the citizen page shows. */
    pair(user: SessionUser, code: string): CitizenStatus {
      const now = clock.now().getTime();
      for (const [c, w] of waiting) if (w.expiresAt <= now) waiting.delete(c);
      const found = waiting.get(code);
      if (!found || !hub.sessions().includes(found.session)) {
        throw new AppError('citizen_code_unknown', undefined, { code: '配对码不对或已过期' });
      }
      waiting.delete(code);
      const p = pairingFor(user);
      if (p.citizen && p.citizen !== found.session) release(p);
      p.citizen = found.session;
      p.kind = 'paired';
      p.resume = randomUUID();
      p.leftAt = null;
      p.lastSent = '';
      byCitizen.set(found.session.id, p);
      push(p);
      log.info({ window: settings.get().windowNumber }, 'citizen screen paired');
      tellClerk(user.id);
      return statusOf(user.id);
    },

    unpair(user: SessionUser): CitizenStatus {
      const p = byUser.get(user.id);
      if (p?.citizen && p.kind === 'paired') release(p);
      tellClerk(user.id);
      return statusOf(user.id);
    },

    /** The clerk's screen has this case open (null: none): the citizen screen follows. */
    show(clerk: Session, user: SessionUser, caseId: string | null): CitizenStatus {
      if (caseId) cases.assertHandles(user, caseId);
      const p = pairingFor(user);
      linkWindow(clerk, p);
      // A new case is a new visit: the last one's rating is no longer asked for here (the QR remains).
      if (caseId !== null && caseId !== p.caseId) p.prompt = null;
      p.caseId = caseId;
      push(p);
      return statusOf(user.id);
    },

    /** The clerk's own panel (one display): the view the citizen screen would show. */
    preview(clerk: Session, user: SessionUser): CitizenView {
      const p = pairingFor(user);
      linkWindow(clerk, p);
      return viewOf(p);
    },

    status(clerk: Session, user: SessionUser): CitizenStatus {
      const p = pairingFor(user);
      linkWindow(clerk, p);
      push(p);
      return statusOf(user.id);
    },

    chooseDisplay(user: SessionUser, displayId: number | null): CitizenStatus {
      if (!displays || (displayId !== null && !displays.list().some((d) => d.id === displayId))) {
        throw new AppError('citizen_display_unknown');
      }
      displays.choose(displayId);
      return statusOf(user.id);
    },

    /** The citizen rates the visit their screen asks about. */
    rate(session: Session, promptId: string, submission: RatingSubmission): void {
      const p = byCitizen.get(session.id);
      if (!p) throw new AppError('citizen_not_paired');
      const prompt = p.prompt;
      if (!prompt || prompt.id !== promptId) throw new AppError('rating_not_open');
      if (prompt.state === 'rated') throw new AppError('rating_already_given');
      try {
        ratings.record(prompt.visit, 'PJQ', submission);
        prompt.state = 'rated';
      } catch (error) {
        // Rated meanwhile (another screen of the same window): the screen thanks instead of asking again.
        if (error instanceof AppError && error.code === 'rating_already_given') prompt.state = 'rated';
        throw error;
      } finally {
        push(p);
        tellClerk(p.userId);
      }
    },

    /** Main's side of the Electron host: the citizen window it opened for the clerk's window. */
    attachWindow(clerk: Session, citizen: Session): void {
      windowLink = { clerk, citizen };
    },

    useDisplays(provider: CitizenDisplays): void {
      displays = provider;
      provider.onChange(() => {
        for (const p of byUser.values()) tellClerk(p.userId);
      });
    },

    /** A draft was saved: a citizen screen showing it follows at once. */
    caseSaved(caseId: string, clerkId: number): void {
      const p = byUser.get(clerkId);
      if (p?.caseId === caseId) push(p);
    },

    /**
     * Called inside the decision's transaction: the visit the citizen screen now asks to rate (the
     * window never rates it). Shown once the transaction has committed.
     */
    caseDecided(decided: DecidedVersion): void {
      const p = byUser.get(decided.clerk.id);
      if (!p || p.caseId !== decided.caseId) return;
      p.prompt = { id: randomUUID(), visit: visitOf(decided), state: 'open' };
      if (ratings.given(p.prompt.visit)) p.prompt.state = 'rated';
      queueMicrotask(() => {
        push(p);
        tellClerk(p.userId);
      });
    },

    queueChanged(status: QueueStatus): void {
      queue = status;
      for (const p of byUser.values()) push(p);
    },

    stop(): void {
      clearInterval(presence);
    },
  };
}

export type CitizenService = ReturnType<typeof createCitizenService>;
