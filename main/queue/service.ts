import type { Board, HallActor, QueueNow, Ticket, TicketPrinterState, WindowNow } from '@yichuang/domain/hall-protocol';
import { AppError } from '../../preload/contract/errors';
import type { IssueResult, QueueCommandResult, QueueStatus, TicketAction } from '../../preload/contract/queue';
import type { SessionUser } from '../../preload/contract/schemas';
import { intakeRoles } from '../../preload/contract/roles';
import type { Clock } from '../app/clock';
import type { DecidedVersion } from '../cases/service';
import type { Db } from '../db/connection';
import type { Logger } from '../logging/logger';
import { CentralCallError } from '../sync/client';
import { createHallClient, type HallClient, type TicketCommand } from './client';
import { openPushStream, type PushStream } from './stream';
import { createCaseTickets } from './case-tickets';
import { createPrinterReporter } from './printer-report';
import { slipFor, type PrintSlip } from './slip';

export interface QueueDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /**
   * The hall service's address (central's unless settings name the hall's own) and this
   * workstation's credential, read afresh (sync owns the enrolment; one enrolment covers both).
   */
  access: () => { hallUrl: string; credential: string } | null;
  onChange: (status: QueueStatus) => void;
  appVersion?: string;
  /** Tests: shorter timeouts and backoff. */
  timeoutMs?: number;
  backoffMs?: number;
  /** Prints a ticket slip on this workstation's ticket printer (devices owns the printer). */
  printTicket: PrintSlip;
  /** A window's state is fetched again at most this often while boards stream in (default 300 ms). */
  refreshEveryMs?: number;
  /** The ticket printer's state in the hall's words; null while not known yet (devices owns the printer). */
  printerState?: () => TicketPrinterState | null;
}

export type QueueService = ReturnType<typeof createQueueService>;

function actorOf(user: SessionUser): HallActor {
  return { username: user.username, displayName: user.displayName, role: user.role };
}

/**
 * The window's side of the hall queue. The hall service holds the queue; this keeps the push
 * channel open, tells the hall who serves at this window, sends each press at once (never later),
 * and records the ticket each case was taken on. While the hall cannot be reached the window is
 * `offline` and a press fails with `hall_unreachable`: the clerk goes on without tickets.
 */
