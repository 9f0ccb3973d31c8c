import { CheckOutlined, ExclamationOutlined, MinusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CitizenCase, MaskedPersonView } from '../../../preload/contract/citizen';
import { NoticeCard } from './NoticeCard';

type Entry = CitizenCase['checklist'][number];

const statusIcons = {
  present: <CheckOutlined aria-hidden />,
  missing: <ExclamationOutlined aria-hidden />,
  optional: <MinusOutlined aria-hidden />,
} as const;

/** A value as main sent it (already masked); an empty one says it is not entered yet. */
function Value({ text, mono }: { text: string; mono?: boolean }) {
  const { t } = useTranslation();
  if (!text.trim()) return <dd className="citizen-muted">{t('citizen.case.notEntered')}</dd>;
  return <dd className={mono ? 'citizen-mono' : undefined}>{text}</dd>;
}

function Person({ title, person, testId }: { title: string; person: MaskedPersonView; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="citizen-person" data-testid={testId}>
      <h4>{title}</h4>
      <dl className="citizen-facts">
        <div>
          <dt>{t('citizen.case.name')}</dt>
          <Value text={person.name} />
        </div>
        <div>
          <dt>{t('citizen.case.idType')}</dt>
          <dd>{t(`idTypes.${person.idType}`)}</dd>
        </div>
        <div>
          <dt>{t('citizen.case.idNumber')}</dt>
          <Value text={person.idNumber} mono />
        </div>
        <div>
          <dt>{t('citizen.case.phone')}</dt>
          <Value text={person.phone} mono />
        </div>
      </dl>
    </div>
  );
}

/** The checklist, what is still missing first to the eye: marked by a word and an icon, not colour alone. */
function Materials({ checklist }: { checklist: Entry[] }) {
  const { t } = useTranslation();
  const missing = checklist.filter((e) => e.status === 'missing').length;
  return (
    <section className="citizen-card" aria-labelledby="citizen-materials">
      <h3 id="citizen-materials">{t('citizen.case.materials')}</h3>
      <p
        className={missing > 0 ? 'citizen-missing-count' : 'citizen-all-present'}
        data-testid="citizen-missing-count"
        data-count={missing}
      >
        {missing > 0 ? t('citizen.case.missingCount', { count: missing }) : t('citizen.case.allPresent')}
      </p>
      <ul className="citizen-checklist">
        {checklist.map((entry, i) => (
          <li key={i} className={`citizen-item citizen-item-${entry.status}`} data-status={entry.status}>
            <span className="citizen-item-status">
              {statusIcons[entry.status]} {t(`citizen.case.status.${entry.status}`)}
            </span>
            <span className="citizen-item-name">{entry.name}</span>
            {entry.pages > 0 && (
              <span className="citizen-item-pages">{t('citizen.case.pages', { count: entry.pages })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PromiseLine({ data }: { data: CitizenCase }) {
  const { t } = useTranslation();
  // After 受理 the promised date (a hall date, shown as it came); before, the matter's promise in days.
  let text: string | null = null;
  if (data.promisedDate) text = t('citizen.case.promisedDate', { date: data.promisedDate });
  else if (data.promisedDays === 0) text = t('citizen.case.promisedNow');
  else if (data.promisedDays !== null) text = t('citizen.case.promisedDays', { days: data.promisedDays });
  if (!text) return null;
  return (
    <p className="citizen-promise" data-testid="citizen-promise">
      {text}
    </p>
  );
}

/** The case at the window: the matter, who applies (for the citizen to check), the materials, the paper. */
export function CaseDetails({ data }: { data: CitizenCase }) {
  const { t } = useTranslation();
  const hasPeople = data.applicant || data.enterprise || data.agent;
  return (
    <div className="citizen-case" data-testid="citizen-case">
      <div className="citizen-case-head">
        <h2 className="citizen-matter">{data.matterName ?? t('citizen.case.untitled')}</h2>
        <PromiseLine data={data} />
      </div>
      <div className="citizen-columns">
        {hasPeople && (
          <section className="citizen-card citizen-check" aria-labelledby="citizen-check">
            <h3 id="citizen-check">{t('citizen.case.check')}</h3>
            {data.enterprise && (
              <div className="citizen-person" data-testid="citizen-enterprise">
                <h4>{t('citizen.case.enterprise')}</h4>
                <dl className="citizen-facts">
                  <div>
                    <dt>{t('citizen.case.enterpriseName')}</dt>
                    <Value text={data.enterprise.name} />
                  </div>
                  <div>
                    <dt>{t('citizen.case.creditCode')}</dt>
                    <Value text={data.enterprise.creditCode} mono />
                  </div>
                </dl>
              </div>
            )}
            {data.applicant && (
              <Person title={t('citizen.case.applicant')} person={data.applicant} testId="citizen-applicant" />
            )}
            {data.agent && <Person title={t('citizen.case.agent')} person={data.agent} testId="citizen-agent" />}
          </section>
        )}
        {data.checklist.length > 0 && <Materials checklist={data.checklist} />}
        {data.notice && <NoticeCard notice={data.notice} />}
      </div>
    </div>
  );
}
