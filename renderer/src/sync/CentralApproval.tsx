import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Table, Timeline } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../app/shortcuts';
import { PrintDialog } from '../printing/PrintDialog';
import type { CaseDetail } from '../../../preload/contract/cases';
import type { CaseState } from '@yichuang/domain/cases';
import { formatTime } from '../cases/CaseList';
import { CaseStateTag } from '../cases/CaseStateTag';
import './sync.css';

type Central = CaseDetail['central'];
type CentralEvent = Central['events'][number];

/**
 * The colour of each event's dot, near the state tag it leads to. Timeline takes only blue, red,
 * green, gray or a CSS colour (not the tag presets: 'geekblue' would draw black, 'lime' neon).
 */
const eventColors: Record<CentralEvent['kind'], string> = {
  submitted: 'cyan',
  in_review: 'blue',
  approved: 'green',
  denied: 'magenta',
  supplement_requested: 'orange',
  completed: 'green',
};

export function hasCentralInfo(central: Central): boolean {
  return central.events.length > 0 || central.comment !== null || central.approver !== null;
}

/** Central's list: each material to bring and what is wrong with it (the notice's table). */
function SupplementItems({ items }: { items: CentralEvent['items'] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      className="central-supplement-items"
      data-testid="central-supplement-items"
      rowKey="itemId"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('sync.central.itemName'), dataIndex: 'name', width: '40%' },
        { title: t('sync.central.itemReason'), dataIndex: 'reason' },
      ]}
    />
  );
}

function CentralHistory({ events }: { events: CentralEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      className="central-history"
      data-testid="central-history"
      items={events.map((e, index) => ({
        key: `${e.kind}-${e.caseVersion}-${index}`,
        color: eventColors[e.kind],
        content: (
          <div className="central-event" data-kind={e.kind}>
            <div>
              <strong>{t(`sync.central.events.${e.kind}`)}</strong>
              <span className="case-secondary"> · {t('sync.central.version', { version: e.caseVersion })}</span>
            </div>
            {e.items.length > 0 && (
              <ol className="central-event-items">
                {e.items.map((x) => (
                  <li key={x.itemId}>
                    {x.name}
                    {t('common.colon')}
                    {x.reason}
                  </li>
                ))}
              </ol>
            )}
            {e.comment && <div className="central-event-comment">{e.comment}</div>}
            <div className="case-secondary">
              {formatTime(e.at)}
              {e.approver ? ` · ${e.approver}` : ''}
            </div>
          </div>
        ),
      }))}
    />
  );
}

/**
 * 中心审批 on the case page: where central has the case, the approver's comment in large type
 * (the clerk reads it to the citizen), who and when (central's clock), and every event from
 * central. A supplement asked for by central stands out in orange with central's list, and is
 * printed as a 一次性补正告知书 (the button, or Ctrl+P on the page).
 */
export function CentralApproval({ caseId, state, central }: { caseId: string; state: CaseState; central: Central }) {
  const { t } = useTranslation();
  const [printing, setPrinting] = useState(false);
  const supplement = state === 'supplement_requested_by_central';
  // The request the case waits on: central's latest supplement request.
  const request = supplement ? central.events.findLast((e) => e.kind === 'supplement_requested') : undefined;
  const bindings = useMemo(() => ({ 'Ctrl+P': () => setPrinting(true) }), []);
  // The dialog has its own Ctrl+P (print): this one only opens it.
  useShortcuts(bindings, request !== undefined && !printing);
  if (!hasCentralInfo(central)) return null;
  const comment = central.comment ? (
    <div className="central-comment" data-testid="central-comment">
      {central.comment}
    </div>
  ) : (
    <div className="central-comment central-comment-none">{t('sync.central.noComment')}</div>
  );

  return (
    <section className="case-section" data-testid="case-central">
      <h3 className="case-section-title">{t('sync.central.title')}</h3>
      <div className="central-card" data-state={state}>
        {/* The orange alert says it for a supplement; otherwise the state leads the card. */}
        {!supplement && (
          <div className="central-card-head">
            <CaseStateTag state={state} />
          </div>
        )}
        {supplement ? (
          <Alert
            type="warning"
            showIcon
            data-testid="central-supplement"
            className="central-supplement"
            title={<strong>{t('sync.central.supplement')}</strong>}
            description={
              <>
                {request && request.items.length > 0 && (
                  <>
                    <div className="central-comment-label">{t('sync.central.supplementItems')}</div>
                    <SupplementItems items={request.items} />
                  </>
                )}
                {comment}
                {request && (
                  <Button
                    type="primary"
                    block
                    icon={<PrinterOutlined />}
                    className="central-print"
                    onClick={() => setPrinting(true)}
                    data-testid="central-print-notice"
                  >
                    {t('sync.central.printNotice')} <kbd>Ctrl+P</kbd>
                  </Button>
                )}
              </>
            }
          />
        ) : (
          <>
            <div className="central-comment-label">{t('sync.central.comment')}</div>
            {comment}
          </>
        )}
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 8 }}
          items={[
            { key: 'approver', label: t('sync.central.approver'), children: central.approver ?? '—' },
            {
              key: 'at',
              label: t('sync.central.at'),
              children: central.at ? formatTime(central.at) : '—',
            },
          ]}
        />
        {central.events.length > 0 && (
          <>
            <h4 className="case-subtitle">{t('sync.central.history')}</h4>
            <CentralHistory events={central.events} />
          </>
        )}
      </div>
      {printing && request && (
        <PrintDialog
          docRef={{ kind: 'central_supplement_notice', caseId, version: request.caseVersion }}
          onClose={() => setPrinting(false)}
        />
      )}
    </section>
  );
}
