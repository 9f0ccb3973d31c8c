import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** A wait this long or longer is shown in red with a warning sign: the supervisor should act. */
export const longWaitAlertS = 30 * 60;

/** `mm:ss` (minutes not capped at 59: 75:12 is an hour and a quarter); `—` when nobody waits. */
export function waitText(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A wait as the board shows it: red, with a sign and its words for screen readers, once too long. */
export function WaitTime({ seconds, testId }: { seconds: number | null; testId?: string }) {
  const { t } = useTranslation();
  const long = seconds !== null && seconds >= longWaitAlertS;
  return (
    <span
      className={long ? 'hall-wait hall-wait-long' : 'hall-wait'}
      data-testid={testId}
      data-long={long ? 'true' : 'false'}
    >
      {long && <WarningOutlined aria-hidden className="hall-wait-sign" />}
      {waitText(seconds)}
      {long && <span className="visually-hidden">{t('hall.longWait', { minutes: longWaitAlertS / 60 })}</span>}
    </span>
  );
}
