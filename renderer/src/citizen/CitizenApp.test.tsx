// @vitest-environment jsdom
import axe from 'axe-core';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CitizenHello, CitizenView } from '../../../preload/contract/citizen';
import { fail, ok } from '../../../preload/contract/envelope';
import { errorText } from '../../../preload/contract/errors';
import i18n from '../i18n';
import { fake } from '../sync/fake-bridge';
import { byTestId, settle, setUpComponentTests, waitFor } from '../sync/test-support';
import { CitizenApp } from './CitizenApp';
import { resumeStorageKey } from './use-citizen-screen';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

/** Mounted bare, as main.tsx mounts it: no session, no sync, no queue provider (they would call main). */
let root: Root | null = null;
async function mount(): Promise<HTMLElement> {
  await i18n.changeLanguage('zh-CN');
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<CitizenApp />));
  await settle();
  return host;
}

beforeEach(() => window.sessionStorage.clear());
afterEach(() => {
  if (root) act(() => root!.unmount());
  root = null;
  window.localStorage.clear();
});

function view(over: Partial<CitizenView> = {}): CitizenView {
  return {
    locale: 'zh-CN',
    counter: { hallName: '张店区市民中心', windowNumber: 3, clerkName: '王小明', staffNumber: 'clerk07' },
    ticket: { number: 'A005', queueName: '户籍、居住证' },
    case: {
      matterName: '居住证签注',
      subject: 'individual',
      applicant: { name: '张*三', idType: 'resident', idNumber: '370303********1234', phone: '138****5678' },
      enterprise: null,
      agent: null,
      checklist: [
        { name: '居民身份证', required: true, status: 'present', pages: 2 },
        { name: '居住证明', required: true, status: 'missing', pages: 0 },
        { name: '照片', required: false, status: 'optional', pages: 0 },
      ],
      promisedDays: 5,
      promisedDate: null,
      notice: null,
    },
    rating: null,
    idle: { notices: ['请提前准备好身份证'], matters: ['居住证签注'] },
    ...over,
  };
}

const paired = (v: CitizenView, resume = 'resume-1'): CitizenHello => ({ paired: true, view: v, resume });
const code = (locale: CitizenView['locale'] = 'zh-CN'): CitizenHello => ({
  paired: false,
  code: '482913',
  expiresAt: '2026-12-07T02:10:00.000Z',
  locale,
});
const openRating = (over: Partial<CitizenView> = {}) =>
  view({ rating: { promptId: 'p-1', stage: 'accepted', state: 'open' }, ...over });

const click = (element: Element) => act(() => (element as HTMLElement).click());
const submit = (host: HTMLElement) => byTestId<HTMLButtonElement>(host, 'rating-submit');

