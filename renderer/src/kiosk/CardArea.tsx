import { CheckCircleFilled, IdcardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KioskCard } from './kiosk-data';

/** 请将身份证放在读卡器上（可选）, or the masked name once a card was read. */
export function CardArea({ card, onClear }: { card: KioskCard | null; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <section
      className={`kiosk-card${card ? ' kiosk-card-read' : ''}`}
      aria-labelledby="kiosk-card-title"
      data-testid="kiosk-card"
      data-read={card !== null}
    >
      <h2 id="kiosk-card-title">{t('kiosk.card.title')}</h2>
      {card ? (
        <>
          <p className="kiosk-card-main" role="status" data-testid="kiosk-card-name">
            <CheckCircleFilled className="kiosk-card-icon" aria-hidden />
            {t('kiosk.card.read', { name: card.name })}
          </p>
          <p className="kiosk-card-sub">{t('kiosk.card.next')}</p>
          <button type="button" className="kiosk-secondary" onClick={onClear} data-testid="kiosk-card-clear">
            {t('kiosk.card.clear')}
          </button>
        </>
      ) : (
        <>
          <p className="kiosk-card-main">
            <IdcardOutlined className="kiosk-card-icon" aria-hidden />
            {t('kiosk.card.hint')}
          </p>
          <p className="kiosk-card-sub">{t('kiosk.card.why')}</p>
        </>
      )}
    </section>
  );
}
