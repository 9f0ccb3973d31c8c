import { hallShown, hallTime } from '@yichuang/domain/hall-time';
import { useTranslation } from 'react-i18next';
import type { SelfTest, SelfTestDetail } from '../../../preload/contract/devices';
import { useCodeText } from '../lib/result';

/** A self-test's steps, each named and explained in the clerk's language (main sends codes, not sentences). */
export function SelfTestSteps({ steps }: { steps: SelfTest['steps'] }) {
  const { t } = useTranslation();
  const codeText = useCodeText();

  const detailText = (detail: SelfTestDetail): string => {
    if (detail.kind === 'data') return detail.value;
    if (detail.kind === 'error') return codeText(detail);
    const at = detail.params?.at;
    return t(`devices.selfTestNotes.${detail.note}`, {
      ...detail.params,
      ...(typeof at === 'string' ? { at: hallShown(hallTime, at) } : {}),
    });
  };

  return (
    <ul className="self-test-steps">
      {steps.map((s) => (
        <li key={s.name} data-step={s.name}>
          {s.ok ? '✓' : '✗'} {t(`devices.selfTestSteps.${s.name}`)}
          {t('common.colon')}
          {detailText(s.detail)}
        </li>
      ))}
    </ul>
  );
}
