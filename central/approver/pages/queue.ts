import { formatTime, href, html, type SafeHtml } from '../html';
import {
  badge,
  dataTable,
  layout,
  openStates,
  promised,
  stateLabel,
  type QueueRow,
  type Ui,
  type Viewer,
  type WorkstationRow,
} from './layout';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import type { CentralState } from '@yichuang/domain/protocol';
import type { MessageKey, Translator } from '../i18n';

export const queueTabs = [
  { key: 'submitted', label: 'state.submitted', states: ['submitted'] },
  { key: 'in_review', label: 'state.in_review', states: ['in_review'] },
  { key: 'receiving', label: 'state.receiving', states: ['receiving'] },
  { key: 'approved', label: 'state.approved', states: ['approved'] },
  { key: 'denied', label: 'state.denied', states: ['denied'] },
  { key: 'supplement_requested', label: 'state.supplement_requested', states: ['supplement_requested'] },
  { key: 'completed', label: 'state.completed', states: ['completed'] },
  { key: 'window', label: 'queue.tab.window', states: ['window_supplement', 'window_rejected'] },
] as const satisfies readonly { key: string; label: MessageKey; states: readonly CentralState[] }[];
export type QueueTab = (typeof queueTabs)[number];

/** How long ago, in words: `25 分钟`, `3 小时 5 分`, `2 天 4 小时`. */
export function elapsedText(ui: Translator, fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return ui.t('queue.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24)
    return minutes % 60 ? ui.t('queue.hoursMinutes', { hours, minutes: minutes % 60 }) : ui.t('queue.hours', { hours });
  const days = Math.floor(hours / 24);
  return hours % 24 ? ui.t('queue.daysHours', { days, hours: hours % 24 }) : ui.t('queue.days', { days });
}

/** Who opened a case in review and since when (hall time), with how long it has been. */
function reviewCell(ui: Translator, row: QueueRow, since: string | undefined, now: Date): SafeHtml {
  return html`${row.approver ?? '—'}${
    since
      ? html`<div class="muted small num">${ui.t('queue.since', { time: formatTime(since) })}</div>
          <div class="muted small">${ui.t('queue.elapsed', { elapsed: elapsedText(ui, since, now) })}</div>`
      : ''
  }`;
}

function windowLabel(ui: Translator, windowNumber: number, ws: WorkstationRow | undefined): SafeHtml {
  return html`${ui.t('common.window', { number: windowNumber })}${ws ? html`<div class="muted small">${ws.hallName}</div>` : ''}`;
}

/** Lists show a person's ID number masked (first 6, last 4); a credit code is public and shown whole. */
function applicantId(entry: { subject: string; id: string } | undefined): SafeHtml | '' {
  if (!entry?.id) return '';
  return html`<div class="muted small num">${entry.subject === 'enterprise' ? entry.id : maskIdNumber(entry.id)}</div>`;
}

export function queuePage(data: {
  ui: Ui;
  serviceName: string;
  viewer: Viewer;
  tab: QueueTab;
  rows: QueueRow[];
  counts: Record<string, number>;
  workstations: Map<string, WorkstationRow>;
  /** Case id → the applicant's ID number (a person) or credit code (an enterprise), from the current version. */
  applicantIds: Map<string, { subject: string; id: string }>;
  /** Case id → when its review began (cases in review only). */
  reviewStarts: Map<string, string>;
  /** This tab's own address, for the 刷新 link. */
  self: string;
  today: string;
  now: Date;
  limit: number;
}): string {
  const { ui } = data;
  const tabLabel = ui.t(data.tab.label);
  const count = (state: string) => data.counts[state] ?? 0;
  const tabCount = (tab: QueueTab) => tab.states.reduce((n, s) => n + count(s), 0);
  const tabOf = (state: string) =>
    queueTabs.find((t) => (t.states as readonly string[]).includes(state))?.key ?? 'submitted';
  const reviewing = data.tab.key === 'in_review';
  const stats: CentralState[] = [
    'submitted',
    'in_review',
    'receiving',
    'approved',
    'denied',
    'supplement_requested',
    'completed',
  ];
  const rows = data.rows.map(
    (r) =>
      html`<tr>
        <td class="num"><a href="/approver/cases/${r.id}">${r.number}</a></td>
        <td>
          ${r.matterName}
          <div class="muted small">${r.department}</div>
        </td>
        <td>${r.applicantName}${applicantId(data.applicantIds.get(r.id))}</td>
        <td>${windowLabel(ui, r.windowNumber, data.workstations.get(r.workstationId))}</td>
        <td>${r.clerkName}</td>
        <td class="num">
          ${r.submittedAt ? formatTime(r.submittedAt) : html`<span class="muted">${ui.t('queue.received', { time: formatTime(r.receivedAt) })}</span>`}
        </td>
        <td class="num">${promised(ui, r.promisedDate, data.today, openStates.has(r.state))}</td>
        ${
          reviewing
            ? html`<td>${reviewCell(ui, r, data.reviewStarts.get(r.id), data.now)}</td>`
            : html`<td>
                ${badge(ui, r.state)}${r.approver ? html`<div class="muted small">${r.approver}</div>` : ''}
              </td>`
        }
        <td>
          <a href="/approver/cases/${r.id}"
            >${r.state === 'submitted' || r.state === 'in_review' ? ui.t('queue.review') : ui.t('queue.view')}</a
          >
        </td>
      </tr>`,
  );
  const body = html`<section class="counts">
      ${stats.map(
        (s) =>
          html`<a class="count st-${s}" href="${href('/approver', { tab: tabOf(s) })}"
            ><span class="small">${stateLabel(ui, s)}</span><b>${count(s)}</b></a
          >`,
      )}
    </section>
    <nav class="tabs" aria-label="${ui.t('queue.tabsLabel')}">
      ${queueTabs.map((t) => {
        const on = t.key === data.tab.key;
        return html`<a
          href="${href('/approver', { tab: t.key })}"
          class="${on ? 'on' : ''}"
          aria-current="${on ? 'page' : 'false'}"
          >${ui.t('queue.tabText', { label: ui.t(t.label), count: tabCount(t) })}</a
        >`;
      })}
    </nav>
    ${dataTable(
      [
        ui.t('queue.col.number'),
        ui.t('queue.col.matter'),
        ui.t('queue.col.applicant'),
        ui.t('queue.col.window'),
        ui.t('queue.col.clerk'),
        ui.t('queue.col.submitted'),
        ui.t('queue.col.promised'),
        reviewing ? ui.t('queue.col.reviewer') : ui.t('queue.col.state'),
        ui.t('queue.col.action'),
      ],
      rows,
      ui.t('queue.empty', { label: tabLabel }),
    )}
    <footer>
      ${data.rows.length >= data.limit ? ui.t('queue.limited', { limit: data.limit }) : ''}${ui.t('queue.updated', {
        time: formatTime(data.now.toISOString()),
      })}
      · <a href="${data.self}">${ui.t('queue.refresh')}</a>
    </footer>`;
  return layout({
    ui,
    serviceName: data.serviceName,
    title: ui.t('queue.pageTitle', { label: tabLabel }),
    viewer: data.viewer,
    body,
    active: 'queue',
  });
}
