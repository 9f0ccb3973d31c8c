import { Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hallDateTime } from '@yichuang/domain/hall-time';
import type { UpcomingPurge } from '../../../preload/contract/channels/retention';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import type { CaseState } from '@yichuang/domain/cases';
import { CaseStateTag } from '../cases/CaseStateTag';

/** Settings → 数据安全 (supervisor, administrator): the cases the next 30 days purge from this PC. */
export function RetentionPanel() {
  const { t } = useTranslation();
  const run = useRun();
  const [upcoming, setUpcoming] = useState<UpcomingPurge | null>(null);
  useEffect(() => {
    void run(api.retention.upcoming({})).then(setUpcoming);
  }, [run]);
  if (!upcoming) return null;
  return (
    <div data-testid="retention" style={{ maxWidth: 1000, marginTop: 16 }}>
      <Typography.Paragraph>{t('security.retention.rule', { days: upcoming.retentionDays })}</Typography.Paragraph>
      <Typography.Paragraph strong>
        {upcoming.cases.length === 0
          ? t('security.retention.none')
          : t(upcoming.more ? 'security.retention.countMore' : 'security.retention.count', {
              count: upcoming.cases.length,
            })}
      </Typography.Paragraph>
      {upcoming.cases.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={upcoming.cases}
          data-testid="retention-table"
          columns={[
            { title: t('security.retention.number'), dataIndex: 'number', render: (n: string | null) => n ?? '—' },
            { title: t('security.retention.matter'), dataIndex: 'matterName', render: (n: string | null) => n ?? '—' },
            {
              title: t('security.retention.state'),
              dataIndex: 'state',
              render: (state: CaseState) => <CaseStateTag state={state} />,
            },
            { title: t('security.retention.finalAt'), dataIndex: 'finalAt', render: (at: string) => hallDateTime(at) },
            { title: t('security.retention.purgeOn'), dataIndex: 'purgeOn' },
          ]}
        />
      )}
    </div>
  );
}
