// @vitest-environment jsdom
import { act, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { CaseDraft } from '@yichuang/domain/cases';
import { emptyDraft } from '@yichuang/domain/cases';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { liSiId } from '@yichuang/domain/testing/ids';
import type { CaseDetail } from '../../../preload/contract/cases';
import type { CardRead, Identity } from '../../../preload/contract/devices';
import { ok } from '../../../preload/contract/envelope';
import { useSession } from '../app/session';
import { DevicesProvider } from '../devices/devices-context';
import { fake } from '../sync/fake-bridge';
import { answerBasics, render, typeInto, settle, setUpComponentTests, syncStatus, waitFor } from '../sync/test-support';
import { IntakeScreen } from './IntakeScreen';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

const matters = testCatalog().matters.map((m) => ({ ...m, initials: '', pinyin: '' }));

const liIdentity: Identity = {
  cardType: 'resident',
  name: '李四',
  sex: 'female',
  nationCode: '01',
  nation: '汉',
  birthDate: '1985-12-12',
  address: '山东省淄博市张店区共青团西路126号',
  idNumber: liSiId,
  checkDigitValid: true,
  issuer: '淄博市公安局张店分局',
  validFrom: '2019-09-02',
  validTo: '2029-09-02',
  longTerm: false,
  appendedAddress: null,
};

function read(readId: string): CardRead {
  return {
    readId,
    deviceId: 'sim-idcard',
    readAt: new Date().toISOString(),
    identity: { ...liIdentity, idNumber: `${liSiId.slice(0, 6)}********${liSiId.slice(-4)}` },
    expired: false,
    photo: { present: false, bytes: 0, dataUrl: null },
    fingerprint: false,
    simulated: true,
  };
}

function detail(id: string, draft: CaseDraft): CaseDetail {
  const now = new Date().toISOString();
  return {
    id,
    number: null,
    version: 1,
    state: 'draft',
    matterCode: draft.matterCode,
    matterName: null,
    subject: null,
    applicantName: '',
    applicantIdMasked: '',
    clerkId: 1,
    clerkName: '王小明',
    windowNumber: 3,
    createdAt: now,
    updatedAt: now,
    decidedAt: null,
    promisedDate: null,
    promisedProvisional: false,
    daysLeft: null,
    paused: false,
    revision: 1,
    catalogVersion: null,
    applicant: null,
    enterprise: null,
    agent: null,
    draft,
    decisions: [],
    timeline: [],
    central: { comment: null, approver: null, at: null, events: [] },
  } as unknown as CaseDetail;
}

/** The calls every intake makes, with the reader holding `current` (a read, or nothing). */
function answerIntake(current: () => CardRead | null): void {
  answerBasics('clerk', syncStatus());
  fake.handle('catalog.list', () =>
    ok({ info: { version: 1, publishedAt: '', publisher: '', source: 'shipped' }, matters } as never),
  );
  fake.handle('materials.hotFolder', () =>
    ok({ folder: null, watching: false, problem: null, problemCode: null, problemParams: null, arrivals: [] }),
  );
  fake.handle('cases.myDrafts', () => ok([]));
  fake.handle('devices.list', () => ok([]));
  fake.handle('idcard.current', () => ok(current()));
  fake.handle('idcard.readNow', () => ok({ done: true } as never));
  fake.handle('calendar.promisedDate', () => ok('2026-12-10' as never));
  fake.handle('cases.takeCard', () => ok(liIdentity));
  fake.handle('cases.history', () =>
    ok({ found: false, caseCount: 0, name: null, form: {}, phone: null, address: null, details: {}, actedFor: null }),
  );
  let revision = 1;
  fake.handle('cases.saveDraft', () => ok({ revision: ++revision, savedAt: new Date().toISOString() }));
}

/** As in the shell: the intake is there once someone is signed in. */
function SignedIn({ children }: { children: ReactNode }) {
  return useSession().state?.user ? children : null;
}

const screen = (openCaseId: string | null = null) =>
  render(
    <SignedIn>
      <DevicesProvider active>
        <IntakeScreen openCaseId={openCaseId} onOpened={() => undefined} />
      </DevicesProvider>
    </SignedIn>,
  );

/** The value of an input, '' while it is not on screen. */
const valueOf = (host: HTMLElement, id: string) =>
  host.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)?.value ?? '';

