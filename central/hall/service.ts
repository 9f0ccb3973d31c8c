import { hallTimeZone } from '@yichuang/domain/hall-time';
import type { IssuedTicket, QueueNow, WindowNow } from '@yichuang/domain/hall-protocol';
import type { CentralDb } from '../db/connect';
import { createHallBoard } from './board';
import { createHallPrinters } from './printers';
import { createHallPush } from './push';
import { createHallQueues, queueSettings } from './queues';
import { createHallSettings } from './settings';
import { createHallStats } from './stats';
import { createHallIssuing } from './issuing';
import { createHallTickets, type HallChange, type TicketRow } from './tickets';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/columns';

export type Hall = Awaited<ReturnType<typeof createHall>>;

/**
 * The hall service: queues, tickets, the board, the statistics and the push channel, over the
 * hall's own tables. It runs inside central or alone (`serve --only hall`).
 */
export async function createHall(deps: {
  db: CentralDb;
  now: () => Date;
  hallName: string;
  timeZone?: string;
  onError?: (error: unknown) => void;
}) {
  const { db, now } = deps;
  const timeZone = deps.timeZone ?? hallTimeZone;
  const settings = await createHallSettings({ db, hallName: deps.hallName });
  const queues = createHallQueues({ db, now, timeZone });
  await queues.seedDefaults();
  let push: ReturnType<typeof createHallPush> | null = null;
  const changed = (change: HallChange) => {
    if (!push) return;
    // A ticket without a number (a walk-in) has nothing to call aloud: the board still changes.
    if (change.kind === 'call' && change.ticket.number !== null) {
      push.call({
        number: change.ticket.number,
        window: change.ticket.window ?? 0,
        at: change.ticket.calledAt ?? now().toISOString(),
        times: change.times,
      });
    } else {
      push.changed();
    }
  };
  const tickets = createHallTickets({ db, now, timeZone, queues, settings, changed });
  const issuing = createHallIssuing({ db, now, timeZone, queues, settings, changed });
  const printers = createHallPrinters({ db, now });
  const board = createHallBoard({ db, now, today: () => tickets.today(), queues, settings, printers });
  push = createHallPush({ snapshot: () => board.snapshot(), onError: deps.onError ?? (() => undefined) });
  const stats = createHallStats({ db, timeZone });

  return {
    timeZone,
    settings,
    queues,
    tickets,
    issuing,
    board,
    stats,
    push,
    printers,

    /** The queues as the kiosk shows them: open or why not, how many wait. */
    async queuesNow(): Promise<QueueNow[]> {
      const day = tickets.today();
      const counts = new Map(
        rowsOf<{ queue: string; waiting: number; issued: number }>(
          await db.execute(sql`
            select q.letter as queue,
                   (select count(*)::int from hall_tickets t
                     where t.hall_date = ${day} and t.queue = q.letter and t.state in ('issued', 'transferred')) as waiting,
                   coalesce((select s.last from hall_sequences s where s.hall_date = ${day} and s.queue = q.letter), 0) as issued
            from hall_queues q`),
        ).map((row) => [row.queue, row]),
      );
      return [...(await queues.all()).values()].map((queue) => {
        const count = counts.get(queue.letter);
        const closed = queues.closedReason(queue, count?.issued ?? 0);
        return {
          ...queueSettings(queue),
          waiting: count?.waiting ?? 0,
          issuedToday: count?.issued ?? 0,
          open: closed === null,
          closedReason: closed?.message ?? null,
        };
      });
    },

    /** What the kiosk prints and says for a ticket. */
    async issued(row: TicketRow, existing: boolean): Promise<IssuedTicket> {
      return {
        ticket: await tickets.view(row),
        ahead: await tickets.ahead(row),
        existing,
        hallName: settings.hallName(),
        followPath: `/hall/t/${row.id}`,
      };
    },

    async windowNow(window: number): Promise<WindowNow> {
      const inHand = await tickets.atWindow(window);
      const current = inHand.find((row) => row.state !== 'held') ?? null;
      return {
        window,
        queues: await queues.queuesOf(window),
        current: current ? await tickets.view(current) : null,
        held: await Promise.all(inHand.filter((row) => row.state === 'held').map((row) => tickets.view(row))),
        waiting: await tickets.waitingForWindow(window),
      };
    },

    close(): void {
      push?.close();
    },
  };
}
