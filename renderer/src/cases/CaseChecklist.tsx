import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialItem } from '@yichuang/domain/catalog';
import type { ChecklistEntry, ItemStatus } from '../../../preload/contract/intake';
import { itemProblemText } from '../intake/item-problem';

const statusColors: Record<ItemStatus, string> = {
  complete: 'green',
  missing: 'red',
  not_applicable: 'default',
  optional_empty: 'default',
};

const statusIcons: Record<ItemStatus, ReactNode> = {
  complete: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  missing: <ExclamationCircleFilled style={{ color: '#cf1322' }} />,
  not_applicable: <MinusCircleOutlined style={{ color: '#bfbfbf' }} />,
  optional_empty: <MinusCircleOutlined style={{ color: '#bfbfbf' }} />,
};

interface CaseChecklistProps {
  entries: ChecklistEntry[];
  selectedId: string | null;
  onSelect: (itemId: string) => void;
  itemName: (item: MaterialItem) => string;
}

/** The case page's materials: one option an item, with its status, pages, original, copies and e-licence marks. */
export function CaseChecklist({ entries, selectedId, onSelect, itemName }: CaseChecklistProps) {
  const { t } = useTranslation();

  const onItemKey = (event: KeyboardEvent<HTMLElement>, id: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const sibling =
        event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (sibling instanceof HTMLElement) {
        sibling.focus();
        if (sibling.dataset.item) onSelect(sibling.dataset.item);
      }
    }
  };

  return (
    <div className="case-checklist" role="listbox" aria-label={t('cases.page.materials')}>
      {entries.map((e) => {
        const state = e.state;
        const isSelected = e.item.id === selectedId;
        // An item the case does not need is fine as it is: its marks are grey, never red.
        const lacking = e.status === 'not_applicable' || e.status === 'optional_empty' ? 'case-na' : 'case-no';
        return (
          <div
            key={e.item.id}
            role="option"
            tabIndex={0}
            aria-selected={isSelected}
            className={isSelected ? 'case-item case-item-selected' : 'case-item'}
            data-item={e.item.id}
            data-status={e.status}
            data-testid={`case-item-${e.item.id}`}
            onClick={() => onSelect(e.item.id)}
            onKeyDown={(event) => onItemKey(event, e.item.id)}
          >
            <div className="case-item-head">
              {statusIcons[e.status]}
              <span className="case-item-name" title={itemName(e.item)}>
                {itemName(e.item)}
              </span>
              <Tag color={statusColors[e.status]} className="case-item-status">
                {t(`cases.page.itemStatus.${e.status}`)}
              </Tag>
            </div>
            <div className="case-item-meta">
              <Tooltip title={e.item.condition}>
                <Tag className="case-small-tag" color={e.item.requirement === 'required' ? 'blue' : undefined}>
                  {t(`cases.page.requirement.${e.item.requirement}`)}
                </Tag>
              </Tooltip>
              {e.forAgent && <Tag className="case-small-tag">{t('cases.page.forAgent')}</Tag>}
              <span>{t('cases.page.pages', { n: e.pages })}</span>
              {e.item.originalCheck && (
                <span className={state.originalChecked ? 'case-yes' : lacking}>
                  {t('cases.page.original')} {state.originalChecked ? '✓' : '✗'}
                </span>
              )}
              {e.item.copies > 0 ? (
                <span className={state.copies >= e.item.copies ? undefined : lacking}>
                  {t('cases.page.copiesOf', { n: state.copies, need: e.item.copies })}
                </span>
              ) : (
                state.copies > 0 && <span>{t('cases.page.copies', { n: state.copies })}</span>
              )}
              {e.item.eLicence && state.eLicence && <span className="case-yes">{t('cases.page.eLicence')} ✓</span>}
            </div>
            {e.problemCode && e.status === 'missing' && (
              <div className="case-item-problem">{itemProblemText(t, e)}</div>
            )}
          </div>
        );
      })}
    </div>
  );
}
