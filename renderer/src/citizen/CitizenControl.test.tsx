// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CitizenStatus, CitizenView } from '../../../preload/contract/citizen';
import { fail, ok } from '../../../preload/contract/envelope';
import { errorText } from '../../../preload/contract/errors';
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
import { tokenStorageKey } from '../transport/token';
import { CitizenStatusProvider } from './citizen-status';
import { CitizenControl } from './CitizenControl';
import { citizenPageAddress } from './CitizenPairing';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function status(over: Partial<CitizenStatus> = {}): CitizenStatus {
  return { screen: 'none', caseId: null, rating: null, displays: [], ...over };
}

/** What `citizen.preview` answers: the masked view, a rating open. */
function preview(over: Partial<CitizenView> = {}): CitizenView {
  return {
    locale: 'zh-CN',
    counter: { hallName: '张店区市民中心', windowNumber: 3, clerkName: '王小明', staffNumber: 'clerk07' },
    ticket: null,
    case: {
      matterName: '居住证签注',
      subject: 'individual',
      applicant: { name: '张*三', idType: 'resident', idNumber: '370303********1234', phone: '138****5678' },
      enterprise: null,
      agent: null,
      checklist: [{ name: '居民身份证', required: true, status: 'present', pages: 2 }],
      promisedDays: 5,
      promisedDate: null,
      notice: null,
    },
    rating: { promptId: 'p-1', stage: 'accepted', state: 'open' },
    idle: { notices: [], matters: [] },
    ...over,
  };
}

async function control(first: CitizenStatus = status()) {
  answerBasics('clerk', syncStatus());
  fake.handle('citizen.status', () => ok(first));
  const view = await render(
    <CitizenStatusProvider active>
      <CitizenControl />
    </CitizenStatusProvider>,
  );
  await waitFor(() => byTestId(view.host, 'citizen-control').dataset.screen !== 'unknown');
  return view.host;
}

/** What the control says: its label (the status bar shows only an icon and its dot). */
const controlText = (host: HTMLElement) => {
  const control = byTestId(host, 'citizen-control');
  return control.getAttribute('aria-label');
};
const inDialog = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function openDialog(host: HTMLElement) {
  act(() => byTestId(host, 'citizen-control').click());
  await waitFor(() => inDialog('citizen-dialog') !== null);
}

