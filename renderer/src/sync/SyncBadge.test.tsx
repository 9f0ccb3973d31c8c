// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fake } from './fake-bridge';
import { SyncBadge } from './SyncBadge';
import { answerBasics, byTestId, render, settle, setUpComponentTests, syncStatus, type Rendered } from './test-support';

vi.mock('../bridge', async () => (await import('./fake-bridge')).fakeBridgeModule);

setUpComponentTests();

let view: Rendered | null = null;

async function badgeFor(status: ReturnType<typeof syncStatus>): Promise<HTMLElement> {
  answerBasics('clerk', status);
  view = await render(<SyncBadge />);
  return byTestId(view.host, 'status-sync');
}

/** The count bubble's text ('' when there is none). */
const countOf = (badge: HTMLElement) => badge.querySelector('.ant-badge-count')?.textContent ?? '';

describe('the status bar sync badge', () => {
  it('says 未注册 in grey before enrolment, with no count', async () => {
    const badge = await badgeFor(
      syncStatus({ enrolled: false, centralUrl: '', workstationId: null, online: false, backlog: 3 }),
    );
    expect(badge.dataset.look).toBe('not_enrolled');
    expect(badge.dataset.online).toBe('false');
    expect(badge.dataset.backlog).toBe('3');
    expect(badge.textContent).toContain('同步');
    expect(badge.querySelector('.sync-badge-muted')?.textContent).toBe('未注册');
    expect(countOf(badge)).toBe('');
  });

  it('shows 需处理 with the count of items that need a person, in red', async () => {
    const badge = await badgeFor(syncStatus({ backlog: 5, needsAttention: 2 }));
    expect(badge.dataset.look).toBe('attention');
    expect(badge.dataset.backlog).toBe('5');
    expect(badge.dataset.needsAttention).toBe('2');
    expect(badge.dataset.online).toBe('true');
    expect(badge.querySelector('.sync-badge-attention')?.textContent).toBe('需处理 2');
    expect(badge.getAttribute('aria-label')).toContain('2 项发送失败，需处理');
    expect(badge.getAttribute('aria-label')).toContain('5 项待发送');
  });

  it('counts the backlog in orange while central cannot be reached', async () => {
    const badge = await badgeFor(
      syncStatus({ online: false, backlog: 4, lastError: '无法连接中心（ECONNREFUSED）：网络恢复后自动重试' }),
    );
    expect(badge.dataset.look).toBe('offline');
    expect(badge.dataset.online).toBe('false');
    expect(countOf(badge)).toBe('4');
    const bubble = badge.querySelector<HTMLElement>('.ant-badge-count')!;
    expect(bubble.style.background).toMatch(/rgb\(212, 107, 8\)|#d46b08/i);
  });

  it('shows a green check, no count, when online with nothing to send', async () => {
    const badge = await badgeFor(syncStatus({ backlog: 0 }));
    expect(badge.dataset.look).toBe('synced');
    expect(badge.dataset.backlog).toBe('0');
    expect(badge.dataset.online).toBe('true');
    expect(badge.querySelector('[aria-label="已全部送达中心"]')).not.toBeNull();
    expect(countOf(badge)).toBe('');
  });

  it('adds a red 时钟偏差 when the clock is off, and not otherwise', async () => {
    await badgeFor(syncStatus({ clockSkewMs: 9 * 60_000, clockWarning: true }));
    expect(byTestId(view!.host, 'status-clock-skew').textContent).toBe('时钟偏差');
    view!.unmount();
    view = null;
    await badgeFor(syncStatus({ clockSkewMs: 2_000 }));
    expect(view!.host.querySelector('[data-testid="status-clock-skew"]')).toBeNull();
  });

  it('follows sync.changed events and opens the 同步 screen on click', async () => {
    const badge = await badgeFor(syncStatus({ backlog: 0 }));
    act(() => fake.emit('sync.changed', syncStatus({ backlog: 7 })));
    await settle();
    expect(badge.dataset.look).toBe('pending');
    expect(countOf(badge)).toBe('7');
    act(() => badge.click());
    expect(view!.navigation.go).toHaveBeenCalledWith('sync');
  });
});
