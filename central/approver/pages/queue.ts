import { formatTime, href, html, type SafeHtml } from '../html';
import {
  badge,
  dataTable,
  layout,
  openStates,
  promised,
  stateLabel,
  type QueueRow,
  type Viewer,
  type WorkstationRow,
} from './layout';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import type { CentralState } from '@yichuang/domain/protocol';

export const queueTabs = [
  { key: 'submitted', label: '待审查', states: ['submitted'] },
  { key: 'in_review', label: '审查中', states: ['in_review'] },
  { key: 'receiving', label: '材料接收中', states: ['receiving'] },
  { key: 'approved', label: '已批准', states: ['approved'] },
  { key: 'denied', label: '不予批准', states: ['denied'] },
  { key: 'supplement_requested', label: '要求补正', states: ['supplement_requested'] },
  { key: 'completed', label: '已办结', states: ['completed'] },
  { key: 'window', label: '窗口已处理', states: ['window_supplement', 'window_rejected'] },
] as const satisfies readonly { key: string; label: string; states: readonly CentralState[] }[];
export type QueueTab = (typeof queueTabs)[number];

/** How long ago, in words: `25 分钟`, `3 小时 5 分`, `2 天 4 小时`. */
export function elapsedText(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分` : `${hours} 小时`;
  return hours % 24 ? `${Math.floor(hours / 24)} 天 ${hours % 24} 小时` : `${Math.floor(hours / 24)} 天`;
}

/** Who opened a case in review and since when (hall time), with how long it has been. */
function reviewCell(row: QueueRow, since: string | undefined, now: Date): SafeHtml {
  return html`${row.approver ?? '—'}${
    since
      ? html`<div class="muted small num">自 ${formatTime(since)}</div>
          <div class="muted small">已 ${elapsedText(since, now)}</div>`
      : ''
  }`;
}

function windowLabel(windowNumber: number, ws: WorkstationRow | undefined): SafeHtml {
  return html`${windowNumber} 号窗口${ws ? html`<div class="muted small">${ws.hallName}</div>` : ''}`;
}

/** Lists show a person's ID number masked (first 6, last 4); a credit code is public and shown whole. */
function applicantId(entry: { subject: string; id: string } | undefined): SafeHtml | '' {
  if (!entry?.id) return '';
  return html`<div class="muted small num">${entry.subject === 'enterprise' ? entry.id : maskIdNumber(entry.id)}</div>`;
}

export function queuePage(data: {
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
        <td>${windowLabel(r.windowNumber, data.workstations.get(r.workstationId))}</td>
        <td>${r.clerkName}</td>
        <td class="num">
          ${r.submittedAt ? formatTime(r.submittedAt) : html`<span class="muted">接收 ${formatTime(r.receivedAt)}</span>`}
        </td>
        <td class="num">${promised(r.promisedDate, data.today, openStates.has(r.state))}</td>
        ${
          reviewing
            ? html`<td>${reviewCell(r, data.reviewStarts.get(r.id), data.now)}</td>`
            : html`<td>${badge(r.state)}${r.approver ? html`<div class="muted small">${r.approver}</div>` : ''}</td>`
        }
        <td>
          <a href="/approver/cases/${r.id}">${r.state === 'submitted' || r.state === 'in_review' ? '审查' : '查看'}</a>
        </td>
      </tr>`,
  );
  const body = html`<section class="counts">
      ${stats.map(
        (s) =>
          html`<a class="count st-${s}" href="${href('/approver', { tab: tabOf(s) })}"
            ><span class="small">${stateLabel(s)}</span><b>${count(s)}</b></a
          >`,
      )}
    </section>
    <nav class="tabs" aria-label="办件状态">
      ${queueTabs.map((t) => {
        const on = t.key === data.tab.key;
        return html`<a
          href="${href('/approver', { tab: t.key })}"
          class="${on ? 'on' : ''}"
          aria-current="${on ? 'page' : 'false'}"
          >${t.label}（${tabCount(t)}）</a
        >`;
      })}
    </nav>
    ${dataTable(
      [
        '办件编号',
        '事项',
        '申请人',
        '窗口',
        '受理人',
        '提交时间',
        '承诺办结日期',
        reviewing ? '审查人 · 开始审查' : '状态',
        '操作',
      ],
      rows,
      `暂无${data.tab.label}的办件`,
    )}
    <footer>
      ${data.rows.length >= data.limit ? html`仅显示最早的 ${data.limit} 件。` : ''}更新于
      ${formatTime(data.now.toISOString())} · <a href="${data.self}">刷新列表</a>
    </footer>`;
  return layout({
    serviceName: data.serviceName,
    title: `队列 · ${data.tab.label}`,
    viewer: data.viewer,
    body,
    active: 'queue',
  });
}
