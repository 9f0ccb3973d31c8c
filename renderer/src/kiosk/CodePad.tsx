import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bookingCodeLength } from '@yichuang/domain/hall-protocol';
import type { KioskCard } from './kiosk-data';

const { min: minLength, max: maxLength } = bookingCodeLength;

const keys = [...'1234567890', ...Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i))];

/**
 * 预约取号: the booking code typed on on-screen keys (0–9, A–Z), or the card on the reader. What the
 * hall answered when it refused (no such booking, not today) is said here, the code kept to correct.
 */
export function CodePad({
  card,
  busy,
  problem,
  onCode,
  onCard,
  onBack,
}: {
  card: KioskCard | null;
  busy: boolean;
  problem: string | null;
  onCode: (code: string) => void;
  onCard: (card: KioskCard) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  return (
    <section className="kiosk-pad" aria-labelledby="kiosk-pad-title" data-testid="kiosk-pad">
      <h1 id="kiosk-pad-title">{t('kiosk.appointment.title')}</h1>
      <p className="kiosk-pad-hint">{t('kiosk.appointment.enter')}</p>
      <output className="kiosk-pad-code" data-testid="kiosk-pad-code" aria-live="polite">
        {code || <span className="kiosk-pad-empty">{t('kiosk.appointment.empty')}</span>}
      </output>
      {problem && (
        <p className="kiosk-pad-problem" role="alert" data-testid="kiosk-pad-problem">
          {problem}
        </p>
      )}
      <div className="kiosk-pad-keys" role="group" aria-label={t('kiosk.appointment.keys')}>
        {keys.map((key) => (
          <button
            key={key}
            type="button"
            className="kiosk-key"
            disabled={code.length >= maxLength}
            onClick={() => setCode(code + key)}
            data-testid={`kiosk-pad-key-${key}`}
          >
            {key}
          </button>
        ))}
        <button
          type="button"
          className="kiosk-key kiosk-key-wide"
          disabled={!code}
          onClick={() => setCode(code.slice(0, -1))}
          data-testid="kiosk-pad-erase"
        >
          {t('kiosk.appointment.erase')}
        </button>
        <button
          type="button"
          className="kiosk-key kiosk-key-wide"
          disabled={!code}
          onClick={() => setCode('')}
          data-testid="kiosk-pad-clear"
        >
          {t('kiosk.appointment.clear')}
        </button>
      </div>
      <div className="kiosk-pad-actions">
        <button type="button" className="kiosk-secondary kiosk-big" onClick={onBack} data-testid="kiosk-pad-back">
          {t('kiosk.appointment.back')}
        </button>
        <button
          type="button"
          className="kiosk-primary kiosk-big"
          disabled={busy || code.length < minLength}
          onClick={() => onCode(code)}
          data-testid="kiosk-pad-submit"
        >
          {t('kiosk.appointment.submit')}
        </button>
      </div>
      <p className="kiosk-pad-card">
        {card ? (
          <button
            type="button"
            className="kiosk-primary kiosk-big"
            disabled={busy}
            onClick={() => onCard(card)}
            data-testid="kiosk-pad-card"
          >
            {t('kiosk.appointment.useCard', { name: card.name })}
          </button>
        ) : (
          t('kiosk.appointment.orCard')
        )}
      </p>
    </section>
  );
}
