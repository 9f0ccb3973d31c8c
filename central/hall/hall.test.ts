import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Board,
  CallResult,
  IssuedTicket,
  QueueNow,
  QueueStats,
  Ticket,
  WindowNow,
} from '@yichuang/domain/hall-protocol';
import { validCitizenId } from '@yichuang/domain/testing/ids';
import { enrolWindow, startCentral, type RunningCentral } from '../testing/central';
import { clerk, hallClient, kiosk, supervisor } from '../testing/hall';

/**
 * The hall's queue through its HTTP API on a real central (PGlite), with central's clock in the
 * test's hand: numbering, refusals a citizen understands, the calling order, every move at the
 * window, the statistics from the events, and the hall day's rollover at midnight hall time.
 */

let clock = new Date('2026-12-07T01:00:00Z'); // 09:00 in the hall
const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
let server: RunningCentral;
let front: ReturnType<typeof hallClient>;
let window3: ReturnType<typeof hallClient>;
let window5: ReturnType<typeof hallClient>;
let window7: ReturnType<typeof hallClient>;
let boss: ReturnType<typeof hallClient>;

/** A ticket, a second after the last: citizens do not arrive in the same millisecond. */
const issue = (queue: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) => {
  advance(1);
  return front.post<IssuedTicket>('/tickets', { queue, actor: kiosk, ...extra }, headers);
};
const callNext = (client: ReturnType<typeof hallClient>, actor = clerk()) =>
  client.post<CallResult>('/window/call-next', { actor });
const act = (client: ReturnType<typeof hallClient>, id: string, action: string, actor = clerk()) =>
  client.post<Ticket>(`/tickets/${id}/${action}`, { actor });

beforeAll(async () => {
  server = await startCentral({ now: () => clock });
  const client = async (window: number) =>
    hallClient(server.url, (await enrolWindow(server.central, window)).authorization);
  front = await client(90);
  window3 = await client(3);
  window5 = await client(5);
  window7 = await client(7);
  boss = window3;
  for (const [window, queues] of [
    [3, ['A']],
    [5, ['A', 'B']],
    [7, ['C']],
  ] as const) {
    const set = await boss.put<Board>(`/windows/${window}/queues`, { queues, actor: supervisor });
    expect(set.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await server?.dispose();
});

describe('tickets at the kiosk', () => {
  it('numbers each queue from 001, says how many wait ahead, and gives one ticket for a double tap', async () => {
    const first = await issue('A');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      ticket: { number: 'A001', state: 'issued', queue: 'A' },
      ahead: 0,
      existing: false,
    });
    expect(first.body.followPath).toBe(`/hall/t/${first.body.ticket.id}`);
    const second = await issue('A', {}, { 'idempotency-key': 'kiosk-tap-0001' });
    const again = await issue('A', {}, { 'idempotency-key': 'kiosk-tap-0001' });
    expect(second.body.ticket.number).toBe('A002');
    expect(second.body.ahead).toBe(1);
    expect(again.body.ticket.id).toBe(second.body.ticket.id);
    expect((await issue('B')).body.ticket.number).toBe('B001');
  });

  it('gives a person who already holds a live ticket in the queue that ticket again', async () => {
    const id = validCitizenId('37030319850505123');
    const first = await issue('B', { idNumber: id });
    const second = await issue('B', { idNumber: id });
    expect(second.body).toMatchObject({ existing: true, ticket: { id: first.body.ticket.id } });
    // Another queue is another ticket.
    expect((await issue('C', { idNumber: id })).body.existing).toBe(false);
  });

  it('refuses an ID number with a wrong check digit, in words the kiosk can show', async () => {
    const bad = await issue('A', { idNumber: '370303198505051230' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { message: string }).message).toContain('身份证号码校验位不正确');
  });

  it('refuses a queue that is closed for the day, not yet open, or past its cap, with a message the citizen understands', async () => {
    const closed = await boss.post<QueueNow[]>('/queues/C/closed', { closed: true, actor: supervisor });
    expect(closed.body.find((queue) => queue.letter === 'C')).toMatchObject({ open: false });
    const refused = await issue('C');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'queue_closed', message: '「企业开办」今日已停止取号，请到服务台咨询' });
    await boss.post('/queues/C/closed', { closed: false, actor: supervisor });

    const early = clock;
    clock = new Date('2026-12-06T23:00:00Z'); // 07:00 in the hall
    expect((await issue('A')).body).toMatchObject({
      code: 'queue_not_open',
      message: '「户籍、居住证」08:30 开始取号，请稍后再来',
    });
    clock = early;

    const queues = await front.get<QueueNow[]>('/queues');
    const d = {
      ...queues.body.find((queue) => queue.letter === 'C')!,
      letter: 'D',
      name: '不动产登记',
      pinyin: 'BDC',
      dailyCap: 1,
    };
    const { waiting: _w, issuedToday: _i, open: _o, closedReason: _c, ...queue } = d;
    expect((await boss.put(`/queues/D`, { queue, actor: supervisor })).status).toBe(200);
    expect((await issue('D')).body.ticket.number).toBe('D001');
    const full = (await issue('D')).body as unknown as { code: string; message: string };
    expect(full.code).toBe('queue_full');
    expect(full.message).toContain('今日号源已取完（每日 1 个）');
  });

  it('lets only a supervisor change queues', async () => {
    const refused = await window5.post('/queues/A/closed', { closed: true, actor: clerk() });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ message: '只有值班长或管理员可以停止或恢复取号' });
  });
});

