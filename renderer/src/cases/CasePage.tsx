// One case's page (header, actions, applicant, form, decisions, documents, timeline, materials); the
// decision records and the materials' checklist are components of their own.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Empty, Spin, Timeline, Typography, type DescriptionsProps } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync } from '../sync/sync-context';
import { isResumable, type CaseDraft } from '@yichuang/domain/cases';
import { type CaseDetail } from '../../../preload/contract/cases';
import { maskedFormValue, type CatalogMatter, type FormField, type MaterialItem } from '@yichuang/domain/catalog';
import { checklistFor, itemPages, type ChecklistEntry } from '../../../preload/contract/intake';
import type { AuditEntry } from '../../../preload/contract/schemas';
import { useSession } from '../app/session';
import { useShortcuts } from '../app/shortcuts';
import { auditActionLabel, auditCodeText } from '../audit/audit-text';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { MaterialViewer } from '../materials/MaterialViewer';
import { CaseDocuments } from '../printing/CaseDocuments';
import { CentralApproval } from '../sync/CentralApproval';
import { useNavigation } from '../shell/navigation-context';
import { formatTime } from './CaseList';
import { CaseChecklist } from './CaseChecklist';
import { CaseDecision } from './CaseDecision';
import { CaseStateTag, DaysLeft } from './CaseStateTag';

/** A form value as the case page shows it: identity and phone numbers masked (a passer-by may see it). */
function shownValue(field: FormField | null, value: string): string {
  const v = value.trim();
  return field && v ? maskedFormValue(field, v) : v;
}

/** The checklist without the matter (it left the catalog): the items the draft holds, by their ids. */
function draftEntries(draft: CaseDraft): ChecklistEntry[] {
  return Object.entries(draft.items).map(([id, state]) => {
    const item: MaterialItem = {
      id,
      name: id,
      requirement: 'optional',
      originalCheck: false,
      copies: 0,
      eLicence: false,
    };
    const pages = itemPages(state);
    return {
      item,
      state,
      required: false,
      status: pages > 0 ? 'complete' : 'optional_empty',
      pages,
      problem: null,
      problemCode: null,
      forAgent: false,
    };
  });
}

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="case-section" data-testid={testId}>
      <h3 className="case-section-title">{title}</h3>
      {children}
    </section>
  );
}

/**
 * 办件详情: what central said (first: the clerk reads it to the citizen), who, what, the materials
 * with their files, every decision and the case's audit trail.
 */
