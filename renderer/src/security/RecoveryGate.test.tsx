// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../preload/contract/envelope';
import type { SecurityStatus } from '../../../preload/contract/channels/security';
import { fake } from '../sync/fake-bridge';
import {
  answerBasics,
  byTestId,
  render,
  sessionState,
  setUpComponentTests,
  syncStatus,
  waitFor,
} from '../sync/test-support';
import { RecoveryGate } from './RecoveryGate';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

const code = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';

function status(recoveryPending: boolean): SecurityStatus {
  return { protectedBy: 'passphrase', protectors: ['passphrase', 'recovery'], keyCreatedAt: null, recoveryPending };
}

describe('the recovery key before the administrator’s first screen', () => {
  it('shows the waiting code; done only once the sheet is said to be sealed, then the work goes on', async () => {
    answerBasics('admin', syncStatus());
    let pending = true;
    fake.handle('security.status', () => ok(status(pending)));
    fake.handle('security.recovery', () =>
      ok({ code, issuedAt: '2026-12-07T04:00:00Z', sheet: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]) }),
    );
    fake.handle('security.recoverySaved', () => {
      pending = false;
      return ok(status(false));
    });
    const view = await render(
      <RecoveryGate user={sessionState('admin').user!}>
        <div data-testid="the-work">work</div>
      </RecoveryGate>,
    );
    await waitFor(() => view.host.querySelector('[data-testid="recovery-code"]') !== null);
    expect(byTestId(view.host, 'recovery-code').textContent).toBe(code.replace(/-/g, ''));
    expect(view.host.querySelector('[data-testid="the-work"]')).toBeNull();
    const done = byTestId<HTMLButtonElement>(view.host, 'recovery-done');
    expect(done.disabled).toBe(true);
    const sealed = byTestId(view.host, 'recovery-sealed');
    (sealed.tagName === 'INPUT' ? sealed : sealed.querySelector('input')!).click();
    await waitFor(() => !done.disabled);
    done.click();
    await waitFor(() => view.host.querySelector('[data-testid="the-work"]') !== null);
    expect(fake.callsOf('security.recoverySaved')).toHaveLength(1);
  });

  it('asks nothing of a clerk, and nothing when no code waits', async () => {
    answerBasics('clerk', syncStatus());
    const clerk = await render(
      <RecoveryGate user={sessionState('clerk').user!}>
        <div data-testid="the-work">work</div>
      </RecoveryGate>,
    );
    await waitFor(() => clerk.host.querySelector('[data-testid="the-work"]') !== null);
    expect(fake.callsOf('security.status')).toHaveLength(0);
    clerk.unmount();

    fake.handle('security.status', () => ok(status(false)));
    const admin = await render(
      <RecoveryGate user={sessionState('admin').user!}>
        <div data-testid="the-work">work</div>
      </RecoveryGate>,
    );
    await waitFor(() => admin.host.querySelector('[data-testid="the-work"]') !== null);
    expect(fake.callsOf('security.recovery')).toHaveLength(0);
  });
});
