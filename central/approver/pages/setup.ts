import { html } from '../html';
import { layout, messageBoxes, type Ui } from './layout';
import { usernameField } from './sign-in';

/** The first administrator: the one-time setup token, a user name and a password twice (the setup page). */
export function setupPage(data: { ui: Ui; serviceName: string; error: string | null; username: string }): string {
  const { ui } = data;
  const body = html`<div class="signin card">
    <h1>${ui.t('setup.title')}</h1>
    <p class="muted small">${data.serviceName}</p>
    ${messageBoxes(data.error, null)}
    <p class="small">${ui.t('setup.intro')}</p>
    <form method="post" action="/approver/setup">
      <label for="token">${ui.t('setup.token')}</label>
      <input type="password" id="token" name="token" autocomplete="off" required autofocus />
      ${usernameField(ui.t('setup.username'), data.username, false)}
      <label for="password">${ui.t('setup.password')}</label>
      <input type="password" id="password" name="password" autocomplete="new-password" required minlength="10" />
      <label for="again">${ui.t('setup.again')}</label>
      <input type="password" id="again" name="again" autocomplete="new-password" required minlength="10" />
      <div class="btns"><button type="submit" class="b primary">${ui.t('setup.submit')}</button></div>
    </form>
  </div>`;
  return layout({ ui, serviceName: data.serviceName, title: ui.t('setup.pageTitle'), viewer: null, body });
}
