import { formatTime, html } from '../html';
import { auditActionLabel, auditActor, auditDetail, auditTarget, type AuditNames } from './audit-labels';
import { dataTable, layout, type AuditRow, type Ui, type Viewer } from './layout';

/** 操作记录: central's own trail, newest first, in words (what, on which case or window, the detail in a line). */
export function logPage(data: {
  ui: Ui;
  serviceName: string;
  viewer: Viewer;
  entries: AuditRow[];
  names: AuditNames;
}): string {
  const { ui } = data;
  const rows = data.entries.map(
    (e) =>
      html`<tr>
        <td class="num">${formatTime(e.at)}</td>
        <td>${auditActor(ui, e)}</td>
        <td>${auditActionLabel(ui, e.action)}</td>
        <td>${auditTarget(ui, e, data.names)}</td>
        <td class="small">${auditDetail(ui, e)}</td>
      </tr>`,
  );
  const body = html`<section class="card">
    <h1>${ui.t('log.heading')}</h1>
    <p class="muted small">${ui.t('log.summary', { count: data.entries.length })}</p>
    ${dataTable(
      [
        ui.t('log.col.time'),
        ui.t('log.col.actor'),
        ui.t('log.col.action'),
        ui.t('log.col.target'),
        ui.t('log.col.detail'),
      ],
      rows,
      ui.t('log.empty'),
    )}
  </section>`;
  return layout({
    ui,
    serviceName: data.serviceName,
    title: ui.t('log.title'),
    viewer: data.viewer,
    body,
    active: 'log',
  });
}
