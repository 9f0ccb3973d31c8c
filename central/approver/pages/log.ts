import { formatTime, html } from '../html';
import { auditActionLabel, auditActor, auditDetail, auditTarget, type AuditNames } from './audit-labels';
import { dataTable, layout, type AuditRow, type Viewer } from './layout';

/** 操作记录: central's own trail, newest first, in words (what, on which case or window, the detail in a line). */
export function logPage(data: { serviceName: string; viewer: Viewer; entries: AuditRow[]; names: AuditNames }): string {
  const rows = data.entries.map(
    (e) =>
      html`<tr>
        <td class="num">${formatTime(e.at)}</td>
        <td>${auditActor(e)}</td>
        <td>${auditActionLabel(e.action)}</td>
        <td>${auditTarget(e, data.names)}</td>
        <td class="small">${auditDetail(e)}</td>
      </tr>`,
  );
  const body = html`<section class="card">
    <h1>中心操作记录</h1>
    <p class="muted small">最近 ${data.entries.length} 条，最新的在前；时间为大厅时间（北京时间）。</p>
    ${dataTable(['时间', '操作人', '操作', '对象', '内容'], rows, '暂无记录')}
  </section>`;
  return layout({ serviceName: data.serviceName, title: '操作记录', viewer: data.viewer, body, active: 'log' });
}
