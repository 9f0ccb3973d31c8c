// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../../preload/contract/cases';
import type { CaseState } from '@yichuang/domain/cases';
import { CentralApproval } from './CentralApproval';
import { byTestId, render, setUpComponentTests } from './test-support';

vi.mock('../bridge', async () => (await import('./fake-bridge')).fakeBridgeModule);

setUpComponentTests();

async function show(state: CaseState, central: CaseDetail['central']): Promise<HTMLElement> {
  const { host } = await render(<CentralApproval caseId="c-1" state={state} central={central} />);
  return host;
}

const submitted = {
  kind: 'submitted' as const,
  caseVersion: 1,
  items: [],
  comment: '',
  approver: null,
  at: '2026-11-27T02:00:00.000Z',
};

describe('the 中心审批 card', () => {
  it('is absent while central has said nothing', async () => {
    const host = await show('accepted', { comment: null, approver: null, at: null, events: [] });
    expect(host.querySelector('[data-testid="case-central"]')).toBeNull();
  });

  it("shows the approver's comment, who, and every event from central", async () => {
    const host = await show('approved', {
      comment: '材料齐全，准予许可，请于 3 个工作日后领取证照',
      approver: '李审批',
      at: '2026-11-27T06:30:00.000Z',
      events: [
        submitted,
        {
          kind: 'in_review',
          caseVersion: 1,
          items: [],
          comment: '',
          approver: '李审批',
          at: '2026-11-27T03:00:00.000Z',
        },
        {
          kind: 'approved',
          caseVersion: 1,
          items: [],
          comment: '材料齐全，准予许可，请于 3 个工作日后领取证照',
          approver: '李审批',
          at: '2026-11-27T06:30:00.000Z',
        },
      ],
    });
    const card = byTestId(host, 'case-central');
    expect(card.querySelector('.ant-tag[data-state="approved"]')?.textContent).toBe('已批准');
    expect(byTestId(host, 'central-comment').textContent).toBe('材料齐全，准予许可，请于 3 个工作日后领取证照');
    expect(card.textContent).toContain('李审批');
    const events = Array.from(byTestId(host, 'central-history').querySelectorAll('[data-kind]'));
    expect(events.map((e) => e.getAttribute('data-kind'))).toEqual(['submitted', 'in_review', 'approved']);
    expect(events[0]!.textContent).toContain('报送');
    expect(events[2]!.textContent).toContain('已批准');
    expect(host.querySelector('[data-testid="central-supplement"]')).toBeNull();
  });

  it('makes a supplement asked for by central stand out, with its comment', async () => {
    const host = await show('supplement_requested_by_central', {
      comment: '请补充房屋租赁合同原件',
      approver: '李审批',
      at: '2026-11-27T06:30:00.000Z',
      events: [
        submitted,
        {
          kind: 'supplement_requested',
          caseVersion: 1,
          items: [],
          comment: '请补充房屋租赁合同原件',
          approver: '李审批',
          at: '2026-11-27T06:30:00.000Z',
        },
      ],
    });
    const alert = byTestId(host, 'central-supplement');
    expect(alert.textContent).toContain('中心要求补正');
    expect(alert.textContent).toContain('请补充房屋租赁合同原件');
    expect(alert.classList.contains('ant-alert-warning')).toBe(true);
  });
});