describe('the intake and the card', () => {
  it('a card read while the clerk was on 设备 fills the draft reopened on return, not a second one', async () => {
    let current: CardRead | null = null;
    answerIntake(() => current);
    let created = 0;
    fake.handle('cases.create', () => ok(detail(`case-${++created}`, emptyDraft(null))));
    // Reopening the draft takes a moment, as over IPC.
    fake.handle('cases.get', async (raw) => {
      await new Promise((resolve) => setTimeout(resolve, 80));
      const { caseId } = raw as { caseId: string };
      return ok(detail(caseId, { ...emptyDraft(null), person: { ...emptyDraft(null).person, name: '张三' } }));
    });

    const first = await screen();
    current = read('11111111-1111-4111-8111-111111111111');
    act(() => fake.emit('idcard.read', current!));
    await waitFor(() => created === 1 && valueOf(first.host, 'person-name') === '李四');
    await settle(400);
    first.unmount();

    // On 设备 the agent puts another card down; back on the intake.
    current = read('22222222-2222-4222-8222-222222222222');
    const back = await screen();
    await waitFor(() => fake.callsOf('cases.takeCard').length === 2);
    await settle(100);
    expect(created).toBe(1);
    expect(fake.callsOf('cases.takeCard')[1]).toMatchObject({ caseId: 'case-1' });
    back.unmount();
  });

  it('on the enterprise path the agent can be chosen and F2 reads the card on the reader into it', async () => {
    // The card is put on the reader once the agent is chosen (and read at once: F2 finds no new card).
    let onReader: CardRead | null = null;
    answerIntake(() => onReader);
    const draft: CaseDraft = { ...emptyDraft('TEST-GSSL-001'), selectedItemId: 'application' };
    draft.enterprise = { ...draft.enterprise, name: '淄博一窗科技有限公司', legalRepresentative: '王法人' };
    fake.handle('cases.get', () => ok(detail('case-e', draft)));
    const view = await screen('case-e');
    await waitFor(() => view.host.querySelector('[data-testid="enterprise-name"]') !== null);

    const agent = view.host.querySelector<HTMLInputElement>('[data-testid="card-slot"] input[value="agent"]')!;
    expect(agent.disabled).toBe(false);
    act(() => agent.click());
    await waitFor(() => view.host.querySelector('[data-testid="agent-name"]') !== null);
    onReader = read('33333333-3333-4333-8333-333333333333');
    act(() => fake.emit('idcard.read', onReader));
    await waitFor(() => valueOf(view.host, 'agent-name') === '李四');
    // The clerk clears it by mistake: F2 takes the card on the reader again.
    typeInto(view.host.querySelector<HTMLInputElement>('[data-testid="agent-name"]')!, '');
    await waitFor(() => valueOf(view.host, 'agent-name') === '');

    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true })));
    await waitFor(() => valueOf(view.host, 'agent-name') === '李四');
    expect(fake.callsOf('idcard.readNow')).toHaveLength(1);
    expect(valueOf(view.host, 'enterprise-legal-rep')).toBe('王法人');
  });
});

describe('the intake and the citizen screen', () => {
  it('tells main the case it opened, and no case once it closes', async () => {
    answerIntake(() => null);
    const caseId = '44444444-4444-4444-8444-444444444444';
    fake.handle('cases.get', () => ok(detail(caseId, emptyDraft('TEST-GSSL-001'))));
    // A refusal (no citizen screen here) changes nothing on the intake.
    const view = await screen(caseId);
    await waitFor(() => fake.callsOf('citizen.show').some((c) => (c as { caseId: unknown }).caseId === caseId));
    view.unmount();
    expect(fake.callsOf('citizen.show').at(-1)).toEqual({ caseId: null });
  });
});
