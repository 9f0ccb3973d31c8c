import { EditOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '@yichuang/domain/hall-protocol';

export interface QueueOption {
  value: string;
  label: string;
}

/** The queues of the board as the pickers offer them: `A 户籍、居住证`. */
export function queueOptions(board: Board): QueueOption[] {
  return board.queues.map((q) => ({ value: q.letter, label: `${q.letter} ${q.name}` }));
}

/** The queue letters in the board's order (the hall's own order), whatever order they were picked in. */
export function inBoardOrder(board: Board, letters: readonly string[]): string[] {
  const order = board.queues.map((q) => q.letter);
  return [...letters].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}

interface QueuePickerProps {
  id: string;
  label: string;
  options: QueueOption[];
  value: string[];
  onChange: (letters: string[]) => void;
  disabled?: boolean;
  testId: string;
}

/** A multi-select of the hall's queues. */
export function QueuePicker({ id, label, options, value, onChange, disabled, testId }: QueuePickerProps) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      mode="multiple"
      aria-label={label}
      className="hall-queue-picker"
      placeholder={t('hall.windows.pick')}
      options={options}
      value={value}
      onChange={onChange}
      disabled={disabled}
      optionFilterProp="label"
      virtual={false}
      data-testid={testId}
    />
  );
}

interface EditorProps {
  board: Board;
  window: number;
  queues: string[];
  disabled: boolean;
  /** Saves; true when the hall took it (its refusal is shown by the caller, and the editor stays open). */
  onSave: (window: number, queues: string[]) => Promise<boolean>;
}

/** A window's queues, shown as tags; 修改 turns them into a picker with 保存 / 取消. */
export function WindowQueuesEditor({ board, window, queues, disabled, onSave }: EditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const names = new Map(board.queues.map((q) => [q.letter, q.name]));

  if (draft === null) {
    return (
      <Space size={4} wrap data-testid={`hall-window-${window}-queues`}>
        {queues.length === 0 ? (
          <Typography.Text type="secondary">{t('hall.windows.noQueues')}</Typography.Text>
        ) : (
          inBoardOrder(board, queues).map((letter) => (
            <Tag key={letter} data-letter={letter}>
              {names.has(letter) ? `${letter} ${names.get(letter)}` : letter}
            </Tag>
          ))
        )}
        <Button
          size="small"
          icon={<EditOutlined />}
          disabled={disabled}
          aria-label={t('hall.windows.editLabel', { window })}
          onClick={() => setDraft(queues)}
          data-testid={`hall-window-${window}-edit`}
        >
          {t('hall.windows.edit')}
        </Button>
      </Space>
    );
  }

  const save = async () => {
    setSaving(true);
    try {
      if (await onSave(window, inBoardOrder(board, draft))) setDraft(null);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space size={4} wrap className="hall-window-editor">
      <QueuePicker
        id={`hall-window-${window}-picker`}
        label={t('hall.windows.editLabel', { window })}
        options={queueOptions(board)}
        value={draft}
        onChange={setDraft}
        disabled={saving}
        testId={`hall-window-${window}-picker`}
      />
      <Button
        size="small"
        type="primary"
        loading={saving}
        disabled={disabled}
        onClick={() => void save()}
        data-testid={`hall-window-${window}-save`}
      >
        {t('hall.windows.save')}
      </Button>
      <Button
        size="small"
        disabled={saving}
        onClick={() => setDraft(null)}
        data-testid={`hall-window-${window}-cancel`}
      >
        {t('hall.windows.cancel')}
      </Button>
    </Space>
  );
}