describe('calling', () => {
  it('calls in arrival order within the window’s queues, finishing what the window had', async () => {
    const a = await callNext(window3);
    expect(a.body.called).toMatchObject({ number: 'A001', state: 'called', window: 3 });
    expect(a.body.finished).toBeNull();
    // Window 5 serves A and B: A002 is older than B001.
    expect((await callNext(window5)).body.called?.number).toBe('A002');
    advance(120);
    const next = await callNext(window3);
    expect(next.body.finished).toMatchObject({ number: 'A001', state: 'done' });
    expect(next.body.called).toBeNull(); // nobody else waits for A
    expect((await window3.get<WindowNow>('/window')).body).toMatchObject({
      window: 3,
      queues: ['A'],
      current: null,
      waiting: 0,
    });
  });

  it('puts a due appointment first and lets one priority ticket through per three normal ones', async () => {
    while ((await callNext(window7)).body.called) {
      // empty queue C of what earlier tests left
    }
    const normals: string[] = [];
    for (let i = 0; i < 5; i++) normals.push((await issue('C')).body.ticket.number!);
    const priority1 = (await issue('C', { priority: true })).body.ticket.number;
    const priority2 = (await issue('C', { priority: true })).body.ticket.number;
    const start = new Date(clock.getTime() + 60 * 60_000).toISOString();
    const end = new Date(clock.getTime() + 90 * 60_000).toISOString();
    expect(
      (
        await boss.post('/appointments', {
          code: 'YY2026001',
          queue: 'C',
          slotStart: start,
          slotEnd: end,
          actor: supervisor,
        })
      ).status,
    ).toBe(204);
    const checkedIn = await front.post<IssuedTicket>('/check-in', { code: 'yy2026001', actor: kiosk });
    expect(checkedIn.body.ticket).toMatchObject({ kind: 'appointment', state: 'issued' });
    const again = await front.post<IssuedTicket>('/check-in', { code: 'YY2026001', actor: kiosk });
    expect(again.body).toMatchObject({ existing: true, ticket: { id: checkedIn.body.ticket.id } });

    const order: string[] = [];
    for (let i = 0; i < 5; i++) order.push((await callNext(window7)).body.called!.number!);
    // The first priority goes at once; the second waits for three normal calls.
    expect(order).toEqual([priority1, normals[0], normals[1], normals[2], priority2]);
    advance(60 * 60); // the appointment is due: called before the rest
    expect((await callNext(window7)).body.called?.id).toBe(checkedIn.body.ticket.id);
  });

  it('refuses to call for a window that serves no queue', async () => {
    const window9 = hallClient(server.url, (await enrolWindow(server.central, 9)).authorization);
    const refused = await callNext(window9);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ message: '9 号窗口还没有设置办理的队列：请值班长在「大厅管理」中设置' });
  });
});

