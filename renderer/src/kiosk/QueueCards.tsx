import {
  AccountBookOutlined,
  AppstoreOutlined,
  BankOutlined,
  BookOutlined,
  CarOutlined,
  CreditCardOutlined,
  FileTextOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { QueueNow } from '@yichuang/domain/hall-protocol';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

/** The kiosk's pictures, by the names the hall's queues use (`icon`); an unknown name gets a plain tile. */
const icons: Record<string, ComponentType<{ className?: string }>> = {
  'id-card': IdcardOutlined,
  shield: SafetyCertificateOutlined,
  building: BankOutlined,
  bank: BankOutlined,
  home: HomeOutlined,
  house: HomeOutlined,
  car: CarOutlined,
  medical: MedicineBoxOutlined,
  'medicine-box': MedicineBoxOutlined,
  tax: AccountBookOutlined,
  'account-book': AccountBookOutlined,
  file: FileTextOutlined,
  certificate: SolutionOutlined,
  people: TeamOutlined,
  team: TeamOutlined,
  shop: ShopOutlined,
  heart: HeartOutlined,
  book: BookOutlined,
  wallet: WalletOutlined,
  card: CreditCardOutlined,
  appointment: ScheduleOutlined,
};

export function QueueIcon({ name }: { name: string }) {
  const Icon = icons[name] ?? AppstoreOutlined;
  return <Icon className="kiosk-queue-icon" />;
}

/** The queues as big tiles: picture, letter and name, how many wait; a closed one greyed with its reason. */
export function QueueCards({ queues, onTake }: { queues: QueueNow[]; onTake: (queue: QueueNow) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="kiosk-queue-grid" data-testid="kiosk-queues">
      {queues.map((queue) => (
        <li key={queue.letter}>
          <button
            type="button"
            className={`kiosk-queue${queue.open ? '' : ' kiosk-queue-closed'}`}
            disabled={!queue.open}
            onClick={() => onTake(queue)}
            data-testid={`kiosk-queue-${queue.letter}`}
            data-open={queue.open}
          >
            <span className="kiosk-queue-top">
              <QueueIcon name={queue.icon} />
              <span className="kiosk-queue-letter">{queue.letter}</span>
            </span>
            <span className="kiosk-queue-name">{queue.name}</span>
            {queue.open ? (
              <span className="kiosk-queue-waiting" data-testid={`kiosk-waiting-${queue.letter}`}>
                {t('kiosk.waiting', { count: queue.waiting })}
              </span>
            ) : (
              <span className="kiosk-queue-reason" data-testid={`kiosk-closed-${queue.letter}`}>
                {queue.closedReason ?? t('kiosk.closed')}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

const alphabet = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

/** The queues whose pinyin initials contain what was typed, those that start with it first. */
export function filterByPinyin(queues: QueueNow[], query: string): QueueNow[] {
  if (!query) return queues;
  const found = queues.filter((q) => q.pinyin.includes(query));
  return [...found.filter((q) => q.pinyin.startsWith(query)), ...found.filter((q) => !q.pinyin.startsWith(query))];
}

/** A–Z: each tap adds a letter to the search; a letter no queue could match next is off. */
export function LetterStrip({
  queues,
  query,
  onChange,
}: {
  queues: QueueNow[];
  query: string;
  onChange: (query: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-letters" aria-labelledby="kiosk-letters-title" data-testid="kiosk-letters">
      <div className="kiosk-letters-head">
        <h2 id="kiosk-letters-title">{t('kiosk.letters.title')}</h2>
        <span className="kiosk-letters-typed" data-testid="kiosk-letters-typed" aria-live="polite">
          {query ? t('kiosk.letters.typed', { query }) : t('kiosk.letters.hint')}
        </span>
        <button
          type="button"
          className="kiosk-key kiosk-key-wide"
          disabled={!query}
          onClick={() => onChange(query.slice(0, -1))}
          data-testid="kiosk-letters-backspace"
        >
          {t('kiosk.letters.backspace')}
        </button>
        <button
          type="button"
          className="kiosk-key kiosk-key-wide"
          disabled={!query}
          onClick={() => onChange('')}
          data-testid="kiosk-letters-all"
        >
          {t('kiosk.letters.all')}
        </button>
      </div>
      <div className="kiosk-letter-keys">
        {alphabet.map((letter) => (
          <button
            key={letter}
            type="button"
            className="kiosk-key"
            disabled={!queues.some((q) => q.pinyin.includes(query + letter))}
            onClick={() => onChange(query + letter)}
            data-testid={`kiosk-letter-${letter}`}
          >
            {letter}
          </button>
        ))}
      </div>
    </section>
  );
}
