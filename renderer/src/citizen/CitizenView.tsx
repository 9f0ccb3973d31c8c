import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenView as CitizenViewData } from '../../../preload/contract/citizen';
import { CaseDetails } from './CaseDetails';
import { RatingPanel, Thanks } from './RatingPanel';
import './citizen.css';

/** The window's top bar: the hall, the window, who serves and the ticket at the counter. */
function CounterBar({ view, corner }: { view: CitizenViewData; corner: ReactNode }) {
  const { t } = useTranslation();
  const { counter, ticket } = view;
  return (
    <header className="citizen-top" data-testid="citizen-top">
      <h1 className="citizen-top-title">
        {counter ? (
          <>
            <span className="citizen-hall">{counter.hallName}</span>{' '}
            <span className="citizen-window">{t('citizen.top.window', { window: counter.windowNumber })}</span>
          </>
        ) : (
          t('citizen.screenName')
        )}
      </h1>
      <dl className="citizen-top-facts">
        {counter && (
          <>
            <div>
              <dt>{t('citizen.top.clerk')}</dt>
              <dd data-testid="citizen-clerk">{counter.clerkName}</dd>
            </div>
            <div>
              <dt>{t('citizen.top.staffNumber')}</dt>
              <dd className="citizen-mono">{counter.staffNumber}</dd>
            </div>
          </>
        )}
        {ticket && (
          <div>
            <dt>{t('citizen.top.ticket')}</dt>
            <dd data-testid="citizen-ticket">
              <span className="citizen-mono citizen-ticket">{ticket.number}</span> {ticket.queueName}
            </dd>
          </div>
        )}
      </dl>
      {corner}
    </header>
  );
}

/** While no case is at the window: the hall's notices and the matters this window takes, large. */
function IdleView({ idle }: { idle: CitizenViewData['idle'] }) {
  const { t } = useTranslation();
  return (
    <div className="citizen-columns" data-testid="citizen-idle">
      <p className="citizen-welcome">{t('citizen.idle.welcome')}</p>
      {idle.notices.length > 0 && (
        <section className="citizen-card" aria-labelledby="citizen-notices">
          <h2 id="citizen-notices">{t('citizen.idle.notices')}</h2>
          <ul className="citizen-list">
            {idle.notices.map((notice, i) => (
              <li key={i}>{notice}</li>
            ))}
          </ul>
        </section>
      )}
      {idle.matters.length > 0 && (
        <section className="citizen-card" aria-labelledby="citizen-matters">
          <h2 id="citizen-matters">{t('citizen.idle.matters')}</h2>
          <ul className="citizen-list">
            {idle.matters.map((matter, i) => (
              <li key={i}>{matter}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** On the clerk's own panel: the citizen rates on their screen or by the receipt's QR code, never here. */
function RatingElsewhere() {
  const { t } = useTranslation();
  return (
    <section className="citizen-card" data-testid="citizen-rating-elsewhere">
      <p>{t('citizen.rating.elsewhere')}</p>
    </section>
  );
}

/**
 * What the citizen across the counter sees, as main built and masked it: shown exactly as it came
 * (names, ID numbers and dates are not reformatted here). Large type, high contrast, readable from a
 * metre away; it wraps from a 1920 px display down to a phone's width. `corner` holds the language
 * switch. `rating`: whether the rating the view asks for can be given here (the citizen screen); on
 * the clerk's panel (`false`) no form is shown, only where the citizen may rate instead.
 */
export function CitizenView({
  view,
  corner,
  rating = true,
}: {
  view: CitizenViewData;
  corner?: ReactNode;
  rating?: boolean;
}) {
  const prompt = view.rating;
  return (
    <div className="citizen-page" data-testid="citizen-view">
      <CounterBar view={view} corner={corner} />
      <main className="citizen-main">
        {prompt &&
          (rating ? (
            <RatingPanel key={prompt.promptId} prompt={prompt} />
          ) : prompt.state === 'rated' ? (
            <Thanks />
          ) : (
            <RatingElsewhere />
          ))}
        {view.case ? <CaseDetails data={view.case} /> : !prompt && <IdleView idle={view.idle} />}
      </main>
    </div>
  );
}