export function createQueueService(deps: QueueDeps) {
  const links = createCaseTickets(deps.db, deps.clock);
  let client: HallClient | null = null;
  let stream: PushStream | null = null;
  let connectedTo: string | null = null;
  let status: QueueStatus = {
    connection: 'unconfigured',
    hallUrl: '',
    lastError: null,
    window: null,
    queues: [],
    currentCase: null,
    printer: null,
  };
  /** Who the hall was told serves here (username), so a status poll does not tell it again. */
  let attending: string | null = null;
  let calling: Promise<QueueCommandResult> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let refreshing = false;
  let refreshAgain = false;
  let lastRefresh = 0;
  let stopped = false;
  const printerState = (): TicketPrinterState | null => deps.printerState?.() ?? null;
  const printer = createPrinterReporter({ state: printerState, log: deps.log });
  /** The printer is reported only over a connection that is up (a report is never kept for later). */
  const online = () => (status.connection === 'online' && !stopped ? client : null);

  /** The status with the printer as it is this instant (devices may have moved since the last publish). */
  function statusNow(): QueueStatus {
    return { ...status, printer: printerState() };
  }

  function publish(patch: Partial<QueueStatus>): void {
    status = { ...status, ...patch, printer: printerState() };
    const current = status.window?.current ?? null;
    status.currentCase = current ? (links.ofTicket(current.id)?.caseNumber ?? current.caseNumber) : null;
    deps.onChange(status);
  }

  /** Connects to the hall (again, when the enrolment or the hall's address changed). */
  function configure(): HallClient | null {
    if (stopped) return null;
    const access = deps.access();
    const key = access ? `${access.hallUrl}\n${access.credential}` : null;
    if (key === connectedTo) return client;
    stream?.stop();
    stream = null;
    client = null;
    attending = null;
    connectedTo = key;
    if (!access) {
      publish({ connection: 'unconfigured', hallUrl: '', lastError: null, window: null, queues: [] });
      return null;
    }
    client = createHallClient({
      baseUrl: access.hallUrl,
      credential: access.credential,
      appVersion: deps.appVersion,
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    });
    publish({ connection: 'connecting', hallUrl: client.baseUrl, lastError: null });
    const own = client;
    stream = openPushStream({
      ...own.stream,
      ...(deps.backoffMs ? { backoffMs: deps.backoffMs, maxBackoffMs: deps.backoffMs * 8 } : {}),
      onOpen: () => {
        publish({ connection: 'online', lastError: null });
        void refresh(true);
        void sendPendingLinks();
        printer.reportAfresh(online());
      },
      onEvent: (event) => {
        if (event === 'board' || event === 'window') void refresh(false);
      },
      onDrop: (error) => {
        if (client !== own) return;
        deps.log.warn({ failure: error.failure, status: error.status }, 'hall push channel dropped');
        publish({ connection: 'offline', lastError: error.message });
      },
    });
    return client;
  }

  function required(): HallClient {
    const c = configure();
    if (!c) throw new AppError('hall_not_enrolled');
    return c;
  }

  /** A failed request as the clerk reads it; an unreachable hall marks the window offline. */
  function failed(error: unknown): AppError {
    if (!(error instanceof CentralCallError)) return error instanceof AppError ? error : new AppError('internal');
    if (error.failure === 'refused') {
      return new AppError('hall_refused', { detail: error.detail ?? error.message });
    }
    if (error.failure === 'unauthorized') return new AppError('hall_not_enrolled');
    publish({ connection: 'offline', lastError: error.message });
    return new AppError('hall_unreachable', { detail: error.detail ?? `HTTP ${error.status ?? '?'}` });
  }

  /** The window's state from the hall, at most once per `refreshEveryMs` while boards stream in. */
  async function refresh(now: boolean): Promise<void> {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    try {
      do {
        refreshAgain = false;
        const wait = now ? 0 : lastRefresh + (deps.refreshEveryMs ?? 300) - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const c = client;
        if (!c || stopped) return;
        lastRefresh = Date.now();
        try {
          const [window, queues] = await Promise.all([c.windowNow(), c.queues()]);
          if (c === client)
            publish({
              window,
              queues: queues.map((q) => ({ letter: q.letter, name: q.name, waiting: q.waiting, open: q.open })),
              connection: 'online',
              lastError: null,
            });
        } catch (error) {
          if (c === client && error instanceof CentralCallError && error.unreachable)
            publish({ connection: 'offline', lastError: error.message });
          else deps.log.warn({ err: error }, 'window state from the hall failed');
        }
        now = false;
      } while (refreshAgain);
    } finally {
      refreshing = false;
    }
  }

  /** One press at a time: the next waits for the answer to the last (the window's state moves in order). */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  }

  async function afterCommand(c: HallClient, ticket: Ticket | null, window?: WindowNow): Promise<QueueCommandResult> {
    const now = window ?? (await c.windowNow().catch(() => status.window));
    publish({ window: now, connection: 'online', lastError: null });
    return { ticket, status };
  }

  async function sendPendingLinks(): Promise<void> {
    const c = client;
    if (!c) return;
    for (const link of links.unsent()) {
      try {
        await c.linkCase(link.ticketId, link.caseNumber, link.matterCode, {
          username: 'workstation',
          displayName: '工作站',
          role: 'clerk',
        });
      } catch (error) {
        // Refused (the ticket is of another day or window): it will never be taken; unreachable: later.
        if (!(error instanceof CentralCallError) || error.transient) return;
        deps.log.warn({ failure: error.failure, status: error.status }, 'hall refused a case link');
      }
      links.markSent(link.caseId);
    }
  }

  /** Taps already answered (or on their way), by tap key: a double tap prints one slip. */
  const taps = new Map<string, Promise<IssueResult>>();

  /** One call to the hall as a supervisor's or kiosk's request: its refusal or absence said plainly. */
  async function ask<T>(work: (c: HallClient) => Promise<T>): Promise<T> {
    const c = required();
    try {
      return await work(c);
    } catch (error) {
      throw failed(error);
    }
  }

  /** A press at the window: one at a time, then the window's state as the hall has it now. */
  function press(work: (c: HallClient) => Promise<Ticket | null>): Promise<QueueCommandResult> {
    return serial(() => ask(async (c) => afterCommand(c, await work(c))));
  }

  function act(user: SessionUser, ticketId: string, command: TicketCommand): Promise<QueueCommandResult> {
    return press((c) => c.ticket(ticketId, command, actorOf(user)));
  }

  return {
    status(): QueueStatus {
      configure();
      return statusNow();
    },

    /**
     * The signed-in user looks at the queue: if they take cases, the hall is told they serve at this
     * window (once per person), so the board shows who serves.
     */
    attend(user: SessionUser | null): QueueStatus {
      const c = configure();
      if (user?.role === 'kiosk') printer.standAt('kiosk', online());
      else if (user && intakeRoles.includes(user.role)) printer.standAt('window', online());
      if (!c || !user || !intakeRoles.includes(user.role) || attending === user.username) return statusNow();
      attending = user.username;
      c.setOpen(true, actorOf(user)).then(
        (window) => c === client && publish({ window }),
        (error: unknown) => {
          if (attending === user.username) attending = null;
          deps.log.warn({ err: error instanceof CentralCallError ? error.message : error }, 'window open failed');
        },
      );
      return statusNow();
    },

    /** The person signed out: the window is closed at the hall (best effort; it reopens at the next sign-in). */
    leave(): void {
      const c = client;
      if (!c || attending === null) return;
      attending = null;
      c.setOpen(false, { username: 'workstation', displayName: '工作站', role: 'clerk' }).catch(() => undefined);
    },

    /** Call next; a second press while the first is on its way is the same press. */
    callNext(user: SessionUser): Promise<QueueCommandResult> {
      calling ??= serial(() =>
        ask(async (c) => {
          const result = await c.callNext(actorOf(user));
          return afterCommand(c, result.called, result.window);
        }),
      ).finally(() => {
        calling = null;
      });
      return calling;
    },

    recall: (user: SessionUser, ticketId: string) => act(user, ticketId, 'recall'),
    act: (user: SessionUser, ticketId: string, action: TicketAction) => act(user, ticketId, action),

    transfer(
      user: SessionUser,
      ticketId: string,
      target: { toQueue?: string | undefined; toWindow?: number | undefined },
    ): Promise<QueueCommandResult> {
      const clean = {
        ...(target.toQueue ? { toQueue: target.toQueue } : {}),
        ...(target.toWindow ? { toWindow: target.toWindow } : {}),
      };
      return press((c) => c.transfer(ticketId, clean, actorOf(user)));
    },

    walkIn: (user: SessionUser, queue: string | undefined): Promise<QueueCommandResult> =>
      press((c) => c.walkIn(queue, actorOf(user))),

    board: (): Promise<Board> => ask((c) => c.board()),

    queues: (): Promise<QueueNow[]> => ask((c) => c.queues()),

    /** A ticket for the citizen at the kiosk (or the counter), printed; the same tap twice is one ticket. */
    issue(
      user: SessionUser,
      input: { queue: string; idNumber?: string | undefined; priority: boolean; tapKey: string },
    ): Promise<IssueResult> {
      const earlier = taps.get(input.tapKey);
      if (earlier) return earlier;
      const answer = ask(async (c) => {
        const request = {
          queue: input.queue,
          priority: input.priority,
          ...(input.idNumber ? { idNumber: input.idNumber } : {}),
        };
        return slipFor(c.baseUrl, await c.issue(request, actorOf(user), input.tapKey), deps);
      });
      taps.set(input.tapKey, answer);
      if (taps.size > 200) taps.delete(taps.keys().next().value!);
      // A refused or failed tap may be tried again with the same key.
      answer.catch(() => taps.delete(input.tapKey));
      return answer;
    },

    /** 预约取号 by booking code or ID number; the slip is printed like any ticket. */
    checkIn: (user: SessionUser, input: { code?: string | undefined; idNumber?: string | undefined }) =>
      ask(async (c) => {
        const request = {
          ...(input.code ? { code: input.code } : {}),
          ...(input.idNumber ? { idNumber: input.idNumber } : {}),
        };
        return slipFor(c.baseUrl, await c.checkIn(request, actorOf(user)), deps);
      }),

    setWindowQueues: (user: SessionUser, window: number, queues: string[]) =>
      ask((c) => c.setWindowQueues(window, queues, actorOf(user))),

    closeQueue: (user: SessionUser, letter: string, closed: boolean) =>
      ask((c) => c.closeQueue(letter, closed, actorOf(user))),

    displayAddress: (user: SessionUser) =>
      ask(async (c) => ({ url: `${c.baseUrl}${(await c.displayPath(actorOf(user))).path}` })),

    /**
     * A case was decided (inside its transaction): the ticket at the counter becomes its ticket, kept
     * here with the decision and sent to the hall after the commit.
     */
    caseDecided(decided: DecidedVersion): void {
      const ticket = status.window?.current;
      if (!ticket || (ticket.state !== 'called' && ticket.state !== 'serving')) return;
      if (!links.record(decided, ticket)) return;
      queueMicrotask(() => {
        publish({});
        void sendPendingLinks();
      });
    },

    /** The devices changed: the hall hears of a ticket printer fault (or its end) at once. */
    printerChanged(): void {
      if (printerState() !== status.printer) publish({});
      printer.report(online());
    },

    /** A ticket skipped as a no-show (过号) goes back in line, as often as the hall allows (once by default). */
    rejoin: (user: SessionUser, number: string): Promise<QueueCommandResult> =>
      press(async (c) => (await c.rejoin(number, actorOf(user))).ticket),

    /** The ticket a case was taken on, if any. */
    ticketOf(caseId: string): { number: string | null; queue: string } | null {
      const row = links.ofCase(caseId);
      return row ? { number: row.ticketNumber, queue: row.queue } : null;
    },

    stop(): void {
      stopped = true;
      stream?.stop();
      stream = null;
      client = null;
    },
  };
}
