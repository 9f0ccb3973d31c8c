import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolWindow, startCentral, type RunningCentral } from '@yichuang/central/testing';
import { hallClient, kiosk, supervisor } from '../../central/testing/hall';
import type { Board, IssuedTicket, WindowNow } from '@yichuang/domain/hall-protocol';
import type { QueueStatus } from '../../preload/contract/queue';
import type { SessionUser } from '../../preload/contract/schemas';
import { AppError } from '../../preload/contract/errors';
import { createSyncWindow, type SyncWindow } from '../sync/testing/window';
import { until } from '../testing/wait';
import { startTcpPrinterSimulator } from '../devices/printer/tcp-simulator';
import { makePng } from '@yichuang/domain/testing/images';

/**
 * The window's side of the hall queue against a real central (PGlite, HTTP and the push channel on
 * 127.0.0.1): enrolment brings the hall, call next and every move at the window, the case that
 * records its ticket, and a hall that goes away and comes back without calling anyone by surprise.
 */

let clock = new Date('2026-12-07T01:00:00Z'); // 09:00 in the hall
const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
let central: RunningCentral;
let w: SyncWindow;
let front: ReturnType<typeof hallClient>;
let boss: ReturnType<typeof hallClient>;
const changes: QueueStatus[] = [];

const user = (): SessionUser => ({
  id: w.clerk.id,
  username: w.clerk.username,
  displayName: w.clerk.displayName,
  role: 'clerk',
  windowNumber: 3,
  mustChangePassword: false,
});
const queue = () => w.t.workstation.services.queue;
const issue = async (letter: string) => {
  advance(1);
  const answer = await front.post<IssuedTicket>('/tickets', { queue: letter, actor: kiosk });
  expect(answer.status).toBe(200);
  return answer.body.ticket;
};
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
/** Polls an asynchronous check (the hall over HTTP) until it holds, or fails naming it after 5 s. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const online = () => until(() => queue().status().connection === 'online', 10_000, 'the hall online');

beforeAll(async () => {
  central = await startCentral({ now: () => clock });
  w = await createSyncWindow({
    config: {
      sync: { autoStart: false },
      queue: { timeoutMs: 2000, backoffMs: 100, refreshEveryMs: 20 },
    },
  });
  w.t.workstation.hub.broadcast = (event: string, payload: unknown) => {
    if (event === 'queue.changed') changes.push(payload as QueueStatus);
  };
  front = hallClient(central.url, (await enrolWindow(central.central, 90)).authorization);
  boss = hallClient(central.url, (await enrolWindow(central.central, 99)).authorization);
  for (const [window, queues] of [
    [3, ['A']],
    [5, ['A', 'B']],
  ] as const) {
    expect((await boss.put(`/windows/${window}/queues`, { queues, actor: supervisor })).status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  queue()?.stop();
  await w?.t.dispose();
  await central?.dispose();
});

describe('the window and the hall queue', () => {
  it('before enrolment: no hall, the window says so and a press is refused, not kept', async () => {
    expect(queue().status()).toMatchObject({ connection: 'unconfigured', window: null });
    expect(await codeOf(queue().callNext(user()))).toBe('hall_not_enrolled');
  });

  it('enrolment brings the hall: the push channel opens and the window knows its queues and who waits', async () => {
    const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
    await w.t.workstation.services.sync.enrol({ centralUrl: central.url, code });
    await online();
    queue().attend(user());
    await issue('A');
    await issue('A');
    await until(() => queue().status().window?.waiting === 2, 10_000, 'two waiting, pushed');
    expect(queue().status().window).toMatchObject({ window: 3, queues: ['A'], current: null });
    // The board shows who serves at window 3.
    const board = await boss.get<{ windows: { window: number; clerk: string | null }[] }>('/board');
    expect(board.body.windows.find((x) => x.window === 3)?.clerk).toBe('李四');
  });

  it('signing out closes the window at the hall; the next sign-in opens it again', async () => {
    const clerkAt3 = async () =>
      (
        await boss.get<{ windows: { window: number; clerk: string | null; open: boolean }[] }>('/board')
      ).body.windows.find((x) => x.window === 3);
    queue().leave();
    await eventually(async () => (await clerkAt3())?.open === false, 'window 3 closed');
    queue().attend(user());
    await eventually(async () => (await clerkAt3())?.clerk === '李四', 'window 3 open with 李四');
  });

  it('call next twice in the same instant is one call; the case decided records the ticket', async () => {
    const [a, b] = await Promise.all([queue().callNext(user()), queue().callNext(user())]);
    expect(a.ticket?.number).toBe('A001');
    expect(b.ticket?.number).toBe('A001');
    expect(a.status.window?.current).toMatchObject({ number: 'A001', state: 'called' });
    expect(a.status.window?.waiting).toBe(1);
    const served = await queue().act(user(), a.ticket!.id, 'serve');
    expect(served.ticket?.state).toBe('serving');

    const file = await w.t.workstation.services.materials.put(makePng(120, 80, 7), 'scan.png');
    const decided = w.accept([file]);
    expect(queue().ticketOf(decided.id)).toEqual({ number: 'A001', queue: 'A' });
    await until(() => queue().status().currentCase === decided.number, 5000, 'the case on the status');
    const own = hallClient(central.url, `Bearer ${w.t.workstation.services.sync.centralAccess()!.credential}`);
    await eventually(
      async () => (await own.get<WindowNow>('/window')).body.current?.caseNumber === decided.number,
      'the hall has the case number',
    );
  });

  it('recall, skip, walk-in; a refusal is the hall’s own words; a transfer keeps the ticket alive', async () => {
    const next = await queue().callNext(user());
    expect(next.ticket?.number).toBe('A002');
    const again = await queue().recall(user(), next.ticket!.id);
    expect(again.ticket?.state).toBe('called');
    const skipped = await queue().act(user(), next.ticket!.id, 'skip');
    expect(skipped.ticket?.state).toBe('no_show');
    // The citizen comes back: back in line once, and the window's count shows it; a second time is refused.
    const back = await queue().rejoin(user(), 'A002');
    expect(back.ticket).toMatchObject({ id: next.ticket!.id, state: 'issued', rejoined: 1 });
    expect(back.status.window?.waiting).toBe(1);
    const onceMore = await queue().act(user(), (await queue().callNext(user())).ticket!.id, 'skip');
    expect(onceMore.ticket?.number).toBe('A002');
    const twice = await queue()
      .rejoin(user(), 'A002')
      .catch((error: AppError) => error);
    expect(twice).toMatchObject({ code: 'hall_refused' });
    expect((twice as AppError).message).toMatch(/已重新排队过一次/);
    const walkIn = await queue().walkIn(user(), undefined);
    expect(walkIn.ticket).toMatchObject({ kind: 'walk_in', state: 'serving', number: null });
    await queue().act(user(), walkIn.ticket!.id, 'finish');

    const third = await issue('A');
    const called = await queue().callNext(user());
    expect(called.ticket?.id).toBe(third.id);
    // Window 9 serves no queue: the hall refuses, in words a clerk reads.
    const refused = await queue()
      .transfer(user(), third.id, { toWindow: 9 })
      .catch((error: AppError) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('hall_refused');
    expect((refused as AppError).message).toMatch(/9 号窗口/);
    const moved = await queue().transfer(user(), third.id, { toQueue: 'B' });
    expect(moved.ticket).toMatchObject({ state: 'transferred', queue: 'B' });
    expect(moved.status.window?.current).toBeNull();
  });

  it('the kiosk: a double tap is one ticket, and a slip the printer could not print is said; the supervisor closes a queue', async () => {
    const kioskUser: SessionUser = { ...user(), username: 'kiosk1', displayName: '取号机', role: 'kiosk' };
    const boss: SessionUser = { ...user(), username: 'wang', displayName: '王值班长', role: 'supervisor' };
    const tapKey = randomUUID();
    const [first, second] = await Promise.all([
      queue().issue(kioskUser, { queue: 'B', priority: false, tapKey }),
      queue().issue(kioskUser, { queue: 'B', priority: false, tapKey }),
    ]);
    expect(second.issued.ticket.id).toBe(first.issued.ticket.id);
    expect(first.prompt).toBe(`您已领取${first.issued.ticket.number}号，前方等待${first.issued.ahead}人`);
    expect(first.followUrl).toBe(`${central.url}/hall/t/${first.issued.ticket.id}`);
    // No ticket printer at this test workstation: the ticket stands, the screen is told why there is no slip.
    expect(first.printed).toBe(false);
    expect(first.printProblem?.code).toMatch(/printer|device/);

    const queues = await queue().closeQueue(boss, 'C', true);
    expect(queues.find((q) => q.letter === 'C')).toMatchObject({ open: false });
    const refused = await queue()
      .issue(kioskUser, { queue: 'C', priority: false, tapKey: randomUUID() })
      .catch((error: AppError) => error);
    expect((refused as AppError).code).toBe('hall_refused');
    expect((refused as AppError).message).toMatch(/今日已停止取号/);
    await queue().closeQueue(boss, 'C', false);

    const board = await queue().setWindowQueues(boss, 7, ['C']);
    expect(board.windows.find((x) => x.window === 7)?.queues).toEqual(['C']);
    expect((await queue().displayAddress(boss)).url).toMatch(new RegExp(`^${central.url}/hall/display\\?token=`));
  });

  it('the kiosk’s printer: paper out shows on the supervisor’s board at once, and clears there when paper goes in', async () => {
    const sim = await startTcpPrinterSimulator();
    const devices = w.t.workstation.services.devices;
    const kioskUser: SessionUser = { ...user(), username: 'kiosk1', displayName: '取号机', role: 'kiosk' };
    const onBoard = async (state: string) =>
      (await boss.get<Board>('/board')).body.printers.some(
        (p) => p.window === 3 && p.station === 'kiosk' && p.state === state,
      );
    try {
      queue().attend(kioskUser);
      const added = await devices.addNetworkPrinter(sim.address, null);
      await eventually(() => onBoard('ready'), 'the kiosk printer ready on the board');
      sim.printer.setPaperOut(true);
      // Queue B: window 3 (this test's window) does not serve it, so its count is left as it was.
      const issued = await queue().issue(kioskUser, { queue: 'B', priority: false, tapKey: randomUUID() });
      expect(issued).toMatchObject({ printed: false, printProblem: { code: 'printer_paper_out' } });
      await eventually(() => onBoard('paper_out'), 'paper out on the board');
      // The kiosk's own screen hears it too (queue.changed), to tell the next citizen before the tap.
      expect(queue().status().printer).toBe('paper_out');
      expect(changes.at(-1)?.printer).toBe('paper_out');
      sim.printer.setPaperOut(false);
      // Nobody prints: the printer is asked again by itself, and the board hears it is ready.
      await eventually(() => onBoard('ready'), 'ready again on the board');
      expect(changes.at(-1)?.printer).toBe('ready');
      await devices.removeNetworkPrinter(added.id);
    } finally {
      queue().attend(user());
      await sim.close();
    }
  });

  it('goes to the hall service’s own address when settings name one, and back to central’s when cleared', async () => {
    const settings = w.t.workstation.services.settings;
    settings.update({ hallUrl: 'http://127.0.0.1:9' });
    try {
      expect(queue().status().hallUrl).toBe('http://127.0.0.1:9');
      await until(() => queue().status().connection === 'offline', 10_000, 'the hall at port 9 unreachable');
      expect(await codeOf(queue().callNext(user()))).toBe('hall_unreachable');
    } finally {
      settings.update({ hallUrl: '' });
    }
    expect(queue().status().hallUrl).toBe(central.url);
    await online();
  });

  it('a hall that goes away: offline at once, a press fails and is not kept; back, nothing is called by surprise', async () => {
    await issue('A');
    const port = central.port;
    const dataDir = central.dataDir;
    await central.stop();
    await until(() => queue().status().connection === 'offline', 10_000, 'offline');
    expect(await codeOf(queue().callNext(user()))).toBe('hall_unreachable');
    expect(queue().status().lastError).toMatch(/无法连接/);

    central = await startCentral({ now: () => clock, dataDir, port });
    await online();
    await until(() => queue().status().window?.waiting === 1, 10_000, 'the waiting ticket again');
    // The press made while the hall was away was not sent later.
    expect(queue().status().window?.current).toBeNull();
    const called = await queue().callNext(user());
    expect(called.ticket?.number).toBe('A004');
  }, 60_000);

  it('pushes each change to the screens', () => {
    expect(changes.some((s) => s.connection === 'offline')).toBe(true);
    expect(changes.some((s) => s.window?.current?.number === 'A001')).toBe(true);
  });
});
