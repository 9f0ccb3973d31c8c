import { Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';

/** Every shortcut of the shell; later modules add theirs here. */
export const shellShortcuts = [
  { keys: '?', action: 'shortcuts.help' },
  { keys: 'Ctrl+L', action: 'shortcuts.lock' },
  { keys: 'Alt+1 … Alt+7', action: 'shortcuts.nav' },
  { keys: 'Ctrl+Shift+E', action: 'shortcuts.language' },
  { keys: 'F2', action: 'shortcuts.readCard' },
  { keys: 'F3', action: 'shortcuts.pickMatter' },
  { keys: 'F4', action: 'shortcuts.capture' },
  { keys: 'F6', action: 'shortcuts.nextItem' },
  { keys: 'F8', action: 'shortcuts.accept' },
  { keys: 'F9', action: 'shortcuts.supplement' },
  { keys: 'F10', action: 'shortcuts.reject' },
  { keys: 'Ctrl+F', action: 'shortcuts.findCase' },
  { keys: 'F5', action: 'shortcuts.refresh' },
  { keys: 'Esc', action: 'shortcuts.close' },
] as const;

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')} width={480}>
      <Table
        size="small"
        pagination={false}
        rowKey="keys"
        dataSource={shellShortcuts.map((s) => ({ keys: s.keys, action: t(s.action) }))}
        columns={[
          { dataIndex: 'keys', width: 140, render: (keys: string) => <kbd>{keys}</kbd> },
          { dataIndex: 'action' },
        ]}
        showHeader={false}
      />
    </Modal>
  );
}
