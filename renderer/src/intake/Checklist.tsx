import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Checkbox, InputNumber, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemState } from '@yichuang/domain/cases';
import type { ChecklistEntry } from '../../../preload/contract/intake';
import { itemProblemText } from './item-problem';

interface ChecklistProps {
  entries: ChecklistEntry[];
  selectedId: string | null;
  onSelect: (itemId: string) => void;
  onItemChange: (itemId: string, patch: Partial<ItemState>) => void;
}

function StatusIcon({ entry }: { entry: ChecklistEntry }) {
  const { t } = useTranslation();
  if (entry.status === 'complete')
    return <CheckCircleFilled className="item-ok" aria-label={t('intake.items.complete')} />;
  if (entry.status === 'missing')
    return <ExclamationCircleFilled className="item-missing" aria-label={t('intake.items.missing')} />;
  return <MinusCircleOutlined className="item-na" aria-label={t(`intake.items.${entry.status}`)} />;
}

/**
 * The material checklist: each item with its requirement, pages, 原件已核验, copies and 电子证照,
 * marked complete or missing. The selected item is where captured pages go (F6 moves on).
 */
export function Checklist({ entries, selectedId, onSelect, onItemChange }: ChecklistProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    // A list, not a listbox: each item holds checkboxes (an option may not hold controls); the
    // selected one is aria-current, and F6 or a click moves it.
    <ul className="checklist" aria-label={t('intake.items.title')} data-testid="checklist">
      {entries.map((entry) => {
        const { item, state } = entry;
        const selected = item.id === selectedId;
        return (
          <li
            key={item.id}
            aria-current={selected ? 'true' : undefined}
            className={`checklist-item status-${entry.status}${selected ? ' selected' : ''}`}
            data-testid={`item-${item.id}`}
            data-status={entry.status}
            onClick={() => onSelect(item.id)}
          >
            <div className="checklist-head">
              <StatusIcon entry={entry} />
              <Typography.Text strong className="checklist-name">
                {english && item.nameEn ? item.nameEn : item.name}
              </Typography.Text>
              {entry.forAgent ? (
                <Tag color="geekblue">{t('intake.items.forAgent')}</Tag>
              ) : item.requirement === 'required' ? (
                <Tag color="red">{t('intake.items.required')}</Tag>
              ) : item.requirement === 'conditional' ? (
                <Tooltip title={item.condition}>
                  <Tag color="gold">{t('intake.items.conditional')}</Tag>
                </Tooltip>
              ) : (
                <Tag>{t('intake.items.optional')}</Tag>
              )}
              <span className="checklist-pages" data-testid={`item-pages-${item.id}`}>
                {t('intake.items.pages', { count: entry.pages })}
              </span>
            </div>
            {(item.condition || item.note || state.note || entry.problemCode) && (
              <div className="checklist-note">
                {[item.requirement === 'conditional' ? item.condition : undefined, item.note, state.note]
                  .filter(Boolean)
                  .join(' · ')}
                {entry.problemCode && entry.required && (
                  <span className="checklist-problem"> {itemProblemText(t, entry)}</span>
                )}
              </div>
            )}
            <Space size={12} wrap className="checklist-controls" onClick={(e) => e.stopPropagation()}>
              {item.requirement === 'conditional' && (
                <Checkbox
                  data-testid={`item-applies-${item.id}`}
                  checked={state.applies}
                  onChange={(e) => onItemChange(item.id, { applies: e.target.checked })}
                >
                  {t('intake.items.applies')}
                </Checkbox>
              )}
              {item.originalCheck && (
                <Checkbox
                  data-testid={`item-original-${item.id}`}
                  checked={state.originalChecked}
                  onChange={(e) => onItemChange(item.id, { originalChecked: e.target.checked })}
                >
                  {t('intake.items.originalChecked')}
                </Checkbox>
              )}
              {item.eLicence && (
                <Checkbox
                  data-testid={`item-elicence-${item.id}`}
                  checked={state.eLicence}
                  onChange={(e) => onItemChange(item.id, { eLicence: e.target.checked })}
                >
                  {t('intake.items.eLicence')}
                </Checkbox>
              )}
              {item.copies > 0 && (
                <span className="checklist-copies">
                  {t('intake.items.copies')}
                  <InputNumber
                    size="small"
                    min={0}
                    max={20}
                    value={state.copies}
                    aria-label={`${t('intake.items.copies')} · ${item.name}`}
                    onChange={(n) => onItemChange(item.id, { copies: n ?? 0 })}
                    style={{ width: 56, marginLeft: 4 }}
                  />
                  <Typography.Text type="secondary"> / {item.copies}</Typography.Text>
                </span>
              )}
            </Space>
          </li>
        );
      })}
    </ul>
  );
}
