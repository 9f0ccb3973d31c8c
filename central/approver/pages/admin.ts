import type { RatingRefusalCounts, RatingSummary } from '../../service/ratings';
import { ratingRefusalReasons } from '../../service/ratings';
import { formatTime, html, type SafeHtml } from '../html';
import type { Translator } from '../i18n';
import { anomalyDetail } from './audit-labels';
import {
  csrfField,
  dataTable,
  labelOf,
  layout,
  messageBoxes,
  type AnomalyRow,
  type Ui,
  type Viewer,
  type WorkstationRow,
} from './layout';

function windowText(ui: Translator, ws: WorkstationRow): string {
  return ui.t('common.districtWindow', { district: ws.districtCode, number: ws.windowNumber });
}

function workstationName(ui: Translator, ws: WorkstationRow | undefined, id: string): SafeHtml {
  return ws
    ? html`${windowText(ui, ws)}
        <div class="muted small">${ws.hallName} · ${ws.hostname}</div>`
    : html`<span class="num small">${id}</span>`;
}

export interface AdminPageData {
  ui: Ui;
  serviceName: string;
  viewer: Viewer;
  created: { code: string; expiresAt: string; note: string } | null;
  note: string;
  error: string | null;
  notice: string | null;
  workstations: WorkstationRow[];
  anomalies: AnomalyRow[];
  /** The 好差评 export form's dates (the hall's current month unless chosen) and that range's figures. */
  ratingRange: { from: string; to: string };
  ratingSummary: RatingSummary;
  /** The rating page's refusals in that range, by reason. */
  refusals: RatingRefusalCounts;
}

