import { html, type SafeHtml } from '../html';
import { layout, messageBoxes, type Ui, type Viewer } from './layout';

/** The user-name field of the sign-in and setup forms. */
export function usernameField(label: string, value: string, autofocus: boolean): SafeHtml {
  return html`<label for="username">${label}</label>
    <input
      type="text"
      id="username"
      name="username"
      value="${value}"
      autocomplete="username"
      maxlength="40"
      required
      ${autofocus ? html`autofocus` : ''}
    />`;
}

export function signInPage(data: {
  ui: Ui;
  serviceName: string;
  error: string | null;
  username: string;
  next: string;
  noAdmin: boolean;
}): string {
  const { ui } = data;
  const body = html`<div class="signin card">
    <h1>${ui.t('signIn.title')}</h1>
    <p class="muted small">${data.serviceName}</p>
    ${messageBoxes(data.error, null)}
    ${
      data.noAdmin
        ? html`<div class="hint">
            ${ui.t('signIn.noAdminBefore')} <a href="/approver/setup">${ui.t('signIn.noAdminLink')}</a>
            ${ui.t('signIn.noAdminAfter')}
          </div>`
        : ''
    }
    <form method="post" action="/approver/sign-in">
      <input type="hidden" name="next" value="${data.next}" />
      ${usernameField(ui.t('signIn.username'), data.username, true)}
      <label for="password">${ui.t('signIn.password')}</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <div class="btns"><button type="submit" class="b primary">${ui.t('signIn.submit')}</button></div>
    </form>
  </div>`;
  return layout({ ui, serviceName: data.serviceName, title: ui.t('signIn.pageTitle'), viewer: null, body });
}

/** A page that only says something (403, 404, 500). */
export function messagePage(data: {
  ui: Ui;
  serviceName: string;
  viewer: Viewer | null;
  title: string;
  message: string;
}): string {
  const body = html`<section class="card">
    <h1>${data.title}</h1>
    <p>${data.message}</p>
    <p><a href="/approver">${data.ui.t('common.backToQueue')}</a></p>
  </section>`;
  return layout({ ui: data.ui, serviceName: data.serviceName, title: data.title, viewer: data.viewer, body });
}
