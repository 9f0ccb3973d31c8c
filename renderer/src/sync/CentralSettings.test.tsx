// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../preload/contract/envelope';
import type { Role } from '../../../preload/contract/roles';
import i18n from '../i18n';
import { CentralSettings } from './CentralSettings';
import { fake } from './fake-bridge';
import {
  answerBasics,
  byTestId,
  render,
  settle,
  setUpComponentTests,
  syncStatus,
  typeInto,
  waitFor,
} from './test-support';

vi.mock('../bridge', async () => (await import('./fake-bridge')).fakeBridgeModule);

setUpComponentTests();

const notEnrolled = syncStatus({ enrolled: false, online: false, centralUrl: '', workstationId: null });

async function settings(role: Role = 'admin', status = notEnrolled): Promise<HTMLElement> {
  answerBasics(role, status);
  const { host } = await render(<CentralSettings />);
  await settle();
  return host;
}

async function fillAndSubmit(host: HTMLElement, url: string, code: string): Promise<void> {
  typeInto(byTestId<HTMLInputElement>(host, 'central-url'), url);
  typeInto(byTestId<HTMLInputElement>(host, 'central-code'), code);
  act(() => byTestId(host, 'central-enrol').click());
  await settle(50);
}

const fieldErrors = (host: HTMLElement) =>
  Array.from(host.querySelectorAll('.ant-form-item-explain-error')).map((el) => el.textContent);

describe('settings → 中心', () => {
  it('refuses a malformed code on the client, in the contract’s words, without calling main', async () => {
    const host = await settings();
    await fillAndSubmit(host, 'http://127.0.0.1:8790', 'ABCD-1234');
    await waitFor(() => fieldErrors(host).length > 0);
    expect(fieldErrors(host)).toEqual(['注册码格式为 XXXX-XXXX-XXXX（向中心管理员索取）']);
    expect(fake.callsOf('sync.enrol')).toHaveLength(0);
  });

  it('refuses an address that is not http(s)', async () => {
    const host = await settings();
    await fillAndSubmit(host, 'ftp://central', 'ABCD-EFGH-JKLM');
    await waitFor(() => fieldErrors(host).length > 0);
    expect(fieldErrors(host)).toEqual(['中心地址须为 https:// 开头的网址：请按中心管理员提供的地址填写']);
    expect(fake.callsOf('sync.enrol')).toHaveLength(0);
  });

  it('refuses plain http to another machine, in the clerk’s language, without calling main', async () => {
    const host = await settings();
    await fillAndSubmit(host, 'http://example.com', 'ABCD-EFGH-JKLM');
    await waitFor(() => fieldErrors(host).length > 0);
    expect(fieldErrors(host)).toEqual([
      '中心地址须使用 https://：只有本机地址（127.0.0.1、localhost、::1）可以用 http://，请改为 https:// 开头的地址',
    ]);
    await act(() => i18n.changeLanguage('en'));
    act(() => byTestId(host, 'central-enrol').click());
    await settle(50);
    await waitFor(() => fieldErrors(host)[0]?.startsWith('The central address must use https://') ?? false);
    expect(fake.callsOf('sync.enrol')).toHaveLength(0);
  });

  it("shows central's refusal next to the form and keeps what was typed", async () => {
    const host = await settings();
    fake.handle('sync.enrol', () =>
      fail('enrol_failed', { detail: '中心拒绝了该请求（HTTP 403）：注册码无效、已使用或已过期' }),
    );
    await fillAndSubmit(host, ' http://127.0.0.1:8790 ', 'abcd-efgh-jkmn');
    expect(fake.callsOf('sync.enrol')).toEqual([{ centralUrl: 'http://127.0.0.1:8790', code: 'ABCD-EFGH-JKMN' }]);
    expect(byTestId(host, 'central-enrol-error').textContent).toContain(
      '中心拒绝了该请求（HTTP 403）：注册码无效、已使用或已过期',
    );
    expect(byTestId<HTMLInputElement>(host, 'central-url').value).toBe(' http://127.0.0.1:8790 ');
    expect(byTestId<HTMLInputElement>(host, 'central-code').value).toBe('ABCD-EFGH-JKMN');
  });

  it('shows 已注册 with the workstation id once enrolled, and clears the one-time code', async () => {
    const host = await settings();
    expect(byTestId(host, 'central-not-enrolled').textContent).toContain('未注册');
    fake.handle('sync.enrol', () => ok(syncStatus({ workstationId: 'ws-7f3a' })));
    await fillAndSubmit(host, 'http://127.0.0.1:8790', 'ABCD-EFGH-JKMN');
    expect(byTestId(host, 'central-enrolled').textContent).toContain('已注册：工作站编号 ws-7f3a');
    expect(byTestId<HTMLInputElement>(host, 'central-code').value).toBe('');
    expect(byTestId(host, 'central-enrol').textContent).toContain('重新注册');
  });

  it('shows others the address and state, with no form', async () => {
    const host = await settings('clerk', syncStatus({ workstationId: 'ws-7f3a' }));
    expect(host.querySelector('[data-testid="central-form"]')).toBeNull();
    const readOnly = byTestId(host, 'central-read-only');
    expect(readOnly.textContent).toContain('http://127.0.0.1:8790');
    expect(readOnly.textContent).toContain('已注册：工作站编号 ws-7f3a');
  });
});
