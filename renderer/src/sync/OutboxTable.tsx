import { FileOutlined, FileTextOutlined, LikeOutlined, RedoOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxState } from '../../../preload/contract/sync';
import { shortTime } from './format';

/** One colour per outbox state: waiting grey, sending blue, delivered green, retrying orange, stuck red. */
export const outboxColors: Record<OutboxState, string> = {
  queued: 'default',
  sending: 'processing',
  acknowledged: 'green',
  retrying: 'orange',
  needs_attention: 'red',
};

const retryable: readonly OutboxState[] = ['retrying', 'needs_attention'];

/** The state as a coloured tag; a delivered item tells when it arrived. */
export function OutboxStateTag({ state, acknowledgedAt }: { state: OutboxState; acknowledgedAt?: string | null }) {
  const { t } = useTranslation();
  const tag = (
    <Tag
      color={outboxColors[state]}
      icon={state === 'sending' ? <SyncOutlined spin /> : undefined}
      data-state={state}
      className="sync-state-tag"
    >
      {t(`sync.states.${state}`)}
    </Tag>
  );
  return acknowledgedAt ? (
    <Tooltip title={t('sync.acknowledgedAt', { time: shortTime(acknowledgedAt) })}>{tag}</Tooltip>
  ) : (
    tag
  );
}

const none = <Typography.Text type="secondary">—</Typography.Text>;

function Content({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  if (item.kind === 'case' || item.kind === 'rating') {
    return (
      <span className="sync-content">
        {item.kind === 'case' ? <FileTextOutlined /> : <LikeOutlined />} {t(`sync.kinds.${item.kind}`)}
      </span>
    );
  }
  return (
    <span className="sync-content">
      <FileOutlined /> {t('sync.kinds.file')}
      <Typography.Text ellipsis={{ tooltip: item.fileName }} className="sync-file-name">
        {item.fileName ?? item.sha256?.slice(0, 12)}
      </Typography.Text>
    </span>
  );
}

interface OutboxTableProps {
  items: OutboxItem[];
  loading: boolean;
  emptyText: string;
  /** The id being retried (its button spins). */
  retrying: number | null;
  onRetry: (item: OutboxItem) => void;
}

/** The outbox, one row per case version or file: where it stands, how often it was tried, why it failed. */
export function OutboxTable({ items, loading, emptyText, retrying, onRetry }: OutboxTableProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<OutboxItem> = [
    {
      title: t('sync.columns.number'),
      dataIndex: 'caseNumber',
      width: 236,
      render: (number: string) => <span className="sync-mono sync-number">{number}</span>,
    },
    {
      title: t('sync.columns.version'),
      dataIndex: 'caseVersion',
      width: 68,
      render: (version: number) => t('sync.version', { version }),
    },
    {
      title: t('sync.columns.content'),
      key: 'content',
      width: 200,
      render: (_: unknown, item) => <Content item={item} />,
    },
    {
      title: t('sync.columns.state'),
      dataIndex: 'state',
      width: 124,
      render: (state: OutboxState, item) => <OutboxStateTag state={state} acknowledgedAt={item.acknowledgedAt} />,
    },
    { title: t('sync.columns.attempts'), dataIndex: 'attempts', width: 76, align: 'right' },
    {
      title: t('sync.columns.nextAttempt'),
      dataIndex: 'nextAttemptAt',
      width: 96,
      render: (at: string | null, item) => (item.state === 'retrying' && at ? shortTime(at) : none),
    },
    {
      title: t('sync.columns.lastError'),
      dataIndex: 'lastError',
      render: (error: string | null) => (error ? <span className="sync-row-error">{error}</span> : none),
    },
    {
      title: t('sync.columns.actions'),
      key: 'actions',
      width: 88,
      render: (_: unknown, item) =>
        retryable.includes(item.state) ? (
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retrying === item.id}
            onClick={() => onRetry(item)}
            data-testid={`sync-retry-${item.id}`}
          >
            {t('sync.retry')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Table<OutboxItem>
      size="small"
      rowKey="id"
      pagination={false}
      tableLayout="fixed"
      loading={loading && items.length === 0}
      dataSource={items}
      columns={columns}
      data-testid="sync-table"
      onRow={(item) =>
        ({ 'data-testid': `sync-row-${item.id}`, 'data-state': item.state }) as HTMLAttributes<HTMLElement>
      }
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
    />
  );
}
