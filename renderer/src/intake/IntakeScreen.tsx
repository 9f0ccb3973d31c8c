// Long on purpose: it wires card, matter, form, checklist, capture and decision around one draft and its keys.
import { DeleteOutlined, FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Modal, Space, Typography } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkingDate } from '@yichuang/domain/calendar';
import type { CaseDetail, CaseSummary } from '../../../preload/contract/cases';
import type { Decision } from '@yichuang/domain/cases';
import type { CatalogMatter } from '@yichuang/domain/catalog';
import { hallDate } from '@yichuang/domain/hall-time';
import {
  applicantProblems,
  checklistComplete,
  checklistFor,
  decisionProblems,
  formProblems,
  ownFormFields,
  panelFormProblems,
} from '../../../preload/contract/intake';
import { useServerNow } from '../app/server-clock';
import { useSession } from '../app/session';
import { useShortcuts } from '../app/shortcuts';
import { api } from '../bridge';
import { CaseStateTag } from '../cases/CaseStateTag';
import { useCodeText, useRun } from '../lib/result';
import { ApplicantPanel, type CardSlot } from './ApplicantPanel';
import { CapturePanel } from './CapturePanel';
import { Checklist } from './Checklist';
import { DecisionBar } from './DecisionBar';
import { DecisionDialogs, DecisionResult, type DecisionDialog } from './DecisionDialogs';
import { IntakeStart } from './IntakeStart';
import { MatterMeta } from './MatterMeta';
import { SaveStateText } from './SaveStateText';
import { MatterForm } from './MatterForm';
import { MatterPicker, type MatterPickerRef } from './MatterPicker';
import { prefillForm, syncPrefill } from './prefill';
import { withItem } from './draft-items';
import { FieldCheckContext, focusField, focusFirstEmpty, type FieldCheck } from './focus';
import { cardSlots } from './page-memory';
import { useApplicantIntake } from './use-applicant';
import { useCapture } from './use-capture';
import { useDocumentScan } from './use-document-scan';
import { useDraft } from './use-draft';
import { QueueBar } from '../queue/QueueBar';
import { useQueue } from '../queue/queue-context';
import { CitizenRatingTag } from '../citizen/CitizenControl';
import { useCitizenShow } from '../citizen/use-citizen-show';
import './intake.css';

/**
 * The draft open on the intake screen, kept while the clerk visits another screen (not across a
 * reload: then the unfinished drafts are offered).
 */
let openDraftId: string | null = null;

/**
 * 受理: from "next, please" to a decided case. Left who applies, middle the matter with its form
 * and checklist, right the material being captured; the decisions stay at the bottom with their
 * keys. Everything typed is autosaved; after a crash or reload the draft is offered again.
 */
