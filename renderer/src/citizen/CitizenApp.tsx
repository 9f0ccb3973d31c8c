import { hallShown, hallTimeShort } from '@yichuang/domain/hall-time';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CitizenView } from './CitizenView';
import { useCitizenScreen, type CitizenShown } from './use-citizen-screen';
import './citizen.css';

/**
 * The citizen's own switch, for this screen and this visit only: it is not kept as the PC's language
 * (the clerk's window shares this PC's storage), and the next citizen starts in the workstation's
 * default language again.
 */
function LanguageSwitch({ onSwitch }: { onSwitch: () => void }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="citizen-lang"
      lang={other}
      onClick={() => {
        onSwitch();
        void i18n.changeLanguage(other);
      }}
      data-testid="citizen-language"
    >
      {t('citizen.otherLanguage')}
    </button>
  );
}

function PairingCode({ code, expiresAt, corner }: { code: string; expiresAt: string; corner: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="citizen-page">
      <header className="citizen-corner">{corner}</header>
      <main className="citizen-pair" data-testid="citizen-pairing">
        <h1 className="citizen-pair-title">{t('citizen.pair.title')}</h1>
        <p className="citizen-code citizen-mono" data-testid="citizen-code">
          {code}
        </p>
        <p className="citizen-pair-ask">{t('citizen.pair.ask')}</p>
        <p className="citizen-pair-expires" data-testid="citizen-code-expires">
          {t('citizen.pair.expires', { time: hallShown(hallTimeShort, expiresAt) })}
        </p>
      </main>
    </div>
  );
}

/** Nothing but this while the connection is down: no part of the last view stays on the screen. */
function Wait() {
  const { t } = useTranslation();
  return (
    <main className="citizen-wait" data-testid="citizen-wait">
      <h1>{t('citizen.wait')}</h1>
    </main>
  );
}

/** Between two citizens: no case, no rating waiting, no view yet. */
function between(shown: CitizenShown): boolean {
  return shown.kind !== 'view' || (shown.view.case === null && shown.view.rating === null);
}

/**
 * The citizen screen (双屏), served by the same bundle at `#screen=citizen`: it signs no one in,
 * binds no shortcut and calls nothing but `citizen.hello` and `citizen.rate`. It shows the pairing
 * code until the clerk's window pairs with it, then what main pushes for the case at the window.
 */
export function CitizenApp() {
  const { t, i18n } = useTranslation();
  const shown = useCitizenScreen();

  // The language main sends (the workstation's default): the page starts in it, each new citizen
  // finds it again, unless the citizen at the window switched during this visit (never stored).
  const locale = shown.kind === 'view' ? shown.view.locale : shown.kind === 'code' ? shown.locale : null;
  const switched = useRef(false);
  const fresh = between(shown);
  useEffect(() => {
    if (fresh) switched.current = false;
  }, [fresh]);
  useEffect(() => {
    if (locale && !switched.current && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [fresh, locale, i18n]);

  useEffect(() => {
    document.title = t('citizen.pageTitle');
  }, [t]);

  const corner = (
    <LanguageSwitch
      onSwitch={() => {
        switched.current = true;
      }}
    />
  );
  if (shown.kind === 'wait') return <Wait />;
  if (shown.kind === 'code') return <PairingCode code={shown.code} expiresAt={shown.expiresAt} corner={corner} />;
  return <CitizenView view={shown.view} corner={corner} />;
}
