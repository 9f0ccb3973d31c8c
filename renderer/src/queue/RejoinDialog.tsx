import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketNumberPattern } from '@yichuang/domain/queue';
import { useQueue } from './queue-context';

/**
 * 过号重排: the citizen who missed the call is back at the window with the slip. The clerk types
 * the number (the last one skipped here is offered) and the hall puts it back in line, once; a
 * second try, or a ticket that was not skipped, is refused in the hall's words.
 */
export function RejoinDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { rejoin, busy, lastSkipped } = useQueue();
  const [number, setNumber] = useState(lastSkipped ?? '');
  const typed = number.trim().toUpperCase();
  const valid = ticketNumberPattern.test(typed);
  const submit = () => {
    if (valid) void rejoin(typed).then((done) => done && onClose());
  };
  return (
    <Modal
      open
      title={t('queue.rejoinTitle')}
      onCancel={onClose}
      okText={t('queue.rejoinOk')}
      okButtonProps={{ disabled: !valid, loading: busy, 'data-testid': 'queue-rejoin-ok' }}
      onOk={submit}
      destroyOnHidden
    >
      <Form layout="vertical" component={false}>
        <Form.Item
          label={t('queue.rejoinNumber')}
          htmlFor="queue-rejoin-number"
          validateStatus={typed && !valid ? 'error' : undefined}
          help={typed && !valid ? t('queue.rejoinInvalid') : undefined}
        >
          <Input
            id="queue-rejoin-number"
            autoFocus
            className="mono"
            maxLength={8}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            onPressEnter={submit}
            data-testid="queue-rejoin-number"
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('queue.rejoinHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
