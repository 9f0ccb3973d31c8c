import { sql } from 'drizzle-orm';
import type { QueueFigure, QueueStats } from '@yichuang/domain/hall-protocol';
import type { TicketKind, TicketState } from '@yichuang/domain/queue';
import { rowsOf } from '../db/columns';
import type { CentralDb } from '../db/connect';

/**
 * The queue's figures for a range of hall days, from the events alone (never from counters): per
 * ticket its issue, first call, start of service and finish; then, in one query with grouping sets,
 * the figures per queue, window, clerk, matter and hour of issue (hall time). Wait = first call −
 * issue; handling = finish − start of service (the call, when the clerk never pressed 开始办理).
 */
export function createHallStats(deps: { db: CentralDb; timeZone: string }) {
  const { db, timeZone } = deps;

  const perTicket = (from: string, to: string) => sql`
    with e as (
      select ticket_id,
             min(at) filter (where action in ('issue', 'walk_in')) as issued,
             min(at) filter (where action = 'call') as first_call,
             min(at) filter (where action in ('serve', 'walk_in')) as serve_at,
             max(at) filter (where action = 'finish') as done_at,
             count(*) filter (where action = 'skip')::int as skips,
             count(*) filter (where action = 'transfer')::int as transfers,
             (array_agg("window" order by seq desc) filter (where "window" is not null and action <> 'transfer'))[1] as win,
             (array_agg(clerk order by seq desc) filter (where action in ('call', 'serve', 'finish', 'walk_in', 'resume')))[1] as clerk
      from hall_ticket_events
      where hall_date between ${from} and ${to}
      group by ticket_id
    )
    select t.number, t.queue, t.kind, t.case_number, t.matter_code, t.state,
           e.win, e.clerk, e.skips, e.transfers,
           extract(hour from e.issued at time zone ${timeZone})::int as hour,
           extract(epoch from (e.first_call - e.issued)) as wait_s,
           extract(epoch from (e.done_at - coalesce(e.serve_at, e.first_call))) as handle_s,
           e.first_call is not null or t.kind = 'walk_in' as called,
           e.done_at is not null as served
    from e join hall_tickets t on t.id = e.ticket_id`;

  return {
    async range(from: string, to: string): Promise<QueueStats> {
      const groups = rowsOf<{
        gq: number;
        gw: number;
        gc: number;
        gm: number;
        gh: number;
        queue: string | null;
        win: number | null;
        clerk: string | null;
        matter: string | null;
        hour: number | null;
        tickets: number;
        called: number;
        served: number;
        no_shows: number;
        transfers: number;
        avg_wait: number | string | null;
        max_wait: number | string | null;
        avg_handle: number | string | null;
      }>(
        await db.execute(sql`
          with p as (${perTicket(from, to)})
          select grouping(queue)::int as gq, grouping(win)::int as gw, grouping(clerk)::int as gc,
                 grouping(matter_code)::int as gm, grouping(hour)::int as gh,
                 queue, win, clerk, matter_code as matter, hour,
                 count(*)::int as tickets,
                 count(*) filter (where called)::int as called,
                 count(*) filter (where served)::int as served,
                 count(*) filter (where skips > 0)::int as no_shows,
                 coalesce(sum(transfers), 0)::int as transfers,
                 avg(wait_s) as avg_wait, max(wait_s) as max_wait, avg(handle_s) as avg_handle
          from p
          group by grouping sets ((), (queue), (win), (clerk), (matter_code), (hour))
          order by queue nulls first, win nulls first, clerk nulls first, matter_code nulls first, hour nulls first`),
      );
      const figure = (row: (typeof groups)[number], key: string): QueueFigure => ({
        key,
        tickets: row.tickets,
        called: row.called,
        served: row.served,
        noShows: row.no_shows,
        transfers: row.transfers,
        avgWaitS: seconds(row.avg_wait),
        maxWaitS: seconds(row.max_wait),
        avgHandleS: seconds(row.avg_handle),
      });
      const pick = (flag: 'gq' | 'gw' | 'gc' | 'gm' | 'gh', key: (row: (typeof groups)[number]) => string) =>
        groups.filter((row) => row[flag] === 0).map((row) => figure(row, key(row)));
      const all = groups.find((row) => row.gq + row.gw + row.gc + row.gm + row.gh === 5);
      const tickets = rowsOf<{
        number: string | null;
        queue: string;
        kind: TicketKind;
        case_number: string | null;
        matter_code: string | null;
        state: TicketState;
        win: number | null;
        wait_s: number | string | null;
        handle_s: number | string | null;
      }>(await db.execute(sql`${perTicket(from, to)} order by e.issued`));
      return {
        from,
        to,
        total: all
          ? figure(all, 'total')
          : {
              key: 'total',
              tickets: 0,
              called: 0,
              served: 0,
              noShows: 0,
              transfers: 0,
              avgWaitS: null,
              maxWaitS: null,
              avgHandleS: null,
            },
        byQueue: pick('gq', (row) => row.queue ?? ''),
        byWindow: pick('gw', (row) => (row.win === null ? '' : String(row.win))),
        byClerk: pick('gc', (row) => row.clerk ?? ''),
        byMatter: pick('gm', (row) => row.matter ?? ''),
        byHour: pick('gh', (row) => (row.hour === null ? '' : String(row.hour).padStart(2, '0'))),
        tickets: tickets.map((row) => ({
          number: row.number,
          queue: row.queue,
          kind: row.kind,
          caseNumber: row.case_number,
          matterCode: row.matter_code,
          waitS: seconds(row.wait_s),
          handleS: seconds(row.handle_s),
          window: row.win,
          outcome: row.state,
        })),
      };
    },
  };
}

/** PostgreSQL's numeric comes as text from node-postgres: whole seconds, or null. */
function seconds(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value));
}
