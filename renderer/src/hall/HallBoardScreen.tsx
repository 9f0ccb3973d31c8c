import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Result, Row, Space, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '@yichuang/domain/hall-protocol';
import { hallShown, hallTime } from '@yichuang/domain/hall-time';
import { useSession } from '../app/session';
import { useShortcuts } from '../app/shortcuts';
import { useErrorText } from '../lib/result';
import { CallsCard } from './CallsCard';
import { DisplayAddress } from './DisplayAddress';
import { PrinterAlert, PrintersCard } from './PrintersCard';
import { QueuesCard } from './QueuesCard';
import { useHallBoard } from './use-hall-board';
import { WaitTime } from './wait';
import { WindowsCard } from './WindowsCard';
import './hall.css';

/** The three figures at the top: people waiting in the hall, the longest wait, windows open. */
function Totals({ board }: { board: Board }) {
  const { t } = useTranslation();
  const waiting = board.queues.reduce((sum, q) => sum + q.waiting, 0);
  const waits = board.queues.map((q) => q.longestWaitS).filter((s): s is number => s !== null);
  const longest = waits.length > 0 ? Math.max(...waits) : null;
  const open = board.windows.filter((w) => w.open).length;
  return (
    <div className="hall-totals">
      <div className="hall-total" data-testid="hall-total-waiting">
        <div className="hall-total-label">{t('hall.totals.waiting')}</div>
        <div className="hall-total-value">{t('hall.totals.people', { count: waiting })}</div>
      </div>
      <div className="hall-total" data-testid="hall-total-longest">
        <div className="hall-total-label">{t('hall.totals.longest')}</div>
        <div className="hall-total-value">
          <WaitTime seconds={longest} />
        </div>
      </div>
      <div className="hall-total" data-testid="hall-total-windows">
        <div className="hall-total-label">{t('hall.totals.windowsOpen')}</div>
        <div className="hall-total-value">{t('hall.totals.windows', { open, total: board.windows.length })}</div>
      </div>
    </div>
  );
}

/** The detail an error came with ('大厅服务不可用' says why in its own words: connection refused, timeout). */
function detailOf(params: Record<string, unknown> | undefined, fallback: string): string {
  const detail = params?.detail;
  return typeof detail === 'string' && detail !== '' ? detail : fallback;
}

/**
 * 大厅: the supervisor's live board of the hall queue. Asked again every two seconds while shown;
 * when the hall cannot be reached the last board stays, greyed, under a banner saying since when.
 * Changes (stop or resume a queue's tickets, a window's queues) go to the hall at once.
 */
export function HallBoardScreen() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const locked = useSession().state?.locked ?? false;
  const { board, queues, connection, problem, refresh, showBoard, showQueues } = useHallBoard(!locked);
  const keys = useMemo(() => ({ F5: () => void refresh() }), [refresh]);
  useShortcuts(keys, !locked);
  const offline = connection === 'offline';
  const updated = board ? hallShown(hallTime, board.serverTime) : null;

  if (connection === 'notEnrolled') {
    return (
      <div className="hall-board" data-testid="hall-board" data-connection={connection}>
        <Result
          status="info"
          title={t('hall.notEnrolled')}
          subTitle={t('hall.notEnrolledHint')}
          data-testid="hall-not-enrolled"
        />
      </div>
    );
  }

  return (
    <div className="hall-board" data-testid="hall-board" data-connection={connection}>
      <div className="hall-head">
        <Typography.Title level={2} className="hall-title">
          {board ? t('hall.titleOf', { hall: board.hallName, date: board.hallDate }) : t('hall.title')}
        </Typography.Title>
        <Space wrap>
          {updated && (
            <Typography.Text type="secondary" data-testid="hall-updated">
              {t('hall.updatedAt', { time: updated })}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void refresh()} data-testid="hall-refresh">
            {t('hall.refresh')} <kbd>F5</kbd>
          </Button>
          <DisplayAddress disabled={offline || connection === 'loading'} />
        </Space>
      </div>

      {offline && problem && (
        <Alert
          type="error"
          showIcon
          className="hall-banner"
          data-testid="hall-offline"
          title={t('hall.offline', { detail: detailOf(problem.params, problem.message) })}
          description={updated ? t('hall.offlineShown', { time: updated }) : t('hall.offlineNothing')}
        />
      )}
      {connection === 'failed' && problem && (
        <Alert
          type="warning"
          showIcon
          className="hall-banner"
          data-testid="hall-failed"
          title={t('hall.failed', { detail: errorText(problem) })}
        />
      )}

      {!board && connection === 'loading' && (
        <div className="hall-loading">
          <Spin />
          <Typography.Text type="secondary">{t('hall.loading')}</Typography.Text>
        </div>
      )}

      {board && (
        <div className={offline ? 'hall-content hall-stale' : 'hall-content'} data-testid="hall-content">
          <PrinterAlert board={board} />
          <Totals board={board} />
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={16}>
              <QueuesCard
                board={board}
                details={queues}
                disabled={offline}
                onQueues={showQueues}
                onChanged={() => void refresh()}
              />
            </Col>
            <Col xs={24} xl={8}>
              <CallsCard board={board} />
              <PrintersCard board={board} />
            </Col>
            <Col span={24}>
              <WindowsCard board={board} disabled={offline} onBoard={showBoard} />
            </Col>
          </Row>
        </div>
      )}
    </div>
  );
}
