import { DesktopOutlined, ExportOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge';
import { useRun } from '../lib/result';

/** 大厅显示屏地址: asks the hall for the display's address (with its token), to copy or open on the hall's TV. */
export function DisplayAddress({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const run = useRun();
  const [url, setUrl] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const ask = async () => {
    setLoading(true);
    try {
      const answer = await run(api.queue.displayAddress({}));
      if (answer) setUrl(answer.url);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Button
        icon={<DesktopOutlined />}
        loading={loading}
        disabled={disabled}
        onClick={() => void ask()}
        data-testid="hall-display-address"
      >
        {t('hall.display.button')}
      </Button>
      <Modal
        open={url !== null}
        title={t('hall.display.title')}
        onCancel={() => setUrl(null)}
        footer={[
          <Button key="close" onClick={() => setUrl(null)} data-testid="hall-display-close">
            {t('hall.display.close')}
          </Button>,
          <Button
            key="open"
            type="primary"
            icon={<ExportOutlined />}
            href={url ?? undefined}
            target="_blank"
            rel="noreferrer"
            data-testid="hall-display-open"
          >
            {t('hall.display.open')}
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">{t('hall.display.hint')}</Typography.Paragraph>
        <Typography.Paragraph
          copyable={{ text: url ?? '' }}
          className="hall-display-url mono"
          data-testid="hall-display-url"
        >
          {url}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
