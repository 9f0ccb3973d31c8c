import { App } from 'antd';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDraft } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import type { ApplicantHistory } from '../../../preload/contract/cases';
import type { CardRead } from '../../../preload/contract/devices';
import { api } from '../bridge';
import { useDevices } from '../devices/devices-context';
import { useRun } from '../lib/result';
import type { CardSlot, HistoryOf } from './ApplicantPanel';
import { focusFirstEmpty } from './focus';
import { recentReadMs, usedReads } from './page-memory';
import { personFromCard, prefillEnterprise, prefillForm, prefillPerson } from './prefill';
import type { DraftHandle } from './use-draft';

interface ApplicantIntakeDeps {
  /** The screen's latest draft, matter and card slot, for handlers that outlive a render. */
  live: RefObject<{ draft: CaseDraft | null; matter: Matter | null; cardSlot: CardSlot }>;
  ensureCase: (matterCode: string | null) => Promise<string | null>;
  update: DraftHandle['update'];
  onCardTaken: () => void;
  focusMatter: () => unknown;
}

/**
 * Who applies, from the card and from earlier cases: a card read fills the applicant (for an
 * enterprise its legal representative) or the agent, as the clerk chose; F2 reads it; a whole ID
 * number or credit code brings what that applicant gave before.
 */
export function useApplicantIntake({ live, ensureCase, update, onCardTaken, focusMatter }: ApplicantIntakeDeps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const { card } = useDevices();
  /** The latest earlier-case history of this draft's applicant, for a matter picked after the card. */
  const history = useRef<{ key: string; found: ApplicantHistory } | null>(null);

  const earlierOf = useCallback((whose: HistoryOf, idNumber: string): ApplicantHistory | null => {
    const key = `${whose}:${idNumber.toUpperCase()}`;
    return history.current?.key === key ? history.current.found : null;
  }, []);

  const forget = useCallback(() => {
    history.current = null;
  }, []);

  /**
   * The applicant's (or the agent's) earlier cases: what they gave before fills what is still
   * empty, for this matter and for one picked later; an agent brings the enterprise they last
   * acted for.
   */
  const lookUpHistory = useCallback(
    async (whose: HistoryOf, idNumber: string, quiet = false) => {
      const kind = whose === 'enterprise' ? 'enterprise' : 'person';
      const key = `${whose}:${idNumber.toUpperCase()}`;
      const known = earlierOf(whose, idNumber);
      let found = known;
      if (!found) {
        const answer = await api.cases.history({ kind, idNumber });
        if (!answer.ok || !answer.value.found) return;
        found = answer.value;
      }
      const earlier = found;
      if (whose !== 'agent') history.current = { key, found: earlier };
      const enterpriseMatter = live.current.matter?.subject === 'enterprise';
      const offersEnterprise = enterpriseMatter && whose === 'agent' && !!earlier.actedFor;
      update((d) => {
        const m = live.current.matter;
        let next = d;
        if (whose === 'person' && !enterpriseMatter) next = { ...d, person: prefillPerson(d.person, earlier) };
        if (whose === 'agent') next = { ...d, agent: prefillPerson(d.agent, earlier) };
        if (whose === 'enterprise' || offersEnterprise)
          next = { ...next, enterprise: prefillEnterprise(next.enterprise, earlier) };
        return m ? prefillForm(m, next, whose === 'agent' ? null : earlier) : next;
      });
      if (quiet || known) return;
      if (offersEnterprise) void message.info(t('intake.applicant.actedForFound', { name: earlier.actedFor!.name }));
      else if (whose !== 'agent') void message.info(t('intake.applicant.historyFound', { count: earlier.caseCount }));
    },
    [earlierOf, live, message, t, update],
  );

  // A card read while this screen is open fills the applicant (or the agent).
  const takeCard = useCallback(
    async (read: CardRead) => {
      const caseId = await ensureCase(null);
      if (!caseId) return;
      const identity = await run(api.cases.takeCard({ caseId, readId: read.readId }));
      if (!identity) return;
      const m = live.current.matter;
      const slot: CardSlot = live.current.draft?.hasAgent && live.current.cardSlot === 'agent' ? 'agent' : 'person';
      update((d) => {
        let next: CaseDraft;
        if (slot === 'agent') next = { ...d, agent: personFromCard(identity, d.agent) };
        else if (m?.subject === 'enterprise')
          next = { ...d, enterprise: { ...d.enterprise, legalRepresentative: identity.name } };
        else next = { ...d, person: personFromCard(identity, d.person) };
        return m ? prefillForm(m, next, null) : next;
      });
      if (slot === 'agent') void lookUpHistory('agent', identity.idNumber);
      else if (m?.subject !== 'enterprise') void lookUpHistory('person', identity.idNumber);
      if (!m) focusMatter();
      else focusFirstEmpty();
    },
    [ensureCase, focusMatter, live, lookUpHistory, run, update],
  );

  /**
   * F2 / 读卡: reads the card on the reader into the slot chosen. A card already read (it lies on
   * the reader, or was read before 代办人 was chosen) is taken again, into that slot.
   */
  const readCard = useCallback(async () => {
    const before = card?.readId ?? null;
    if ((await run(api.idcard.readNow({}))) === null) return;
    const current = await api.idcard.current({});
    if (!current.ok) return;
    const latest = current.value;
    if (!latest) return void message.warning(t('intake.applicant.noCard'));
    // A new read the screen has taken already (its event came first) is not taken twice.
    if (latest.readId !== before && usedReads.has(latest.readId)) return;
    usedReads.add(latest.readId);
    onCardTaken();
    await takeCard(latest);
  }, [card?.readId, message, onCardTaken, run, t, takeCard]);

  // Also a card read just before the screen opened (the citizen put it down while the clerk was
  // elsewhere); each read fills one case once.
  useEffect(() => {
    if (!card || usedReads.has(card.readId)) return;
    if (Date.now() - Date.parse(card.readAt) > recentReadMs) return;
    usedReads.add(card.readId);
    onCardTaken();
    void takeCard(card);
  }, [card, onCardTaken, takeCard]);

  return { lookUpHistory, readCard, earlierOf, forget };
}
