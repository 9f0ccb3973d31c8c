import { ratingStageNames, ratingStageNamesEn, ratingStages, type RatingStage } from '@yichuang/domain/ratings';
import { html, type SafeHtml } from '../html';
import type { Translator } from '../i18n';
import { zhCN } from '../i18n/zh-CN';
import { labelOf, roleLabel, type AuditRow, type WorkstationRow } from './layout';

/**
 * Central's trail in words: one label per action central records (from the message tables, under
 * `action.`), the object an entry is about by its name (a case by its number, a window by district
 * and number, a person by username), and one readable line of detail instead of the stored JSON.
 */

/** The actions that have a label, each with its Chinese one (the test checks every recorded action has one). */
export const auditActionLabels: Record<string, string> = Object.fromEntries(
  Object.entries(zhCN)
    .filter(([key]) => key.startsWith('action.') && key !== 'action.other')
    .map(([key, text]) => [key.slice('action.'.length), text]),
);

/** The actor column: the kind of actor and who (central's own start and command line by name). */
export function auditActor(ui: Translator, entry: AuditRow): string {
  return `${labelOf(ui, 'actorKind', entry.actorKind)} · ${labelOf(ui, 'actor', entry.actor)}`;
}

/** What the trail shows for an action: its label; an action without one says so and keeps its key. */
export function auditActionLabel(ui: Translator, action: string): string {
  return Object.hasOwn(auditActionLabels, action) ? labelOf(ui, 'action', action) : ui.t('action.other', { action });
}

/** The names a trail page resolves ids to. */
export interface AuditNames {
  caseNumbers: Map<string, string>;
  workstations: Map<string, WorkstationRow>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case ids a set of entries refers to (the page asks the case store for their numbers). */
export function auditCaseIds(entries: readonly AuditRow[]): string[] {
  const ids = entries.filter(
    (e) => (e.action.startsWith('case.') || e.action.startsWith('rating.')) && e.target && uuidPattern.test(e.target),
  );
  return [...new Set(ids.map((e) => e.target!))];
}

function windowName(ui: Translator, ws: WorkstationRow | undefined): string {
  return ws
    ? ui.t('log.windowName', { district: ws.districtCode, number: ws.windowNumber, hostname: ws.hostname })
    : ui.t('log.goneWorkstation');
}

/** The object of an entry, by name; a case links to its page. */
export function auditTarget(ui: Translator, entry: AuditRow, names: AuditNames): SafeHtml | string {
  const target = entry.target;
  if (!target) return '—';
  const [area] = entry.action.split('.');
  if (area === 'case' || entry.action === 'rating.put' || entry.action === 'rating.online') {
    const number = names.caseNumbers.get(target);
    return number ? html`<a class="num" href="/approver/cases/${target}">${number}</a>` : ui.t('log.goneCase');
  }
  if (area === 'audit' || entry.action === 'enrolment.enrol' || entry.action === 'enrolment.refused') {
    return windowName(ui, names.workstations.get(target));
  }
  if (entry.action === 'workstation.revoke') return windowName(ui, names.workstations.get(target));
  if (area === 'catalog' || area === 'calendar') {
    const version = /\/(\d+)$/.exec(target)?.[1];
    return version ? ui.t('common.version', { version }) : target;
  }
  return target;
}

function record(detail: unknown): Record<string, unknown> {
  return detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function clip(value: string, length = 80): string {
  return [...value].length > length ? `${[...value].slice(0, length).join('')}…` : value;
}

/**
 * Why central refused a window's audit report, in the reader's language. Takes the stored facts
 * (an object, or its JSON in `audit_heads.detail`); a text kept from before shows as it is.
 */
export function anomalyDetail(ui: Translator, detail: unknown): string {
  let facts: unknown = detail;
  if (typeof detail === 'string') {
    try {
      facts = JSON.parse(detail);
    } catch {
      return detail;
    }
  }
  const d = record(facts);
  const reason = text(d.reason);
  if (!reason) return typeof detail === 'string' ? detail : '';
  const problem = d.problem ? labelOf(ui, 'chainProblem', text(d.problem)) : '';
  return labelOf(ui, 'anomalyDetail', reason, { seq: text(d.seq), anchor: text(d.anchor), problem });
}

const isRatingStage = (value: unknown): value is RatingStage =>
  typeof value === 'string' && (ratingStages as readonly string[]).includes(value);

const departmentText = (ui: Translator, department: unknown) => text(department) || ui.t('common.allDepartments');

/** One readable line for an entry's detail ('' when there is nothing to add). */
export function auditDetail(ui: Translator, entry: AuditRow): string {
  const d = record(entry.detail);
  const version = typeof d.version === 'number' ? ui.t('common.version', { version: d.version }) : '';
  const parts: string[] = [];
  switch (entry.action) {
    case 'person.sign_in':
    case 'person.sign_in_failed':
      if (d.ip) parts.push(ui.t('log.from', { ip: text(d.ip) }));
      break;
    case 'person.create':
      parts.push(
        ui.t('log.role', { role: d.role === 'admin' || d.role === 'approver' ? roleLabel(ui, d.role) : text(d.role) }),
        ui.t('log.department', { department: departmentText(ui, d.department) }),
      );
      break;
    case 'person.department':
      parts.push(ui.t('log.departmentChange', { from: departmentText(ui, d.from), to: departmentText(ui, d.to) }));
      break;
    case 'enrolment.code':
      parts.push(ui.t('log.note', { note: text(d.note) }));
      break;
    case 'enrolment.enrol':
      if (d.note) parts.push(ui.t('log.codeNote', { note: text(d.note) }));
      break;
    case 'enrolment.refused':
      parts.push(ui.t('common.districtWindow', { district: text(d.districtCode), number: text(d.windowNumber) }));
      if (d.reason) parts.push(labelOf(ui, 'refusal', text(d.reason)));
      break;
    case 'case.put':
      parts.push(version, ui.t('log.windowDecision', { state: labelOf(ui, 'windowState', text(d.windowState)) }));
      break;
    case 'case.approve':
    case 'case.deny':
    case 'case.supplement':
      parts.push(version);
      if (d.comment) parts.push(ui.t('log.comment', { comment: clip(text(d.comment)) }));
      break;
    case 'case.complete':
      parts.push(version);
      break;
    case 'rating.put':
    case 'rating.online':
      // Which visit and where it was rated: never the level (the clerk rated may read the trail).
      parts.push(version);
      if (isRatingStage(d.stage)) {
        parts.push(
          ui.t('log.ratingStage', {
            stage: ui.lang === 'en' ? ratingStageNamesEn[d.stage] : ratingStageNames[d.stage],
          }),
        );
      }
      if (d.channel) parts.push(labelOf(ui, 'log.ratingChannel', text(d.channel)));
      break;
    case 'rating.export':
      parts.push(
        ui.t('log.ratingExport', {
          from: text(d.from),
          to: text(d.to),
          format: text(d.format).toUpperCase(),
          rows: text(d.rows),
        }),
      );
      break;
    case 'audit.replayed':
    case 'audit.forked':
    case 'audit.bad_signature':
    case 'audit.invalid':
      parts.push(anomalyDetail(ui, entry.detail));
      break;
    default:
      if (typeof entry.detail === 'string') parts.push(clip(entry.detail, 160));
      else for (const [k, v] of Object.entries(d)) parts.push(`${k}：${clip(text(v), 40)}`);
  }
  return parts.filter(Boolean).join(' · ');
}