export function CasePage({ caseId, onBack }: { caseId: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const run = useRun();
  const { modal } = App.useApp();
  const { state: session } = useSession();
  const navigation = useNavigation();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [failed, setFailed] = useState(false);
  const [reload, setReload] = useState(0);
  const [matters, setMatters] = useState<CatalogMatter[] | null>(null);
  const [selectedItem, setSelectedItem] = useState<string | null>(null);
  const [fileIndex, setFileIndex] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const english = i18n.language === 'en';

  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    void run(api.cases.get({ caseId })).then((found) => {
      if (cancelled) return;
      if (found) setDetail(found);
      else setFailed(true);
    });
    return () => {
      cancelled = true;
    };
  }, [caseId, run, reload]);

  // Central moved this case (approved, asked for more…): show it without the clerk reloading.
  const { lastCaseEvent } = useSync();
  useEffect(() => {
    if (lastCaseEvent?.caseId === caseId) setReload((n) => n + 1);
  }, [lastCaseEvent, caseId]);

  useEffect(() => {
    void run(api.catalog.list({})).then((catalog) => setMatters(catalog?.matters ?? []));
  }, [run]);

  const bindings = useMemo(
    () => ({
      Escape: () => {
        // Esc inside a dialog closes the dialog, not the page.
        if (document.activeElement?.closest('.ant-modal-root, .ant-modal-wrap')) return;
        onBack();
      },
    }),
    [onBack],
  );
  useShortcuts(bindings, !confirming);

  const current = detail?.id === caseId ? detail : null;
  // Opening the page is seeing central's decision: the list's marker and the menu's count go.
  // (Each load: central may decide again while the page is open.)
  useEffect(() => {
    if (current?.centralUnseen) void api.cases.seen({ caseId: current.id });
  }, [current]);
  const matter = useMemo(
    () => (current?.matterCode ? (matters?.find((m) => m.code === current.matterCode) ?? null) : null),
    [current, matters],
  );
  const entries = useMemo(() => {
    if (!current) return [];
    return matter ? checklistFor(matter, current.draft) : draftEntries(current.draft);
  }, [current, matter]);

  // The page waits for the catalog too: the form's labels and the checklist come from the matter.
  if (!current || matters === null) {
    return (
      <div className="case-page case-page-loading" data-testid="case-page">
        <div className="case-header">
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="case-back">
            {t('cases.page.back')} <kbd>Esc</kbd>
          </Button>
        </div>
        {failed ? (
          <Alert
            type="error"
            showIcon
            title={t('cases.page.loadFailed')}
            action={
              <Button size="small" onClick={() => setReload((n) => n + 1)} data-testid="case-retry">
                {t('cases.page.retry')}
              </Button>
            }
          />
        ) : (
          <Spin style={{ marginTop: 80 }} />
        )}
      </div>
    );
  }

  const userId = session?.user?.id ?? null;
  const matterName = (english ? matter?.nameEn : undefined) ?? current.matterName ?? matter?.name ?? null;
  const selected =
    entries.find((e) => e.item.id === selectedItem) ?? entries.find((e) => e.state.files.length > 0) ?? entries[0];
  const files = selected?.state.files ?? [];
  const itemName = (item: MaterialItem) => (english ? item.nameEn : undefined) ?? item.name;

  const select = (id: string) => {
    setSelectedItem(id);
    setFileIndex(0);
  };

  const resume = () => {
    setConfirming(true);
    modal.confirm({
      title: t('cases.page.resumeTitle'),
      content: t('cases.page.resumeBody', { version: current.version + 1 }),
      okText: t('cases.page.resumeOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'case-resume-confirm' },
      onOk: async () => {
        const resumed = await run(api.cases.resume({ caseId }));
        if (resumed) navigation.continueDraft(caseId);
        // Refused (someone resumed it first, or it changed): show the case as it now is.
        else setReload((n) => n + 1);
      },
      afterClose: () => setConfirming(false),
    });
  };

  let action: ReactNode = null;
  if (current.state === 'draft') {
    action =
      current.clerkId === userId ? (
        <Button type="primary" onClick={() => navigation.continueDraft(caseId)} data-testid="case-continue">
          {t('cases.page.continue')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('cases.page.otherDraft', { clerk: current.clerkName })}</Typography.Text>
      );
  } else if (isResumable(current.state)) {
    action = (
      <Button type="primary" onClick={resume} data-testid="case-resume">
        {t('cases.page.resume')}
      </Button>
    );
  }

  const personItems = (p: NonNullable<CaseDetail['applicant']>): DescriptionsProps['items'] => [
    { key: 'name', label: t('cases.page.name'), children: p.name || '—' },
    { key: 'idType', label: t('cases.page.idType'), children: t(`idTypes.${p.idType}`) },
    {
      key: 'idNumber',
      label: t('cases.page.idNumber'),
      children: <span className="case-mono">{p.idNumberMasked || '—'}</span>,
    },
    {
      key: 'phone',
      label: t('cases.page.phone'),
      children: <span className="case-mono">{p.phoneMasked || '—'}</span>,
    },
  ];

  let applicant: ReactNode;
  if (current.enterprise) {
    applicant = (
      <Descriptions
        size="small"
        column={1}
        data-testid="case-enterprise"
        items={[
          { key: 'name', label: t('cases.page.enterpriseName'), children: current.enterprise.name || '—' },
          {
            key: 'creditCode',
            label: t('cases.page.creditCode'),
            children: <span className="case-mono">{current.enterprise.creditCode || '—'}</span>,
          },
          {
            key: 'legalRepresentative',
            label: t('cases.page.legalRepresentative'),
            children: current.enterprise.legalRepresentative || '—',
          },
        ]}
      />
    );
  } else if (current.applicant) {
    applicant = (
      <Descriptions size="small" column={1} data-testid="case-applicant" items={personItems(current.applicant)} />
    );
  } else {
    applicant = <Typography.Text type="secondary">{t('cases.page.noApplicant')}</Typography.Text>;
  }

  // The matter's fields with their labels, then any value the matter no longer has (by its key).
  const fields = matter?.formFields ?? [];
  const formRows = [
    ...fields.map((f) => ({
      key: f.key,
      label: (english ? f.labelEn : undefined) ?? f.label,
      value: shownValue(f, current.draft.form[f.key] ?? ''),
    })),
    ...Object.entries(current.draft.form)
      .filter(([key]) => !fields.some((f) => f.key === key))
      .map(([key, value]) => ({ key, label: key, value: shownValue(null, value) })),
  ];

  const actionLabel = (e: AuditEntry): string => auditActionLabel(t, e);

  const timelineItems = current.timeline.map((e) => {
    const promised = typeof e.detail?.promisedDate === 'string' ? e.detail.promisedDate : null;
    return {
      key: e.seq,
      color: e.result === 'ok' ? 'blue' : 'red',
      content: (
        <div className="case-timeline-entry" data-action={e.action} data-result={e.result}>
          <div>
            {actionLabel(e)}
            {e.code && <span className="case-code">{auditCodeText(e.code, i18n.language)}</span>}
          </div>
          <div className="case-secondary">
            {formatTime(e.at)} · {e.username ?? '—'}
          </div>
          {promised && <div className="case-secondary">{t('cases.page.promisedOn', { date: promised })}</div>}
        </div>
      ),
    };
  });

  return (
    <div className="case-page" data-testid="case-page" data-state={current.state}>
      <div className="case-header">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="case-back">
          {t('cases.page.back')} <kbd>Esc</kbd>
        </Button>
        <span
          className={current.number ? 'case-page-number' : 'case-page-number case-page-number-none'}
          data-testid="case-number"
        >
          {current.number ?? t('cases.page.noNumber')}
        </span>
        <span data-testid="case-state">
          <CaseStateTag state={current.state} overdue={current.daysLeft !== null && current.daysLeft < 0} />
        </span>
        <DaysLeft summary={current} />
        <span className="case-header-matter">
          <Typography.Text strong ellipsis={{ tooltip: matterName }}>
            {matterName ?? t('cases.page.noMatter')}
          </Typography.Text>
          {current.matterCode && <span className="case-mono case-secondary">{current.matterCode}</span>}
          <span className="case-secondary">{t('cases.page.version', { version: current.version })}</span>
        </span>
        <span className="case-header-actions">{action}</span>
      </div>
      <div className="case-body">
        <div className="case-side">
          <CentralApproval caseId={current.id} state={current.state} central={current.central} />
          <Section title={t('cases.page.applicant')}>
            {applicant}
            {current.agent && (
              <>
                <h4 className="case-subtitle">{t('cases.page.agent')}</h4>
                <Descriptions size="small" column={1} data-testid="case-agent" items={personItems(current.agent)} />
              </>
            )}
          </Section>
          <Section title={t('cases.page.form')} testId="case-form">
            {formRows.length ? (
              <Descriptions
                size="small"
                column={1}
                items={formRows.map((r) => ({
                  key: r.key,
                  label: r.label,
                  children: r.value ? (
                    <span className="case-pre">{r.value}</span>
                  ) : (
                    <Typography.Text type="secondary">{t('cases.page.unfilled')}</Typography.Text>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">
                {current.matterCode ? t('cases.page.noForm') : t('cases.page.noMatter')}
              </Typography.Text>
            )}
          </Section>
          <Section title={t('cases.page.decisions')} testId="case-decisions">
            {current.decisions.length ? (
              current.decisions.map((d) => <CaseDecision key={d.version} decision={d} />)
            ) : (
              <Typography.Text type="secondary">{t('cases.page.noDecisions')}</Typography.Text>
            )}
          </Section>
          {current.decisions.length > 0 && (
            <Section title={t('printing.documents')} testId="case-documents-section">
              <CaseDocuments detail={current} />
            </Section>
          )}
          <Section title={t('cases.page.timeline')} testId="case-timeline">
            {timelineItems.length ? (
              <Timeline className="case-timeline" items={timelineItems} />
            ) : (
              <Typography.Text type="secondary">{t('cases.page.noTimeline')}</Typography.Text>
            )}
          </Section>
        </div>
        <div className="case-materials" data-testid="case-materials">
          <h3 className="case-section-title">{t('cases.page.materials')}</h3>
          {entries.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.page.noMaterials')} />
          ) : (
            <div className="case-materials-body">
              <CaseChecklist
                entries={entries}
                selectedId={selected?.item.id ?? null}
                onSelect={select}
                itemName={itemName}
              />
              <div className="case-viewer-pane">
                <MaterialViewer files={files} index={fileIndex} onIndexChange={setFileIndex} height="100%" />
              </div>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
