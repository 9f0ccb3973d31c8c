// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../preload/contract/envelope';
import { api } from '../bridge';
import { fake } from '../sync/fake-bridge';
import { render, sessionState, settle, setUpComponentTests, waitFor } from '../sync/test-support';
import { activityReportMs } from '../../../preload/contract/channels/session';
import { useActivityReport } from './idle-lock';
import { useSession } from './session';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

function Reporter({ active }: { active: boolean }) {
  useActivityReport(active);
  return null;
}

function LockedFlag() {
  const { state } = useSession();
  return <span data-testid="locked">{String(state?.locked ?? null)}</span>;
}

const move = () => act(() => void window.dispatchEvent(new MouseEvent('mousemove')));

describe('the screen reports activity to main, throttled', () => {
  it('sends one report for a burst at once, one more at the end of the interval, none while inactive', async () => {
    fake.handle('session.activity', () => ok({ done: true as const }));
    const view = await render(<Reporter active />);
    const sent = () => fake.callsOf('session.activity').length;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      for (let i = 0; i < 50; i++) move();
      expect(sent()).toBe(1);
      vi.advanceTimersByTime(activityReportMs - 1);
      expect(sent()).toBe(1);
      vi.advanceTimersByTime(1);
      expect(sent()).toBe(2);
      // Nobody there: nothing more.
      vi.advanceTimersByTime(10 * activityReportMs);
      expect(sent()).toBe(2);
      move();
      expect(sent()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
    view.unmount();
    await render(<Reporter active={false} />);
    move();
    expect(sent()).toBe(3);
  });
});

describe('main says the session is locked', () => {
  it('a call refused as session_locked makes the screen read its state again, which shows the lock', async () => {
    let locked = false;
    fake.handle('session.state', () => ok({ ...sessionState('clerk'), locked }));
    fake.handle('cases.myDrafts', () => fail('session_locked'));
    const view = await render(<LockedFlag />);
    await waitFor(() => view.host.textContent === 'false');
    locked = true;
    await act(async () => {
      await api.cases.myDrafts({});
    });
    await settle();
    await waitFor(() => view.host.textContent === 'true');
  });
});
