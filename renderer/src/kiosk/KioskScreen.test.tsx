// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueNow } from '@yichuang/domain/hall-protocol';
import type { CardRead } from '../../../preload/contract/devices';
import { fail, ok } from '../../../preload/contract/envelope';
import type { IssueResult, QueueStatus } from '../../../preload/contract/queue';
import { fake } from '../sync/fake-bridge';
import { answerBasics, byTestId, render, settle, setUpComponentTests, syncStatus, waitFor } from '../sync/test-support';
import i18n from '../i18n';
import { maskName } from '@yichuang/domain/id-numbers';
import { KioskScreen } from './KioskScreen';
import { staffHoldMs } from './StaffCorner';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function queue(letter: string, name: string, pinyin: string, over: Partial<QueueNow> = {}): QueueNow {
  return {
    letter,
    name,
    pinyin,
    icon: 'id-card',
    matters: [],
    opens: '08:30',
    closes: '17:00',
    dailyCap: 300,
    waiting: 0,
    issuedToday: 0,
    open: true,
    closedReason: null,
    ...over,
  };
}

const hallQueues = [
  queue('A', '户籍、居住证', 'HJJZZ', { waiting: 3 }),
  queue('B', '社保、医保', 'SBYB', { icon: 'shield', waiting: 12 }),
  queue('C', '企业开办', 'QYKB', { icon: 'building', open: false, closedReason: '今日已停止取号' }),
];

function issued(over: Partial<IssueResult> = {}, number = 'A005', ahead = 3): IssueResult {
  return {
    issued: {
      ticket: {
        id: crypto.randomUUID(),
        number,
        queue: number[0]!,
        queueName: '户籍、居住证',
        kind: 'normal',
        state: 'issued',
        hallDate: '2026-12-07',
        issuedAt: '2026-12-07T02:00:00.000Z',
        window: null,
        calledAt: null,
        dueAt: null,
        caseNumber: null,
        rejoined: 0,
      },
      ahead,
      existing: false,
      hallName: '张店区市民中心',
      followPath: '/hall/t/x',
    },
    prompt: `您已领取${number}号，前方等待${ahead}人`,
    followUrl: 'http://127.0.0.1:8790/hall/t/x',
    printed: true,
    printProblem: null,
    ...over,
  };
}

function cardRead(readId: string): CardRead {
  return {
    readId,
    deviceId: 'sim:idcard',
    readAt: new Date().toISOString(),
    identity: {
      cardType: 'resident',
      name: '张小三',
      sex: 'male',
      nationCode: '01',
      nation: '汉',
      birthDate: '1990-01-01',
      address: '山东省淄博市张店区',
      idNumber: '370303********1234',
      checkDigitValid: true,
      issuer: '淄博市公安局张店分局',
      validFrom: '2019-09-02',
      validTo: '2029-09-02',
      longTerm: false,
      appendedAddress: null,
    },
    expired: false,
    photo: { present: false, bytes: 0, dataUrl: null },
    fingerprint: false,
    simulated: true,
  };
}

async function kiosk(queues: QueueNow[] = hallQueues) {
  answerBasics('kiosk', syncStatus());
  fake.handle('queue.queues', () => ok(queues));
  const onLock = vi.fn();
  const onSignOut = vi.fn();
  const { host } = await render(<KioskScreen onLock={onLock} onSignOut={onSignOut} />);
  await waitFor(() => host.querySelector('[data-testid="kiosk-queues"]') !== null);
  return { host, onLock, onSignOut };
}

const shownLetters = (host: HTMLElement) =>
  Array.from(host.querySelectorAll('[data-testid^="kiosk-queue-"]')).map((b) =>
    b.getAttribute('data-testid')!.slice(-1),
  );

async function tap(element: HTMLElement): Promise<void> {
  act(() => element.click());
  await settle();
}

type Issue = { queue: string; tapKey: string; readId?: string; priority: boolean };

