// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../preload/contract/envelope';
import type { Role } from '../../../preload/contract/roles';
import type { SessionState, SettingsProblem, WorkstationSettings } from '../../../preload/contract/schemas';
import { fake } from '../sync/fake-bridge';
import {
  byTestId,
  render,
  sessionState,
  settle,
  setUpComponentTests,
  typeInto,
  waitFor,
  workstationSettings,
} from '../sync/test-support';
import { App } from './App';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

/** What settings.get answers while the window number is broken: its placeholder stands in. */
const placeholders: WorkstationSettings = workstationSettings();

const problem: SettingsProblem = {
  field: 'windowNumber',
  kind: 'invalid',
  message: '窗口号「0」无效：窗口号为 1–999',
};

function broken(role: Role | null): SessionState {
  const state = sessionState(role ?? 'clerk');
  return { ...state, user: role ? state.user : null, settingsProblems: [problem] };
}

async function show(state: SessionState): Promise<HTMLElement> {
  fake.handle('session.state', () => ok(state));
  const { host } = await render(<App />);
  await waitFor(() => host.querySelector('[data-testid="settings-repair"]') !== null);
  return host;
}

describe('broken window settings: the repair screen, not the workstation', () => {
  it('before sign-in: the reason and a sign-in for the administrator', async () => {
    const host = await show(broken(null));
    expect(byTestId(host, 'settings-problem-windowNumber').textContent).toBe('窗口号「0」无效：窗口号为 1–999');
    expect(host.textContent).toContain('请管理员登录后在此修复；其他人员请联系管理员。');
    expect(byTestId(host, 'sign-in-username')).toBe(document.activeElement);
  });

  it('a clerk sees the reason and 请联系管理员, and cannot reach intake', async () => {
    const host = await show(broken('clerk'));
    expect(byTestId(host, 'repair-contact-admin').textContent).toContain('请联系管理员修复窗口设置');
    expect(host.querySelector('[data-testid="intake"]')).toBeNull();
    expect(host.querySelector('[data-testid="repair-save"]')).toBeNull();
    expect(fake.callsOf('settings.get')).toHaveLength(0);
  });

  it('the administrator fixes the window: only sound values are filled in, the fix is saved, then the workstation opens', async () => {
    fake.handle('settings.get', () => ok(placeholders));
    fake.handle('settings.update', () => ok({ ...placeholders, windowNumber: 6 }));
    const host = await show(broken('admin'));
    await waitFor(() => byTestId<HTMLInputElement>(host, 'window-hall').value !== '');
    // The broken window number starts empty (not the placeholder 1), and has the focus.
    const windowNumber = byTestId<HTMLInputElement>(host, 'window-number');
    expect(windowNumber.value).toBe('');
    expect(windowNumber).toBe(document.activeElement);
    expect(byTestId<HTMLInputElement>(host, 'window-district').value).toBe('370303');

    const fixed = broken('admin');
    fixed.settingsProblems = [];
    fake.handle('session.state', () => ok(fixed));
    typeInto(windowNumber, '6');
    act(() => byTestId(host, 'repair-save').click());
    await waitFor(() => host.querySelector('[data-testid="settings-repair"]') === null);
    expect(fake.callsOf('settings.update')).toEqual([
      { districtCode: '370303', windowNumber: 6, hallName: '张店区市民中心' },
    ]);
    expect(host.querySelector('.shell')).not.toBeNull();
    await settle();
  });
});
