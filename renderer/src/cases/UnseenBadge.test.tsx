// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../preload/contract/envelope';
import type { CaseSummary } from '../../../preload/contract/cases';
import type { CatalogInfo } from '@yichuang/domain/catalog';
import { fake } from '../sync/fake-bridge';
import { answerBasics, byTestId, render, setUpComponentTests, syncStatus, waitFor } from '../sync/test-support';
import { CaseList } from './CaseList';
import { UnseenCount } from './UnseenBadge';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

const number = '370303-20261127-003-0001';

function row(centralUnseen: boolean): CaseSummary {
  return {
    id: '7d0c2b1e-5b0a-4f7e-9c1d-2a3b4c5d6e7f',
    number,
    version: 1,
    state: 'supplement_requested_by_central',
    matterCode: 'TEST-JZZ-001',
    matterName: '居住证申领',
    subject: 'individual',
    applicantName: '张三',
    applicantIdMasked: '370303********1234',
    clerkId: 1,
    clerkName: '李四',
    windowNumber: 3,
    createdAt: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-27T06:00:00.000Z',
    decidedAt: '2026-11-27T02:10:00.000Z',
    promisedDate: '2026-12-04',
    promisedProvisional: false,
    daysLeft: null,
    paused: true,
    centralUnseen,
  };
}

/** The list and the menu's count as main answers them: `unseen` cases with central's news. */
function answer(unseen: boolean): void {
  fake.handle('cases.list', () => ok({ rows: [row(unseen)], total: 1 }));
  fake.handle('cases.unseenCount', () => ok({ count: unseen ? 1 : 0 }));
}

describe("central's decision in 办件", () => {
  it('marks the case in the list, counts it on the menu and announces it with the number, until it is seen', async () => {
    answerBasics('clerk', syncStatus());
    fake.handle('catalog.list', () => ok({ info: {} as CatalogInfo, matters: [] }));
    answer(false);
    const { host } = await render(
      <>
        <span data-testid="menu">
          <UnseenCount />
        </span>
        <CaseList onOpen={() => undefined} />
      </>,
    );
    await waitFor(() => host.querySelector(`[data-testid="case-row-${number}"]`) !== null);
    expect(host.querySelector('[data-testid="case-unseen"]')).toBeNull();
    expect(byTestId(host, 'menu').textContent).toBe('');

    // Central asks for a supplement: main pushes the event and the new count.
    answer(true);
    fake.emit('sync.caseEvent', {
      caseId: row(true).id,
      number,
      kind: 'supplement_requested',
      comment: '原件一并带来',
      approver: '王审批',
      items: [
        { itemId: 'photo', name: '近期一寸免冠照片', reason: '须为白底照片' },
        { itemId: 'residence-proof', name: '居住证明', reason: '租房合同未备案' },
      ],
    });
    fake.emit('cases.unseenChanged', { count: 1 });
    await waitFor(() => host.querySelector('[data-testid="case-unseen"]') !== null);
    const marked = byTestId(host, `case-row-${number}`);
    expect(marked.getAttribute('data-unseen')).toBe('true');
    expect(byTestId(marked, 'case-unseen').textContent).toContain('中心新决定');
    expect(byTestId(host, 'nav-cases-unseen').textContent).toContain('1');
    expect(byTestId(host, 'nav-cases-unseen').getAttribute('aria-label')).toBe('1 件中心新决定未查看');
    const announced = byTestId(document.body, 'central-announcer');
    expect(announced.getAttribute('aria-live')).toBe('polite');
    expect(announced.textContent).toContain(number);
    expect(announced.textContent).toContain('近期一寸免冠照片、居住证明');

    // Someone opened the case page: the count drops to 0, the marker goes.
    answer(false);
    fake.emit('cases.unseenChanged', { count: 0 });
    await waitFor(() => host.querySelector('[data-testid="case-unseen"]') === null);
    expect(byTestId(host, `case-row-${number}`).getAttribute('data-unseen')).toBeNull();
    expect(host.querySelector('[data-testid="nav-cases-unseen"]')).toBeNull();
  });

  it("asks for the count only in a role that takes cases (an administrator's refusal was audited at every sign-in)", async () => {
    answerBasics('admin', syncStatus());
    answer(true);
    await render(<UnseenCount />);
    await waitFor(() => fake.callsOf('sync.status').length > 0);
    expect(fake.callsOf('cases.unseenCount')).toHaveLength(0);

    answerBasics('clerk', syncStatus());
    await render(<UnseenCount />);
    await waitFor(() => fake.callsOf('cases.unseenCount').length > 0);
  });
});
