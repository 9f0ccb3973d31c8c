import { Card, Descriptions, Typography } from 'antd';
import { hallLocaleFormat } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../app/server-clock';
import { useSession } from '../app/session';

/** Where the administrator lands after sign-in (the others land on the intake): who, which window, what day, where to go. */
export function WorkbenchScreen() {
  const { t, i18n } = useTranslation();
  const { state } = useSession();
  const now = useServerNow(60_000);
  if (!state?.user) return null;
  // The hall's date by the server clock, in the UI language (2026年11月27日星期五).
  const today = hallLocaleFormat(now, i18n.language, 'longDate');
  return (
    <Card data-testid="workbench">
      <Typography.Title level={3}>{t('workbench.greeting', { name: state.user.displayName })}</Typography.Title>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('nav.workbench')}>{t('workbench.today', { date: today })}</Descriptions.Item>
        {state.window && (
          <Descriptions.Item label={t('settings.windowSection')}>
            {t('workbench.windowInfo', {
              hall: state.window.hallName,
              window: state.user.windowNumber ?? state.window.windowNumber,
              district: state.window.districtCode,
            })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('workbench.next')}</Typography.Paragraph>
    </Card>
  );
}
