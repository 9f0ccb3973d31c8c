import { expect, screenshot, test } from './support/fixtures';
import { WorkstationPage } from './pages/workstation';
import { activityReportMs } from '../preload/contract/channels/session';

const admin = { username: 'admin', displayName: '王主任', password: 'Admin#2026x' };
const clerk = { username: 'zhangsan', displayName: '张三', password: 'Clerk#2026a' };
const clerkOwnPassword = 'Clerk#2026b';

// The host on a test clock the spec can move ahead: main keeps the idle lock.
test.use({ hostArgs: ['--clock-start', new Date().toISOString()], hostEnv: { YICHUANG_E2E: '1' } });

test('first run → admin → clerk → idle lock → unlock → lockout → audit trail verified', async ({ page, host }) => {
  test.setTimeout(120_000); // the screen's last activity report has to go before main's clock moves
  const ws = new WorkstationPage(page);
  await page.goto(host.url);

  await screenshot(page, 'first-run');
  await ws.firstRun(admin, { windowNumber: 3 });
  await expect(page.getByTestId('status-user')).toContainText('王主任 · 管理员');
  await expect(page.getByTestId('status-window')).toContainText('张店区市民中心 · 3 号窗口');
  await expect(page.getByTestId('status-connection')).toContainText('已连接');
  // The administrator's home says where to go, and promises nothing that does not exist (叫号 did).
  await expect(page.getByTestId('workbench')).toContainText('人员');
  await expect(page.getByTestId('workbench')).not.toContainText('叫号');
  await screenshot(page, 'workbench-admin');

  await ws.createStaff(clerk, '窗口受理员', 3);
  await screenshot(page, 'staff');
  await ws.signOut();
  await screenshot(page, 'sign-in');

  // The clerk signs in with the temporary password and must set their own first.
  await ws.signIn(clerk.username, clerk.password);
  await expect(page.getByText('您正在使用管理员设置的临时密码')).toBeVisible();
  await screenshot(page, 'change-password');
  await ws.changePassword(clerk.password, clerkOwnPassword);
  // A clerk's workbench is the intake screen.
  await expect(page.getByTestId('intake')).toBeVisible();
  await expect(page.getByTestId('status-user')).toContainText('张三 · 窗口受理员');
  // A clerk's menu has no staff or audit screens.
  await expect(page.getByTestId('nav-cases')).toBeVisible();
  await expect(page.getByTestId('nav-staff')).toHaveCount(0);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);

  // Ten idle minutes on main's clock lock the workstation (after the screen's last activity report
  // has gone); the work behind the lock is not shown.
  await page.waitForTimeout(activityReportMs + 1_000);
  await host.advanceClock(10 * 60_000 + 5_000);
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  // The work behind the lock is hidden from assistive tech and cannot be focused or clicked.
  await expect(page.locator('.shell')).toHaveAttribute('aria-hidden', 'true');
  await expect(page.locator('.shell')).toHaveAttribute('inert', /.*/);
  await screenshot(page, 'lock-screen');
  await page.getByTestId('unlock-password').fill('wrong-Password1');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-error')).toContainText('用户名或密码错误');
  await page.getByTestId('unlock-password').fill(clerkOwnPassword);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect(page.getByTestId('intake')).toBeVisible();
  await ws.signOut();

  // Five wrong passwords lock the account (the failed unlock above was reset by the good one).
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await ws.signIn(clerk.username, `Wrong#pass${attempt}`);
    await expect(page.getByTestId('sign-in-error')).toContainText(`再错 ${5 - attempt} 次`);
  }
  await ws.signIn(clerk.username, 'Wrong#pass5');
  await expect(page.getByTestId('sign-in-error')).toContainText('账号已锁定');
  // Even the right password is refused while the lockout lasts.
  await ws.signIn(clerk.username, clerkOwnPassword);
  await expect(page.getByTestId('sign-in-error')).toContainText('账号已锁定');
  await screenshot(page, 'account-locked');

  // The admin sees all of it in the audit trail, and the chain verifies.
  await ws.signIn(admin.username, admin.password);
  await ws.open('audit');
  await expect(page.getByTestId('audit-verification')).toContainText('审计链校验通过');
  const table = page.getByTestId('audit-table');
  await expect(table.getByRole('row').filter({ hasText: '账号锁定' }).filter({ hasText: 'zhangsan' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: '锁定工作台' }).filter({ hasText: 'idle' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: '解锁工作台' }).filter({ hasText: '失败' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: '新建人员' }).filter({ hasText: 'zhangsan' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: '修改密码' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: '初始化工作台' })).toHaveCount(1);
  // A refusal reads as the headline of the message the clerk saw, not its code.
  const failedSignIns = table.getByRole('row').filter({ hasText: '登录' }).filter({ hasText: '用户名或密码错误' });
  await expect(failedSignIns).toHaveCount(4);
  await expect(
    table.getByRole('row').filter({ hasText: '登录' }).filter({ hasText: '失败' }).filter({ hasText: '账号已锁定' }),
  ).toHaveCount(2);
  await screenshot(page, 'audit');
});

test('a WebSocket without the token is refused; with it, it opens', async ({ page, host }) => {
  await page.goto(host.url);
  const port = new URL(host.origin).port;
  const attempt = (query: string) =>
    page.evaluate(
      ([p, q]) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(`ws://127.0.0.1:${p}/ws${q}`);
          socket.onopen = () => {
            socket.close();
            resolve('open');
          };
          socket.onerror = () => resolve('refused');
        }),
      [port, query] as const,
    );
  expect(await attempt('')).toBe('refused');
  expect(await attempt('?token=not-the-token')).toBe('refused');
  expect(await attempt(`?token=${encodeURIComponent(host.token)}`)).toBe('open');
});

test('shortcuts overlay, English UI and settings', async ({ page, host }) => {
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.firstRun(admin, { windowNumber: 5 });

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog').getByText('立即锁定工作台')).toBeVisible();
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');

  // Each screen has the same Alt+N in every role: 设置 is Alt+7, 审计日志 Alt+6.
  await page.keyboard.press('Alt+7');
  await expect(page.getByTestId('settings')).toBeVisible();
  // A hall service across the network in plain http is refused under its field, nothing else lost.
  const hallUrl = page.getByTestId('settings-hall-url');
  await page.getByTestId('settings-idle').fill('15');
  await hallUrl.fill('http://10.0.0.8:8710');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('.ant-form-item', { has: hallUrl })).toContainText('大厅服务地址须以 https:// 开头');
  await hallUrl.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-hall-url');
  await expect(page.getByTestId('settings-idle')).toHaveValue('15');
  await hallUrl.fill('');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await screenshot(page, 'settings');

  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByTestId('nav-settings')).toContainText('Settings');
  await expect(page.getByTestId('status-user')).toContainText('Administrator');
  await screenshot(page, 'settings-english');

  await page.keyboard.press('Alt+6');
  // The change reads as words: the setting's label and its old and new values, not a key and JSON.
  await expect(page.getByTestId('audit-table').getByRole('row').filter({ hasText: 'Change settings' })).toContainText(
    'Lock after idle (minutes) 10 → 15',
  );

  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('lock-screen')).toContainText('Workstation locked');
  // A refusal is said in the clerk's language, from the error catalog, with its numbers filled in.
  await page.getByTestId('unlock-password').fill('Wrong#1xyz');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-error')).toHaveText(
    'Wrong username or password: 4 more wrong tries lock the account for 15 minutes',
  );
  await screenshot(page, 'unlock-error-english');
});
