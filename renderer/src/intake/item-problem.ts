import type { TFunction } from 'i18next';
import type { ChecklistEntry } from '../../../preload/contract/intake';

/**
 * Why a required material is not complete, in the UI language: 未采集 (with 可用电子证照 where an
 * e-licence will do) or 原件未核验; '' when nothing is wrong. The intake's checklist, the supplement
 * dialog and the case page all say it this way.
 */
export function itemProblemText(t: TFunction, entry: Pick<ChecklistEntry, 'problemCode' | 'item'>): string {
  if (!entry.problemCode) return '';
  const text = t(`intake.items.problems.${entry.problemCode}`);
  return entry.problemCode === 'not_captured' && entry.item.eLicence
    ? `${text}${t('intake.items.problems.eLicenceOk')}`
    : text;
}
