import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, Call, CallResult, IssuedTicket } from '@yichuang/domain/hall-protocol';
import { apiPrefix } from '@yichuang/domain/protocol';
import { enrolWindow, startCentral, type RunningCentral } from '../../testing/central';
import { clerk, hallClient, kiosk, listenPush, supervisor } from '../../testing/hall';
import { parseWav } from '../voice/wav';

/**
 * The hall display and the push channel on a real central: the token in the address, the board and
 * the calls as they happen (no staff names on the display), the announcement's audio, the page
 * behind a ticket's QR, a restart that loses nothing, and the hall service running alone.
 */

let server: RunningCentral;
let window3: ReturnType<typeof hallClient>;
let window3Authorization: string;
let token: string;
const clock = () => new Date(Date.UTC(2026, 11, 7, 2, 0, 0) + (Date.now() % 1_000_000)); // mid-morning in the hall

beforeAll(async () => {
  server = await startCentral({ now: clock });
  window3Authorization = (await enrolWindow(server.central, 3)).authorization;
  window3 = hallClient(server.url, window3Authorization);
  await window3.put(`/windows/3/queues`, { queues: ['A'], actor: supervisor });
  const address = await window3.post<{ path: string }>('/display-address', { actor: supervisor });
  token = new URL(address.body.path, server.url).searchParams.get('token')!;
}, 60_000);

afterAll(async () => {
  await server?.dispose();
});

describe('the hall display', () => {
  it('opens only with the display token, under a strict policy, and shows no sign-in', async () => {
    const refused = await fetch(`${server.url}/hall/display?token=wrong`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('大厅显示屏地址无效');
    const page = await fetch(`${server.url}/hall/display?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await page.text();
    expect(text).toContain('正在呼叫');
    expect(text).toContain('<script src="/hall/display/display.js">');
    expect((await fetch(`${server.url}/hall/display/display.js`)).headers.get('content-type')).toContain('javascript');
    // The clerk's page may ask for the address; a clerk may not renew it.
    expect((await window3.post('/display-address', { renew: true, actor: clerk() })).status).toBe(403);
  });

  it('pushes the board at once, then each call the moment it is made, with no staff names on the display', async () => {
    const display = listenPush(`${server.url}/hall/display/stream?token=${token}`);
    const staff = listenPush(`${server.url}/hall/v1/stream`, {
      authorization: (await enrolWindow(server.central, 12)).authorization,
    });
    expect(await display.opened).toBe(200);
    await display.next('board', 0);
    await staff.next('board', 0);
    await window3.post('/window/open', { open: true, actor: clerk('lisi', '李四') });

    const kioskClient = hallClient(server.url, (await enrolWindow(server.central, 91)).authorization);
    const ticket = (await kioskClient.post<IssuedTicket>('/tickets', { queue: 'A', actor: kiosk })).body.ticket;
    expect((await kioskClient.put('/printer', { station: 'kiosk', state: 'cover_open' })).status).toBe(204);
    const seen = display.events.length;
    const called = await window3.post<CallResult>('/window/call-next', { actor: clerk('lisi', '李四') });
    expect(called.body.called?.id).toBe(ticket.id);
    const call = (await display.next('call', seen)).data as Call;
    expect(call).toMatchObject({ number: ticket.number, window: 3, times: 1 });

    const board = async (listener: ReturnType<typeof listenPush>) => {
      for (let from = 0; ;) {
        const event = await listener.next('board', from);
        from = listener.events.indexOf(event) + 1;
        const data = event.data as Board;
        if (data.windows.find((w) => w.window === 3)?.current === ticket.number) return data;
      }
    };
    const shown = await board(display);
    expect(shown.calls[0]).toMatchObject({ number: ticket.number, window: 3 });
    expect(shown.windows.find((w) => w.window === 3)).toMatchObject({ open: true, clerk: null });
    const staffBoard = await board(staff);
    expect(staffBoard.windows.find((w) => w.window === 3)).toMatchObject({ clerk: '李四' });
    // The kiosk's open cover is for the supervisor, not the hall's screen.
    expect(staffBoard.printers).toContainEqual(expect.objectContaining({ window: 91, state: 'cover_open' }));
    expect(shown.printers).toEqual([]);
    expect(JSON.stringify(display.events)).not.toContain('李四');

    const beforeRecall = display.events.length;
    await window3.post(`/tickets/${ticket.id}/recall`, { actor: clerk() });
    expect((await display.next('call', beforeRecall)).data).toMatchObject({ number: ticket.number, times: 2 });
    display.close();
    staff.close();
  });

  it('serves the announcement as one WAV that says the call twice', async () => {
    const response = await fetch(`${server.url}/hall/display/voice.wav?token=${token}&number=A012&window=12`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const wav = parseWav(Buffer.from(await response.arrayBuffer()));
    const seconds = wav.data.length / (wav.format.sampleRate * wav.format.channels * (wav.format.bitsPerSample / 8));
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(20);
    expect((await fetch(`${server.url}/hall/display/voice.wav?token=${token}&number=<x>&window=1`)).status).toBe(400);
    expect((await fetch(`${server.url}/hall/display/voice.wav?token=nope&number=A001&window=1`)).status).toBe(403);
  });

  it('shows where a ticket stands on the page its QR opens', async () => {
    const kioskClient = hallClient(server.url, (await enrolWindow(server.central, 92)).authorization);
    await kioskClient.post('/tickets', { queue: 'A', actor: kiosk });
    const mine = (await kioskClient.post<IssuedTicket>('/tickets', { queue: 'A', actor: kiosk })).body;
    const page = await (await fetch(`${server.url}${mine.followPath}`)).text();
    expect(page).toContain(mine.ticket.number!);
    expect(page).toContain(`前方等待 ${mine.ahead} 人`);
    expect((await fetch(`${server.url}/hall/t/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});

describe('a restart mid-day', () => {
  it('loses nothing: the tickets, the calls on the board and the display token are there after it', async () => {
    const before = (await window3.get<Board>('/board')).body;
    await server.stop();
    server = await startCentral({ now: clock, dataDir: server.dataDir });
    window3 = hallClient(server.url, window3Authorization);
    const after = (await window3.get<Board>('/board')).body;
    expect(after.calls).toEqual(before.calls);
    expect(after.queues.map((queue) => [queue.letter, queue.waiting])).toEqual(
      before.queues.map((queue) => [queue.letter, queue.waiting]),
    );
    const display = listenPush(`${server.url}/hall/display/stream?token=${token}`);
    expect(await display.opened).toBe(200);
    expect(((await display.next('board', 0)).data as Board).calls).toEqual(before.calls);
    display.close();
  });
});

describe('the hall service alone (serve --only hall)', () => {
  it('answers the queue and the display, and nothing of approval', async () => {
    const alone = await startCentral({ only: 'hall' });
    try {
      const { authorization } = await enrolWindow(alone.central, 4);
      const client = hallClient(alone.url, authorization);
      expect((await client.get('/queues')).status).toBe(200);
      expect((await fetch(`${alone.url}${apiPrefix}/events?after=0`, { headers: { authorization } })).status).toBe(404);
      expect((await fetch(`${alone.url}/approver`)).status).toBe(404);
      expect((await fetch(`${alone.url}${apiPrefix}/time`)).status).toBe(200);
    } finally {
      await alone.dispose();
    }
  });
});
