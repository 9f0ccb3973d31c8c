import { useTranslation } from 'react-i18next';
import type { CitizenNotice } from '../../../preload/contract/citizen';

/**
 * The paper the decision prints, as its first page reads, on a card that looks like paper: the
 * citizen reads what they will take away before it prints (the lines and the date as main gave them).
 */
export function NoticeCard({ notice }: { notice: CitizenNotice }) {
  const { t } = useTranslation();
  return (
    <section className="citizen-notice" aria-labelledby="citizen-notice-label" data-testid="citizen-notice">
      <h3 id="citizen-notice-label">{t('citizen.notice.label')}</h3>
      <article className="citizen-paper" data-kind={notice.kind} aria-labelledby="citizen-paper-title">
        <h4 id="citizen-paper-title" className="citizen-paper-title">
          {notice.title}
        </h4>
        <p className="citizen-paper-number">
          {t('citizen.notice.caseNumber')}
          {t('common.colon')}
          <span className="citizen-mono">{notice.caseNumber}</span>
        </p>
        {notice.lines.length > 0 && (
          <ol className="citizen-paper-lines">
            {notice.lines.map((line, i) => (
              <li key={i}>
                <strong>{line.name}</strong>
                {line.reason && (
                  <>
                    {t('common.colon')}
                    {line.reason}
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
        {notice.dueDate && (
          <p className="citizen-paper-due" data-testid="citizen-notice-due">
            {t(`citizen.notice.due.${notice.kind}`)}
            {t('common.colon')}
            <span className="citizen-mono">{notice.dueDate}</span>
          </p>
        )}
      </article>
    </section>
  );
}
