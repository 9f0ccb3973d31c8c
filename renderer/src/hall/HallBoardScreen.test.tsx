// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Board, QueueNow } from '@yichuang/domain/hall-protocol';
import { fail, ok } from '../../../preload/contract/envelope';
import type { Role } from '../../../preload/contract/roles';
import i18n from '../i18n';
import { fake } from '../sync/fake-bridge';
import {
  answerBasics,
  byTestId,
  render,
  settle,
  setUpComponentTests,
  syncStatus,
  typeInto,
  waitFor,
} from '../sync/test-support';
import { HallBoardScreen } from './HallBoardScreen';
import { longWaitAlertS, waitText } from './wait';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

/** 10:00:05 in the hall (Beijing), whatever zone the test runs in. */
const serverTime = '2026-12-07T02:00:05.000Z';

function board(over: Partial<Board> = {}): Board {
  return {
    hallName: '张店区市民中心',
    hallDate: '2026-12-07',
    serverTime,
    queues: [
      { letter: 'A', name: '户籍、居住证', waiting: 3, longestWaitS: 125, open: true, closedToday: false },
      { letter: 'B', name: '社保、医保', waiting: 2, longestWaitS: 35 * 60 + 7, open: true, closedToday: false },
      { letter: 'C', name: '企业开办', waiting: 0, longestWaitS: null, open: false, closedToday: true },
    ],
    windows: [
      { window: 3, queues: ['A'], open: true, clerk: '李窗口', current: 'A001', currentState: 'called' },
      { window: 5, queues: ['B'], open: false, clerk: null, current: null, currentState: null },
    ],
    calls: [
      { number: 'A001', window: 3, at: '2026-12-07T01:58:30.000Z', times: 2 },
      { number: 'B004', window: 4, at: '2026-12-07T01:51:00.000Z', times: 1 },
    ],
    printers: [],
    ...over,
  };
}

function queueNow(letter: string, name: string, over: Partial<QueueNow> = {}): QueueNow {
  return {
    letter,
    name,
    pinyin: '',
    icon: 'id-card',
    matters: [],
    opens: '08:30',
    closes: '17:00',
    dailyCap: 300,
    waiting: 0,
    issuedToday: 12,
    open: true,
    closedReason: null,
    ...over,
  };
}

async function screen(answer = () => ok(board()), role: Role = 'supervisor'): Promise<HTMLElement> {
  answerBasics(role, syncStatus());
  fake.handle('queue.board', answer);
  fake.handle('queue.queues', () =>
    ok([
      queueNow('A', '户籍、居住证'),
      queueNow('B', '社保、医保'),
      queueNow('C', '企业开办', { open: false, closedReason: '企业开办今日已停止取号' }),
    ]),
  );
  const view = await render(<HallBoardScreen />);
  await waitFor(
    () => view.host.querySelector('[data-testid="hall-board"]')?.getAttribute('data-connection') !== 'loading',
  );
  return view.host;
}

const click = (element: Element) => act(() => (element as HTMLElement).click());

/** Opens an antd Select and picks the option whose label is `label`. */
async function pick(select: HTMLElement, label: string): Promise<void> {
  const opener = select.querySelector('.ant-select-selector, .ant-select-content') ?? select;
  act(() => {
    opener.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  });
  await settle();
  const option = Array.from(document.querySelectorAll<HTMLElement>('.ant-select-item-option')).find(
    (o) => o.textContent === label,
  );
  if (!option) throw new Error(`no option ${label}`);
  click(option);
  await settle();
}