export function IntakeScreen({ openCaseId, onOpened }: { openCaseId: string | null; onOpened: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const codeText = useCodeText();
  const userId = useSession().state?.user?.id ?? null;
  const today = hallDate(useServerNow(60_000));
  const { detail, draft, save, update, flush, load, loaded } = useDraft();
  const queue = useQueue();
  // The citizen screen follows the case on this screen (each load: a draft, a recovered one, a decided one).
  useCitizenShow(detail);

  const [matters, setMatters] = useState<CatalogMatter[]>([]);
  // Which slot the card fills, kept for the draft while the clerk visits another screen.
  const [cardSlot, setSlot] = useState<CardSlot>(() => (openDraftId && cardSlots.get(openDraftId)) || 'person');
  const [dialog, setDialog] = useState<DecisionDialog>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CaseDetail | null>(null);
  const [offered, setOffered] = useState<CaseSummary[]>([]);
  const [promised, setPromised] = useState<WorkingDate | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());

  const matterPicker = useRef<MatterPickerRef>(null);
  const starting = useRef<Promise<string | null> | null>(null);
  /** The draft being opened again on coming back: nothing starts a second one meanwhile. */
  const restoring = useRef<Promise<CaseDetail | null> | null>(null);

  const matter = useMemo(() => matters.find((m) => m.code === draft?.matterCode) ?? null, [matters, draft?.matterCode]);
  const entries = useMemo(() => (matter && draft ? checklistFor(matter, draft) : []), [matter, draft]);
  const selected = entries.find((e) => e.item.id === draft?.selectedItemId) ?? null;
  const isDraft = detail?.state === 'draft';

  const problems = useMemo(() => {
    if (!draft || !matter) return { applicant: {}, form: {} };
    return {
      // What acceptance needs of the panel for the form (the phone) is named there too.
      applicant: { ...panelFormProblems(matter, draft), ...applicantProblems(matter, draft, today) },
      form: formProblems(ownFormFields(matter), draft.form, today),
    };
  }, [draft, matter, today]);

  // The latest state for event handlers registered once.
  const live = useRef({ draft, detail, selected, matter, cardSlot, entries });
  useLayoutEffect(() => {
    live.current = { draft, detail, selected, matter, cardSlot, entries };
  });

  const setCardSlot = useCallback((slot: CardSlot) => {
    setSlot(slot);
    live.current.cardSlot = slot;
    const id = live.current.detail?.id;
    if (id) cardSlots.set(id, slot);
  }, []);

  const fieldCheck = useMemo<FieldCheck>(
    () => ({
      left,
      showAll: showProblems,
      leave: (path) => setLeft((s) => (s.has(path) ? s : new Set(s).add(path))),
    }),
    [left, showProblems],
  );

  useEffect(() => {
    void run(api.catalog.list({})).then((c) => c && setMatters(c.matters));
  }, [run]);
  const { camera, capture, setPageIndex, forgetUnattached, panel } = useCapture({ live, selected, update });
  const scanning = useDocumentScan({ live, selected, update, setPageIndex, caseId: detail?.id ?? null });
  /** F7: the scanner tab, and every sheet in the feeder onto the selected item. */
  const scanFeeder = useCallback(() => {
    panel.onSource('scanner');
    void scanning.scan();
  }, [panel, scanning]);

  useEffect(() => {
    if (!matter) return setPromised(null);
    void api.calendar.promisedDate({ days: matter.promisedDays }).then((r) => r.ok && setPromised(r.value));
  }, [matter, today]);

  // A case to open (from the case page), or else the drafts this clerk left unfinished.
  useEffect(() => {
    if (openCaseId) {
      void run(api.cases.get({ caseId: openCaseId })).then((d) => {
        if (d) load(d);
        onOpened();
      });
      return;
    }
    if (live.current.detail || userId === null) return;
    // Back from another screen: the draft that was open is open again, as it was.
    const returning = openDraftId;
    if (returning) {
      // A card read meanwhile waits for this draft (it fills it), rather than starting another.
      restoring.current ??= api.cases.get({ caseId: returning }).then((r) => {
        if (r.ok && r.value.state === 'draft' && r.value.clerkId === userId) {
          load(r.value);
          return r.value;
        }
        void api.cases.myDrafts({}).then((d) => d.ok && setOffered(d.value));
        return null;
      });
      return;
    }
    void api.cases.myDrafts({}).then((r) => r.ok && setOffered(r.value));
  }, [openCaseId, load, onOpened, run, userId]);

  useEffect(() => {
    openDraftId = detail?.state === 'draft' ? detail.id : null;
  }, [detail]);

  // Another case on screen: its fields are checked afresh, as they are left.
  const caseOnScreen = detail?.id ?? null;
  useEffect(() => {
    setLeft(new Set());
    setShowProblems(false);
  }, [caseOnScreen]);

  /** The case on screen, created on the first thing the clerk does. */
  const ensureCase = useCallback(
    async (matterCode: string | null): Promise<string | null> => {
      if (restoring.current) await restoring.current;
      const current = loaded();
      if (current && current.state === 'draft') return current.id;
      starting.current ??= (async () => {
        const created = await run(api.cases.create({ matterCode }));
        if (created) {
          // The citizen called to the window is now being served.
          queue.startServing();
          load(created);
          setResult(null);
          setOffered([]);
        }
        return created?.id ?? null;
      })();
      try {
        return await starting.current;
      } finally {
        starting.current = null;
      }
    },
    [load, loaded, run, queue],
  );

  const onCardTaken = useCallback(() => setResult(null), []);
  const focusMatter = useCallback(() => window.setTimeout(() => matterPicker.current?.focus(), 50), []);
  const { lookUpHistory, readCard, earlierOf, forget } = useApplicantIntake({
    live,
    ensureCase,
    update,
    onCardTaken,
    focusMatter,
  });

  const pickMatter = useCallback(
    async (code: string) => {
      const m = matters.find((x) => x.code === code);
      if (!m) return;
      const caseId = await ensureCase(code);
      if (!caseId) return;
      const d0 = live.current.draft;
      const applicant =
        m.subject === 'enterprise'
          ? { whose: 'enterprise' as const, id: d0?.enterprise.creditCode ?? '' }
          : { whose: 'person' as const, id: d0?.person.idNumber ?? '' };
      const earlier = earlierOf(applicant.whose, applicant.id);
      update((d) => {
        const firstRequired = m.materials.find((x) => x.requirement === 'required') ?? m.materials[0]!;
        return prefillForm(m, { ...d, matterCode: code, selectedItemId: firstRequired.id }, earlier);
      });
      // The applicant came before the matter was picked (or before a visit to another screen).
      if (!earlier && applicant.id.length === 18) void lookUpHistory(applicant.whose, applicant.id, true);
      setPageIndex(0);
      focusFirstEmpty();
    },
    [earlierOf, ensureCase, lookUpHistory, matters, setPageIndex, update],
  );

  const nextItem = useCallback(() => {
    if (!entries.length) return;
    const at = entries.findIndex((e) => e.item.id === draft?.selectedItemId);
    const order = [...entries.slice(at + 1), ...entries.slice(0, at + 1)];
    const next = order.find((e) => e.required && e.status !== 'complete') ?? order[0]!;
    update((d) => ({ ...d, selectedItemId: next.item.id }));
    setPageIndex(0);
  }, [draft?.selectedItemId, entries, setPageIndex, update]);

  const open = useCallback(
    (kind: 'accept' | 'supplement' | 'reject') => {
      if (!draft || !isDraft) return;
      const found = decisionProblems(matter, draft, kind, today);
      const first = Object.values(found)[0];
      if (first) {
        setShowProblems(true);
        // The focus goes where the first problem is, to be fixed there.
        const path = Object.keys(found)[0]!;
        if (path === 'matter') matterPicker.current?.focus();
        else window.setTimeout(() => focusField(path), 0);
        const problem = codeText(first);
        return void message.warning(t('intake.decide.notReady', { problem, count: Object.keys(found).length }));
      }
      setDialog(kind);
    },
    [draft, isDraft, matter, message, t, today, codeText],
  );

  const decide = useCallback(
    async (decision: Decision) => {
      if (!detail || busy) return;
      setBusy(true);
      try {
        const revision = await flush();
        if (revision === null) return void message.error(t('intake.saveFailed'));
        const decided = await run(api.cases.decide({ caseId: detail.id, revision, decision }));
        if (decided) {
          load(decided);
          setDialog(null);
          setResult(decided);
          setShowProblems(false);
        }
      } finally {
        setBusy(false);
      }
    },
    [busy, detail, flush, load, message, run, t],
  );

  const nextCase = useCallback(() => {
    // The intake closes on a decided case: the citizen's ticket is finished.
    queue.finishServed();
    load(null);
    setResult(null);
    setCardSlot('person');
    forget();
    forgetUnattached();
    window.setTimeout(() => matterPicker.current?.focus(), 50);
  }, [forget, forgetUnattached, load, setCardSlot, queue]);

  // A ticket called to this window: the intake starts afresh for it, unless a case is half taken.
  const called = queue.calledCount;
  const lastCalled = useRef(called);
  useEffect(() => {
    if (called === lastCalled.current) return;
    lastCalled.current = called;
    if (!live.current.detail || live.current.detail.state !== 'draft') nextCase();
  }, [called, nextCase]);

  const discard = useCallback(() => {
    if (!detail) return;
    Modal.confirm({
      title: t('intake.discardTitle'),
      content: t('intake.discardText'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-discard' },
      onOk: async () => {
        await flush();
        if (await run(api.cases.discard({ caseId: detail.id }))) nextCase();
      },
    });
  }, [detail, flush, nextCase, run, t]);

  useShortcuts(
    {
      F2: () => void readCard(),
      F3: () => matterPicker.current?.focus(),
      F4: () => void capture(),
      'Shift+F4': () => void capture(true),
      F7: scanFeeder,
      F6: nextItem,
      F8: () => open('accept'),
      F9: () => open('supplement'),
      F10: () => open('reject'),
    },
    dialog === null && result === null,
  );

  const required = entries.filter((e) => e.required);
  const ready = required.filter((e) => e.status === 'complete').length;
  const english = i18n.language === 'en';

  return (
    <FieldCheckContext.Provider value={fieldCheck}>
      <div className="intake" data-testid="intake">
        <QueueBar enabled={dialog === null} />
        <div className="intake-top">
          <MatterPicker
            ref={matterPicker}
            matters={matters}
            value={draft?.matterCode ?? null}
            onPick={(c) => void pickMatter(c)}
            disabled={!!detail && !isDraft}
          />
          <kbd>F3</kbd>
          {matter && <MatterMeta matter={matter} promised={promised} />}
          <div className="intake-top-right">
            {detail && (
              <Space size={6}>
                <CaseStateTag state={detail.state} />
                <CitizenRatingTag caseId={detail.id} />
                {detail.number && <Typography.Text className="mono">{detail.number}</Typography.Text>}
                <SaveStateText save={save} />
              </Space>
            )}
            <Button size="small" icon={<FileAddOutlined />} onClick={nextCase} data-testid="new-case">
              {t('intake.newCase')}
            </Button>
            {isDraft && (
              <Button size="small" danger icon={<DeleteOutlined />} onClick={discard} data-testid="discard">
                {t('intake.discard')}
              </Button>
            )}
          </div>
        </div>

        {!draft ? (
          <IntakeStart
            offered={offered}
            onContinue={(caseId) => void run(api.cases.get({ caseId })).then((x) => x && load(x))}
          />
        ) : (
          <div className="intake-columns">
            <ApplicantPanel
              draft={draft}
              matter={matter}
              problems={problems.applicant}
              cardSlot={cardSlot}
              onCardSlot={setCardSlot}
              onReadCard={() => void readCard()}
              onChange={(change) =>
                update((d) => {
                  const next = change(d);
                  return matter ? syncPrefill(matter, d, next) : next;
                })
              }
              onIdComplete={(whose, id) => void lookUpHistory(whose, id)}
            />
            <Card
              size="small"
              className="intake-column intake-middle"
              title={matter ? (english && matter.nameEn ? matter.nameEn : matter.name) : t('intake.matter.pickFirst')}
              extra={
                matter && (
                  <span className="items-summary" data-testid="items-summary">
                    {t('intake.items.summary', { ready, total: required.length })} <kbd>F6</kbd>
                  </span>
                )
              }
            >
              {matter ? (
                <>
                  <MatterForm
                    fields={ownFormFields(matter)}
                    values={draft.form}
                    problems={problems.form}
                    today={today}
                    onChange={(key, value) => update((d) => ({ ...d, form: { ...d.form, [key]: value } }))}
                  />
                  <Typography.Text strong className="section-title">
                    {t('intake.items.title')}
                  </Typography.Text>
                  <Checklist
                    entries={entries}
                    selectedId={draft.selectedItemId}
                    onSelect={(id) => {
                      update((d) => ({ ...d, selectedItemId: id }));
                      setPageIndex(0);
                    }}
                    onItemChange={(id, patch) => update((d) => withItem(d, id, (s) => ({ ...s, ...patch })))}
                  />
                </>
              ) : (
                <Empty description={t('intake.matter.pickHint')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
            <CapturePanel
              ref={camera}
              entry={selected}
              {...panel}
              scanning={scanning}
              scanEnabled={isDraft && !!selected}
              onFilesChange={(files) =>
                selected && update((d) => withItem(d, selected.item.id, (s) => ({ ...s, files })))
              }
            />
          </div>
        )}

        <DecisionBar
          enabled={isDraft && !!matter}
          ready={
            checklistComplete(entries) &&
            Object.keys(problems.applicant).length + Object.keys(problems.form).length === 0
          }
          missing={required.length - ready}
          problems={
            showProblems && matter && draft ? Object.values(decisionProblems(matter, draft, 'accept', today)) : null
          }
          showReadiness={!!draft && !!matter && isDraft}
          onOpen={open}
        />

        {matter && draft && (
          <DecisionDialogs
            open={dialog}
            matter={matter}
            entries={entries}
            applicantName={matter.subject === 'enterprise' ? draft.enterprise.name : draft.person.name}
            promised={promised}
            busy={busy}
            onDecide={(d) => void decide(d)}
            onClose={() => setDialog(null)}
          />
        )}
        {result && <DecisionResult detail={result} onNext={nextCase} onClose={() => setResult(null)} />}
      </div>
    </FieldCheckContext.Provider>
  );
}
