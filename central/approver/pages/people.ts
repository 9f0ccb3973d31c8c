import type { PersonEntry } from '../../service/people';
import { formatTime, html, type SafeHtml } from '../html';
import type { Translator } from '../i18n';
import { csrfField, dataTable, layout, messageBoxes, roleLabel, type Ui, type Viewer } from './layout';

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

function status(ui: Translator, p: PersonEntry): SafeHtml {
  return p.disabledAt
    ? html`<span class="badge st-denied">${ui.t('people.disabled')}</span>
        <span class="small muted">${formatTime(p.disabledAt)}</span>`
    : html`<span class="badge st-approved">${ui.t('people.active')}</span>`;
}

function departmentList(departments: readonly string[]): SafeHtml {
  return html`<datalist id="departments">${departments.map((d) => html`<option value="${d}"></option>`)}</datalist>`;
}

function passwordBox(ui: Translator, shown: ShownPassword | null): SafeHtml | '' {
  if (!shown) return '';
  return html`<div class="notice" role="status">
    <div>${ui.t('people.shownFor', { username: shown.username })}</div>
    <div class="code">${shown.password}</div>
    <div><b>${ui.t('people.shownOnce')}</b>${ui.t('people.shownTell')}</div>
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
  ui: Ui;
  serviceName: string;
  viewer: Viewer;
  people: PersonEntry[];
  departments: readonly string[];
  typed: NewPersonFields;
  error: string | null;
  notice: string | null;
}): string {
  const { ui } = data;
  const rows = data.people.map(
    (p) =>
      html`<tr>
        <td class="num">${p.username}</td>
        <td>${p.displayName}</td>
        <td>${roleLabel(ui, p.role)}</td>
        <td>${p.department || html`<span class="muted">${ui.t('common.allDepartments')}</span>`}</td>
        <td>${status(ui, p)}</td>
        <td class="num">${formatTime(p.createdAt)}</td>
        <td>
          <a
            href="/approver/people/${p.id}"
            aria-label="${ui.t('people.manageLabel', { name: p.displayName, username: p.username })}"
            >${ui.t('people.manage')}</a
          >
        </td>
      </tr>`,
  );
  const t = data.typed;
  const body = html`<h1 class="page-title">${ui.t('people.title')}</h1>
    ${messageBoxes(data.error, data.notice)}
    <section class="card">
      <h2>${ui.t('people.list', { count: data.people.length })}</h2>
      ${dataTable(
        [
          ui.t('people.col.username'),
          ui.t('people.col.name'),
          ui.t('people.col.role'),
          ui.t('people.col.department'),
          ui.t('people.col.state'),
          ui.t('people.col.added'),
          ui.t('people.col.action'),
        ],
        rows,
        ui.t('people.none'),
      )}
    </section>
    <section class="card">
      <h2>${ui.t('people.add')}</h2>
      <form method="post" action="/approver/people" class="grid-form">
        ${csrfField(data.viewer)}
        ${field(
          'username',
          ui.t('people.username'),
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
          ui.t('people.usernameHint'),
        )}
        ${field(
          'displayName',
          ui.t('people.name'),
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
          ui.t('people.role'),
          html`<select id="role" name="role">
            <option value="approver" ${t.role === 'admin' ? '' : 'selected'}>${roleLabel(ui, 'approver')}</option>
            <option value="admin" ${t.role === 'admin' ? 'selected' : ''}>${roleLabel(ui, 'admin')}</option>
          </select>`,
        )}
        ${field('department', ui.t('people.department'), departmentInput(t.department), ui.t('people.departmentHint'))}
        ${field('password', ui.t('people.initialPassword'), passwordInput, ui.t('people.passwordHint'))}
        <div class="btns"><button type="submit" class="b primary">${ui.t('people.addButton')}</button></div>
      </form>
      ${departmentList(data.departments)}
    </section>`;
  return layout({
    ui,
    serviceName: data.serviceName,
    title: ui.t('people.title'),
    viewer: data.viewer,
    body,
    active: 'people',
  });
}

export function personPage(data: {
  ui: Ui;
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
  const { ui } = data;
  const p = data.person;
  const self = p.id === data.viewer.person.id;
  const base = `/approver/people/${p.id}`;
  const account = p.disabledAt
    ? html`<p>${ui.t('people.disabledText')}</p>
        <form method="post" action="${base}/enable">
          ${csrfField(data.viewer)}<button type="submit" class="b primary">${ui.t('people.enable')}</button>
        </form>`
    : self
      ? html`<p class="muted">${ui.t('people.cannotDisableSelf')}</p>`
      : html`<p>${ui.t('people.disableText')}</p>
          <form method="post" action="${base}/disable" class="row">
            ${csrfField(data.viewer)}<label class="small"
              ><input type="checkbox" name="confirm" value="yes" required /> ${ui.t('people.confirmDisable')}</label
            >
            <button type="submit" class="b danger">${ui.t('people.disable')}</button>
          </form>`;
  const body = html`<p class="small"><a href="/approver/people">${ui.t('people.back')}</a></p>
    <section class="card">
      <div class="head">
        <h1>${p.displayName}</h1>
        <span class="num muted">${p.username}</span><span>${roleLabel(ui, p.role)}</span>${status(ui, p)}
      </div>
      <div class="muted small">${ui.t('people.addedAt', { time: formatTime(p.createdAt) })}</div>
    </section>
    ${messageBoxes(data.error, data.notice)}${passwordBox(ui, data.shown)}
    <div class="cols3">
      <section class="card">
        <h2>${ui.t('people.departmentSection')}</h2>
        <form method="post" action="${base}/department">
          ${csrfField(data.viewer)}
          ${field(
            'department',
            ui.t('people.approvalDepartment'),
            departmentInput(data.department),
            ui.t('people.departmentScope', { hint: ui.t('people.departmentHint') }),
          )}
          <div class="btns"><button type="submit" class="b primary">${ui.t('people.saveDepartment')}</button></div>
        </form>
        ${departmentList(data.departments)}
      </section>
      <section class="card">
        <h2>${ui.t('people.resetSection')}</h2>
        <form method="post" action="${base}/password">
          ${csrfField(data.viewer)}
          ${field(
            'password',
            ui.t('people.newPassword'),
            passwordInput,
            ui.t('people.resetHint', { hint: ui.t('people.passwordHint') }),
          )}
          <div class="btns"><button type="submit" class="b">${ui.t('people.reset')}</button></div>
        </form>
      </section>
      <section class="card">
        <h2>${ui.t('people.account')}</h2>
        ${account}
      </section>
    </div>`;
  return layout({
    ui,
    serviceName: data.serviceName,
    title: ui.t('people.personTitle', { name: p.displayName }),
    viewer: data.viewer,
    body,
    active: 'people',
  });
}