describe('the citizen screen', () => {
  it('shows the pairing code, large, while unpaired, and asks only citizen.hello', async () => {
    fake.handle('citizen.hello', () => ok(code()));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-code"]') !== null);
    expect(byTestId(host, 'citizen-code').textContent).toBe('482913');
    expect(host.textContent).toContain('请窗口工作人员在工作台输入此配对码');
    // The expiry in the hall's time (02:10 UTC is 10:10 in Shanghai), whatever the PC's zone.
    expect(byTestId(host, 'citizen-code-expires').textContent).toContain('10:10');
    expect(fake.callsOf('citizen.hello')).toEqual([{}]);
    expect(new Set(fake.calls.map((c) => c.channel))).toEqual(new Set(['citizen.hello']));
  });

  it('renders a pushed view: the masked details as they came, the missing material marked', async () => {
    fake.handle('citizen.hello', () => ok(code()));
    const host = await mount();
    act(() => fake.emit('citizen.view', paired(view())));
    await waitFor(() => host.querySelector('[data-testid="citizen-case"]') !== null);
    expect(byTestId(host, 'citizen-top').textContent).toContain('3 号窗口');
    expect(byTestId(host, 'citizen-top').textContent).toContain('clerk07');
    expect(byTestId(host, 'citizen-ticket').textContent).toContain('A005');
    const applicant = byTestId(host, 'citizen-applicant').textContent;
    expect(applicant).toContain('张*三');
    expect(applicant).toContain('370303********1234');
    expect(applicant).toContain('138****5678');
    expect(host.textContent).toContain('请核对您的信息');
    expect(byTestId(host, 'citizen-missing-count').textContent).toBe('还缺 1 项材料');
    const missing = host.querySelectorAll('[data-status="missing"]');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.textContent).toContain('居住证明');
    expect(missing[0]!.textContent).toContain('缺少');
    expect(byTestId(host, 'citizen-promise').textContent).toBe('承诺时限：5 个工作日');
    expect(window.sessionStorage.getItem(resumeStorageKey)).toBe('resume-1');
  });

  it('shows the notice as its first page reads, with the promised date as it came', async () => {
    const decided = view();
    decided.case = {
      ...decided.case!,
      promisedDate: '2026-12-14',
      notice: {
        kind: 'supplement',
        title: '一次性补正告知书',
        caseNumber: '370303-20261207-003-0001',
        lines: [{ name: '居住证明', reason: '未提供' }],
        dueDate: '2026-12-21',
      },
    };
    fake.handle('citizen.hello', () => ok(paired(decided)));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-notice"]') !== null);
    const notice = byTestId(host, 'citizen-notice').textContent;
    expect(notice).toContain('即将打印的文书（第一页）');
    expect(notice).toContain('一次性补正告知书');
    expect(notice).toContain('370303-20261207-003-0001');
    expect(notice).toContain('居住证明：未提供');
    expect(byTestId(host, 'citizen-notice-due').textContent).toBe('请于此日期前补齐材料：2026-12-21');
    expect(byTestId(host, 'citizen-promise').textContent).toBe('承诺办结日期：2026-12-14');
  });

  it('says hello with the resume it kept, and shows only 请稍候 while disconnected', async () => {
    window.sessionStorage.setItem(resumeStorageKey, 'resume-9');
    fake.handle('citizen.hello', () => ok(paired(view(), 'resume-9')));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-case"]') !== null);
    expect(fake.callsOf('citizen.hello')).toEqual([{ resume: 'resume-9' }]);

    act(() => fake.setConnection('closed'));
    expect(host.querySelector('[data-testid="citizen-view"]')).toBeNull();
    expect(host.textContent).toBe('请稍候');

    act(() => fake.setConnection('connected'));
    await waitFor(() => host.querySelector('[data-testid="citizen-case"]') !== null);
    expect(fake.callsOf('citizen.hello')).toHaveLength(2);
  });

  it('forgets a resume that no longer pairs, and shows the code instead', async () => {
    window.sessionStorage.setItem(resumeStorageKey, 'stale');
    fake.handle('citizen.hello', () => ok(code()));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-code"]') !== null);
    expect(window.sessionStorage.getItem(resumeStorageKey)).toBeNull();
  });

  it('shows the notices and matters while the window is idle', async () => {
    fake.handle('citizen.hello', () => ok(paired(view({ case: null, ticket: null }))));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-idle"]') !== null);
    expect(byTestId(host, 'citizen-idle').textContent).toContain('请提前准备好身份证');
    expect(byTestId(host, 'citizen-idle').textContent).toContain('本窗口办理事项');
  });
});

