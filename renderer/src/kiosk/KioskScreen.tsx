import { LoadingOutlined, PrinterOutlined, ScheduleOutlined, StopOutlined } from '@ant-design/icons';
import type { QueueNow } from '@yichuang/domain/hall-protocol';
import { hallLocaleFormat, hallTimeShort } from '@yichuang/domain/hall-time';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../preload/contract/envelope';
import type { AppErrorShape } from '../../../preload/contract/errors';
import type { IssueResult } from '../../../preload/contract/queue';
import { useServerNow } from '../app/server-clock';
import { useSession } from '../app/session';
import { api } from '../bridge';
import i18next, { setLocale } from '../i18n';
import { useErrorText } from '../lib/result';
import { CardArea } from './CardArea';
import { CodePad } from './CodePad';
import { FailedView, IssuedView } from './IssuedView';
import { useKioskCard, useKioskPrinterFault, useKioskQueues, type KioskCard } from './kiosk-data';
import { filterByPinyin, LetterStrip, QueueCards } from './QueueCards';
import { StaffCorner } from './StaffCorner';
import './kiosk.css';
import './kiosk-views.css';

type View =
  | { kind: 'home' }
  | { kind: 'pad'; problem: string | null }
  | { kind: 'issued'; result: IssueResult }
  | { kind: 'failed'; error: AppErrorShape };

/** A citizen who walked away from the code pad: the next one finds the start. */
const padIdleMs = 120_000;

function KioskClock() {
  const { i18n } = useTranslation();
  const now = useServerNow(1000);
  return (
    <p className="kiosk-clock" data-testid="kiosk-clock">
      <span>{hallLocaleFormat(now, i18n.language, 'longDate')}</span>
      <span className="kiosk-clock-time">{hallTimeShort(now)}</span>
    </p>
  );
}

/**
 * The ticket kiosk at the hall's door, full screen: the hall's queues as big tiles (picture, name,
 * how many wait; a closed one greyed with the hall's reason), found by pinyin initials; the ID card
 * on the reader if the citizen wants (one live ticket per person and queue); 预约取号 by code or
 * card. A tap asks main for the ticket (a double tap is one ticket: the same tap key); the answer
 * fills the screen. When the hall cannot be asked, the kiosk says tickets are paused and keeps asking.
 */
