import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DueCase } from '../../../preload/contract/reports';

/**
 * One list of cases at risk (overdue, or due within 3 working days): the most urgent cases the
 * report carries, and how many there are in all.
 */
export function DueList({
  title,
  rows,
  total,
  testId,
}: {
  title: string;
  rows: DueCase[];
  total: number;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('common.withCount', { text: title, count: total })}
      extra={total > rows.length ? t('reports.moreDue', { listed: rows.length, total }) : null}
      className="report-due"
    >
      <Table<DueCase>
        size="small"
        rowKey="caseId"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={rows}
        data-testid={testId}
        columns={[
          { title: t('reports.columns.number'), dataIndex: 'number', className: 'mono' },
          { title: t('reports.columns.matter'), dataIndex: 'matterName' },
          {
            title: t('reports.columns.applicant'),
            render: (_: unknown, r) => `${r.applicantName} ${r.applicantIdMasked}`,
          },
          { title: t('reports.columns.clerk'), render: (_: unknown, r) => `${r.windowNumber} · ${r.clerkName}` },
          { title: t('reports.columns.promised'), dataIndex: 'promisedDate' },
          {
            title: t('reports.columns.daysLeft'),
            dataIndex: 'daysLeft',
            align: 'right',
            render: (v: number) => <Tag color={v < 0 ? 'red' : 'orange'}>{v}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
