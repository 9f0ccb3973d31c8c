import { formatTime, html, type SafeHtml } from '../html';
import {
  csrfField,
  dataTable,
  layout,
  messageBoxes,
  type AnomalyRow,
  type Viewer,
  type WorkstationRow,
} from './layout';

const anomalyLabels: Record<string, string> = { cut_short: '审计记录被截短', rewritten: '审计记录被改写' };

function workstationName(ws: WorkstationRow | undefined, id: string): SafeHtml {
  return ws
    ? html`${ws.districtCode} · ${ws.windowNumber} 号窗口
        <div class="muted small">${ws.hallName} · ${ws.hostname}</div>`
    : html`<span class="num small">${id}</span>`;
}

export interface AdminPageData {
  serviceName: string;
  viewer: Viewer;
  created: { code: string; expiresAt: string; note: string } | null;
  note: string;
  error: string | null;
  notice: string | null;
  workstations: WorkstationRow[];
  anomalies: AnomalyRow[];
}

export function adminPage(data: AdminPageData): string {
  const byId = new Map(data.workstations.map((w) => [w.id, w]));
  const created = data.created
    ? html`<div class="notice">
        <div>新的注册码（${data.created.note}）：</div>
        <div class="code">${data.created.code}</div>
        <div>
          有效期至
          ${formatTime(data.created.expiresAt)}，只能使用一次。<b>此码只显示这一次</b>：请抄下或当面告知窗口，在工作站“设置
          → 中心”中输入。
        </div>
      </div>`
    : '';
  const workstations = data.workstations.map(
    (w) =>
      html`<tr>
        <td>${w.districtCode} · ${w.windowNumber} 号窗口</td>
        <td>${w.hallName}</td>
        <td class="num">${w.hostname}</td>
        <td class="num">${w.appVersion ?? '—'}</td>
        <td class="num">${formatTime(w.enrolledAt)}</td>
        <td class="num">${formatTime(w.lastSeenAt)}</td>
        <td>
          ${w.revokedAt ? html`<span class="badge st-denied">已吊销</span> <span class="small muted">${formatTime(w.revokedAt)}</span>` : html`<span class="badge st-approved">正常</span>`}
        </td>
        <td>
          ${
            w.revokedAt
              ? ''
              : html`<form method="post" action="/approver/admin/workstations/${w.id}/revoke" class="row">
                  ${csrfField(data.viewer)}<label class="small"
                    ><input type="checkbox" name="confirm" value="yes" required /> 确认</label
                  >
                  <button type="submit" class="b danger">吊销</button>
                </form>`
          }
        </td>
      </tr>`,
  );
  const anomalies = data.anomalies.map(
    (a) =>
      html`<tr>
        <td>${workstationName(byId.get(a.workstationId), a.workstationId)}</td>
        <td class="num">${a.sequence}</td>
        <td><span class="badge st-denied">${anomalyLabels[a.status] ?? a.status}</span></td>
        <td>${a.detail}</td>
        <td class="num">${formatTime(a.receivedAt)}</td>
      </tr>`,
  );
  const body = html`${messageBoxes(data.error, data.notice)}
    <section class="card">
      <h2>工作站注册码</h2>
      ${created}
      <form method="post" action="/approver/admin/enrolment-codes" class="row">
        ${csrfField(data.viewer)}
        <label for="note" class="muted" style="white-space:nowrap">用途</label>
        <input
          type="text"
          id="note"
          name="note"
          value="${data.note}"
          maxlength="100"
          placeholder="如：张店区市民中心 3 号窗口"
          required
          style="max-width:360px"
        />
        <button type="submit" class="b primary">生成一次性注册码</button>
      </form>
      <p class="muted small">注册码 24 小时内有效，只能使用一次；中心只保存它的摘要。</p>
    </section>
    <section class="card">
      <h2>工作站（${data.workstations.length}）</h2>
      ${dataTable(
        ['窗口', '大厅', '主机名', '版本', '注册时间', '最近联系', '状态', ''],
        workstations,
        '尚无注册的工作站',
      )}
    </section>
    <section class="card">
      <h2>审计记录异常（${data.anomalies.length}）</h2>
      ${dataTable(['工作站', '序号', '异常', '说明', '时间'], anomalies, '未发现异常')}
    </section>
    <p class="muted small">
      谁在何时做了什么，见<a href="/approver/log">操作记录</a>；审批人和管理员的账户，见<a href="/approver/people"
        >人员</a
      >。
    </p>`;
  return layout({ serviceName: data.serviceName, title: '管理', viewer: data.viewer, body, active: 'admin' });
}
