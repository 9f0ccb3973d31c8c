import { App, Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '@yichuang/domain/hall-protocol';
import { ticketStateNames, ticketStateNamesEn, type TicketState } from '@yichuang/domain/queue';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { QueuePicker, WindowQueuesEditor, inBoardOrder, queueOptions } from './WindowQueuesEditor';

type BoardWindow = Board['windows'][number];

/** The ticket's state at the counter, in the queue bar's colours (white text, above 4.5:1). */
const stateColor: Partial<Record<TicketState, string>> = {
  called: '#1f4e8c',
  serving: '#237804',
  held: '#ad4e00',
};

interface WindowsCardProps {
  board: Board;
  disabled: boolean;
  /** The board the hall answered a change with. */
  onBoard: (board: Board) => void;
}

/** Per window: open or not, who serves, the number at the counter, the queues it serves (changeable). */
export function WindowsCard({ board, disabled, onBoard }: WindowsCardProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();
  const stateNames = i18n.language === 'en' ? ticketStateNamesEn : ticketStateNames;
  const [other, setOther] = useState<number | null>(null);
  const [otherQueues, setOtherQueues] = useState<string[]>([]);
  const [savingOther, setSavingOther] = useState(false);

  const save = async (window: number, queues: string[]): Promise<boolean> => {
    const answer = await run(api.queue.setWindowQueues({ window, queues }));
    if (!answer) return false;
    onBoard(answer);
    void message.success(t('hall.windows.saved', { window }));
    return true;
  };

  const saveOther = async () => {
    if (other === null) return;
    setSavingOther(true);
    try {
      if (await save(other, inBoardOrder(board, otherQueues))) {
        setOther(null);
        setOtherQueues([]);
      }
    } finally {
      setSavingOther(false);
    }
  };

  return (
    <Card size="small" title={t('hall.windows.title')} data-testid="hall-windows">
      <Table<BoardWindow>
        size="small"
        rowKey="window"
        pagination={false}
        dataSource={board.windows}
        locale={{ emptyText: t('hall.windows.none') }}
        onRow={(w) =>
          ({ 'data-testid': `hall-window-${w.window}`, 'data-open': String(w.open) }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'window',
            title: t('hall.windows.window'),
            render: (_, w) => (
              <span className="hall-window-number">{t('hall.windows.windowNumber', { window: w.window })}</span>
            ),
          },
          {
            key: 'state',
            title: t('hall.windows.state'),
            render: (_, w) =>
              w.open ? <Tag color="#237804">{t('hall.windows.open')}</Tag> : <Tag>{t('hall.windows.closed')}</Tag>,
          },
          {
            key: 'clerk',
            title: t('hall.windows.clerk'),
            render: (_, w) => w.clerk ?? '—',
          },
          {
            key: 'current',
            title: t('hall.windows.current'),
            render: (_, w) =>
              w.current ? (
                <span data-testid={`hall-window-${w.window}-current`} data-state={w.currentState ?? ''}>
                  <span className="hall-number">{w.current}</span>
                  {w.currentState && <Tag color={stateColor[w.currentState]}>{stateNames[w.currentState]}</Tag>}
                </span>
              ) : (
                '—'
              ),
          },
          {
            key: 'queues',
            title: t('hall.windows.queues'),
            render: (_, w) => (
              <WindowQueuesEditor board={board} window={w.window} queues={w.queues} disabled={disabled} onSave={save} />
            ),
          },
        ]}
      />
      <div className="hall-other-window">
        <Typography.Text strong>{t('hall.windows.other')}</Typography.Text>
        <Space size={8} wrap>
          <InputNumber
            min={1}
            max={999}
            precision={0}
            value={other}
            onChange={setOther}
            placeholder={t('hall.windows.otherNumber')}
            aria-label={t('hall.windows.otherNumber')}
            disabled={disabled}
            data-testid="hall-other-window"
          />
          <QueuePicker
            id="hall-other-queues"
            label={t('hall.windows.otherQueues')}
            options={queueOptions(board)}
            value={otherQueues}
            onChange={setOtherQueues}
            disabled={disabled}
            testId="hall-other-queues"
          />
          <Button
            type="primary"
            disabled={disabled || other === null}
            loading={savingOther}
            onClick={() => void saveOther()}
            data-testid="hall-other-save"
          >
            {t('hall.windows.save')}
          </Button>
        </Space>
      </div>
    </Card>
  );
}
