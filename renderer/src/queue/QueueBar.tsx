import { Alert, Button, Form, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@yichuang/domain/hall-protocol';
import { ticketStateNames, ticketStateNamesEn } from '@yichuang/domain/queue';
import { useShortcuts } from '../app/shortcuts';
import { useQueue } from './queue-context';
import { RejoinDialog } from './RejoinDialog';
import './queue.css';

/** Solid colours with white text: readable at a glance and above 4.5:1. */
const stateColor: Record<Ticket['state'], string> = {
  issued: '#595959',
  called: '#1f4e8c',
  serving: '#237804',
  held: '#ad4e00',
  done: '#595959',
  no_show: '#a8071a',
  transferred: '#595959',
};

/** Transfer: another queue, or a window; the ticket keeps its original time. */
function TransferDialog({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation();
  const { status, transfer, busy } = useQueue();
  const [toQueue, setQueue] = useState<string | undefined>(undefined);
  const [toWindow, setWindow] = useState<number | null>(null);
  const options = (status?.queues ?? [])
    .filter((q) => q.letter !== ticket.queue)
    .map((q) => ({ value: q.letter, label: `${q.letter} ${q.name}` }));
  return (
    <Modal
      open
      title={t('queue.transferTitle', { number: ticket.number ?? t('queue.walkInTicket') })}
      onCancel={onClose}
      okButtonProps={{ disabled: !toQueue && !toWindow, loading: busy, 'data-testid': 'queue-transfer-ok' }}
      onOk={() =>
        void transfer(ticket.id, { ...(toQueue ? { toQueue } : {}), ...(toWindow ? { toWindow } : {}) }).then(
          (moved) => moved && onClose(),
        )
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('queue.transferQueue')} htmlFor="queue-transfer-queue">
          <Select
            id="queue-transfer-queue"
            allowClear
            options={options}
            value={toQueue}
            onChange={setQueue}
            data-testid="queue-transfer-queue"
          />
        </Form.Item>
        <Form.Item label={t('queue.transferWindow')} htmlFor="queue-transfer-window">
          <InputNumber
            id="queue-transfer-window"
            min={1}
            max={999}
            placeholder={t('queue.transferWindowPlaceholder')}
            value={toWindow}
            onChange={(v) => setWindow(v)}
            data-testid="queue-transfer-window"
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('queue.transferHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}

/**
 * The queue over the intake: the ticket at the counter and what can be done with it, how many wait,
 * the held tickets. F1 calls next (it finishes the ticket at the counter), Shift+F1 calls it again.
 * Without the hall the bar says so and the window goes on without tickets.
 */
export function QueueBar({ enabled }: { enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const queue = useQueue();
  const { status, busy } = queue;
  const [transferring, setTransferring] = useState<Ticket | null>(null);
  const [rejoining, setRejoining] = useState(false);
  const bindings = useMemo(() => ({ F1: () => void queue.callNext(), 'Shift+F1': () => void queue.recall() }), [queue]);
  useShortcuts(bindings, enabled && queue.calls && status?.connection !== 'unconfigured');

  if (!queue.calls || !status) return null;
  // Not enrolled at central: no hall to call from; the intake stays as it was (the 同步 badge says why).
  if (status.connection === 'unconfigured') return null;

  const window = status.window;
  const current = window?.current ?? null;
  const names = new Map(status.queues.map((q) => [q.letter, q.name]));
  const offline = status.connection === 'offline';
  const act = (action: 'serve' | 'finish' | 'skip' | 'hold') => current && void queue.act(current.id, action);

  return (
    <div className="queue-bar" data-testid="queue-bar" data-connection={status.connection}>
      {offline && (
        <Alert
          type="warning"
          showIcon
          className="queue-offline"
          message={t('queue.offline')}
          description={status.lastError}
          data-testid="queue-offline"
        />
      )}
      <Space size="middle" wrap className="queue-bar-row">
        <span className="queue-current" data-testid="queue-current" data-state={current?.state ?? 'none'}>
          <Typography.Text type="secondary">{t('queue.current')}</Typography.Text>{' '}
          <span className="queue-number mono">
            {current ? (current.number ?? t('queue.walkInTicket')) : t('queue.none')}
          </span>
          {current && (
            <Tag color={stateColor[current.state]} className="queue-state">
              {(i18n.language === 'en' ? ticketStateNamesEn : ticketStateNames)[current.state]}
            </Tag>
          )}
          {current && names.get(current.queue) && (
            <Typography.Text type="secondary">{names.get(current.queue)}</Typography.Text>
          )}
          {status.currentCase && (
            <Typography.Text className="mono" data-testid="queue-case">
              {' '}
              {t('queue.caseOf', { number: status.currentCase })}
            </Typography.Text>
          )}
        </span>
        <Button
          type="primary"
          onClick={() => void queue.callNext()}
          loading={busy}
          disabled={offline && !window}
          data-testid="queue-call-next"
        >
          {t('queue.callNext')} <kbd>F1</kbd>
        </Button>
        {current?.state === 'called' && (
          <>
            <Button onClick={() => void queue.recall()} disabled={busy} data-testid="queue-recall">
              {t('queue.recall')} <kbd>Shift+F1</kbd>
            </Button>
            <Button onClick={() => act('serve')} disabled={busy} data-testid="queue-serve">
              {t('queue.serve')}
            </Button>
            <Button danger onClick={() => act('skip')} disabled={busy} data-testid="queue-skip">
              {t('queue.skip')}
            </Button>
          </>
        )}
        {current && (current.state === 'called' || current.state === 'serving') && (
          <>
            <Button onClick={() => act('hold')} disabled={busy} data-testid="queue-hold">
              {t('queue.hold')}
            </Button>
            <Button onClick={() => setTransferring(current)} disabled={busy} data-testid="queue-transfer">
              {t('queue.transfer')}
            </Button>
          </>
        )}
        {current?.state === 'serving' && (
          <Button onClick={() => act('finish')} disabled={busy} data-testid="queue-finish">
            {t('queue.finish')}
          </Button>
        )}
        {!current && (
          <Button onClick={() => void queue.walkIn()} disabled={busy || offline} data-testid="queue-walk-in">
            {t('queue.walkIn')}
          </Button>
        )}
        <Button onClick={() => setRejoining(true)} disabled={busy || offline} data-testid="queue-rejoin">
          {t('queue.rejoin')}
        </Button>
        <span className="queue-waiting" data-testid="queue-waiting">
          {t('queue.waiting', { count: window?.waiting ?? 0 })}
        </span>
        {window &&
          (window.queues.length ? (
            <Typography.Text type="secondary">
              {t('queue.queues', {
                queues: window.queues.map((l) => `${l} ${names.get(l) ?? ''}`.trim()).join('、'),
              })}
            </Typography.Text>
          ) : (
            <Typography.Text type="warning">{t('queue.noQueues')}</Typography.Text>
          ))}
        {window?.held.map((held) => (
          <Tag key={held.id} color={stateColor.held} data-testid="queue-held">
            {t('queue.held')} {held.number ?? t('queue.walkInTicket')}{' '}
            <Button
              size="small"
              type="link"
              disabled={busy || !!current}
              onClick={() => void queue.act(held.id, 'resume')}
              data-testid="queue-resume"
            >
              {t('queue.resume')}
            </Button>
          </Tag>
        ))}
      </Space>
      {transferring && <TransferDialog ticket={transferring} onClose={() => setTransferring(null)} />}
      {rejoining && <RejoinDialog onClose={() => setRejoining(false)} />}
    </div>
  );
}
