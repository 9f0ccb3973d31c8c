import { Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { screenKeys, type ScreenKey } from './navigation';
import { shellShortcuts } from './shortcut-list';

/** The shortcuts, then the Alt+N of each screen this person has (the same N in every role). */
export function ShortcutsHelp({
  open,
  onClose,
  screens,
}: {
  open: boolean;
  onClose: () => void;
  screens: readonly ScreenKey[];
}) {
  const { t } = useTranslation();
  const rows = [
    ...shellShortcuts.map((s) => ({ keys: s.keys, action: t(s.action) })),
    ...screens.map((key) => ({
      keys: `Alt+${screenKeys[key]}`,
      action: t('shortcuts.goTo', { screen: t(`nav.${key}`) }),
    })),
  ];
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')} width={480}>
      <Table
        size="small"
        pagination={false}
        rowKey="keys"
        dataSource={rows}
        data-testid="shortcuts-help"
        columns={[
          { dataIndex: 'keys', width: 140, render: (keys: string) => <kbd>{keys}</kbd> },
          { dataIndex: 'action' },
        ]}
        showHeader={false}
      />
    </Modal>
  );
}
