import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult, IssuedTicket, QueueStats, WindowNow } from '@yichuang/domain/hall-protocol';
import { enrolWindow, startCentral, type RunningCentral } from '../testing/central';
import { clerk, hallClient, kiosk, supervisor } from '../testing/hall';

/**
 * Fifty windows pressing call next at the same instant, against PostgreSQL as production runs it
 * (real connections, real concurrency): no ticket is ever given twice, and every ticket is called.
 */

let server: RunningCentral;
let windows: ReturnType<typeof hallClient>[] = [];
let front: ReturnType<typeof hallClient>;
const windowCount = 50;
const ticketCount = 120;

beforeAll(async () => {
  // 10:00 in the hall, whatever today is.
  const day = new Date();
  day.setUTCHours(2, 0, 0, 0);
  const start = Date.now();
  server = await startCentral({ engine: 'postgres', now: () => new Date(day.getTime() + (Date.now() - start)) });
  front = hallClient(server.url, (await enrolWindow(server.central, 200)).authorization);
  windows = [];
  for (let window = 1; window <= windowCount; window++) {
    const client = hallClient(server.url, (await enrolWindow(server.central, window)).authorization);
    windows.push(client);
    const set = await client.put(`/windows/${window}/queues`, { queues: ['A', 'B'], actor: supervisor });
    expect(set.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await server?.dispose();
});

describe('call next under real concurrency (PostgreSQL)', () => {
  it('gives fifty windows pressing at once fifty different tickets, round after round, and never one twice', async () => {
    // Kiosks issue at the same time as well: numbers stay unique per queue.
    const issued = await Promise.all(
      Array.from({ length: ticketCount }, (_, i) =>
        front.post<IssuedTicket>('/tickets', { queue: i % 3 === 0 ? 'B' : 'A', actor: kiosk }),
      ),
    );
    expect(issued.every((answer) => answer.status === 200)).toBe(true);
    const numbers = issued.map((answer) => answer.body.ticket.number);
    expect(new Set(numbers).size).toBe(ticketCount);

    const calledIds: string[] = [];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        windows.map((client, i) => client.post<CallResult>('/window/call-next', { actor: clerk(`c${i}`, `员${i}`) })),
      );
      expect(answers.map((answer) => answer.status)).toEqual(windows.map(() => 200));
      calledIds.push(...answers.flatMap((answer) => (answer.body.called ? [answer.body.called.id] : [])));
    }
    expect(calledIds.length).toBe(ticketCount);
    expect(new Set(calledIds).size).toBe(ticketCount);

    // The events agree: one call per ticket, no more.
    const stats = await front.get<QueueStats>(
      `/stats?from=${issued[0]!.body.ticket.hallDate}&to=${issued[0]!.body.ticket.hallDate}`,
    );
    expect(stats.body.total).toMatchObject({ tickets: ticketCount, called: ticketCount });
  }, 120_000);

  it('keeps one window’s double press in order: it never has two tickets at the counter', async () => {
    for (let i = 0; i < 4; i++) await front.post('/tickets', { queue: 'A', actor: kiosk });
    const window = windows[0]!;
    const answers = await Promise.all(
      [0, 1, 2].map(() => window.post<CallResult>('/window/call-next', { actor: clerk() })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const now = (await window.get<WindowNow>('/window')).body;
    expect(now.current?.state).toBe('called');
    const finished = answers.flatMap((answer) => (answer.body.finished ? [answer.body.finished.id] : []));
    const called = answers.flatMap((answer) => (answer.body.called ? [answer.body.called.id] : []));
    // Three presses one after the other: three calls, the first two finished by the next press.
    expect(new Set(called).size).toBe(3);
    expect(finished.filter((id) => called.includes(id))).toHaveLength(2);
  });
});