describe('the ticket kiosk', () => {
  it('shows the queues with how many wait, and a closed one greyed with its reason', async () => {
    const { host } = await kiosk();
    expect(shownLetters(host)).toEqual(['A', 'B', 'C']);
    expect(byTestId(host, 'kiosk-waiting-A').textContent).toBe('等待 3 人');
    expect(byTestId(host, 'kiosk-waiting-B').textContent).toBe('等待 12 人');
    const closed = byTestId<HTMLButtonElement>(host, 'kiosk-queue-C');
    expect(closed.disabled).toBe(true);
    expect(closed.className).toContain('kiosk-queue-closed');
    expect(byTestId(host, 'kiosk-closed-C').textContent).toBe('今日已停止取号');
    expect(host.querySelector('[data-testid="kiosk-waiting-C"]')).toBeNull();
    expect(byTestId(host, 'kiosk-card').textContent).toContain('请将身份证放在读卡器上（可选）');
  });

  it('finds queues by pinyin initials, letter by letter; letters that match nothing are off', async () => {
    const { host } = await kiosk();
    expect(byTestId<HTMLButtonElement>(host, 'kiosk-letter-X').disabled).toBe(true);
    await tap(byTestId(host, 'kiosk-letter-B'));
    // Contained anywhere: 社保医保 SBYB and 企业开办 QYKB.
    expect(shownLetters(host)).toEqual(['B', 'C']);
    await tap(byTestId(host, 'kiosk-letters-backspace'));
    await tap(byTestId(host, 'kiosk-letter-J'));
    await tap(byTestId(host, 'kiosk-letter-Z'));
    expect(shownLetters(host)).toEqual(['A']);
    expect(byTestId(host, 'kiosk-letters-typed').textContent).toBe('已输入：JZ');
    await tap(byTestId(host, 'kiosk-letters-all'));
    expect(shownLetters(host)).toEqual(['A', 'B', 'C']);
    // Starting with the letters comes first.
    await tap(byTestId(host, 'kiosk-letter-S'));
    expect(shownLetters(host)).toEqual(['B']);
  });

  it('sends the same tap key for a double tap, shows one ticket, and a new key after it', async () => {
    const { host } = await kiosk();
    const answer = issued();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.handle('queue.issue', async () => {
      await gate;
      return ok(answer);
    });
    const a = byTestId(host, 'kiosk-queue-A');
    await tap(a);
    await tap(a);
    expect(byTestId(host, 'kiosk-busy').textContent).toContain('正在取号');
    release();
    await waitFor(() => host.querySelector('[data-testid="kiosk-issued"]') !== null);
    const calls = fake.callsOf('queue.issue') as Issue[];
    expect(calls).toHaveLength(2);
    expect(calls[0]!.tapKey).toMatch(uuid);
    expect(calls[1]!.tapKey).toBe(calls[0]!.tapKey);
    expect(calls[0]).toMatchObject({ queue: 'A', priority: false });
    expect(calls[0]!.readId).toBeUndefined();
    expect(host.querySelectorAll('[data-testid="kiosk-number"]')).toHaveLength(1);

    // Back at the start, the next citizen's tap is another ticket: a new key.
    await tap(byTestId(host, 'kiosk-done'));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => fake.callsOf('queue.issue').length === 3);
    expect((fake.callsOf('queue.issue')[2] as Issue).tapKey).not.toBe(calls[0]!.tapKey);
  });

  it('shows the prompt in very large type and the number; back to the start on a tap', async () => {
    const { host } = await kiosk();
    fake.handle('queue.issue', () => ok(issued()));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-prompt"]') !== null);
    expect(byTestId(host, 'kiosk-prompt').textContent).toBe('您已领取A005号，前方等待3人');
    expect(byTestId(host, 'kiosk-number').textContent).toBe('A005');
    expect(byTestId(host, 'kiosk-slip-note').textContent).toBe('请取走号票，留意叫号屏和语音叫号');
    expect(host.querySelector('[data-testid="kiosk-print-problem"]')).toBeNull();
    // The queue list is asked again at once: the waiting counts move.
    expect(fake.callsOf('queue.queues').length).toBeGreaterThanOrEqual(2);
    await tap(byTestId(host, 'kiosk-issued'));
    expect(host.querySelector('[data-testid="kiosk-issued"]')).toBeNull();
    expect(byTestId(host, 'kiosk').getAttribute('data-view')).toBe('home');
  });

  it('goes back to the start by itself after about ten seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { host } = await kiosk();
    fake.handle('queue.issue', () => ok(issued()));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-issued"]') !== null);
    expect(byTestId(host, 'kiosk-done').textContent).toMatch(/返回首页（1?\d 秒）/);
    await act(() => vi.advanceTimersByTimeAsync(11_000));
    expect(byTestId(host, 'kiosk').getAttribute('data-view')).toBe('home');
  });

  it('tells the citizen of a printer fault before the tap, and stops when it is fixed', async () => {
    const status = (printer: QueueStatus['printer']): QueueStatus => ({
      connection: 'online',
      hallUrl: 'http://127.0.0.1:8700',
      lastError: null,
      window: null,
      queues: [],
      currentCase: null,
      printer,
    });
    fake.handle('queue.status', () => ok(status('paper_out')));
    const { host } = await kiosk();
    await waitFor(() => host.querySelector('[data-testid="kiosk-printer-fault"]') !== null);
    const fault = byTestId(host, 'kiosk-printer-fault');
    expect(fault.dataset.fault).toBe('paper_out');
    expect(fault.textContent).toBe('打印机缺纸：仍可取号，号码显示在屏幕上，请记住或拍照');
    act(() => fake.emit('queue.changed', status('cover_open')));
    expect(byTestId(host, 'kiosk-printer-fault').textContent).toContain('纸仓盖未合上');
    // Paper in, cover shut: the notice goes.
    act(() => fake.emit('queue.changed', status('ready')));
    expect(host.querySelector('[data-testid="kiosk-printer-fault"]')).toBeNull();
    // No ticket printer at all (the browser host prints on the platform printer) is not a fault.
    act(() => fake.emit('queue.changed', status('none')));
    expect(host.querySelector('[data-testid="kiosk-printer-fault"]')).toBeNull();
  });

  it('says a slip the printer could not print, in big type: the number stands', async () => {
    const { host } = await kiosk();
    fake.handle('queue.issue', () => ok(issued({ printed: false, printProblem: { code: 'printer_paper_out' } })));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-print-problem"]') !== null);
    const problem = byTestId(host, 'kiosk-print-problem');
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.textContent).toContain('取号机打印机缺纸，请记住您的号码 A005，或到服务台咨询');
    expect(problem.textContent).toContain('您的号码有效');
    expect(byTestId(host, 'kiosk-number').textContent).toBe('A005');

    // Another problem is said with its reason.
    await tap(byTestId(host, 'kiosk-done'));
    fake.handle('queue.issue', () => ok(issued({ printed: false, printProblem: { code: 'printer_fault' } })));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-print-problem"]') !== null);
    expect(byTestId(host, 'kiosk-print-problem').textContent).toContain('号票未能打印，请记住您的号码 A005');
    expect(byTestId(host, 'kiosk-print-problem').textContent).toContain('切刀卡纸');
  });

  it('with no ticket printer on the browser host, prints the slip on the platform printer', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { host } = await kiosk();
    fake.handle('queue.issue', () => ok(issued({ printed: false, printProblem: { code: 'device_not_found' } })));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => print.mock.calls.length === 1);
    const slip = byTestId(document.body, 'kiosk-print-slip');
    // Outside the kiosk, beside it in the body: print CSS shows only the slip.
    expect(slip.parentElement).toBe(document.body);
    expect(slip.textContent).toContain('张店区市民中心');
    expect(slip.textContent).toContain('A005');
    expect(slip.textContent).toContain('办理事项：户籍、居住证');
    // 02:00 UTC is 10:00 in the hall, whatever the PC's zone.
    expect(slip.textContent).toContain('取号时间：2026-12-07 10:00');
    expect(slip.textContent).toContain('您前面还有 3 人等候');
    expect(slip.textContent).toContain('好差评');
    expect(slip.querySelector('svg')).not.toBeNull();
    expect(byTestId(host, 'kiosk-slip-note').textContent).toBe('正在打印号票，请到打印机取票');
    expect(host.querySelector('[data-testid="kiosk-print-problem"]')).toBeNull();
  });

  it('pauses tickets while the hall cannot be reached, and comes back by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    answerBasics('kiosk', syncStatus());
    fake.handle('queue.queues', () => fail('hall_unreachable', { detail: '连接被拒绝' }));
    const { host } = await render(<KioskScreen onLock={vi.fn()} onSignOut={vi.fn()} />);
    await waitFor(() => host.querySelector('[data-testid="kiosk-paused"]') !== null);
    expect(byTestId(host, 'kiosk-paused').textContent).toContain('暂停取号：大厅服务暂不可用，请到服务台咨询');
    expect(host.querySelector('[data-testid="kiosk-queues"]')).toBeNull();
    expect(host.querySelector('[data-testid="kiosk-appointment"]')).toBeNull();

    fake.handle('queue.queues', () => ok(hallQueues));
    await act(() => vi.advanceTimersByTimeAsync(3_500));
    await waitFor(() => host.querySelector('[data-testid="kiosk-queues"]') !== null);
    expect(host.querySelector('[data-testid="kiosk-paused"]')).toBeNull();
    // And keeps the list fresh every few seconds.
    const asked = fake.callsOf('queue.queues').length;
    await act(() => vi.advanceTimersByTimeAsync(5_500));
    expect(fake.callsOf('queue.queues').length).toBeGreaterThan(asked);
  });

  it('shows the card holder masked, sends the read with the ticket, then forgets it', async () => {
    const { host } = await kiosk();
    const readId = crypto.randomUUID();
    act(() => fake.emit('idcard.read', cardRead(readId)));
    expect(byTestId(host, 'kiosk-card-name').textContent).toBe('张*三，已读取身份证');
    expect(host.textContent).not.toContain('张小三');
    fake.handle('queue.issue', () => ok(issued()));
    await tap(byTestId(host, 'kiosk-queue-B'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-issued"]') !== null);
    expect(fake.callsOf('queue.issue')[0]).toMatchObject({ queue: 'B', readId });
    await tap(byTestId(host, 'kiosk-done'));
    expect(byTestId(host, 'kiosk-card').getAttribute('data-read')).toBe('false');
  });

  it('forgets an unused card after a minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { host } = await kiosk();
    act(() => fake.emit('idcard.read', cardRead(crypto.randomUUID())));
    expect(byTestId(host, 'kiosk-card').getAttribute('data-read')).toBe('true');
    await act(() => vi.advanceTimersByTimeAsync(61_000));
    expect(byTestId(host, 'kiosk-card').getAttribute('data-read')).toBe('false');
  });

  it('says what the hall answered when it gives no ticket', async () => {
    const { host } = await kiosk();
    fake.handle('queue.issue', () => fail('hall_refused', { detail: '今日号已取完' }));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-failed"]') !== null);
    expect(byTestId(host, 'kiosk-failed').textContent).toContain('未能取号');
    expect(byTestId(host, 'kiosk-failed-reason').textContent).toContain('今日号已取完');
  });

  it('预约取号: the code typed on the pad, or the card; a refusal is said on the pad', async () => {
    const { host } = await kiosk();
    await tap(byTestId(host, 'kiosk-appointment'));
    expect(byTestId<HTMLButtonElement>(host, 'kiosk-pad-submit').disabled).toBe(true);
    for (const key of 'AB12C') await tap(byTestId(host, `kiosk-pad-key-${key}`));
    expect(byTestId<HTMLButtonElement>(host, 'kiosk-pad-submit').disabled).toBe(true);
    await tap(byTestId(host, 'kiosk-pad-key-9'));
    expect(byTestId(host, 'kiosk-pad-code').textContent).toBe('AB12C9');
    fake.handle('queue.checkIn', () => fail('hall_refused', { detail: '没有这个预约码' }));
    await tap(byTestId(host, 'kiosk-pad-submit'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-pad-problem"]') !== null);
    expect(byTestId(host, 'kiosk-pad-problem').textContent).toContain('没有这个预约码');
    expect(byTestId(host, 'kiosk-pad-code').textContent).toBe('AB12C9');
    expect(fake.callsOf('queue.checkIn')[0]).toEqual({ code: 'AB12C9' });

    const readId = crypto.randomUUID();
    act(() => fake.emit('idcard.read', cardRead(readId)));
    fake.handle('queue.checkIn', () => ok(issued({}, 'A901', 0)));
    await tap(byTestId(host, 'kiosk-pad-card'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-issued"]') !== null);
    expect(fake.callsOf('queue.checkIn')[1]).toEqual({ readId });
    expect(byTestId(host, 'kiosk-number').textContent).toBe('A901');
  });

  it('switches to English and back to Chinese for the next citizen', async () => {
    const { host } = await kiosk();
    await tap(byTestId(host, 'kiosk-language'));
    await settle();
    expect(i18n.language).toBe('en');
    expect(byTestId(host, 'kiosk-waiting-A').textContent).toBe('3 waiting');
    fake.handle('queue.issue', () => ok(issued()));
    await tap(byTestId(host, 'kiosk-queue-A'));
    await waitFor(() => host.querySelector('[data-testid="kiosk-prompt"]') !== null);
    expect(byTestId(host, 'kiosk-prompt').textContent).toBe('You have number A005. People ahead of you: 3');
    await tap(byTestId(host, 'kiosk-done'));
    await settle();
    expect(i18n.language).toBe('zh-CN');
  });

  it('opens the staff menu only when the corner is held, then signs out', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { host, onSignOut, onLock } = await kiosk();
    const corner = byTestId(host, 'kiosk-staff');
    // A passing tap does nothing.
    act(() => {
      corner.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      corner.dispatchEvent(new Event('pointerup', { bubbles: true }));
    });
    await act(() => vi.advanceTimersByTimeAsync(staffHoldMs + 100));
    expect(document.querySelector('[data-testid="kiosk-sign-out"]')).toBeNull();
    act(() => {
      corner.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    });
    await act(() => vi.advanceTimersByTimeAsync(staffHoldMs + 100));
    await settle();
    await tap(byTestId(document.body, 'kiosk-sign-out'));
    expect(onSignOut).toHaveBeenCalledOnce();
    expect(onLock).not.toHaveBeenCalled();
  });

  it('masks names: 张* 张*三 欧**明 J*** W***', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('John Wang')).toBe('J*** W***');
    expect(maskName(' ')).toBe('');
  });
});