describe('the 大厅 board', () => {
  it('shows the totals, each queue, each window and the last calls, in hall time', async () => {
    const host = await screen();
    expect(byTestId(host, 'hall-total-waiting').textContent).toContain('5 人');
    expect(byTestId(host, 'hall-total-longest').textContent).toContain('35:07');
    expect(byTestId(host, 'hall-total-windows').textContent).toContain('1 / 2');
    expect(byTestId(host, 'hall-updated').textContent).toBe('更新于 10:00:05');
    expect(host.textContent).toContain('张店区市民中心 · 2026-12-07');

    expect(byTestId(host, 'hall-queue-A-waiting').textContent).toBe('3');
    expect(byTestId(host, 'hall-queue-A-longest').textContent).toBe('02:05');
    expect(byTestId(host, 'hall-queue-A-longest').dataset.long).toBe('false');
    // Over half an hour: red, with words for a screen reader.
    const long = byTestId(host, 'hall-queue-B-longest');
    expect(long.dataset.long).toBe('true');
    expect(long.textContent).toContain('已等待超过 30 分钟');
    expect(byTestId(host, 'hall-queue-C-longest').textContent).toBe('—');
    expect(byTestId(host, 'hall-queue-A-status').textContent).toBe('取号中');
    expect(byTestId(host, 'hall-queue-C-status').textContent).toContain('已停止取号');
    expect(byTestId(host, 'hall-queue-A-toggle').textContent).toContain('停止取号');
    expect(byTestId(host, 'hall-queue-C-toggle').textContent).toContain('恢复取号');
    expect(byTestId(host, 'hall-queue-A').textContent).toContain('12 / 300');

    const three = byTestId(host, 'hall-window-3');
    expect(three.textContent).toContain('开放');
    expect(three.textContent).toContain('李窗口');
    expect(byTestId(host, 'hall-window-3-current').textContent).toBe('A001已呼叫');
    expect(byTestId(host, 'hall-window-3-queues').textContent).toContain('A 户籍、居住证');
    expect(byTestId(host, 'hall-window-5').textContent).toContain('未开放');
    expect(byTestId(host, 'hall-window-5-queues').textContent).toContain('B 社保、医保');

    const calls = Array.from(host.querySelectorAll('[data-testid="hall-call"]')).map((c) => c.textContent);
    expect(calls).toEqual(['09:58:30A001 请到 3 号窗口第 2 次', '09:51:00B004 请到 4 号窗口']);
  });

  it('puts a kiosk out of paper at the top, with since when, and lists every printer', async () => {
    const printers: Board['printers'] = [
      { window: 90, station: 'kiosk', state: 'paper_out', since: '2026-12-07T01:52:10.000Z' },
      { window: 3, station: 'window', state: 'ready', since: '2026-12-07T00:30:00.000Z' },
      { window: 5, station: 'window', state: 'none', since: '2026-12-07T00:31:00.000Z' },
    ];
    const host = await screen(() => ok(board({ printers })));
    const alert = byTestId(host, 'hall-printer-alert');
    // A window without a printer is not an alarm; a kiosk out of paper is.
    expect(alert.textContent).toContain('取号机（90）：缺纸');
    expect(alert.textContent).not.toContain('5 号窗口');
    const rows = Array.from(host.querySelectorAll<HTMLElement>('[data-testid="hall-printer"]'));
    expect(rows.map((row) => row.textContent)).toEqual([
      '取号机（90）缺纸自 09:52 起',
      '3 号窗口正常',
      '5 号窗口未接打印机自 08:31 起',
    ]);
    await act(() => i18n.changeLanguage('en'));
    expect(byTestId(host, 'hall-printer-alert').textContent).toContain('Kiosk (90): out of paper');
  });

  it('shows no printer alert while every printer is ready', async () => {
    const host = await screen(() =>
      ok(board({ printers: [{ window: 90, station: 'kiosk', state: 'ready', since: serverTime }] })),
    );
    expect(host.querySelector('[data-testid="hall-printer-alert"]')).toBeNull();
    expect(byTestId(host, 'hall-printer').dataset.state).toBe('ready');
  });

  it('reads in English, with the ticket states of the domain', async () => {
    const host = await screen();
    await act(() => i18n.changeLanguage('en'));
    expect(byTestId(host, 'hall-window-3-current').textContent).toBe('A001Called');
    expect(byTestId(host, 'hall-updated').textContent).toBe('Updated 10:00:05');
    expect(byTestId(host, 'hall-queue-C-toggle').textContent).toContain('Resume tickets');
    expect(host.textContent).toContain('Waiting for more than 30 minutes');
    // The hall's own names stay as the hall wrote them; none of the screen's words is left in Chinese.
    for (const zh of ['更新于', '取号', '号窗口', '等待', '开放', '已呼叫']) expect(host.textContent).not.toContain(zh);
  });

  it('asks again by itself every two seconds', async () => {
    let served = 0;
    const host = await screen(() => ok(board({ queues: [{ ...board().queues[0]!, waiting: ++served }] })));
    const first = fake.callsOf('queue.board').length;
    await waitFor(() => fake.callsOf('queue.board').length > first, 3500);
    await settle();
    expect(Number(byTestId(host, 'hall-queue-A-waiting').textContent)).toBeGreaterThan(1);
  });

  it('stops and resumes a queue after a confirmation', async () => {
    const host = await screen();
    fake.handle('queue.closeQueue', () => ok([queueNow('A', '户籍、居住证', { open: false })]));
    click(byTestId(host, 'hall-queue-A-toggle'));
    await settle();
    expect(fake.callsOf('queue.closeQueue')).toEqual([]);
    expect(document.body.textContent).toContain('停止「A 户籍、居住证」今天的取号？');
    click(document.querySelector('[data-testid="hall-queue-confirm"]')!);
    await settle();
    expect(fake.callsOf('queue.closeQueue')).toEqual([{ letter: 'A', closed: true }]);
    expect(document.body.textContent).toContain('已停止「户籍、居住证」取号');

    click(byTestId(host, 'hall-queue-C-toggle'));
    await settle();
    const confirms = document.querySelectorAll<HTMLElement>('[data-testid="hall-queue-confirm"]');
    click(confirms[confirms.length - 1]!);
    await settle();
    expect(fake.callsOf('queue.closeQueue')).toEqual([
      { letter: 'A', closed: true },
      { letter: 'C', closed: false },
    ]);
  });

  it("changes the queues a window serves, and shows the hall's refusal as said", async () => {
    const host = await screen();
    fake.handle('queue.setWindowQueues', () => fail('hall_refused', { detail: '窗口 5 的办理队列暂不能修改' }));
    click(byTestId(host, 'hall-window-5-edit'));
    await pick(byTestId(host, 'hall-window-5-picker'), 'A 户籍、居住证');
    click(byTestId(host, 'hall-window-5-save'));
    await settle();
    expect(fake.callsOf('queue.setWindowQueues')).toEqual([{ window: 5, queues: ['A', 'B'] }]);
    expect(document.body.textContent).toContain('窗口 5 的办理队列暂不能修改');
    // Refused: the picker stays open with what was picked.
    expect(byTestId(host, 'hall-window-5-save')).toBeTruthy();

    const changed = board();
    changed.windows[1] = { ...changed.windows[1]!, queues: ['A', 'B'] };
    fake.handle('queue.setWindowQueues', () => ok(changed));
    fake.handle('queue.board', () => ok(changed));
    click(byTestId(host, 'hall-window-5-save'));
    await settle();
    expect(fake.callsOf('queue.setWindowQueues')).toHaveLength(2);
    expect(document.body.textContent).toContain('5 号窗口的办理队列已保存');
    expect(byTestId(host, 'hall-window-5-queues').textContent).toContain('A 户籍、居住证B 社保、医保');
  });

  it('sets the queues of a window not on the board yet', async () => {
    const host = await screen();
    fake.handle('queue.setWindowQueues', () => ok(board()));
    const field = byTestId(host, 'hall-other-window');
    typeInto(field instanceof HTMLInputElement ? field : field.querySelector('input')!, '8');
    await pick(byTestId(host, 'hall-other-queues'), 'C 企业开办');
    click(byTestId(host, 'hall-other-save'));
    await settle();
    expect(fake.callsOf('queue.setWindowQueues')).toEqual([{ window: 8, queues: ['C'] }]);
  });

  it('keeps the last board greyed under a banner when the hall cannot be reached', async () => {
    let reachable = true;
    const host = await screen(() => (reachable ? ok(board()) : fail('hall_unreachable', { detail: '中心无法连接' })));
    reachable = false;
    click(byTestId(host, 'hall-refresh'));
    await settle();
    const banner = byTestId(host, 'hall-offline');
    expect(banner.textContent).toContain('大厅服务不可用：中心无法连接');
    expect(banner.textContent).toContain('下面灰色显示的是 10:00:05 的排队情况');
    expect(byTestId(host, 'hall-content').classList).toContain('hall-stale');
    expect(byTestId(host, 'hall-queue-A-waiting').textContent).toBe('3');
    expect(byTestId<HTMLButtonElement>(host, 'hall-queue-A-toggle').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(host, 'hall-window-3-edit').disabled).toBe(true);
    // No error toast on every ask: the banner says it.
    expect(document.querySelector('.ant-message')).toBeNull();

    reachable = true;
    click(byTestId(host, 'hall-refresh'));
    await settle();
    expect(host.querySelector('[data-testid="hall-offline"]')).toBeNull();
    expect(byTestId(host, 'hall-content').classList).not.toContain('hall-stale');
  });

  it('says so, without an error, when the workstation is not enrolled', async () => {
    const host = await screen(() => fail('hall_not_enrolled'));
    expect(byTestId(host, 'hall-not-enrolled').textContent).toContain('本工作站尚未注册到中心，无法显示大厅排队');
    expect(document.querySelector('.ant-message')).toBeNull();
  });

  it("does not ask the admin's workstation for the kiosk's queue list (not the admin's channel)", async () => {
    const host = await screen(undefined, 'admin');
    expect(byTestId(host, 'hall-queue-A-waiting').textContent).toBe('3');
    expect(fake.callsOf('queue.queues')).toEqual([]);
  });

  it('fetches the display address and shows it with copy and open', async () => {
    const host = await screen();
    const url = 'http://127.0.0.1:8790/hall/display?token=abc123';
    fake.handle('queue.displayAddress', () => ok({ url }));
    click(byTestId(host, 'hall-display-address'));
    await settle();
    expect(fake.callsOf('queue.displayAddress')).toEqual([{}]);
    expect(document.querySelector('[data-testid="hall-display-url"]')?.textContent).toContain(url);
    expect(document.querySelector('[data-testid="hall-display-open"]')?.getAttribute('href')).toBe(url);
    expect(document.querySelector('[data-testid="hall-display-url"] .ant-typography-copy')).not.toBeNull();
  });
});

describe('a wait as the board writes it', () => {
  it('is mm:ss, minutes past the hour, and long from half an hour', () => {
    expect(waitText(null)).toBe('—');
    expect(waitText(0)).toBe('00:00');
    expect(waitText(65)).toBe('01:05');
    expect(waitText(75 * 60 + 12)).toBe('75:12');
    expect(longWaitAlertS).toBe(1800);
  });
});
