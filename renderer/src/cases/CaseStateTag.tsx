import { Tag, Tooltip } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpen, type CaseState } from '@yichuang/domain/cases';
import { type CaseSummary } from '../../../preload/contract/cases';

/**
 * One colour per state, everywhere (ux.md): draft grey, accepted blue, supplement orange, rejected
 * red; at central: submitted and in review cyan/geekblue, approved green, denied magenta, central's
 * supplement request orange like the window's, completed grey-green.
 */
export const caseStateColors: Record<CaseState, string> = {
  draft: 'default',
  accepted: 'blue',
  supplement_requested: 'orange',
  rejected: 'red',
  submitted: 'cyan',
  in_review: 'geekblue',
  approved: 'green',
  denied: 'magenta',
  supplement_requested_by_central: 'orange',
  completed: 'lime',
};

const overdueRed = '#cf1322';

const overdueStyle: CSSProperties = {
  borderColor: overdueRed,
  boxShadow: `0 0 0 1px ${overdueRed}`,
};

/** A case's state as a coloured tag, always with the word; `overdue` adds a red outline and 已超期. */
export function CaseStateTag({ state, overdue }: { state: CaseState; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={caseStateColors[state]}
      data-state={state}
      data-overdue={overdue ? 'true' : undefined}
      style={overdue ? overdueStyle : undefined}
    >
      {t(`cases.states.${state}`)}
      {overdue && <span style={{ color: overdueRed, marginLeft: 4, fontWeight: 600 }}>{t('cases.overdue')}</span>}
    </Tag>
  );
}

const dueColors = { ok: '#389e0d', soon: '#d46b08', late: overdueRed } as const;

/**
 * The promised-date line (承诺时限): working days left on an accepted case, with its date; the
 * clock paused while a supplement is awaited; a dash otherwise.
 */
export function DaysLeft({
  summary,
}: {
  summary: Pick<CaseSummary, 'state' | 'daysLeft' | 'paused' | 'promisedDate' | 'promisedProvisional'>;
}) {
  const { t } = useTranslation();
  if (summary.paused) {
    return (
      <span className="days-left" data-testid="days-left" data-due="paused" style={{ color: '#d46b08' }}>
        {t('cases.due.paused')}
      </span>
    );
  }
  if (!isOpen(summary.state) || (summary.daysLeft === null && !summary.promisedDate)) {
    return (
      <span className="days-left" data-testid="days-left" data-due="none">
        —
      </span>
    );
  }
  const days = summary.daysLeft;
  let text: string | null = null;
  let color: string | undefined;
  let due = 'ok';
  if (days !== null) {
    if (days < 0) {
      text = t('cases.due.over', { days: -days });
      color = dueColors.late;
      due = 'over';
    } else if (days === 0) {
      text = t('cases.due.today');
      color = dueColors.late;
      due = 'today';
    } else if (days <= 3) {
      text = t('cases.due.left', { days });
      color = dueColors.soon;
      due = 'soon';
    } else {
      text = t('cases.due.left', { days });
      color = dueColors.ok;
    }
  }
  return (
    <span className="days-left" data-testid="days-left" data-due={due}>
      {text && <span style={{ color, fontWeight: due === 'ok' ? undefined : 600, marginRight: 6 }}>{text}</span>}
      {summary.promisedDate && (
        <span className="days-left-date" style={{ color: 'rgba(0, 0, 0, 0.55)', whiteSpace: 'nowrap' }}>
          {t('cases.due.promised', { date: summary.promisedDate })}
        </span>
      )}
      {summary.promisedProvisional && (
        <Tooltip title={t('cases.due.provisionalHelp')}>
          <Tag
            color="gold"
            data-testid="provisional-date"
            style={{ marginLeft: 6, marginInlineEnd: 0, fontSize: 12, lineHeight: '18px', cursor: 'help' }}
          >
            {t('cases.due.provisional')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
