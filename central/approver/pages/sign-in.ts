import { html } from '../html';
import { layout, messageBoxes, type Viewer } from './layout';

export function signInPage(data: {
  serviceName: string;
  error: string | null;
  username: string;
  next: string;
  noPeople: boolean;
}): string {
  const body = html`<div class="signin card">
    <h1>审批人登录</h1>
    <p class="muted small">${data.serviceName}</p>
    ${messageBoxes(data.error, null)}
    ${
      data.noPeople
        ? html`<div class="hint">
            尚无任何账户。请在中心服务器上运行
            <code>npm run central -- add-person --username admin --name 管理员 --role admin --password …</code>
            创建第一位管理员（密码至少 10 位），再用它登录。
          </div>`
        : ''
    }
    <form method="post" action="/approver/sign-in">
      <input type="hidden" name="next" value="${data.next}" />
      <label for="username">用户名</label>
      <input
        type="text"
        id="username"
        name="username"
        value="${data.username}"
        autocomplete="username"
        required
        autofocus
      />
      <label for="password">密码</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required />
      <div class="btns"><button type="submit" class="b primary">登录</button></div>
    </form>
  </div>`;
  return layout({ serviceName: data.serviceName, title: '登录', viewer: null, body });
}

/** A page that only says something (403, 404, 500). */
export function messagePage(data: {
  serviceName: string;
  viewer: Viewer | null;
  title: string;
  message: string;
}): string {
  const body = html`<section class="card">
    <h1>${data.title}</h1>
    <p>${data.message}</p>
    <p><a href="/approver">返回队列</a></p>
  </section>`;
  return layout({ serviceName: data.serviceName, title: data.title, viewer: data.viewer, body });
}