describe('at the window', () => {
  it('recalls, skips, lets a no-show rejoin once after three waiting tickets, and refuses a second rejoin', async () => {
    const numbers = [];
    for (let i = 0; i < 5; i++) numbers.push((await issue('A')).body.ticket);
    const called = (await callNext(window3)).body.called!;
    expect(called.number).toBe(numbers[0]!.number);
    const recalled = await act(window3, called.id, 'recall');
    expect(recalled.body.state).toBe('called');
    expect((await act(window3, called.id, 'skip')).body.state).toBe('no_show');
    // Another window may not touch it.
    expect((await act(window5, numbers[1]!.id, 'skip')).status).toBe(409);

    const back = await front.post<IssuedTicket>('/rejoin', { number: called.number, actor: kiosk });
    expect(back.body).toMatchObject({ ticket: { state: 'issued', rejoined: 1 }, ahead: 3 });
    // Already back in line: refused, saying where it stands; a number nobody holds: check the number.
    const waiting = await front.post<{ code: string; message: string }>('/rejoin', {
      number: called.number,
      actor: kiosk,
    });
    expect(waiting.body).toMatchObject({ code: 'ticket_moved' });
    expect(waiting.body.message).toContain('等候中');
    const unknown = await front.post<{ code: string }>('/rejoin', { number: 'Z999', actor: kiosk });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const next = (await callNext(window3)).body.called!;
      order.push(next.number!);
      if (next.id === called.id) {
        expect((await act(window3, next.id, 'skip')).body.state).toBe('no_show');
        const twice = await front.post('/rejoin', { number: called.number, actor: kiosk });
        expect(twice.body).toMatchObject({ code: 'rejoin_used' });
      }
    }
    expect(order).toEqual([numbers[1], numbers[2], numbers[3], called, numbers[4]].map((t) => t!.number));
  });

  it('transfers to another queue keeping the original time, and to a window only if it serves the queue', async () => {
    await callNext(window3); // finish what window 3 had
    while ((await callNext(window7)).body.called) {
      // empty queue C of what earlier tests left
    }
    const early = (await issue('A')).body.ticket;
    advance(60);
    for (let i = 0; i < 2; i++) await issue('C');
    expect((await callNext(window3)).body.called?.id).toBe(early.id);
    const wrongWindow = await window3.post('/tickets/' + early.id + '/transfer', { toWindow: 3 + 4, actor: clerk() });
    expect(wrongWindow.status).toBe(409);
    expect(wrongWindow.body).toMatchObject({
      message: '7 号窗口不办理「户籍、居住证」，不能转到该窗口：请选择办理该队列的窗口',
    });
    const moved = await window3.post<Ticket>(`/tickets/${early.id}/transfer`, { toQueue: 'C', actor: clerk() });
    expect(moved.body).toMatchObject({ state: 'transferred', queue: 'C', number: early.number, window: null });
    // In C it is older than the C tickets issued after it: called first there.
    const atSeven = await callNext(window7);
    expect(atSeven.body.called?.id).toBe(early.id);
    // …and to a window that serves C: only that window gets it.
    const toWindow = await window7.post<Ticket>(`/tickets/${early.id}/transfer`, {
      toWindow: 7,
      toQueue: 'C',
      actor: clerk(),
    });
    expect(toWindow.body).toMatchObject({ state: 'transferred', window: 7 });
    expect((await callNext(window7)).body.called?.id).toBe(early.id);
  });

  it('holds and resumes at the same window, and will not resume over another ticket at the counter', async () => {
    const ticket = (await issue('B')).body.ticket;
    await issue('B');
    let current = (await callNext(window5)).body.called!;
    while (current.id !== ticket.id) current = (await callNext(window5)).body.called!;
    expect((await act(window5, ticket.id, 'serve')).body.state).toBe('serving');
    expect((await act(window5, ticket.id, 'hold')).body.state).toBe('held');
    const other = (await callNext(window5)).body;
    expect(other.finished).toBeNull(); // a held ticket is not finished by the next call
    expect(other.window.held.map((t) => t.id)).toEqual([ticket.id]);
    const busy = await act(window5, ticket.id, 'resume');
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'window_busy' });
    await act(window5, other.called!.id, 'finish');
    expect((await act(window5, ticket.id, 'resume')).body.state).toBe('serving');
    expect((await act(window5, ticket.id, 'finish')).body.state).toBe('done');
  });

  it('serves a walk-in without a ticket, recorded as such, and links tickets to their cases', async () => {
    const walkIn = await window3.post<Ticket>('/window/walk-in', { actor: clerk() });
    expect(walkIn.body).toMatchObject({ kind: 'walk_in', state: 'serving', number: null, window: 3, queue: 'A' });
    const linked = await window3.post<Ticket>(`/tickets/${walkIn.body.id}/case`, {
      caseNumber: '370303-20261207-003-0001',
      matterCode: 'GA-JZZSL-001',
      actor: clerk(),
    });
    expect(linked.body.caseNumber).toBe('370303-20261207-003-0001');
    expect(
      (
        await window5.post(`/tickets/${walkIn.body.id}/case`, {
          caseNumber: '370303-20261207-005-0001',
          matterCode: 'X',
          actor: clerk(),
        })
      ).status,
    ).toBe(409);
    expect((await act(window3, walkIn.body.id, 'finish')).body.state).toBe('done');
  });

  it('calls a walk-in that was transferred to another queue like any ticket there', async () => {
    const walkIn = (await window3.post<Ticket>('/window/walk-in', { actor: clerk() })).body;
    const moved = await window3.post<Ticket>(`/tickets/${walkIn.id}/transfer`, { toQueue: 'C', actor: clerk() });
    // It gets a number in its new queue, so the display can call it there.
    expect(moved.body).toMatchObject({ kind: 'walk_in', state: 'transferred', queue: 'C' });
    expect(moved.body.number).toMatch(/^C\d{3}$/);
    let found: Ticket | null = null;
    for (let i = 0; i < 20 && !found; i++) {
      const called = (await callNext(window7)).body.called;
      if (!called) break;
      if (called.id === walkIn.id) found = called;
    }
    expect(found).toMatchObject({ state: 'called', window: 7, number: moved.body.number });
    expect((await boss.get<Board>('/board')).body.calls[0]).toMatchObject({ number: moved.body.number, window: 7 });
  });
});

