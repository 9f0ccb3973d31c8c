import { Card, Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Board } from '@yichuang/domain/hall-protocol';
import { hallShown, hallTime } from '@yichuang/domain/hall-time';

/** The last calls, newest first, as the hall heard them (a recall says which time it was). */
export function CallsCard({ board }: { board: Board }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('hall.calls.title')} data-testid="hall-calls" className="hall-calls">
      {board.calls.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hall.calls.none')} />
      ) : (
        <ol className="hall-call-list">
          {board.calls.map((call) => (
            <li key={`${call.number}-${call.at}`} className="hall-call" data-testid="hall-call">
              <span className="hall-call-time">{hallShown(hallTime, call.at)}</span>
              <span className="hall-call-text">
                {t('hall.calls.line', { number: call.number, window: call.window })}
              </span>
              {call.times > 1 && <Tag>{t('hall.calls.times', { times: call.times })}</Tag>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
