import type { PersonEntry } from '../../service/people';
import { formatTime, html, type SafeHtml } from '../html';
import { csrfField, dataTable, layout, messageBoxes, roleLabels, type Viewer } from './layout';

/** 人员: the approvers and administrators, adding one; and one person's page (department, password, disable). */

export interface NewPersonFields {
  username: string;
  displayName: string;
  role: string;
  department: string;
}
export const emptyNewPerson: NewPersonFields = { username: '', displayName: '', role: 'approver', department: '' };

/** A password central made, shown on this one answer and nowhere else (never in a URL, a log or the trail). */
export interface ShownPassword {
  username: string;
  password: string;
}

const departmentHint = '留空表示全部部门（管理员通常留空）';
const passwordHint = '至少 10 位；留空则由中心生成一个，只显示一次';

function status(p: PersonEntry): SafeHtml {
  return p.disabledAt
    ? html`<span class="badge st-denied">已停用</span> <span class="small muted">${formatTime(p.disabledAt)}</span>`
    : html`<span class="badge st-approved">可登录</span>`;
}

function departmentList(departments: readonly string[]): SafeHtml {
  return html`<datalist id="departments">${departments.map((d) => html`<option value="${d}"></option>`)}</datalist>`;
}

function passwordBox(shown: ShownPassword | null): SafeHtml | '' {
  if (!shown) return '';
  return html`<div class="notice" role="status">
    <div>${shown.username} 的密码：</div>
    <div class="code">${shown.password}</div>
    <div><b>此密码只显示这一次</b>：请当面交给本人；中心只保存它的摘要，离开本页后无法再查看。</div>
  </div>`;
}

const passwordInput = html`<input
  type="password"
  id="password"
  name="password"
  autocomplete="new-password"
  aria-describedby="password-hint"
/>`;

function departmentInput(value: string): SafeHtml {
  return html`<input
    type="text"
    id="department"
    name="department"
    value="${value}"
    maxlength="60"
    list="departments"
    autocomplete="off"
    aria-describedby="department-hint"
  />`;
}

function field(id: string, label: string, control: SafeHtml, hint?: string): SafeHtml {
  return html`<div class="field">
    <label for="${id}">${label}</label
    >${control}${hint ? html`<div class="muted small" id="${id}-hint">${hint}</div>` : ''}
  </div>`;
}

export function peoplePage(data: {
  serviceName: string;
  viewer: Viewer;
  people: PersonEntry[];
  departments: readonly string[];
  typed: NewPersonFields;
  error: string | null;
  notice: string | null;
}): string {
  const rows = data.people.map(
    (p) =>
      html`<tr>
        <td class="num">${p.username}</td>
        <td>${p.displayName}</td>
        <td>${roleLabels[p.role]}</td>
        <td>${p.department || html`<span class="muted">全部部门</span>`}</td>
        <td>${status(p)}</td>
        <td class="num">${formatTime(p.createdAt)}</td>
        <td><a href="/approver/people/${p.id}" aria-label="管理 ${p.displayName}（${p.username}）">管理</a></td>
      </tr>`,
  );
  const t = data.typed;
  const body = html`<h1 class="page-title">人员</h1>
    ${messageBoxes(data.error, data.notice)}
    <section class="card">
      <h2>审批人和管理员（${data.people.length}）</h2>
      ${dataTable(['用户名', '姓名', '角色', '部门', '状态', '添加时间', '操作'], rows, '尚无人员')}
    </section>
    <section class="card">
      <h2>添加人员</h2>
      <form method="post" action="/approver/people" class="grid-form">
        ${csrfField(data.viewer)}
        ${field(
          'username',
          '用户名',
          html`<input
            type="text"
            id="username"
            name="username"
            value="${t.username}"
            maxlength="40"
            required
            autocomplete="off"
            aria-describedby="username-hint"
          />`,
          '2–40 位小写字母、数字、点、下划线或连字符，如 li.na',
        )}
        ${field(
          'displayName',
          '姓名',
          html`<input
            type="text"
            id="displayName"
            name="displayName"
            value="${t.displayName}"
            maxlength="40"
            required
            autocomplete="off"
          />`,
        )}
        ${field(
          'role',
          '角色',
          html`<select id="role" name="role">
            <option value="approver" ${t.role === 'admin' ? '' : 'selected'}>审批人</option>
            <option value="admin" ${t.role === 'admin' ? 'selected' : ''}>管理员</option>
          </select>`,
        )}
        ${field('department', '部门', departmentInput(t.department), departmentHint)}
        ${field('password', '初始密码', passwordInput, passwordHint)}
        <div class="btns"><button type="submit" class="b primary">添加</button></div>
      </form>
      ${departmentList(data.departments)}
    </section>`;
  return layout({ serviceName: data.serviceName, title: '人员', viewer: data.viewer, body, active: 'people' });
}

export function personPage(data: {
  serviceName: string;
  viewer: Viewer;
  person: PersonEntry;
  departments: readonly string[];
  /** The department as typed, when a change was refused. */
  department: string;
  shown: ShownPassword | null;
  error: string | null;
  notice: string | null;
}): string {
  const p = data.person;
  const self = p.id === data.viewer.person.id;
  const base = `/approver/people/${p.id}`;
  const account = p.disabledAt
    ? html`<p>该账户已停用，不能登录。启用后可用原密码登录（如有需要请同时重置密码）。</p>
        <form method="post" action="${base}/enable">
          ${csrfField(data.viewer)}<button type="submit" class="b primary">启用账户</button>
        </form>`
    : self
      ? html`<p class="muted">不能停用自己正在使用的账户。</p>`
      : html`<p>停用后该人员不能再登录，已登录的会话在下一次操作时结束；其审批记录保留。</p>
          <form method="post" action="${base}/disable" class="row">
            ${csrfField(data.viewer)}<label class="small"
              ><input type="checkbox" name="confirm" value="yes" required /> 确认停用</label
            >
            <button type="submit" class="b danger">停用账户</button>
          </form>`;
  const body = html`<p class="small"><a href="/approver/people">← 返回人员列表</a></p>
    <section class="card">
      <div class="head">
        <h1>${p.displayName}</h1>
        <span class="num muted">${p.username}</span><span>${roleLabels[p.role]}</span>${status(p)}
      </div>
      <div class="muted small">添加于 ${formatTime(p.createdAt)}</div>
    </section>
    ${messageBoxes(data.error, data.notice)}${passwordBox(data.shown)}
    <div class="cols3">
      <section class="card">
        <h2>部门</h2>
        <form method="post" action="${base}/department">
          ${csrfField(data.viewer)}
          ${field(
            'department',
            '审批部门',
            departmentInput(data.department),
            `${departmentHint}。审批人只看到并审批本部门的办件。`,
          )}
          <div class="btns"><button type="submit" class="b primary">保存部门</button></div>
        </form>
        ${departmentList(data.departments)}
      </section>
      <section class="card">
        <h2>重置密码</h2>
        <form method="post" action="${base}/password">
          ${csrfField(data.viewer)}
          ${field('password', '新密码', passwordInput, `${passwordHint}。重置后该人员已登录的会话全部结束。`)}
          <div class="btns"><button type="submit" class="b">重置密码</button></div>
        </form>
      </section>
      <section class="card">
        <h2>账户</h2>
        ${account}
      </section>
    </div>`;
  return layout({
    serviceName: data.serviceName,
    title: `${p.displayName} · 人员`,
    viewer: data.viewer,
    body,
    active: 'people',
  });
}
