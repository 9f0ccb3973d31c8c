import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DecisionKind } from '@yichuang/domain/cases';
import type { CaseDecisionRecord } from '../../../preload/contract/cases';
import { formatTime } from './CaseList';

const decisionColors: Record<DecisionKind, string> = { accept: 'blue', supplement: 'orange', reject: 'red' };

/** One decision of the case as recorded: its kind and version, who and when, what it asked or why, its hash. */
export function CaseDecision({ decision: d }: { decision: CaseDecisionRecord }) {
  const { t } = useTranslation();
  return (
    <div className="case-decision" data-testid={`case-decision-${d.version}`} data-kind={d.kind}>
      <div className="case-decision-head">
        <Tag color={decisionColors[d.kind]}>{t(`cases.page.decisionKinds.${d.kind}`)}</Tag>
        <span className="case-secondary">{t('cases.page.version', { version: d.version })}</span>
      </div>
      <div className="case-secondary">
        {t('cases.page.decisionMeta', { time: formatTime(d.at), window: d.windowNumber, clerk: d.clerkName })}
      </div>
      {d.supplementItems.length > 0 && (
        <div className="case-decision-block">
          <div>{t('cases.page.supplementItems')}</div>
          <ol className="case-decision-items">
            {d.supplementItems.map((x) => (
              <li key={x.itemId}>
                <strong>{x.name}</strong>
                {t('common.colon')}
                {x.reason}
              </li>
            ))}
          </ol>
        </div>
      )}
      {d.rejectReason && (
        <div className="case-decision-block">
          <div>
            {t('cases.page.rejectReason')}
            {t('common.colon')}
            <strong>{d.rejectReason.text}</strong>
          </div>
          {d.rejectReason.basis && (
            <div className="case-secondary">{t('cases.page.basis', { basis: d.rejectReason.basis })}</div>
          )}
        </div>
      )}
      {d.note && (
        <div className="case-decision-block case-pre">
          {t('cases.page.note')}
          {t('common.colon')}
          {d.note}
        </div>
      )}
      <Tooltip title={d.contentHash}>
        <div className="case-secondary case-mono case-hash">
          {t('cases.page.contentHash')} {d.contentHash.slice(0, 16)}…
        </div>
      </Tooltip>
    </div>
  );
}
