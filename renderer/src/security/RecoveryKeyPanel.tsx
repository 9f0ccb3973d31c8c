import { Alert, Button, Checkbox, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingRecovery } from '../../../preload/contract/channels/security';

/**
 * The recovery code as the administrator must handle it: shown large, its sheet in a print preview
 * (Chromium's viewer prints it), and done only once the sheet is said to be printed and sealed.
 */
export function RecoveryKeyPanel({
  recovery,
  onSaved,
  onLater,
}: {
  recovery: PendingRecovery;
  onSaved: () => void;
  onLater?: () => void;
}) {
  const { t } = useTranslation();
  const [sealed, setSealed] = useState(false);
  // The sheet's preview on demand: Chromium's PDF viewer in it prints the sheet.
  const [previewing, setPreviewing] = useState(false);
  const url = useMemo(
    () => URL.createObjectURL(new Blob([new Uint8Array(recovery.sheet)], { type: 'application/pdf' })),
    [recovery.sheet],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const groups = recovery.code.split('-');

  return (
    <div className="recovery-key" data-testid="recovery-key">
      <Alert type="warning" showIcon title={t('security.recovery.intro')} />
      <Typography.Text strong id="recovery-code-label" className="recovery-key-label">
        {t('security.recovery.codeLabel')}
      </Typography.Text>
      <div className="recovery-key-code" aria-labelledby="recovery-code-label" data-testid="recovery-code">
        {[groups.slice(0, 4), groups.slice(4)].map((line) => (
          <div key={line.join('-')}>
            {line.map((group) => (
              <span key={group}>{group}</span>
            ))}
          </div>
        ))}
      </div>
      <Typography.Paragraph type="secondary">{t('security.recovery.onlyOnce')}</Typography.Paragraph>
      {previewing ? (
        <>
          <Typography.Paragraph>{t('security.recovery.printHint')}</Typography.Paragraph>
          <iframe
            className="recovery-key-sheet"
            src={url}
            title={t('security.recovery.sheetTitle')}
            data-testid="recovery-sheet"
          />
        </>
      ) : (
        <Button onClick={() => setPreviewing(true)} data-testid="recovery-preview">
          {t('security.recovery.preview')}
        </Button>
      )}
      <Checkbox checked={sealed} onChange={(e) => setSealed(e.target.checked)} data-testid="recovery-sealed">
        {t('security.recovery.sealed')}
      </Checkbox>
      <Space>
        <Button type="primary" disabled={!sealed} onClick={onSaved} data-testid="recovery-done">
          {t('security.recovery.done')}
        </Button>
        {onLater && (
          <Button onClick={onLater} data-testid="recovery-later" title={t('security.recovery.laterHelp')}>
            {t('security.recovery.later')}
          </Button>
        )}
      </Space>
    </div>
  );
}
