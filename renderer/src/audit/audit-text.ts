import type { TFunction } from 'i18next';
import { hallLocaleFormat, hallShown } from '@yichuang/domain/hall-time';
import { errorText, isErrorCode, type ErrorLocale } from '../../../preload/contract/errors';
import type { AuditEntry } from '../../../preload/contract/schemas';

/**
 * How an audit entry reads for a person, the one place for it (the audit screen and a case's
 * timeline): the action in words, the detail as a line of facts, the error code as its message.
 * Raw keys, JSON and ids were on screen before.
 */

/** `cases.accept` → 受理; a refused or failed action says so. */
export function auditActionLabel(t: TFunction, entry: Pick<AuditEntry, 'action' | 'result'>): string {
  const label = t(`audit.actions.${entry.action}`, { defaultValue: '' }) || entry.action;
  return entry.result === 'ok' ? label : `${label}（${t(`audit.results.${entry.result}`)}）`;
}

/** Details kept out of the line: fingerprints and ids no person reads. */
const hidden = new Set(['contentHash', 'jobId']);
/** Details whose values are codes with labels of their own (a printed paper's kind, a role…). */
const valueLabels: Record<string, readonly string[]> = {
  kind: ['printing.kinds'],
  state: ['printing.states'],
  // A person's role, or a device's (设备 → 指定设备角色).
  role: ['roles', 'devices.roles'],
};
/** Details that are instants: shown in hall time. */
const instants = new Set(['until', 'at', 'decidedAt', 'acceptedAt']);

function valueText(t: TFunction, key: string, value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (instants.has(key) && typeof value === 'string') {
    return hallShown((ms) => hallLocaleFormat(ms, locale, 'dateTime'), value);
  }
  if (Array.isArray(value)) return value.map((v) => valueText(t, key, v, locale)).join('、');
  const labels = valueLabels[key];
  if (labels && typeof value === 'string') {
    for (const prefix of labels) {
      const label = t(`${prefix}.${value}`, { defaultValue: '' });
      if (label) return label;
    }
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('from' in o && 'to' in o) {
      return t('audit.changed', { from: valueText(t, key, o.from, locale), to: valueText(t, key, o.to, locale) });
    }
    return JSON.stringify(value);
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** A field's name: the audit's own names, else the settings' label (a settings change), else the key. */
function fieldLabel(t: TFunction, key: string): string {
  return t(`audit.fields.${key}`, { defaultValue: '' }) || t(`settings.${key}`, { defaultValue: '' }) || key;
}

/** `{ number: '370303-…', copies: 1 }` → `办件编号 370303-… · 份数 1`. */
export function auditDetailText(t: TFunction, detail: AuditEntry['detail'], locale: string): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([key]) => !hidden.has(key))
    .map(([key, value]) => `${fieldLabel(t, key)} ${valueText(t, key, value, locale)}`)
    .join(' · ');
}

/**
 * A refusal's code as the headline of the message the clerk saw — the part before its colon, which
 * needs none of the numbers the trail does not keep (the code itself when it is not in the catalog).
 */
export function auditCodeText(code: string | null, locale: string): string {
  if (!code) return '';
  if (!isErrorCode(code)) return code;
  const message = errorText(code, undefined, (locale === 'en' ? 'en' : 'zh-CN') satisfies ErrorLocale);
  // A number the trail did not keep reads as … (English puts some in its headline).
  return message.split(/：|: /)[0]!.replace(/\{\w+\}/g, '…');
}
