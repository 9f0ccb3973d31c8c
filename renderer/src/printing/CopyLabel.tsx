import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 正本 (blue) or 副本 n (orange): which print of a document, always in words. */
export function CopyLabel({ copyNumber, copies = 1 }: { copyNumber: number; copies?: number }) {
  const { t } = useTranslation();
  const last = copyNumber + copies - 1;
  if (copyNumber === 0) {
    return (
      <span data-testid="copy-label" data-copy={copyNumber}>
        <Tag color="blue">{t('printing.original')}</Tag>
        {copies > 1 && (
          <Tag color="orange">
            {last === 1 ? t('printing.copy', { n: 1 }) : t('printing.copyRange', { from: 1, to: last })}
          </Tag>
        )}
      </span>
    );
  }
  return (
    <span data-testid="copy-label" data-copy={copyNumber}>
      <Tag color="orange">
        {copies > 1 ? t('printing.copyRange', { from: copyNumber, to: last }) : t('printing.copy', { n: copyNumber })}
      </Tag>
    </span>
  );
}