export function KioskScreen({ onLock, onSignOut }: { onLock: () => void; onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const hallName = useSession().state?.window?.hallName ?? '';
  const errorText = useErrorText();
  const { queues, down, refresh } = useKioskQueues();
  const { card, clear: clearCard } = useKioskCard();
  const printerFault = useKioskPrinterFault();
  const [view, setView] = useState<View>({ kind: 'home' });
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  /** One tap key per queue until a ticket is given: a second tap (or a retry) sends the same key. */
  const tapKeys = useRef(new Map<string, string>());

  // Chinese first: the kiosk starts in Chinese, and the next citizen finds it in Chinese again. The
  // choice is kept as this PC's (setLocale), as the workstation's own switch does: the kiosk's PC is the kiosk's.
  const chinese = useCallback(() => {
    if (i18next.language !== 'zh-CN') setLocale('zh-CN');
  }, []);
  useEffect(chinese, [chinese]);
  const otherLanguage = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';

  const home = useCallback(() => {
    setView({ kind: 'home' });
    setQuery('');
  }, []);
  const finish = useCallback(() => {
    home();
    chinese();
  }, [home, chinese]);

  useEffect(() => {
    if (view.kind !== 'pad') return;
    const timer = window.setTimeout(home, padIdleMs);
    return () => window.clearTimeout(timer);
  }, [view.kind, home]);

  const answered = useCallback(
    (result: Result<IssueResult>, onError: (error: AppErrorShape) => void) => {
      if (!result.ok) return onError(result.error);
      const ticketId = result.value.issued.ticket.id;
      tapKeys.current.clear();
      clearCard();
      // The second answer of a double tap is the same ticket: the screen (and its slip) stay as they are.
      setView((shown) =>
        shown.kind === 'issued' && shown.result.issued.ticket.id === ticketId
          ? shown
          : { kind: 'issued', result: result.value },
      );
      refresh();
    },
    [clearCard, refresh],
  );

  const take = async (queue: QueueNow) => {
    let tapKey = tapKeys.current.get(queue.letter);
    if (!tapKey) {
      tapKey = crypto.randomUUID();
      tapKeys.current.set(queue.letter, tapKey);
    }
    setBusy(true);
    const result = await api.queue.issue({
      queue: queue.letter,
      priority: false,
      tapKey,
      ...(card ? { readId: card.readId } : {}),
    });
    setBusy(false);
    answered(result, (error) => setView({ kind: 'failed', error }));
  };

  const checkIn = async (input: { code: string } | { readId: string }) => {
    setBusy(true);
    const result = await api.queue.checkIn(input);
    setBusy(false);
    answered(result, (error) => setView({ kind: 'pad', problem: errorText(error) }));
  };

  const shown = queues ? filterByPinyin(queues, query) : [];
  return (
    <div className="kiosk" data-testid="kiosk" data-view={view.kind}>
      <header className="kiosk-header">
        <div className="kiosk-header-hall">
          <p className="kiosk-hall" data-testid="kiosk-hall">
            {hallName}
          </p>
          <p className="kiosk-title">{t('kiosk.title')}</p>
        </div>
        <KioskClock />
        <button
          type="button"
          className="kiosk-lang"
          lang={otherLanguage}
          onClick={() => setLocale(otherLanguage)}
          data-testid="kiosk-language"
        >
          {t('kiosk.otherLanguage')}
        </button>
      </header>
      <main className="kiosk-main">
        {view.kind === 'home' && down && (
          <div className="kiosk-paused" role="alert" data-testid="kiosk-paused">
            <StopOutlined className="kiosk-paused-icon" aria-hidden />
            <h1 className="kiosk-paused-main">{t('kiosk.paused')}</h1>
            <p className="kiosk-paused-sub">{t('kiosk.pausedRetry')}</p>
          </div>
        )}
        {view.kind === 'home' && !down && (
          <div className="kiosk-home">
            <section className="kiosk-queues" aria-labelledby="kiosk-pick">
              <h1 id="kiosk-pick">{t('kiosk.pick')}</h1>
              {printerFault && (
                <p
                  className="kiosk-printer-fault"
                  role="status"
                  data-testid="kiosk-printer-fault"
                  data-fault={printerFault}
                >
                  <PrinterOutlined className="kiosk-printer-fault-icon" aria-hidden />
                  {t(`kiosk.printerFault.${printerFault}`)}
                </p>
              )}
              {queues === null ? (
                <p className="kiosk-loading" data-testid="kiosk-loading">
                  <LoadingOutlined aria-hidden /> {t('kiosk.loading')}
                </p>
              ) : (
                <>
                  {shown.length > 0 ? (
                    <QueueCards queues={shown} onTake={(queue) => void take(queue)} />
                  ) : (
                    <p className="kiosk-no-match" data-testid="kiosk-no-match">
                      {t('kiosk.letters.noMatch', { query })}
                    </p>
                  )}
                  <LetterStrip queues={queues} query={query} onChange={setQuery} />
                </>
              )}
            </section>
            <aside className="kiosk-side">
              <CardArea card={card} onClear={clearCard} />
              <button
                type="button"
                className="kiosk-appointment"
                onClick={() => setView({ kind: 'pad', problem: null })}
                data-testid="kiosk-appointment"
              >
                <ScheduleOutlined className="kiosk-appointment-icon" aria-hidden />
                <span className="kiosk-appointment-title">{t('kiosk.appointment.open')}</span>
                <span className="kiosk-appointment-hint">{t('kiosk.appointment.openHint')}</span>
              </button>
            </aside>
          </div>
        )}
        {view.kind === 'pad' && (
          <CodePad
            card={card}
            busy={busy}
            problem={view.problem}
            onCode={(code) => void checkIn({ code })}
            onCard={(read: KioskCard) => void checkIn({ readId: read.readId })}
            onBack={home}
          />
        )}
        {view.kind === 'issued' && <IssuedView result={view.result} onDone={finish} />}
        {view.kind === 'failed' && <FailedView error={view.error} onDone={finish} />}
      </main>
      <StaffCorner onLock={onLock} onSignOut={onSignOut} />
      {busy && (
        <div className="kiosk-busy" role="status" data-testid="kiosk-busy">
          <LoadingOutlined className="kiosk-busy-icon" aria-hidden />
          <p>{t('kiosk.issuing')}</p>
        </div>
      )}
    </div>
  );
}
