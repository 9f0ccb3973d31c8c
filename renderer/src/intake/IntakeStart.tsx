import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { hallLocaleFormat, hallShown } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../preload/contract/cases';

/** Before the first card or matter: what to do, and the clerk's unfinished drafts to continue. */
export function IntakeStart({ offered, onContinue }: { offered: CaseSummary[]; onContinue: (caseId: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card className="intake-start" data-testid="intake-start">
      <Empty
        description={
          <Space direction="vertical">
            <Typography.Text>{t('intake.start')}</Typography.Text>
            <Typography.Text type="secondary">{t('intake.startHint')}</Typography.Text>
          </Space>
        }
      />
      {offered.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('intake.unfinished')}</Typography.Text>}
          dataSource={offered}
          renderItem={(d) => (
            <List.Item
              actions={[
                <Button
                  key="go"
                  size="small"
                  type="link"
                  onClick={() => onContinue(d.id)}
                  data-testid={`continue-${d.id}`}
                >
                  {t('intake.continue')}
                </Button>,
              ]}
            >
              {d.matterName ?? t('intake.noMatter')} · {d.applicantName || t('intake.noApplicant')} ·{' '}
              {hallShown((ms) => hallLocaleFormat(ms, i18n.language, 'dateTime'), d.updatedAt)}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
