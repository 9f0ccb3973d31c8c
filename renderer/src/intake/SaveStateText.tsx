import { hallShown, hallTime } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/result';
import type { SaveState } from './use-draft';

/** 已保存 with the time, 正在保存…, or 保存失败: the clerk sees the autosave without being asked. */
export function SaveStateText({ save }: { save: SaveState }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  let text = '';
  if (save.kind === 'saved') text = t('intake.savedAt', { time: hallShown(hallTime, save.at) });
  else if (save.kind === 'failed') text = t('intake.saveFailedShort');
  else if (save.kind !== 'idle') text = t('intake.saving');
  return (
    <span
      className="save-state"
      data-testid="save-state"
      data-kind={save.kind}
      title={save.kind === 'failed' ? errorText(save.error) : undefined}
    >
      {text}
    </span>
  );
}