describe('statistics from the events', () => {
  it('measures wait (called − issued) and handling (done − serving) per queue, window, clerk, matter and hour', async () => {
    await callNext(window7); // clear the window
    while ((await callNext(window7)).body.called) {
      /* empty C */
    }
    const ticket = (await issue('C')).body.ticket;
    advance(300);
    const called = (await callNext(window7, clerk('zhao', '赵六'))).body.called!;
    expect(called.id).toBe(ticket.id);
    advance(30);
    await act(window7, ticket.id, 'serve', clerk('zhao', '赵六'));
    await window7.post(`/tickets/${ticket.id}/case`, {
      caseNumber: '370303-20261207-007-0001',
      matterCode: 'QF-QYKBYJS-001',
      actor: clerk('zhao', '赵六'),
    });
    advance(600);
    await act(window7, ticket.id, 'finish', clerk('zhao', '赵六'));

    const stats = await front.get<QueueStats>('/stats?from=2026-12-07&to=2026-12-07');
    expect(stats.status).toBe(200);
    const mine = stats.body.tickets.find((t) => t.number === ticket.number)!;
    expect(mine).toMatchObject({
      caseNumber: '370303-20261207-007-0001',
      waitS: 300,
      handleS: 600,
      window: 7,
      outcome: 'done',
    });
    expect(stats.body.byClerk.find((f) => f.key === 'zhao')).toMatchObject({
      tickets: 1,
      served: 1,
      avgWaitS: 300,
      avgHandleS: 600,
    });
    expect(stats.body.byMatter.find((f) => f.key === 'QF-QYKBYJS-001')).toMatchObject({ served: 1, avgHandleS: 600 });
    // The totals are the events' own count: every ticket issued today, every skip once.
    const total = stats.body.total;
    expect(total.tickets).toBe(stats.body.tickets.length);
    expect(total.noShows).toBe(stats.body.tickets.filter((t) => t.number === 'A003').length);
    expect(stats.body.byQueue.map((f) => f.key).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(stats.body.byHour.every((f) => /^\d\d$/.test(f.key))).toBe(true);
  });
});

describe('ticket printers', () => {
  it('keeps each workstation’s printer state with the time it began, for the board only', async () => {
    expect((await front.put('/printer', { station: 'kiosk', state: 'ready' })).status).toBe(204);
    advance(60);
    const outAt = clock.toISOString();
    expect((await front.put('/printer', { station: 'kiosk', state: 'paper_out' })).status).toBe(204);
    advance(30);
    // The same state again (a reconnect) keeps the time the fault began.
    expect((await front.put('/printer', { station: 'kiosk', state: 'paper_out' })).status).toBe(204);
    expect((await window7.put('/printer', { station: 'window', state: 'ready' })).status).toBe(204);
    const board = (await boss.get<Board>('/board')).body;
    expect(board, JSON.stringify(board)).toHaveProperty('printers');
    expect(board.printers).toEqual([
      { window: 90, station: 'kiosk', state: 'paper_out', since: outAt },
      { window: 7, station: 'window', state: 'ready', since: clock.toISOString() },
    ]);
  });

  it('refuses a state it does not know, and a report without the workstation’s credential', async () => {
    const odd = await front.put<{ code: string }>('/printer', { station: 'kiosk', state: 'on_fire' });
    expect(odd.status).toBe(400);
    const anonymous = await fetch(`${server.url}/hall/v1/printer`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ station: 'kiosk', state: 'ready' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await boss.get<Board>('/board')).body.printers.find((p) => p.window === 90)?.state).toBe('paper_out');
  });
});

describe('the hall day', () => {
  it('rolls over at midnight hall time: numbers restart, a ticket at the counter finishes normally, yesterday’s queue is not called', async () => {
    const lateWaiting = (await issue('A')).body.ticket;
    clock = new Date('2026-12-07T09:00:00Z'); // 17:00 in the hall: after hours, still serving
    const atCounter = (await callNext(window3)).body.called!;
    expect(atCounter.id).toBe(lateWaiting.id);
    clock = new Date('2026-12-07T15:59:00Z'); // 23:59
    const stillWaiting = (await front.get<QueueNow[]>('/queues')).body;
    expect(stillWaiting.length).toBeGreaterThan(0);
    clock = new Date('2026-12-08T00:40:00Z'); // 08:40 the next hall day
    expect((await issue('A')).body.ticket).toMatchObject({ number: 'A001', hallDate: '2026-12-08' });
    expect((await act(window3, atCounter.id, 'finish')).body.state).toBe('done');
    expect((await front.get<Board>('/board')).body).toMatchObject({ hallDate: '2026-12-08', calls: [] });
  });
});