/** The range's ratings, and the rating page's refusals by reason (docs/ratings.md). */
function ratingFigures(data: AdminPageData): SafeHtml {
  const { ui, ratingRange, ratingSummary, refusals } = data;
  return html`<p>
      ${ui.t('admin.ratings.figures', {
        from: ratingRange.from,
        to: ratingRange.to,
        total: ratingSummary.total,
        bad: ratingSummary.bad,
      })}
    </p>
    <h3 id="refusals">${ui.t('admin.refusals', { total: refusals.total })}</h3>
    <table aria-labelledby="refusals" style="max-width:560px">
      <thead>
        <tr>
          <th>${ui.t('admin.refusals.col.reason')}</th>
          <th>${ui.t('admin.refusals.col.count')}</th>
        </tr>
      </thead>
      <tbody>
        ${ratingRefusalReasons.map(
          (reason) =>
            html`<tr>
              <td>${ui.t(`admin.refusal.${reason}`)}</td>
              <td class="num">${refusals[reason]}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="muted small">${ui.t('admin.refusals.hint')}</p>`;
}

export function adminPage(data: AdminPageData): string {
  const { ui } = data;
  const byId = new Map(data.workstations.map((w) => [w.id, w]));
  const created = data.created
    ? html`<div class="notice">
        <div>${ui.t('admin.codeCreated', { note: data.created.note })}</div>
        <div class="code">${data.created.code}</div>
        <div>
          ${ui.t('admin.codeValid', { time: formatTime(data.created.expiresAt) })}<b>${ui.t('admin.codeOnce')}</b>${ui.t('admin.codeTell')}
        </div>
      </div>`
    : '';
  const workstations = data.workstations.map(
    (w) =>
      html`<tr>
        <td>${windowText(ui, w)}</td>
        <td>${w.hallName}</td>
        <td class="num">${w.hostname}</td>
        <td class="num">${w.appVersion ?? '—'}</td>
        <td class="num">${formatTime(w.enrolledAt)}</td>
        <td class="num">${formatTime(w.lastSeenAt)}</td>
        <td>
          ${
            w.revokedAt
              ? html`<span class="badge st-denied">${ui.t('admin.revoked')}</span>
                  <span class="small muted">${formatTime(w.revokedAt)}</span>`
              : html`<span class="badge st-approved">${ui.t('admin.active')}</span>`
          }
        </td>
        <td>
          ${
            w.revokedAt
              ? ''
              : html`<form method="post" action="/approver/admin/workstations/${w.id}/revoke" class="row">
                  ${csrfField(data.viewer)}<label class="small"
                    ><input type="checkbox" name="confirm" value="yes" required /> ${ui.t('common.confirm')}</label
                  >
                  <button type="submit" class="b danger">${ui.t('admin.revoke')}</button>
                </form>`
          }
        </td>
      </tr>`,
  );
  const anomalies = data.anomalies.map(
    (a) =>
      html`<tr>
        <td>${workstationName(ui, byId.get(a.workstationId), a.workstationId)}</td>
        <td class="num">${a.sequence}</td>
        <td><span class="badge st-denied">${labelOf(ui, 'admin.anomaly', a.status)}</span></td>
        <td>${anomalyDetail(ui, a.detail)}</td>
        <td class="num">${formatTime(a.receivedAt)}</td>
      </tr>`,
  );
  const body = html`${messageBoxes(data.error, data.notice)}
    <section class="card">
      <h2>${ui.t('admin.codes')}</h2>
      ${created}
      <form method="post" action="/approver/admin/enrolment-codes" class="row">
        ${csrfField(data.viewer)}
        <label for="note" class="muted" style="white-space:nowrap">${ui.t('admin.note')}</label>
        <input
          type="text"
          id="note"
          name="note"
          value="${data.note}"
          maxlength="100"
          placeholder="${ui.t('admin.notePlaceholder')}"
          required
          style="max-width:360px"
        />
        <button type="submit" class="b primary" style="white-space:nowrap">${ui.t('admin.createCode')}</button>
      </form>
      <p class="muted small">${ui.t('admin.codeHint')}</p>
    </section>
    <section class="card">
      <h2>${ui.t('admin.workstations', { count: data.workstations.length })}</h2>
      ${dataTable(
        [
          ui.t('admin.col.window'),
          ui.t('admin.col.hall'),
          ui.t('admin.col.hostname'),
          ui.t('admin.col.version'),
          ui.t('admin.col.enrolled'),
          ui.t('admin.col.lastSeen'),
          ui.t('admin.col.state'),
          '',
        ],
        workstations,
        ui.t('admin.noWorkstations'),
      )}
    </section>
    <section class="card">
      <h2>${ui.t('admin.anomalies', { count: data.anomalies.length })}</h2>
      ${dataTable(
        [
          ui.t('admin.col.workstation'),
          ui.t('admin.col.sequence'),
          ui.t('admin.col.anomaly'),
          ui.t('admin.col.detail'),
          ui.t('admin.col.time'),
        ],
        anomalies,
        ui.t('admin.noAnomalies'),
      )}
    </section>
    <section class="card" id="ratings">
      <h2>${ui.t('admin.ratings')}</h2>
      <form method="get" action="/approver/ratings/export" class="row">
        <label for="ratings-from" class="muted" style="white-space:nowrap">${ui.t('admin.ratings.from')}</label>
        <input
          type="date"
          id="ratings-from"
          name="from"
          value="${data.ratingRange.from}"
          required
          style="max-width:180px"
        />
        <label for="ratings-to" class="muted" style="white-space:nowrap">${ui.t('admin.ratings.to')}</label>
        <input type="date" id="ratings-to" name="to" value="${data.ratingRange.to}" required style="max-width:180px" />
        <button type="submit" formaction="/approver/admin#ratings" class="b" style="white-space:nowrap">
          ${ui.t('admin.ratings.show')}
        </button>
        <button type="submit" name="format" value="jsonl" class="b" style="white-space:nowrap">
          ${ui.t('admin.ratings.jsonl')}
        </button>
        <button type="submit" name="format" value="csv" class="b primary" style="white-space:nowrap">
          ${ui.t('admin.ratings.csv')}
        </button>
      </form>
      <p class="muted small">${ui.t('admin.ratings.hint')}</p>
      ${ratingFigures(data)}
    </section>
    <p class="muted small">
      ${ui.t('admin.seeLog')}<a href="/approver/log">${ui.t('nav.log')}</a>${ui.t('admin.seePeople')}<a
        href="/approver/people"
        >${ui.t('nav.people')}</a
      >${ui.t('admin.seeEnd')}
    </p>`;
  return layout({
    ui,
    serviceName: data.serviceName,
    title: ui.t('admin.title'),
    viewer: data.viewer,
    body,
    active: 'admin',
  });
}