describe('the rating on the citizen screen', () => {
  it('has no level chosen; a 差评 needs a reason before it can be submitted, and sends what was chosen', async () => {
    fake.handle('citizen.hello', () => ok(paired(openRating())));
    fake.handle('citizen.rate', () => ok({ rated: true as const }));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-rating"]') !== null);
    const radios = host.querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(radios).toHaveLength(5);
    expect([...radios].some((r) => r.checked)).toBe(false);
    expect(submit(host).disabled).toBe(true);

    click(byTestId(host, 'rating-level-unsatisfied'));
    expect(host.querySelectorAll('input[type="checkbox"]')).toHaveLength(7);
    expect(submit(host).disabled).toBe(true);
    expect(byTestId(host, 'rating-missing').textContent).toBe('请至少选择一项不满意的原因');
    // Submitting anyway (Enter in the form) sends nothing.
    act(() => host.querySelector('form')!.requestSubmit());
    expect(fake.callsOf('citizen.rate')).toEqual([]);

    click(byTestId(host, 'rating-reason-waiting'));
    click(byTestId(host, 'rating-reason-attitude'));
    const text = byTestId<HTMLTextAreaElement>(host, 'rating-text');
    act(() => {
      Reflect.set(HTMLTextAreaElement.prototype, 'value', ' 等了很久 ', text);
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(submit(host).disabled).toBe(false);
    click(submit(host));
    await waitFor(() => host.querySelector('[data-testid="citizen-thanks"]') !== null);
    expect(fake.callsOf('citizen.rate')).toEqual([
      { promptId: 'p-1', rating: { level: 'unsatisfied', reasons: ['attitude', 'waiting'], text: '等了很久' } },
    ]);
    expect(host.textContent).toContain('感谢您的评价');
    expect(new Set(fake.calls.map((c) => c.channel))).toEqual(new Set(['citizen.hello', 'citizen.rate']));
  });

  it('a good level, changed from a bad one, goes without the reasons ticked before', async () => {
    fake.handle('citizen.hello', () => ok(paired(openRating())));
    fake.handle('citizen.rate', () => ok({ rated: true as const }));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-rating"]') !== null);
    click(byTestId(host, 'rating-level-very_unsatisfied'));
    click(byTestId(host, 'rating-reason-other'));
    click(byTestId(host, 'rating-level-satisfied'));
    expect(host.querySelectorAll('input[type="checkbox"]')).toHaveLength(0);
    click(submit(host));
    await waitFor(() => host.querySelector('[data-testid="citizen-thanks"]') !== null);
    expect(fake.callsOf('citizen.rate')[0]).toEqual({
      promptId: 'p-1',
      rating: { level: 'satisfied', reasons: [], text: '' },
    });
  });

  it('says a refusal in words and keeps what was chosen', async () => {
    fake.handle('citizen.hello', () => ok(paired(openRating())));
    fake.handle('citizen.rate', () => fail('rating_not_open'));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-rating"]') !== null);
    click(byTestId(host, 'rating-level-very_unsatisfied'));
    click(byTestId(host, 'rating-reason-slow_handling'));
    click(submit(host));
    await waitFor(() => host.querySelector('[data-testid="rating-error"]') !== null);
    expect(byTestId(host, 'rating-error').textContent).toBe(errorText('rating_not_open', undefined, 'zh-CN'));
    expect(byTestId<HTMLInputElement>(host, 'rating-level-very_unsatisfied').checked).toBe(true);
    expect(byTestId<HTMLInputElement>(host, 'rating-reason-slow_handling').checked).toBe(true);
    expect(submit(host).disabled).toBe(false);
  });

  it('thanks the citizen when the view says rated', async () => {
    fake.handle('citizen.hello', () => ok(paired(openRating())));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-rating"]') !== null);
    act(() =>
      fake.emit('citizen.view', paired(view({ rating: { promptId: 'p-1', stage: 'accepted', state: 'rated' } }))),
    );
    await waitFor(() => host.querySelector('[data-testid="citizen-thanks"]') !== null);
    expect(host.querySelector('input[type="radio"]')).toBeNull();
  });

  it('names the levels in English after the switch, and the next citizen starts in Chinese', async () => {
    fake.handle('citizen.hello', () => ok(paired(openRating())));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-rating"]') !== null);
    click(byTestId(host, 'citizen-language'));
    await settle();
    expect(host.textContent).toContain('Very dissatisfied');
    expect(document.documentElement.lang).toBe('en');
    act(() => fake.emit('citizen.view', paired(view({ case: null, rating: null }))));
    await waitFor(() => i18n.language === 'zh-CN');
    expect(host.textContent).toContain('欢迎您');
  });
});

describe('the language of the citizen screen', () => {
  it("starts in main's locale, English, whatever this PC's own choice", async () => {
    window.localStorage.setItem('yichuang.locale', 'zh-CN');
    fake.handle('citizen.hello', () => ok(paired(view({ locale: 'en' }))));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-case"]') !== null);
    await waitFor(() => i18n.language === 'en');
    expect(byTestId(host, 'citizen-top').textContent).toContain('Window 3');
    expect(host.textContent).toContain('Please check your details');
    expect(document.documentElement.lang).toBe('en');
    expect(byTestId(host, 'citizen-language').textContent).toBe('中文');
  });

  it('shows the pairing code in the locale the unpaired hello carries', async () => {
    fake.handle('citizen.hello', () => ok(code('en')));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-code"]') !== null);
    await waitFor(() => i18n.language === 'en');
    expect(host.textContent).toContain('Please ask the clerk to type this code at the workstation');
  });

  it('follows the locale of each pushed view', async () => {
    fake.handle('citizen.hello', () => ok(paired(view())));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-case"]') !== null);
    expect(i18n.language).toBe('zh-CN');
    act(() => fake.emit('citizen.view', paired(view({ locale: 'en' }))));
    await waitFor(() => i18n.language === 'en');
    expect(host.textContent).toContain('Please check your details');
  });

  it("keeps the citizen's switch for the visit, never stores it, and the next citizen starts in main's locale", async () => {
    fake.handle('citizen.hello', () => ok(paired(view({ locale: 'en' }))));
    const host = await mount();
    await waitFor(() => i18n.language === 'en');
    click(byTestId(host, 'citizen-language'));
    await waitFor(() => i18n.language === 'zh-CN');
    // The same visit goes on (another push, main's locale unchanged): the citizen's choice stays.
    act(() => fake.emit('citizen.view', paired(openRating({ locale: 'en' }))));
    await waitFor(() => host.querySelector('[data-testid="citizen-rating"]') !== null);
    await settle();
    expect(i18n.language).toBe('zh-CN');
    expect(host.textContent).toContain('请您对本次服务作出评价');
    expect(window.localStorage.getItem('yichuang.locale')).toBeNull();
    // The visit ends: back to the workstation's default.
    act(() => fake.emit('citizen.view', paired(view({ locale: 'en', case: null, rating: null }))));
    await waitFor(() => i18n.language === 'en');
    expect(host.textContent).toContain('Welcome');
    expect(window.localStorage.getItem('yichuang.locale')).toBeNull();
  });
});

describe('the citizen screen for axe', () => {
  it('finds nothing on a case with the rating open (contrast is checked in the browser, not in jsdom)', async () => {
    const decided = openRating();
    decided.case = {
      ...decided.case!,
      agent: { name: '李*', idType: 'resident', idNumber: '370303********5678', phone: '' },
      notice: { kind: 'receipt', title: '受理回执', caseNumber: 'X-1', lines: [], dueDate: '2026-12-14' },
    };
    fake.handle('citizen.hello', () => ok(paired(decided)));
    const host = await mount();
    await waitFor(() => host.querySelector('[data-testid="citizen-rating"]') !== null);
    click(byTestId(host, 'rating-level-unsatisfied'));
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    // Not only critical and serious: nothing at all (landmarks, headings, lang, labels, the radio group).
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    expect(result.passes.map((p) => p.id)).toEqual(
      expect.arrayContaining(['label', 'aria-allowed-role', 'region', 'html-has-lang', 'heading-order']),
    );
  });
});
