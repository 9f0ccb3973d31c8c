import { IdcardOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { hallShown, hallTime } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import type { CardRead, Identity } from '../../../preload/contract/devices';

function Validity({ identity }: { identity: Identity }) {
  const { t } = useTranslation();
  const to = identity.longTerm ? t('devices.card.longTerm') : (identity.validTo ?? '—');
  return (
    <span className="nowrap">
      {identity.validFrom ?? '—'} {t('devices.card.to')} {to}
    </span>
  );
}

/** The rows of one identity, in the order printed on that kind of card. */
function rows(identity: Identity, t: (key: string) => string): [string, ReactNode][] {
  const sex = t(`devices.card.sexes.${identity.sex}`);
  const validity: [string, ReactNode] = [t('devices.card.validity'), <Validity key="v" identity={identity} />];
  switch (identity.cardType) {
    case 'resident':
      return [
        [t('devices.card.name'), identity.name],
        [t('devices.card.sex'), sex],
        [t('devices.card.nation'), identity.nation],
        [t('devices.card.birthDate'), identity.birthDate ?? '—'],
        [t('devices.card.address'), identity.address],
        ...(identity.appendedAddress
          ? ([[t('devices.card.appendedAddress'), identity.appendedAddress]] as [string, ReactNode][])
          : []),
        [
          t('devices.card.idNumber'),
          <span key="id" className="nowrap" data-testid="card-id-number">
            {identity.idNumber}
          </span>,
        ],
        [t('devices.card.issuer'), identity.issuer],
        validity,
      ];
    case 'foreign_permanent':
      return [
        [t('devices.card.englishName'), identity.englishName],
        [t('devices.card.name'), identity.name || '—'],
        [t('devices.card.sex'), sex],
        [t('devices.card.nationality'), identity.nationality],
        [t('devices.card.birthDate'), identity.birthDate ?? '—'],
        [
          t('devices.card.permitNumber'),
          <span key="id" className="nowrap" data-testid="card-id-number">
            {identity.idNumber}
          </span>,
        ],
        [t('devices.card.issuerCode'), identity.issuerCode],
        validity,
      ];
    case 'hk_macao_taiwan':
      return [
        [t('devices.card.name'), identity.name],
        [t('devices.card.sex'), sex],
        [t('devices.card.birthDate'), identity.birthDate ?? '—'],
        [t('devices.card.address'), identity.address],
        [
          t('devices.card.idNumber'),
          <span key="id" className="nowrap" data-testid="card-id-number">
            {identity.idNumber}
          </span>,
        ],
        [t('devices.card.passNumber'), identity.passNumber],
        [t('devices.card.issueCount'), identity.issueCount ?? '—'],
        [t('devices.card.issuer'), identity.issuer],
        validity,
      ];
  }
}

/** The card on the reader, masked: what the clerk checks against the person in front of the window. */
export function CardPanel({ card, onReadNow }: { card: CardRead | null; onReadNow?: () => void }) {
  const { t } = useTranslation();
  const readAgain = onReadNow && (
    <Button size="small" icon={<ReloadOutlined />} onClick={onReadNow} data-testid="card-read-now">
      {t('devices.card.readNow')} <kbd>F2</kbd>
    </Button>
  );
  if (!card) {
    return (
      <Card size="small" title={t('devices.card.title')} extra={readAgain} data-testid="card-panel">
        <Empty image={<IdcardOutlined className="card-empty-icon" />} description={t('devices.card.empty')} />
      </Card>
    );
  }
  const { identity } = card;
  return (
    <Card
      size="small"
      data-testid="card-panel"
      title={
        <Space size={4} wrap>
          {t('devices.card.title')}
          <Tag color="blue" data-testid="card-type">
            {t(`idTypes.${identity.cardType}`)}
          </Tag>
          {card.simulated && <Tag color="purple">{t('devices.simulated')}</Tag>}
        </Space>
      }
      extra={readAgain}
    >
      {card.expired && (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          title={t('devices.card.expired')}
          data-testid="card-expired"
          className="card-alert"
        />
      )}
      {!identity.checkDigitValid && (
        <Alert type="warning" showIcon title={t('devices.card.checkDigitBad')} className="card-alert" />
      )}
      <div className="card-body">
        <div className="card-photo" data-testid="card-photo">
          {card.photo.dataUrl ? (
            <img src={card.photo.dataUrl} alt={identity.name} width={102} height={126} />
          ) : (
            <Typography.Text type="secondary">{t('devices.card.photoNeedsDecoder')}</Typography.Text>
          )}
        </div>
        <Descriptions column={1} size="small" className="card-fields">
          {rows(identity, t).map(([label, value]) => (
            <Descriptions.Item key={label} label={label}>
              {value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </div>
      <Typography.Text type="secondary" className="card-read-at">
        {t('devices.card.readAt', { time: hallShown(hallTime, card.readAt) })}
      </Typography.Text>
    </Card>
  );
}
