import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkingDate } from '@yichuang/domain/calendar';
import type { Matter } from '@yichuang/domain/catalog';

/** The matter at a glance: individual or enterprise, department, promised days and date, fee. */
export function MatterMeta({ matter, promised }: { matter: Matter; promised: WorkingDate | null }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <Space size={6} className="matter-meta" wrap data-testid="matter-meta">
      <Tag color={matter.subject === 'enterprise' ? 'purple' : 'cyan'}>
        {t(`intake.matter.subject.${matter.subject}`)}
      </Tag>
      <span>{english && matter.departmentEn ? matter.departmentEn : matter.department}</span>
      <Tooltip title={t('intake.matter.statutory', { days: matter.statutoryDays })}>
        <span>
          {t('intake.matter.promised', { days: matter.promisedDays })}
          {promised && (
            <>
              {' → '}
              <span data-testid="promised-preview">{promised.date}</span>
              {promised.provisional && (
                <Tooltip title={t('intake.provisionalHelp')}>
                  <Tag color="orange" className="provisional-tag">
                    {t('intake.provisional')}
                  </Tag>
                </Tooltip>
              )}
            </>
          )}
        </span>
      </Tooltip>
      <span>{matter.fee > 0 ? t('intake.matter.fee', { fee: matter.fee }) : t('intake.matter.free')}</span>
    </Space>
  );
}