describe("the clerk's citizen-screen control", () => {
  it('says whether the citizen screen is connected, and 已评价 / 未评价 (never the level)', async () => {
    const host = await control();
    expect(controlText(host)).toBe('群众屏：未连接');
    act(() => fake.emit('citizen.changed', status({ screen: 'paired', caseId: 'c-1', rating: 'unrated' })));
    expect(controlText(host)).toBe('群众屏：已连接，未评价');
    act(() => fake.emit('citizen.changed', status({ screen: 'paired', caseId: 'c-1', rating: 'rated' })));
    expect(controlText(host)).toBe('群众屏：已连接，已评价');
  });

  it('pairs with the code typed (browser host), and keeps a refused code with the reason under the field', async () => {
    const host = await control();
    fake.handle('citizen.pair', () => fail('citizen_code_unknown'));
    await openDialog(host);
    expect(inDialog('citizen-display')).toBeNull();
    const input = inDialog('citizen-pair-code') as HTMLInputElement;

    typeInto(input, '12a');
    act(() => inDialog('citizen-pair')!.click());
    await waitFor(() => inDialog('citizen-pair-error') !== null);
    expect(inDialog('citizen-pair-error')!.textContent).toBe('请输入群众屏上显示的 6 位数字');
    expect(fake.callsOf('citizen.pair')).toEqual([]);

    typeInto(input, '482913');
    act(() => inDialog('citizen-pair')!.click());
    await waitFor(() => fake.callsOf('citizen.pair').length === 1);
    await waitFor(() => inDialog('citizen-pair-error')?.textContent !== '请输入群众屏上显示的 6 位数字');
    expect(fake.callsOf('citizen.pair')).toEqual([{ code: '482913' }]);
    expect(inDialog('citizen-pair-error')!.textContent).toBe(errorText('citizen_code_unknown', undefined, 'zh-CN'));
    expect(input.value).toBe('482913');

    fake.handle('citizen.pair', () => ok(status({ screen: 'paired' })));
    act(() => inDialog('citizen-pair')!.click());
    await waitFor(() => controlText(host) === '群众屏：已连接');
    await waitFor(() => inDialog('citizen-pair-error') === null);
    expect(input.value).toBe('');

    fake.handle('citizen.unpair', () => ok(status()));
    act(() => inDialog('citizen-unpair')!.click());
    await waitFor(() => controlText(host) === '群众屏：未连接');
    expect(fake.callsOf('citizen.unpair')).toEqual([{}]);
  });

  it('opens the citizen page in a new window with this tab’s token', async () => {
    window.sessionStorage.setItem(tokenStorageKey, 'tok/1');
    const opened = { opener: {} as unknown };
    const open = vi.spyOn(window, 'open').mockReturnValue(opened as Window);
    const host = await control();
    await openDialog(host);
    act(() => inDialog('citizen-open-page')!.click());
    expect(open).toHaveBeenCalledWith(citizenPageAddress(window.location, 'tok/1'), '_blank');
    expect(open.mock.calls[0]![0]).toContain('#screen=citizen&token=tok%2F1');
    expect(opened.opener).toBeNull();
  });

  it('opens with Ctrl+Shift+S, and lists the displays in Electron instead of a code', async () => {
    const displays = [
      { id: 1, label: '内置显示器', width: 1920, height: 1080, primary: true, chosen: false },
      { id: 2, label: 'DELL P2419H', width: 1920, height: 1080, primary: false, chosen: true },
    ];
    await control(status({ screen: 'window', displays }));
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'S', ctrlKey: true, shiftKey: true }));
    });
    await waitFor(() => inDialog('citizen-dialog') !== null);
    expect(inDialog('citizen-display')).not.toBeNull();
    expect(document.body.textContent).toContain('DELL P2419H (1920×1080)');
    expect(inDialog('citizen-pair-code')).toBeNull();
    // Two displays and a citizen window: no single-display panel to offer.
    expect(inDialog('citizen-show-panel')).toBeNull();
  });

  it('with no citizen page, offers the single-display panel: the note, the rating status and the masked view', async () => {
    const host = await control(status({ rating: 'unrated', caseId: 'c-1' }));
    fake.handle('citizen.preview', () => ok(preview()));
    await openDialog(host);
    act(() => inDialog('citizen-show-panel')!.click());
    await waitFor(() => inDialog('citizen-panel') !== null);
    await waitFor(() => inDialog('citizen-applicant') !== null);
    const panel = inDialog('citizen-panel')!;
    expect(panel.firstElementChild!.textContent).toBe('单屏模式：请将屏幕转向群众核对信息');
    expect(inDialog('citizen-rating-status')!.textContent).toBe('未评价');
    const applicant = inDialog('citizen-applicant')!.textContent;
    expect(applicant).toContain('张*三');
    expect(applicant).toContain('370303********1234');
    expect(fake.callsOf('citizen.preview')[0]).toEqual({});
    // A clerk's screen never rates: no form, no level, no submit; only where the citizen may rate.
    expect(inDialog('rating-submit')).toBeNull();
    expect(inDialog('citizen-rating')).toBeNull();
    expect(panel.querySelector('form, input, button[type="submit"]')).toBeNull();
    expect(inDialog('citizen-rating-elsewhere')!.textContent).toBe('请群众在群众屏或扫描回执二维码评价');
    expect(fake.callsOf('citizen.rate')).toEqual([]);
  });

  it('asks for the preview every second while the panel is open, keeps the last view on a failure, stops when closed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const host = await control(status());
    fake.handle('citizen.preview', () => ok(preview()));
    await openDialog(host);
    act(() => inDialog('citizen-show-panel')!.click());
    await waitFor(() => inDialog('citizen-applicant') !== null);
    expect(fake.callsOf('citizen.preview')).toHaveLength(1);

    fake.handle('citizen.preview', () =>
      ok(preview({ case: null, rating: null, idle: { notices: ['新通知'], matters: [] } })),
    );
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    await waitFor(() => inDialog('citizen-idle') !== null);
    expect(fake.callsOf('citizen.preview')).toHaveLength(2);
    expect(inDialog('citizen-idle')!.textContent).toContain('新通知');

    fake.handle('citizen.preview', () => fail('internal'));
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    await waitFor(() => fake.callsOf('citizen.preview').length === 3);
    await settle();
    expect(inDialog('citizen-idle')!.textContent).toContain('新通知');

    act(() => document.querySelector<HTMLElement>('.ant-drawer-close')!.click());
    await settle();
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    await settle();
    expect(fake.callsOf('citizen.preview')).toHaveLength(3);
  });
});
