import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, QueueNow } from '@yichuang/domain/hall-protocol';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { WaitTime } from './wait';

type BoardQueue = Board['queues'][number];

/** Solid colours with white text, above 4.5:1: issuing, stopped by the supervisor, outside its hours. */
const statusColor = { open: '#237804', closedToday: '#a8071a', notOpen: '#595959' } as const;

function statusOf(queue: BoardQueue): keyof typeof statusColor {
  if (queue.closedToday) return 'closedToday';
  return queue.open ? 'open' : 'notOpen';
}

interface QueuesCardProps {
  board: Board;
  /** The queues' hours and caps, when this person may read them. */
  details: QueueNow[] | null;
  /** The hall is away: nothing can be changed. */
  disabled: boolean;
  onQueues: (queues: QueueNow[]) => void;
  onChanged: () => void;
}

/** Per queue: how many wait, the longest wait now, whether tickets are given, 停止取号 / 恢复取号. */
export function QueuesCard({ board, details, disabled, onQueues, onChanged }: QueuesCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const [busy, setBusy] = useState<string | null>(null);
  const detailOf = (letter: string) => details?.find((q) => q.letter === letter) ?? null;

  const toggle = async (queue: BoardQueue) => {
    const closed = !queue.closedToday;
    setBusy(queue.letter);
    try {
      const answer = await run(api.queue.closeQueue({ letter: queue.letter, closed }));
      if (!answer) return;
      onQueues(answer);
      void message.success(t(closed ? 'hall.queues.stopped' : 'hall.queues.resumed', { queue: queue.name }));
      onChanged();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('hall.queues.title')} data-testid="hall-queues">
      <Table<BoardQueue>
        size="small"
        rowKey="letter"
        pagination={false}
        dataSource={board.queues}
        locale={{ emptyText: t('hall.queues.none') }}
        onRow={(queue) => ({ 'data-testid': `hall-queue-${queue.letter}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'queue',
            title: t('hall.queues.queue'),
            render: (_, queue) => (
              <span className="hall-queue-name">
                <span className="hall-letter">{queue.letter}</span> {queue.name}
              </span>
            ),
          },
          {
            key: 'waiting',
            title: t('hall.queues.waiting'),
            align: 'right',
            render: (_, queue) => (
              <span className="hall-count" data-testid={`hall-queue-${queue.letter}-waiting`}>
                {queue.waiting}
              </span>
            ),
          },
          {
            key: 'longest',
            title: t('hall.queues.longest'),
            align: 'right',
            render: (_, queue) => (
              <WaitTime seconds={queue.longestWaitS} testId={`hall-queue-${queue.letter}-longest`} />
            ),
          },
          ...(details
            ? [
                {
                  key: 'issued',
                  title: t('hall.queues.issued'),
                  align: 'right' as const,
                  render: (_: unknown, queue: BoardQueue) => {
                    const d = detailOf(queue.letter);
                    return d ? `${d.issuedToday} / ${d.dailyCap}` : '—';
                  },
                },
                {
                  key: 'hours',
                  title: t('hall.queues.hours'),
                  render: (_: unknown, queue: BoardQueue) => {
                    const d = detailOf(queue.letter);
                    return d ? <span className="nowrap">{`${d.opens}–${d.closes}`}</span> : '—';
                  },
                },
              ]
            : []),
          {
            key: 'status',
            title: t('hall.queues.status'),
            render: (_, queue) => {
              const status = statusOf(queue);
              const reason = status === 'notOpen' ? detailOf(queue.letter)?.closedReason : null;
              return (
                <span data-testid={`hall-queue-${queue.letter}-status`} data-status={status}>
                  <Tag color={statusColor[status]}>{t(`hall.queues.${status}`)}</Tag>
                  {reason && (
                    <Typography.Text type="secondary" className="hall-reason">
                      {reason}
                    </Typography.Text>
                  )}
                </span>
              );
            },
          },
          {
            key: 'actions',
            title: t('hall.queues.actions'),
            render: (_, queue) => (
              <Popconfirm
                title={t(queue.closedToday ? 'hall.queues.resumeConfirm' : 'hall.queues.stopConfirm', {
                  queue: `${queue.letter} ${queue.name}`,
                })}
                description={queue.closedToday ? undefined : t('hall.queues.stopHint')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: !queue.closedToday, 'data-testid': 'hall-queue-confirm' }}
                onConfirm={() => void toggle(queue)}
                disabled={disabled}
              >
                <Button
                  size="small"
                  danger={!queue.closedToday}
                  disabled={disabled}
                  loading={busy === queue.letter}
                  data-testid={`hall-queue-${queue.letter}-toggle`}
                >
                  {t(queue.closedToday ? 'hall.queues.resume' : 'hall.queues.stop')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
