import { sql } from 'drizzle-orm';
import type { Board, Call } from '@yichuang/domain/hall-protocol';
import type { TicketState } from '@yichuang/domain/queue';
import { isoFromDriver as iso, rowsOf } from '../db/columns';
import type { CentralDb } from '../db/connect';
import type { HallPrinters } from './printers';
import type { HallQueues } from './queues';
import type { HallSettings } from './settings';

/** How many calls the board keeps: people miss calls, the display shows the last six. */
export const recentCalls = 6;

/**
 * The hall now, in four queries: waiting per queue (with the longest wait), what each window has
 * at the counter, the last calls and the ticket printers. For the display, the supervisor's board and the windows.
 */
export function createHallBoard(deps: {
  db: CentralDb;
  now: () => Date;
  today: () => string;
  queues: HallQueues;
  settings: HallSettings;
  printers: HallPrinters;
}) {
  const { db, now, today, queues, settings, printers } = deps;

  return {
    async snapshot(): Promise<Board> {
      const at = now();
      const day = today();
      const [waiting, current, calls, printerRows] = await Promise.all([
        db.execute(sql`
          select queue, count(*)::int as waiting, min(order_at) as oldest
          from hall_tickets
          where hall_date = ${day} and state in ('issued', 'transferred')
          group by queue`),
        db.execute(sql`
          select distinct on ("window") "window", number, state
          from hall_tickets
          where "window" is not null and state in ('called', 'serving', 'held')
          order by "window", (state = 'held'), called_at desc`),
        db.execute(sql`
          select t.number, e."window", e.at,
                 (select count(*)::int from hall_ticket_events c
                   where c.ticket_id = e.ticket_id and c.action in ('call', 'recall') and c.seq <= e.seq) as times
          from hall_ticket_events e join hall_tickets t on t.id = e.ticket_id
          where e.hall_date = ${day} and e.action in ('call', 'recall') and t.number is not null
          order by e.seq desc
          limit ${recentCalls}`),
        printers.all(),
      ]);
      const waitingBy = new Map(
        rowsOf<{ queue: string; waiting: number; oldest: string | Date | null }>(waiting).map((row) => [
          row.queue,
          row,
        ]),
      );
      const currentBy = new Map(
        rowsOf<{ window: number; number: string | null; state: TicketState }>(current).map((row) => [row.window, row]),
      );
      const windowQueues = await queues.windows();
      const windowRows = new Map((await queues.windowRows()).map((row) => [row.window, row]));
      const numbers = [...new Set([...windowQueues.keys(), ...windowRows.keys()])].sort((a, b) => a - b);
      return {
        hallName: settings.hallName(),
        hallDate: day,
        serverTime: at.toISOString(),
        queues: [...(await queues.all()).values()].map((queue) => {
          const row = waitingBy.get(queue.letter);
          const oldest = row?.oldest ? iso(row.oldest) : null;
          return {
            letter: queue.letter,
            name: queue.name,
            waiting: row?.waiting ?? 0,
            longestWaitS: oldest ? Math.max(0, Math.round((at.getTime() - Date.parse(oldest)) / 1000)) : null,
            open: queues.closedReason(queue, 0, at) === null,
            closedToday: queue.closedOn === day,
          };
        }),
        windows: numbers.map((window) => {
          const row = windowRows.get(window);
          const ticket = currentBy.get(window);
          return {
            window,
            queues: windowQueues.get(window) ?? [],
            open: Boolean(row?.openSince),
            clerk: row?.openSince ? (row.clerkName ?? null) : null,
            current: ticket?.number ?? null,
            currentState: ticket?.state ?? null,
          };
        }),
        calls: rowsOf<{ number: string; window: number; at: string | Date; times: number }>(calls).map((row): Call => ({
          number: row.number,
          window: row.window,
          at: iso(row.at),
          times: row.times,
        })),
        printers: printerRows,
      };
    },
  };
}

/** What a display may see of a board: no staff names, nothing of the hall's equipment. */
export function displayBoard(board: Board): Board {
  return { ...board, windows: board.windows.map((window) => ({ ...window, clerk: null })), printers: [] };
}
